"""Administration: sign-in, passwords, staff, backups, the audit log, clinic settings.

Use cases by module:

- ``audit_log``: Reading the audit trail: filter by person, client and dates; export to CSV.
  use cases: search, export_csv
- ``auth``: Signing in: generic failures, per-account lockout with a growing delay, audited
  attempts.
  use cases: change_password
- ``backups``: Backups: consistent online copies, verified after writing, rotated, and
  restorable.
- ``clinic``: The clinic itself: first-run set-up, letterhead facts, and clinic-wide settings.
  use cases: edit_clinic, change_settings
- ``encryption``: Encrypting a clinic made before encryption: convert, verify every table's
  rows, keep the plain copy aside until the administrator confirms, then delete the plain
  copies securely.
  use cases: delete_plain_copies
- ``keys``: The encrypted clinic's key file kept in step with the staff list, and the recovery
  key.
  use cases: new_recovery_key, print_recovery_key
- ``passwords``: Password hashing (argon2id above OWASP's minimum) and the password policy.
- ``staff``: Staff administration: add, edit, reset passwords, deactivate (never delete).
  use cases: add_staff, edit_staff, reset_password, set_active, list_staff
"""
