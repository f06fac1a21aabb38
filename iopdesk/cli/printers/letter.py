"""``iopdesk print letter RECORD_NUMBER --from D --to D [--attendance-only] [--for-client |
--release-to WHO --consent ID] -o FILE``: the attendance and drug-test letter for a period."""

from __future__ import annotations

import argparse

from iopdesk.cli.copies import add_copy_options
from iopdesk.cli.session import add_common, signed_in, store_for


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(
        sub.add_parser("letter", help="a client's attendance (and drug test) letter for a period")
    )
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="last day")
    p.add_argument(
        "--attendance-only",
        action="store_true",
        help="leave drug test results out (the front desk may print only this letter)",
    )
    add_copy_options(p)
    p.set_defaults(func=print_letter)


def print_letter(args: argparse.Namespace) -> int:
    from iopdesk.cli.copies import produce
    from iopdesk.services.aftercare.discharge import client_id_for_record
    from iopdesk.services.clients import releases

    store_for(args)
    actor = signed_in(args)
    client_id = client_id_for_record(args.record_number)
    kind = "attendance_letter" if args.attendance_only else "attendance_drug_test_letter"
    document = releases.ClientDocument(kind, start=args.start, end=args.end)
    printout, use = produce(
        actor,
        client_id,
        document,
        args,
        lambda: releases.print_document(actor, client_id, document),
    )
    letter = printout.document
    print(
        f"{letter.title} for {letter.record_number}, {letter.start} to {letter.end} ({use}) "
        f"written to {args.output}"
    )
    return 0
