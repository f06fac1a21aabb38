"""What a program report shows, as plain data: summary sentences, tables and simple charts.

The same figures reach the Reports area (tables and a chart on screen) and the PDF (tables and
ReportLab charts); a copy for a board or funder hides counts from 1 to 10 the same way in both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from iopdesk.domain import formats
from iopdesk.domain.report_rules import SUPPRESSED, is_small

Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Table:
    """A titled table; ``counts`` are the columns holding counts of people or events, and
    ``derived`` the columns computed from a row's counts (hidden with them for a board)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    counts: tuple[int, ...] = ()
    derived: tuple[int, ...] = ()
    #: True when the rows identify clients (record numbers): never in a board's copy.
    names_clients: bool = False
    #: False for a table too wide for paper (the TEDS records): the CSV export holds it.
    printed: bool = True


@dataclass(frozen=True)
class Chart:
    """A bar or line chart of one series; ``reference`` draws a level line (the weekly
    minimum, say); a value of None is not drawn (hidden, or nothing to show)."""

    kind: Literal["bar", "line"]
    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    unit: str = ""
    reference: float | None = None
    #: True when the values are counts (a board's copy hides those from 1 to 10).
    counts: bool = True


@dataclass(frozen=True)
class Figures:
    """Everything a report shows."""

    summary: tuple[str, ...]
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...] = ()

    @property
    def names_clients(self) -> bool:
        """Whether a printed table identifies clients (the PDF then carries the Part 2 notice)."""
        return any(table.names_clients and table.printed for table in self.tables)


def round1(value: float) -> float:
    """To one decimal, halves away from zero (as a spreadsheet rounds: 51.25 is 51.3)."""
    return float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def number_text(value: float) -> str:
    """A figure as reports print it: whole numbers plainly, others to one decimal."""
    rounded = round1(value)
    return f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"


def plain_number(value: float | None) -> str:
    """A figure for a CSV cell: no thousands separator, whole numbers without ".0"."""
    if value is None:
        return ""
    rounded = round1(value)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def cell_text(value: Cell) -> str:
    """A table cell as text (dates as the clinic shows them, numbers as ``number_text``,
    None empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, dt.date):
        return formats.show_date(value)
    return str(value)


def count_text(count: int, board: bool = False) -> str:
    """A count in a sentence: ``<11`` in a board's copy when it is from 1 to 10."""
    return SUPPRESSED if board and is_small(count) else f"{count:,}"


def percent_text(value: float | None) -> str:
    """A percentage with one decimal, or a dash when there is nothing to divide."""
    return "—" if value is None else f"{value:.1f}%"


def _small_cell(value: Cell) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and is_small(value)


def _hide_row(table: Table, row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    small = any(_small_cell(row[i]) for i in table.counts)
    cells = list(row)
    for i in table.counts:
        if _small_cell(cells[i]):
            cells[i] = SUPPRESSED
    if small:
        for i in table.derived:
            cells[i] = "—"
    return tuple(cells)


def for_board(figures: Figures) -> Figures:
    """The figures with counts from 1 to 10 hidden (and what is computed from them), tables
    that identify clients left out, and chart values from 1 to 10 not drawn."""
    tables = tuple(
        replace(table, rows=tuple(_hide_row(table, row) for row in table.rows))
        for table in figures.tables
        if not table.names_clients
    )
    charts = tuple(
        replace(
            chart,
            values=tuple(
                None if chart.counts and v is not None and is_small(round(v)) else v
                for v in chart.values
            ),
        )
        for chart in figures.charts
    )
    return replace(figures, tables=tables, charts=charts)
