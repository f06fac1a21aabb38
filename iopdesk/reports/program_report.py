"""A program report as a PDF: who it is for, the report's definition, the summary, simple
charts and the tables (letterhead, page x of y, and the Part 2 notice when a row names a
client)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from iopdesk.domain import formats
from iopdesk.domain.report_layout import Figures, cell_text
from iopdesk.domain.report_rules import SUPPRESSED
from iopdesk.reports.document import INK, Letterhead, render_pdf
from iopdesk.reports.flowables import grid_style, paragraph, section
from iopdesk.reports.fonts import FONT, FONT_BOLD
from iopdesk.reports.report_charts import chart_drawing

#: A printed table stops after this many rows (the CSV export always holds every row).
DETAIL_LIMIT = 2500
CELL_SIZE = 8
#: A table of one or two narrow columns prints this many blocks side by side, so many lines
#: per block: a year of daily figures fits on two pages.
ACROSS, LINES = 4, 46
#: The body width of a portrait letter page (8.5 in less two 0.6 in margins), in points.
BODY_WIDTH = 7.3 * 72
INTERNAL = "For internal use. Do not give this report to anyone outside the program."
BOARD = (
    f"Prepared for a board or funder: counts from 1 to 10 are shown as {SUPPRESSED}, with "
    "what is computed from them, and tables that identify clients are left out."
)


@dataclass(frozen=True)
class ProgramReport:
    """Everything a program report PDF prints (built by the report's export use case)."""

    letterhead: Letterhead
    title: str
    period: str
    definition: str
    figures: Figures
    board: bool
    printed_on: dt.date
    printed_by: str


def _boxed(text: str) -> Flowable:
    box = Table([[paragraph(text, "small")]], colWidths=["100%"])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, INK),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f5f7fa")),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _fit(text: str, font: str, width: float) -> str:
    """One line of cell text cut with an ellipsis to ``width`` points."""
    if stringWidth(text, font, CELL_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", font, CELL_SIZE) > width:
        text = text[:-1]
    return text + "…"


def _shared_out(wanted: list[float], room: float) -> list[float]:
    """Column widths within ``room``: narrow columns keep their width, the widest give way."""
    if sum(wanted) <= room:
        return wanted
    low, high = 0.0, max(wanted)
    for _ in range(40):  # the widest width every column may keep, to a fraction of a point
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(w, cap) for w in wanted) <= room else (low, cap)
    return [min(w, low) for w in wanted]


def figures_table(columns: tuple[str, ...], rows: list[list[str]]) -> Table:
    """A report table of one-line cells (thousands of rows print in a second or two), columns
    as wide as their text allows, the header repeated on every page."""
    sample = [list(columns), *rows[:200]]
    wanted = [
        max(
            stringWidth(row[i], FONT_BOLD if n == 0 else FONT, CELL_SIZE)
            for n, row in enumerate(sample)
        )
        + 10
        for i in range(len(columns))
    ]
    widths = _shared_out(wanted, BODY_WIDTH)
    data = [
        [
            _fit(text, FONT_BOLD if n == 0 else FONT, w - 8)
            for text, w in zip(row, widths, strict=True)
        ]
        for n, row in enumerate([list(columns), *rows])
    ]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceBefore=2, spaceAfter=8)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, CELL_SIZE),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                *grid_style(1.5),
            ]
        )
    )
    return table


def side_by_side(columns: tuple[str, ...], rows: list[list[str]]) -> list[Flowable]:
    """A long, narrow table printed in blocks side by side (down the first block, then the
    next), a page of blocks at a time."""
    page = ACROSS * LINES
    tables: list[Flowable] = []
    for start in range(0, len(rows), page):
        chunk = rows[start : start + page]
        blocks = [chunk[i : i + LINES] for i in range(0, len(chunk), LINES)]
        lines = [
            [
                cell
                for block in blocks
                for cell in (block[n] if n < len(block) else [""] * len(columns))
            ]
            for n in range(len(blocks[0]))
        ]
        tables.append(figures_table(tuple(columns) * len(blocks), lines))
    return tables


def build_story(doc: ProgramReport) -> list[Flowable]:
    """The report's flowables: statement, definition, summary, charts, tables."""
    figures = doc.figures
    story: list[Flowable] = [
        paragraph(BOARD if doc.board else INTERNAL, "cell_bold"),
        Spacer(0, 6),
        KeepTogether([section("Definition"), _boxed(doc.definition)]),
        section("Summary"),
    ]
    story += [paragraph(line) for line in figures.summary] or [paragraph("Nothing to report.")]
    for chart in figures.charts:
        if any(value is not None for value in chart.values):
            story += [Spacer(0, 8), chart_drawing(chart, BODY_WIDTH)]
    # Summary tables first, the long client-level lists after them.
    for table in sorted(figures.tables, key=lambda t: t.names_clients):
        story.append(section(table.title))
        if not table.printed:
            story.append(
                paragraph(f"{len(table.rows):,} rows: too wide to print; see the CSV export.")
            )
            continue
        if not table.rows:
            story.append(paragraph("Nothing in this period.", "small"))
            continue
        shown = [[cell_text(c) for c in row] for row in table.rows[:DETAIL_LIMIT]]
        if len(table.columns) <= 2 and len(shown) > LINES:
            story += side_by_side(table.columns, shown)
        else:
            story.append(figures_table(table.columns, shown))
        if len(table.rows) > DETAIL_LIMIT:
            story.append(
                paragraph(
                    f"The first {DETAIL_LIMIT:,} of {len(table.rows):,} rows are printed; the "
                    "CSV export of this report holds them all.",
                    "small",
                )
            )
    return story


def render_program_report(doc: ProgramReport) -> bytes:
    """The report as PDF bytes."""
    who = "For a board or funder" if doc.board else "For internal use"
    return render_pdf(
        doc.letterhead,
        doc.title,
        build_story(doc),
        subtitle=doc.period,
        notice="short" if doc.figures.names_clients else "none",
        footer_note=f"{who} · printed {formats.show_date(doc.printed_on)} by {doc.printed_by}",
    )
