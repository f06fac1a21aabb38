"""Pluggable chart_tabs: each module here defines one (see iopdesk/gui/registry.py)."""
