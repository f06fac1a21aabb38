"""The paper sign-in sheet for one session: roster names, signature, time in and time out."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from iopdesk.reports.document import INK, RULE, SHADE, Letterhead, escape_text, render_pdf, styles
from iopdesk.reports.flowables import key_value_table, paragraph

#: Empty lines under the roster for walk-ins and guests.
BLANK_LINES = 3


@dataclass(frozen=True)
class SigninSheetData:
    """Everything printed on a sign-in sheet (built by services/signin.py)."""

    letterhead: Letterhead
    title: str
    day_label: str
    time_label: str
    room: str
    facilitators: tuple[str, ...]
    names: tuple[str, ...]
    cancelled: bool = False


def _roster_table(names: tuple[str, ...]) -> Table:
    sheet = styles()
    header = ["#", "Client name", "Signature", "Time in", "Time out"]
    data: list[list[object]] = [[Paragraph(escape_text(h), sheet["cell_bold"]) for h in header]]
    for number, name in enumerate(names, start=1):
        data.append([str(number), Paragraph(escape_text(name), sheet["cell"]), "", "", ""])
    for number in range(len(names) + 1, len(names) + 1 + BLANK_LINES):
        data.append([str(number), "", "", "", ""])
    table = Table(
        data,
        colWidths=["5%", "33%", "34%", "14%", "14%"],
        rowHeights=[None] + [26] * (len(data) - 1),
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                ("FONTSIZE", (0, 1), (0, -1), 8),
                ("TEXTCOLOR", (0, 1), (0, -1), RULE),
            ]
        )
    )
    return table


def render_signin_sheet(data: SigninSheetData) -> bytes:
    """The sign-in sheet as PDF bytes (letter portrait, Part 2 notice in the footer)."""
    story: list[Flowable] = [
        key_value_table(
            [
                ("Date", data.day_label),
                ("Time", data.time_label),
                ("Room", data.room or "—"),
                ("Facilitator(s)", ", ".join(data.facilitators) or "—"),
            ],
            col_widths=["22%", "78%"],
        ),
    ]
    if data.cancelled:
        story.append(paragraph("This session was cancelled on the calendar.", "subheading"))
    story += [
        paragraph(
            "Please print your name if it is not listed, sign, and write the time you arrived "
            "and left. Staff enter attendance from this sheet.",
            "small",
        ),
        Spacer(0, 6),
        _roster_table(data.names),
    ]
    return render_pdf(
        data.letterhead,
        f"Sign-in sheet: {data.title}",
        story,
        subtitle=f"{data.day_label}, {data.time_label}",
        notice="short",
    )
