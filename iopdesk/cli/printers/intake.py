"""``iopdesk print intake RECORD_NUMBER [--assessment ID] [--for-client | --release-to WHO
--consent ID] -o FILE``: the intake summary PDF."""

from __future__ import annotations

import argparse

from iopdesk.cli.copies import add_copy_options
from iopdesk.cli.session import add_common, signed_in, store_for


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("intake", help="a client's signed intake assessment summary"))
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument(
        "--assessment", type=int, metavar="ID", help="assessment id (default: newest signed)"
    )
    add_copy_options(p)
    p.set_defaults(func=print_intake)


def print_intake(args: argparse.Namespace) -> int:
    from iopdesk.cli.copies import produce
    from iopdesk.services.aftercare.discharge import client_id_for_record
    from iopdesk.services.clients.releases import ClientDocument
    from iopdesk.services.intake import printing as intake_print

    store_for(args)
    actor = signed_in(args)
    assessment_id = intake_print.signed_assessment_for_record(
        actor, args.record_number, args.assessment
    )
    printout, use = produce(
        actor,
        client_id_for_record(args.record_number),
        ClientDocument("intake_summary", assessment_id),
        args,
        lambda: intake_print.print_intake_summary(actor, assessment_id),
    )
    print(f"Intake summary for {printout.document.record_number} ({use}) written to {args.output}")
    return 0
