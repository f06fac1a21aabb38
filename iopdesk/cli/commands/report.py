"""``iopdesk report NAME --from DATE --to DATE [--program P] -o FILE``: a program report as a
PDF or CSV (by the file's ending), through the same audited use case as the Reports area."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from iopdesk.cli.session import add_common, signed_in, store_for, write_output
from iopdesk.domain.report_catalog import REPORTS
from iopdesk.errors import DomainError


def _definitions() -> str:
    """Each report's name, title and definition (the one text its PDF prints)."""
    return "Reports:\n\n" + "\n\n".join(
        textwrap.fill(
            f"{name} ({info.title}): {info.definition}",
            78,
            subsequent_indent="  ",
            break_on_hyphens=False,
        )
        for name, info in REPORTS.items()
    )


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(
        sub.add_parser(
            "report",
            help="a program report (census, billing, TEDS...) as PDF or CSV",
            description="A program report as a PDF (tables, charts, its definition) or a CSV.",
            epilog=_definitions(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
    )
    p.add_argument("name", metavar="NAME", choices=list(REPORTS), help=", ".join(REPORTS))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--program", choices=["adult", "adolescent"], default="")
    p.add_argument(
        "--board",
        action="store_true",
        help="a PDF for a board or funder: counts from 1 to 10 hidden, no client rows",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the file to write (.pdf or .csv)"
    )
    p.set_defaults(func=write_report)


def write_report(args: argparse.Namespace) -> int:
    from iopdesk.services.reports.period import report_period
    from iopdesk.services.reports.registry import export_report

    target = Path(args.output)
    # Checked before the export, so a mistyped folder leaves no audited export behind.
    if not target.parent.is_dir():
        raise DomainError(f"There is no folder {target.parent}; choose where to write the report.")
    store_for(args)
    actor = signed_in(args)
    period = report_period(args.start, args.end, args.program)
    kind = target.suffix.lower().lstrip(".")
    printout = export_report(actor, args.name, period, kind, board=args.board)
    write_output(target, printout.content)
    print(f"{printout.document.title}, {period.label}, written to {args.output}")
    if REPORTS[args.name].names_clients and not args.board:
        print("It identifies clients: for internal use only.", file=sys.stderr)
    return 0
