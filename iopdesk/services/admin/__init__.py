"""Administration: sign-in, passwords, staff, backups, the audit log, clinic settings.

Use cases by module:

- ``audit_log``: Reading the audit trail: filter by person, client and dates; export to CSV.
  use cases: search, export_csv
- ``auth``: Signing in: generic failures, per-account lockout with a growing delay, audited
  attempts.
  use cases: change_password
- ``backup_history``: The backups an administrator can restore (automatic ones and those made
  by hand elsewhere), and the warning when a backup is overdue or the last one failed.
  use cases: list_backups
- ``backup_log``: The record of backup attempts (when, where, verified or failed).
- ``backups``: Backups: consistent online copies, verified after writing, rotated, and
  restorable.
- ``clinic``: The clinic itself: first-run set-up, letterhead facts, and clinic-wide settings.
  use cases: edit_clinic, change_settings
- ``encryption``: Encrypting a clinic made before encryption: convert, verify every table's
  rows, keep the plain copy aside until the administrator confirms, then delete the plain
  copies securely.
  use cases: delete_plain_copies
- ``former_staff_drafts``: Drafts left by former staff: unsigned notes and kept unsaved text
  only their author could continue, listed for a clinical supervisor, who may take one over
  (audited, the former author kept on record).
  use cases: drafts_left_by_former_staff, take_over_draft
- ``keys``: The encrypted clinic's key file kept in step with the staff list, and the recovery
  key.
  use cases: new_recovery_key, print_recovery_key
- ``passwords``: Password hashing (argon2id above OWASP's minimum) and the password policy.
- ``server``: The clinic's PostgreSQL server: set it up as its owner, and say what each
  workstation needs.
- ``server_backups``: Backups of a clinic on a server: ``pg_dump`` verified with ``pg_restore
  --list``, rotated like the file backups, and restored into a new database.
- ``server_connection``: A workstation's connection to the clinic's server: checked by
  connecting, the password kept in the operating system's password store.
- ``server_move``: Moving a clinic from its file onto the clinic's server: every table copied
  and verified, the audit trail's chain checked there, and the file kept read-only as an
  archive.
- ``setup_checklist``: What a new clinic still has to set up (staff, rooms, groups, backups).
  use cases: setup_checklist
- ``staff``: Staff administration: add, edit, reset passwords, deactivate (never delete).
  use cases: add_staff, edit_staff, reset_password, set_active, list_staff
"""
