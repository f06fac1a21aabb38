"""Administration screens: staff, audit log, backups and settings."""
