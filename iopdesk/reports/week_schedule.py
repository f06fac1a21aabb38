"""The printed week: a landscape grid of days by hour for a counselor, room, client or clinic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from iopdesk.domain import formats
from iopdesk.reports.document import Letterhead, escape_text, render_pdf, styles
from iopdesk.reports.flowables import paragraph

#: Block colours by kind, the same family as the screen (lighter, for paper).
KIND_COLORS = {
    "group": "#dbeafe",
    "individual": "#dcfce7",
    "family": "#fef3c7",
    "assessment": "#ede9fe",
    "other": "#e5e7eb",
}


@dataclass(frozen=True)
class WeekEntry:
    """One session as printed."""

    time_text: str
    title: str
    kind_label: str
    counselor: str
    room: str
    clients: str
    cancelled: bool
    cancel_reason: str
    conflict: bool
    moved: bool
    #: the hour the session starts (0-23): the row of the printed week it belongs to
    start_hour: int = 0


@dataclass(frozen=True)
class DayColumn:
    """One day of the printed week."""

    day: dt.date
    closed: str
    entries: tuple[WeekEntry, ...]


@dataclass(frozen=True)
class WeekSchedule:
    """Everything the printed week needs, built by the calendar service."""

    clinic_name: str
    address: str
    phone: str
    program: str
    monday: dt.date
    subtitle: str
    days: tuple[DayColumn, ...]


def _entry_html(entry: WeekEntry) -> str:
    title = escape_text(entry.title)
    head = f"<b>{escape_text(entry.time_text)}</b> {title}"
    parts = [head]
    where = " · ".join(p for p in (entry.counselor, entry.room) if p)
    if where:
        parts.append(escape_text(where))
    if entry.clients and entry.clients != entry.title:
        parts.append(escape_text(entry.clients))
    text = "<br/>".join(parts)
    if entry.cancelled:
        text = f"<strike>{text}</strike><br/><i>Cancelled: {escape_text(entry.cancel_reason)}</i>"
    marks = []
    if entry.moved:
        marks.append("moved")
    if entry.conflict and not entry.cancelled:
        marks.append("<b>CONFLICT</b>")
    if marks:
        text += "<br/>[" + ", ".join(marks) + "]"
    return text


def _cell(entries: list[WeekEntry], style: ParagraphStyle) -> list[Paragraph] | str:
    """Entries as shaded paragraphs: paragraphs split across pages, so a crowded hour fits."""
    if not entries:
        return ""
    blocks = []
    for entry in entries:
        shade = "#f3f4f6" if entry.cancelled else KIND_COLORS.get(_kind_key(entry), "#e5e7eb")
        look = ParagraphStyle(
            f"entry_{shade}_{entry.conflict}",
            parent=style,
            backColor=colors.HexColor(shade),
            borderColor=colors.HexColor("#b91c1c") if entry.conflict else None,
            borderWidth=0.8 if entry.conflict else 0,
            borderPadding=1.5,
            spaceAfter=4,
            leftIndent=1.5,
            rightIndent=1.5,
        )
        blocks.append(Paragraph(_entry_html(entry), look))
    return blocks


def _kind_key(entry: WeekEntry) -> str:
    return entry.kind_label.lower()


def week_story(schedule: WeekSchedule) -> list:
    """The grid: a header row of days, then one row per hour that holds a session."""
    base = styles()["cell"]
    small = ParagraphStyle("week_entry", parent=base, fontSize=7, leading=8.6)
    head = ParagraphStyle("week_head", parent=styles()["cell_bold"], fontSize=8.5, leading=10)
    header: list[object] = [Paragraph("", head)]
    for column in schedule.days:
        label = f"{column.day:%a} {column.day:%b} {column.day.day}"
        if column.closed:
            label += f"<br/><font color='#b91c1c'>Closed: {escape_text(column.closed)}</font>"
        header.append(Paragraph(label, head))
    hours = sorted({e.start_hour for c in schedule.days for e in c.entries})
    rows: list[list[object]] = [header]
    for hour in hours:
        row: list[object] = [Paragraph(formats.show_hour(hour), head)]
        for column in schedule.days:
            found = [e for e in column.entries if e.start_hour == hour]
            row.append(_cell(found, small))
        rows.append(row)
    if not hours:
        blank: list[object] = [""] * 8  # an empty week: one blank row under the days
        rows.append(blank)
    widths = ["6%"] + ["13.4%"] * 7
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa5b1")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e7eb")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index, column in enumerate(schedule.days, start=1):
        if column.closed:
            commands.append(("BACKGROUND", (index, 1), (index, -1), colors.HexColor("#fafafa")))
    table.setStyle(TableStyle(commands))
    story: list = [table]
    count = sum(1 for c in schedule.days for e in c.entries if not e.cancelled)
    story.append(paragraph(f"{count} session(s) this week.", "small"))
    if not hours:
        story.insert(0, paragraph("No sessions are booked this week.", "body"))
    return story


def render_week(schedule: WeekSchedule) -> bytes:
    """The week as landscape PDF bytes."""
    sunday = schedule.monday + dt.timedelta(days=6)
    title = f"Week of {schedule.monday:%B} {schedule.monday.day} - {sunday:%B} {sunday.day}, "
    title += f"{sunday.year}"
    letterhead = Letterhead(
        schedule.clinic_name, schedule.address, schedule.phone, schedule.program
    )
    return render_pdf(
        letterhead,
        title,
        week_story(schedule),
        subtitle=schedule.subtitle,
        landscape=True,
        footer_note=f"Schedule {formats.show_date(schedule.monday)}",
    )
