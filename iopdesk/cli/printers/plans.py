"""``iopdesk print plans [--date YYYY-MM-DD] [--group NAME | --counselor USERNAME] -o FILE``: the
plans in force of the clients scheduled that day, in one PDF, for internal use."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(
        sub.add_parser("plans", help="the plans of every client scheduled on a day, in one PDF")
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--group", metavar="NAME", help="only this group's roster on that day")
    who.add_argument(
        "--counselor", metavar="USERNAME", help="only this counselor's clients scheduled that day"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")
    p.set_defaults(func=print_plans)


def print_plans(args: argparse.Namespace) -> int:
    from iopdesk.services.plans import printing as plans_printing

    store_for(args)
    actor = signed_in(args)
    choice = plans_printing.batch_choice_for(actor, args.group or "", args.counselor or "")
    printout = plans_printing.print_todays_plans(actor, args.date, choice)
    batch = printout.document
    write_output(args.output, printout.content)
    print(
        f"{len(batch.plans)} plan(s) for {batch.day.isoformat()} ({choice.label}) written to "
        f"{args.output}"
    )
    if batch.without_plan:
        print(f"No plan yet for: {', '.join(batch.without_plan)}")
    return 0
