"""``iopdesk export FORMAT ...``: export data for other programs (each area adds a format)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

from iopdesk.cli.session import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("export", help="export data (calendars, lists) to a file"))
    what = p.add_subparsers(dest="format", metavar="FORMAT", required=True)
    from iopdesk.cli import exporters

    for info in sorted(pkgutil.iter_modules(exporters.__path__), key=lambda i: i.name):
        importlib.import_module(f"iopdesk.cli.exporters.{info.name}").register(what)
