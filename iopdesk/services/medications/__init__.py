"""Medications: the client's medication list, medications for addiction treatment (MAT) included.

Use cases by module:

- ``medication_list``: The medication list: add, correct or stop a medication; the current ones
  for a drug test's "explained by a prescription"; the MAT lines for the aftercare plan.
  use cases: add_medication, edit_medication, list_medications, current_medications,
  mat_follow_up_text
"""
