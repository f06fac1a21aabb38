"""Treatment plans: plans and versions, editing, the library, signing, reviews, printing.

Use cases by module:

- ``editing``: Writing a plan: add, edit, move and remove problems, goals, objectives and
  interventions.
  use cases: add_problem, edit_problem, add_goal, edit_goal, add_objective, edit_objective,
  add_intervention, edit_intervention, move_item, remove_item
- ``library``: The clinic's plan library (reusable problems, goals, objectives, interventions),
  inserting
  use cases: list_library, add_library_item, edit_library_item, set_library_item_active,
  library_choices, suggested_problems
- ``printing``: Printing plans: one version for internal use (the client's own copy and a
  release go through clients.releases, with ``plan_copy``), today's plans in one PDF for
  everyone scheduled, one group or one counselor's clients.
  use cases: print_plan, plan_for_record, batch_choices, batch_choice_for, print_todays_plans
- ``records``: Treatment plans: create a plan for the current episode, open it, its header and
  versions.
  use cases: create_plan, open_plan, reload_plan, edit_header, plan_versions
- ``review_notes``: The progress notes that addressed each objective of a plan since its last
  review.
  use cases: notes_since_review
- ``reviews``: Plan reviews (progress per objective, changes, the next review date) and the
  Today list of
  use cases: record_review, plans_due
- ``signing``: Signing a plan (client, counselor, then clinical supervisor) and revising a
  frozen one.
  use cases: sign_plan, revise_plan
"""
