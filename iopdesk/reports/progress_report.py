"""The progress printout: one episode's Progress charts on paper, for a case conference or to go
over with the client (the same drawings the discharge summary prints)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable

from iopdesk.domain import formats
from iopdesk.reports.document import Letterhead, render_pdf
from iopdesk.reports.flowables import key_value_table, paragraph, section
from iopdesk.reports.progress_charts import ProgressData, progress_flowables


@dataclass(frozen=True)
class ProgressDocument:
    """What the progress printout shows."""

    letterhead: Letterhead
    client_name: str
    record_number: str
    date_of_birth: dt.date | None
    counselor: str
    level_of_care: str
    progress: ProgressData
    printed_on: dt.date


def build_story(doc: ProgressDocument) -> list[Flowable]:
    """The printout's flowables: who and which weeks, then the charts."""
    p = doc.progress
    admitted = f"admitted {formats.show_date(p.admitted_on)}" if p.admitted_on else "not admitted"
    cover = f"{formats.show_date(p.start)} to {formats.show_date(p.end)} ({admitted})"
    # Short, so the charts share the first page with it.
    story: list[Flowable] = [
        key_value_table(
            [
                ("Client", doc.client_name),
                ("Date of birth", formats.show_date(doc.date_of_birth)),
                ("Record number", doc.record_number),
                ("Level of care", doc.level_of_care or "—"),
                ("Counselor", doc.counselor or "—"),
                ("Charts cover", cover),
            ]
        ),
        section("Progress over the episode"),
    ]
    charts = progress_flowables(p)
    story += charts or [paragraph(p.NOTHING_RECORDED)]
    if p.reviews_sentence:
        story.append(paragraph(p.reviews_sentence))
    return story


def render_progress(doc: ProgressDocument) -> bytes:
    """The progress printout as PDF bytes."""
    return render_pdf(
        doc.letterhead,
        "Progress",
        build_story(doc),
        subtitle=f"{doc.client_name} · {doc.record_number} · episode {doc.progress.episode_number}",
        footer_note=f"Printed {formats.show_date(doc.printed_on)}",
    )
