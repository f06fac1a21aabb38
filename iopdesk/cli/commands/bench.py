"""``iopdesk bench``: the speed and size budgets of QUALITY.md, measured."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from iopdesk.cli.session import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("bench", help="measure every screen against its budget"))
    p.add_argument("--scale", choices=["small", "large", "both"], default="both")
    p.add_argument(
        "--cache",
        metavar="DIR",
        default=str(Path(tempfile.gettempdir()) / "iopdesk-bench"),
        help="where the demo clinics are built once and reused",
    )
    p.add_argument(
        "--encryption-ratio",
        action="store_true",
        help="also time the same clinics unencrypted and print encrypted / plain",
    )
    p.add_argument(
        "--database",
        metavar="URL",
        default="",
        help="time every screen on the clinic's PostgreSQL server instead, each figure beside "
        "the same clinic's on SQLite: postgresql://USER@HOST[:PORT]/DATABASE, a database whose "
        "owner may create databases; the demo clinics are set up and moved once into "
        "DATABASE_small and DATABASE_large beside it",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from iopdesk.bench.runner import run as run_bench
    from iopdesk.bench.server import run_on_server

    scales = ["small", "large"] if args.scale == "both" else [args.scale]
    if args.database:
        ok = run_on_server(Path(args.cache), scales, args.database)
    else:
        ok = run_bench(Path(args.cache), scales, encryption_ratio=args.encryption_ratio)
    return 0 if ok else 1
