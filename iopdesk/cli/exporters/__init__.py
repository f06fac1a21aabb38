"""Exporters for ``iopdesk export``: each module defines register(subparsers)."""
