"""``iopdesk print consent RECORD_NUMBER --consent ID -o FILE``: a consent to disclose as a form
with every 42 CFR 2.31 element and signature lines."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("consent", help="a client's consent to disclose, as a form"))
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument("--consent", type=int, required=True, metavar="ID", help="the consent's number")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")
    p.set_defaults(func=print_consent)


def print_consent(args: argparse.Namespace) -> int:
    from iopdesk.services.aftercare.discharge import client_id_for_record
    from iopdesk.services.clients.consent_papers import print_consent_form

    store_for(args)
    actor = signed_in(args)
    printout = print_consent_form(actor, client_id_for_record(args.record_number), args.consent)
    write_output(args.output, printout.content)
    print(f"Consent {args.consent} for {args.record_number.upper()} written to {args.output}")
    return 0
