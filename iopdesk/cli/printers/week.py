"""``iopdesk print week --date YYYY-MM-DD [--staff U | --room NAME | --client RN] -o FILE``."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("week", help="the week's sessions as a landscape PDF"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="any day of the week")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--staff", metavar="USERNAME", help="one counselor's week")
    who.add_argument("--room", metavar="NAME", help="one room's week")
    who.add_argument("--client", metavar="RECORD_NUMBER", help="one client's week")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")
    p.set_defaults(func=print_week)


def print_week(args: argparse.Namespace) -> int:
    from iopdesk.domain.validators import parse_date
    from iopdesk.errors import ValidationError
    from iopdesk.services.calendar import export
    from iopdesk.services.calendar.queries import CalendarFilter

    day = parse_date(args.date)
    if day is None:
        raise ValidationError({"date": f"{args.date} is not a real date; write it as YYYY-MM-DD."})
    store_for(args)
    actor = signed_in(args)
    if args.staff:
        filters = CalendarFilter(counselor_id=export.staff_id_for(args.staff))
    elif args.room:
        filters = CalendarFilter(room_id=export.room_id_for(args.room))
    elif args.client:
        filters = CalendarFilter(client_id=export.client_id_for(args.client))
    else:
        filters = CalendarFilter()
    write_output(args.output, export.print_week(actor, day, filters))
    print(f"Week of {day.isoformat()} written to {args.output}")
    return 0
