"""``iopdesk export ics --staff USERNAME | --client RECORD_NUMBER -o FILE``: sessions as .ics."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(
        sub.add_parser("ics", help="a counselor's or a client's sessions as an iCalendar file")
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--staff",
        metavar="USERNAME",
        help="the counselor's user name (your own; administrators may export anyone's)",
    )
    who.add_argument("--client", metavar="RECORD_NUMBER", help="the client's record number")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=".ics file to write")
    p.set_defaults(func=export_ics)


def export_ics(args: argparse.Namespace) -> int:
    from iopdesk.services.calendar import export

    store_for(args)
    actor = signed_in(args)
    if args.staff:
        data = export.ics_for_staff(actor, export.staff_id_for(args.staff))
        who = f"staff member {args.staff}"
    else:
        data = export.ics_for_client(actor, export.client_id_for(args.client))
        who = f"client {args.client}"
    write_output(args.output, data)
    print(f"Sessions of {who} written to {args.output}")
    return 0
