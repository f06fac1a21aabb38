"""``iopdesk print plan RECORD_NUMBER [--version N] [--for-client | --release-to WHO --consent ID]
-o FILE``: for internal use, the client's own copy, or a release under a consent."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("plan", help="a client's treatment plan"))
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument(
        "--version", type=int, metavar="N", help="plan version (default: the current one)"
    )
    use = p.add_mutually_exclusive_group()
    use.add_argument(
        "--for-client",
        action="store_true",
        help="the client's own copy (audited; not a disclosure, so no consent is needed)",
    )
    use.add_argument(
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
    from iopdesk.services.plans import printing as plans_printing

    store_for(args)
    actor = signed_in(args)
    plan_id = plans_printing.plan_for_record(actor, args.record_number, args.version)
    if args.release_to:
        printout = plans_printing.release_plan(
            actor, plan_id, args.consent, args.release_to, args.purpose
        )
        use = f"released to {printout.document.released_to}"
    elif args.for_client:
        printout = plans_printing.print_plan_for_client(actor, plan_id)
        use = "the client's own copy"
    else:
        printout = plans_printing.print_plan(actor, plan_id)
        use = "for internal use"
    write_output(args.output, printout.content)
    doc = printout.document
    print(
        f"Treatment plan version {doc.version} for {doc.record_number} ({use}) "
        f"written to {args.output}"
    )
    return 0
