"""Printers for ``iopdesk print``: each module defines register(subparsers)."""
