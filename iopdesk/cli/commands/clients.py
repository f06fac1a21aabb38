"""``iopdesk clients``: matching clients (record number, name, status) for scripts."""

from __future__ import annotations

import argparse
import sys

from iopdesk.cli.session import add_common, signed_in, store_for
from iopdesk.domain.clients import STATUSES
from iopdesk.services.clients import records as clients


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("clients", help="list clients matching a search"))
    p.add_argument("--search", default="", metavar="TEXT", help="name, record number or birth date")
    p.add_argument("--status", default="", choices=["", *STATUSES], help="only this status")
    p.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store_for(args)
    actor = signed_in(args)
    rows = clients.list_clients(actor, args.search, args.status, limit=args.limit)
    for row in rows:
        name = f"{row.legal_last_name}, {row.legal_first_name}"
        print(f"{row.record_number}\t{name}\t{row.status}")
    if not rows:
        print("No clients match.", file=sys.stderr)
        return 1
    return 0
