"""Safety planning: the client's suicide safety plan, versioned and signed, printed for them.

Use cases by module:

- ``records``: Safety plans: write a draft, sign it (then it is frozen), revise a signed one
  into a new version; every version stays readable.
  use cases: open_safety_plan, safety_plan_versions, save_safety_plan, sign_safety_plan,
  revise_safety_plan
- ``printing``: Printing the safety plan for the client (audited, not a disclosure).
  use cases: print_safety_plan
"""
