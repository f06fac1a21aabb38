"""Attendance: the session sheet, notes, weekly hours, drug tests, sign-in sheets, letters.

Use cases by module:

- ``drug_tests``: Drug tests: a specimen with results per substance, positives and days since
  the last one.
  use cases: record_drug_test, drug_tests
- ``family_sessions``: Family sessions: which family members and collaterals came, beside the
  clients.
  use cases: family_attendance, record_family_attendance, family_sessions
- ``letters``: The attendance letter for a period (with drug test results when asked), printed
  through clients.releases.
- ``missing_records``: Sessions of the last two weeks still waiting for attendance or notes (for
  Today).
  use cases: missing_attendance
- ``note_objectives``: Plan objectives a progress note addresses: the choices (the client's
  plan in force), the rule, and how a link reads.
  use cases: note_objective_choices
- ``notes``: Session notes: a group note per session, a DAP/BIRP note per present client,
  addenda.
  use cases: session_notes, save_group_note, save_progress_note, delete_progress_note,
  sign_session_notes, add_addendum
- ``session_facts``: Small shared look-ups for the attendance services: sessions, clients,
  names, facilitators.
- ``session_record``: Saving a whole session from the sheet: attendance and notes in one
  transaction.
  use cases: _record_session
- ``sheet``: The attendance sheet of one session: who should be there, who came, minutes
  attended.
  use cases: sheet, save_sheet, remove_entry
- ``signin_sheet``: The paper sign-in sheet of a session, built from the roster (a group's
  session on a date is found first).
  use cases: signin_sheet, group_session_on
- ``weekly_hours``: Weekly hours for every active client, and a client's attendance history with
  rates.
  use cases: weekly_hours, attendance_history
"""
