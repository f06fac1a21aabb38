"""Pluggable today_panels: each module here defines one (see iopdesk/gui/registry.py)."""
