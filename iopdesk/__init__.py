"""IOPdesk: offline records for Intensive Outpatient Programs in addiction recovery."""

__version__ = "0.1.0"
APP_NAME = "IOPdesk"
