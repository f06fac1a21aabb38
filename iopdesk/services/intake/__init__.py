"""Intake: assessments, drafts, screenings, signing and the printed summary.

Use cases by module:

- ``assessments``: Intake assessments as the chart reads them: the views, loading the stored
  content, open, list.
  use cases: get_assessment, list_assessments
- ``drafts``: Drafting an intake: start one for the current episode, autosave the form field by
  field.
  use cases: start_assessment, save_draft
- ``printing``: Printing a signed intake: the summary's plain data, rendered and audited in one
  use case.
  use cases: print_intake_summary, signed_assessment_for_record
- ``rescreening``: Re-screening reminders: the screenings the clinic repeats every few weeks that
  are due, for Today and for one client's chart.
  use cases: screenings_due, client_screenings_due
- ``screenings``: Screenings over the episode: record and score them, the safety flag and its
  follow-up,
  use cases: record_screening, record_safety_follow_up, screening_history, latest_findings,
  safety_flag
- ``signing``: Signing an intake (freezing it, admitting the client to IOP) and dated addenda
  after.
  use cases: sign_assessment, add_addendum
"""
