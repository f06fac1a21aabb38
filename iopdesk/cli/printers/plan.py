"""``iopdesk print plan RECORD_NUMBER [--version N] [--for-client | --release-to WHO --consent ID]
-o FILE``: for internal use, the client's own copy, or a release under a consent."""

from __future__ import annotations

import argparse

from iopdesk.cli.copies import add_copy_options
from iopdesk.cli.session import add_common, signed_in, store_for


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("plan", help="a client's treatment plan"))
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument(
        "--version", type=int, metavar="N", help="plan version (default: the current one)"
    )
    add_copy_options(p)
    p.set_defaults(func=print_plan)


def print_plan(args: argparse.Namespace) -> int:
    from iopdesk.cli.copies import produce
    from iopdesk.services.aftercare.discharge import client_id_for_record
    from iopdesk.services.clients.releases import ClientDocument
    from iopdesk.services.plans import printing as plans_printing

    store_for(args)
    actor = signed_in(args)
    plan_id = plans_printing.plan_for_record(actor, args.record_number, args.version)
    document = ClientDocument("treatment_plan", plan_id)
    printout, use = produce(
        actor,
        client_id_for_record(args.record_number),
        document,
        args,
        lambda: plans_printing.print_plan(actor, plan_id),
    )
    doc = printout.document
    print(
        f"Treatment plan version {doc.version} for {doc.record_number} ({use}) "
        f"written to {args.output}"
    )
    return 0
