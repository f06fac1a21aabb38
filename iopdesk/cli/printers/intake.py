"""``iopdesk print intake RECORD_NUMBER [--assessment ID] -o FILE``: the intake summary PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from iopdesk.cli.session import add_common, signed_in, store_for


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("intake", help="a client's signed intake assessment summary"))
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument(
        "--assessment", type=int, metavar="ID", help="assessment id (default: newest signed)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")
    p.set_defaults(func=print_intake)


def print_intake(args: argparse.Namespace) -> int:
    from iopdesk.reports.intake_summary import render_intake_summary
    from iopdesk.services.intake import printing as intake_print

    store_for(args)
    actor = signed_in(args)
    assessment_id = args.assessment or intake_print.signed_assessment_for_record(
        actor, args.record_number
    )
    summary = intake_print.intake_summary(actor, assessment_id)
    if summary.record_number != args.record_number.strip().upper():
        print(f"iopdesk: assessment {assessment_id} belongs to {summary.record_number}.")
        return 2
    Path(args.output).write_bytes(render_intake_summary(summary))
    print(f"Intake summary for {summary.record_number} written to {args.output}")
    return 0
