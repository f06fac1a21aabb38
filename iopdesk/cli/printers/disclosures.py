"""``iopdesk print disclosures RECORD_NUMBER -o FILE``: the accounting of the disclosures made
with the client's consent in the past three years (42 CFR 2.25)."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(
        sub.add_parser("disclosures", help="a client's accounting of disclosures (3 years)")
    )
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")
    p.set_defaults(func=print_disclosures)


def print_disclosures(args: argparse.Namespace) -> int:
    from iopdesk.services.aftercare.discharge import client_id_for_record
    from iopdesk.services.clients.consent_papers import print_accounting

    store_for(args)
    actor = signed_in(args)
    printout = print_accounting(actor, client_id_for_record(args.record_number))
    write_output(args.output, printout.content)
    count = len(printout.document.lines)
    print(
        f"Accounting of {count} disclosure(s) for {printout.document.record_number} written to "
        f"{args.output}"
    )
    return 0
