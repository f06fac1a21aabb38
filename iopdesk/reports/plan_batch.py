"""Today's plans as one PDF: every plan in force of the clients scheduled on a day, each with
its own letterhead, running header, footer and "Page x of y"."""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer

from iopdesk.reports.document import ClinicDocument, Letterhead, escape_text, render_pdf, styles
from iopdesk.reports.treatment_plan import (
    TITLE,
    PlanDocument,
    footer_of,
    letterhead_of,
    plan_story,
    subtitle_of,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PlanBatch:
    """The plans to print in one go (in name order), and the scheduled clients who have no plan
    yet (told to the person who prints, not printed)."""

    day: dt.date
    plans: tuple[PlanDocument, ...]
    without_plan: tuple[str, ...]
    chosen: str = "Everyone scheduled"  # or one group, or one counselor's clients


class _Switch(Flowable):
    """Invisible: runs an action when laid out on the page (switches the batch to a plan)."""

    def __init__(self, action: Callable[[], None]) -> None:
        super().__init__()
        self.action = action

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.action()


class _BatchDocument(ClinicDocument):
    """Several plans in one PDF: each starts on a new page with its own letterhead, subtitle,
    footer and page numbering."""

    def __init__(self, buffer: io.BytesIO, docs: tuple[PlanDocument, ...]) -> None:
        tallest = max((subtitle_of(d) for d in docs), key=len)
        super().__init__(buffer, letterhead_of(docs[0]), TITLE, tallest,
                         footer_note=footer_of(docs[0]))  # fmt: skip
        self._docs = docs
        self._starts: list[int] = []
        self._use(docs[0])

    def _use(self, doc: PlanDocument) -> None:
        sheet = styles()
        self.subtitle = subtitle_of(doc)
        self.footer_note = footer_of(doc)
        self._title_block = [Paragraph(escape_text(TITLE), sheet["title"]),
                             Paragraph(escape_text(self.subtitle), sheet["body"])]  # fmt: skip

    def story(self, progress: Progress | None) -> list[Flowable]:
        story: list[Flowable] = []
        total = len(self._docs)
        for n, doc in enumerate(self._docs, start=1):
            if n > 1:
                story += [_Switch(functools.partial(self._use, doc)), NextPageTemplate("first"),
                          PageBreak()]  # fmt: skip
            story.append(_Switch(lambda: self._starts.append(self.page)))
            story += plan_story(doc)
            if progress is not None:
                story.append(_Switch(functools.partial(progress, n, total)))
        return story

    def _draw_page_number(self, canvas: Any, number: int, total: int) -> None:
        start = max((s for s in self._starts if s <= number), default=1)
        later = [s for s in self._starts if s > number]
        end = later[0] - 1 if later else total
        super()._draw_page_number(canvas, number - start + 1, end - start + 1)


def render_plans_batch(batch: PlanBatch, progress: Progress | None = None) -> bytes:
    """The batch as one PDF for printing in one go; ``progress(done, total)`` is called as
    each plan is laid out."""
    if not batch.plans:
        return render_pdf(Letterhead("IOPdesk"), TITLE, [Spacer(0, 0)],
                          subtitle="No plans to print")  # fmt: skip
    buffer = io.BytesIO()
    document = _BatchDocument(buffer, batch.plans)
    document.build_story(document.story(progress))
    return buffer.getvalue()
