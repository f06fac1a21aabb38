"""Discharge and aftercare: the discharge, the aftercare plan, follow-ups, readmission.

Use cases by module:

- ``discharge``: Discharge use cases: the episode's facts, the pre-filled summary, signing, the
  printed summary.
  use cases: discharge_facts, draft_discharge, sign_discharge, get_discharge,
  print_discharge_summary, add_discharge_addendum
- ``drafts``: Autosaved, unsigned discharge and aftercare text, private to the clinician who
  typed it.
  use cases: keep_draft, load_draft, drop_draft
- ``follow_ups``: Follow-up check-ins after discharge: the 30/60/90-day schedule, recording,
  what is due.
  use cases: list_follow_ups, schedule_follow_up, reschedule_follow_up, record_follow_up,
  remove_follow_up, follow_ups_due
- ``overview``: The chart's discharge and aftercare section in one read: episodes, discharge,
  plan.
  use cases: aftercare_overview
- ``plan``: Aftercare plan use cases: write and update the plan, and print it for the client.
  use cases: get_aftercare_plan, save_aftercare_plan, print_aftercare_plan
- ``plan_versions``: After an aftercare plan is final: revise it as a new version, or add a
  dated addendum.
  use cases: new_aftercare_version, add_aftercare_addendum
- ``readmission``: Re-admission: a discharged client returns and a new episode of care begins.
  use cases: readmit
- ``sources``: What discharge needs from the other areas: attendance, screenings, drug tests,
  objectives.
"""
