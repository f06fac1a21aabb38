"""Use cases: every transaction, permission check, audit row and validation lives here."""
