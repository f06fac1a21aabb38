"""The recovery key printout: one page to keep in the clinic safe, with what to do with it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from iopdesk.reports.document import Letterhead, escape_text, render_pdf, styles


@dataclass(frozen=True)
class RecoveryKeySheet:
    """What the printout says: whose clinic, the key, when it was made and by whom."""

    letterhead: Letterhead
    recovery_key: str
    made_on: dt.date
    made_by: str
    data_folder: str


INSTRUCTIONS = (
    "Keep this page in the clinic safe, away from the computer. Do not photograph it, e-mail "
    "it or keep it in a file: anyone who has it and a copy of the clinic's files or backups "
    "can read every record.",
    "Use it only when no administrator can sign in (every administrator password is lost), "
    "or to restore a backup when no password of that time is known: on the sign-in screen "
    "choose Use the recovery key, or run <b>iopdesk restore FILE --recovery-key</b> or "
    "<b>iopdesk check --recovery-key</b>.",
    "Letters and digits only; spaces, dashes and upper or lower case do not matter.",
    "When an administrator makes a new recovery key, this one stops working for the clinic "
    "(backups made before then still open with it): shred this page and keep the new one.",
)


def render_recovery_key(sheet: RecoveryKeySheet) -> bytes:
    """The one-page PDF."""
    s = styles()
    key_style = ParagraphStyle(
        "recovery_key", parent=s["title"], fontSize=20, leading=28, alignment=1
    )
    story = [
        Paragraph("The clinic's recovery key", s["heading"]),
        Spacer(1, 10),
        Paragraph(escape_text(sheet.recovery_key), key_style),
        Spacer(1, 10),
        Paragraph(
            escape_text(
                f"Made on {sheet.made_on:%d %B %Y} by {sheet.made_by}, for the clinic whose "
                f"data folder is {sheet.data_folder}."
            ),
            s["body"],
        ),
        Spacer(1, 8),
        *[Paragraph(f"{n}. {text}", s["body"]) for n, text in enumerate(INSTRUCTIONS, 1)],
    ]
    return render_pdf(sheet.letterhead, "Recovery key", story, notice="short")
