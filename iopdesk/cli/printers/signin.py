"""``iopdesk print signin --group NAME --date YYYY-MM-DD -o FILE``: a paper sign-in sheet."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("signin", help="the sign-in sheet of a group session"))
    p.add_argument("--group", required=True, metavar="NAME", help="the group's name")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the session's date")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from iopdesk.services.attendance.signin_sheet import group_session_on, signin_sheet

    store_for(args)
    actor = signed_in(args)
    pdf = signin_sheet(actor, group_session_on(actor, args.group, args.date))
    target = write_output(args.output, pdf)
    print(f"Sign-in sheet for {args.group} on {args.date} written to {target}")
    return 0
