"""Pluggable areas: each module here defines one (see iopdesk/gui/registry.py)."""
