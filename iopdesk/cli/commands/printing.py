"""``iopdesk print WHAT ...``: print documents to PDF files (each area adds a printer)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

from iopdesk.cli.session import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("print", help="print a document to a PDF file"))
    what = p.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    from iopdesk.cli import printers

    for info in sorted(pkgutil.iter_modules(printers.__path__), key=lambda i: i.name):
        importlib.import_module(f"iopdesk.cli.printers.{info.name}").register(what)
