"""``iopdesk print plan RECORD_NUMBER [--version N] [--release-to WHO --consent ID] -o FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from iopdesk.cli.session import add_common, signed_in, store_for


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("plan", help="a client's treatment plan"))
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument(
        "--version", type=int, metavar="N", help="plan version (default: the current one)"
    )
    p.add_argument(
        "--release-to",
        metavar="RECIPIENT",
        help="release outside the program to a recipient the consent names (needs --consent; "
        "logged)",
    )
    p.add_argument("--consent", type=int, metavar="ID", help="the consent to disclose")
    p.add_argument("--purpose", default="", help="purpose of the release")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")
    p.set_defaults(func=print_plan)


def print_plan(args: argparse.Namespace) -> int:
    from iopdesk.reports.treatment_plan import render_plan
    from iopdesk.services.plans import printing as plans_printing

    store_for(args)
    actor = signed_in(args)
    plan_id = plans_printing.plan_for_record(actor, args.record_number, args.version)
    if args.release_to:
        doc = plans_printing.release_plan(
            actor, plan_id, args.consent, args.release_to, args.purpose
        )
    else:
        doc = plans_printing.plan_document(actor, plan_id)
    Path(args.output).write_bytes(render_plan(doc))
    use = f"released to {doc.released_to}" if doc.released_to else "for internal use"
    print(
        f"Treatment plan version {doc.version} for {doc.record_number} ({use}) "
        f"written to {args.output}"
    )
    return 0
