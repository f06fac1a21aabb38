"""The printed treatment plan: client header, numbered problems -> goals -> objectives ->
interventions, reviews, signature lines; and "today's plans" as one PDF, each plan with its
own letterhead and "Page x of y"."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from iopdesk.domain.plan_document import GoalView, PlanDocument, ProblemView
from iopdesk.domain.plans import APPROACHES, ASAM_DIMENSIONS, MODALITIES, SIGNATURE_ROLES
from iopdesk.reports.document import (
    INK,
    RULE,
    SHADE,
    ClinicDocument,
    Letterhead,
    escape_text,
    render_pdf,
    styles,
)
from iopdesk.reports.flowables import paragraph, section, signature_block
from iopdesk.reports.fonts import FONT, FONT_BOLD

TITLE = "Treatment plan"
_ZEBRA = colors.HexColor("#f5f7fa")


def letterhead_of(doc: PlanDocument) -> Letterhead:
    return Letterhead(doc.clinic_name, doc.clinic_address, doc.clinic_phone, doc.program_label)


def subtitle_of(doc: PlanDocument) -> str:
    return f"{doc.client_name} · {doc.record_number}"


def footer_of(doc: PlanDocument) -> str:
    """Version, status and print date (and the recipient of a release) for every page."""
    note = (
        f"Version {doc.version} ({doc.status_label.lower()}) of {doc.version_date.isoformat()}"
        f" · printed {doc.printed_on.isoformat()} by {doc.printed_by}"
    )
    if doc.released_to:
        note += f" · released to {doc.released_to}"
    return note


def _p(text: object, style: str = "cell") -> Paragraph:
    return Paragraph(escape_text(text), styles()[style])


def _client_header(doc: PlanDocument) -> Table:
    name = doc.client_name + (f" (prefers {doc.preferred_name})" if doc.preferred_name else "")
    diagnosis = " — ".join(x for x in (doc.icd10_code, doc.diagnosis) if x) or "(not yet given)"
    version = f"{doc.version} of {doc.latest_version} · {doc.status_label}"
    pairs = [
        ("Client", name, "Record number", doc.record_number),
        ("Date of birth", doc.date_of_birth.isoformat(), "Counselor", doc.counselor_name or "—"),
        ("Level of care", doc.level_of_care, "Plan start", doc.start_date.isoformat()),
        ("Diagnosis", diagnosis, "Next review", doc.next_review_date.isoformat()),
        ("Program", doc.program_label, "Version", version),
    ]
    # Labels are plain strings (drawn directly, no paragraph layout): batches print faster.
    data = [[a, _p(b), c, _p(d)] for a, b, c, d in pairs]
    table = Table(data, colWidths=["14%", "40%", "17%", "29%"], hAlign="LEFT", spaceAfter=6)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 9),
                ("FONT", (2, 0), (2, -1), FONT_BOLD, 9),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _intervention_text(i: Any) -> str:
    approach = APPROACHES.get(i.approach, i.approach)
    parts = [f"{MODALITIES.get(i.modality, i.modality)} · {approach}"]
    if i.description:
        parts.append(i.description)
    parts.append(f"Frequency: {i.frequency}")
    if i.responsible_name:
        parts.append(f"Responsible: {i.responsible_name}")
    return " — ".join(parts)


def _goal_table(goal: GoalView) -> Table:
    """Objectives of one goal, each followed by its interventions; splits between rows."""
    sheet = styles()
    # Short cells are plain strings (drawn directly, no paragraph layout): batches print faster.
    data: list[list[object]] = [["No.", "Objective and interventions", "Target", "Status"]]
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9),
        ("FONT", (0, 1), (0, -1), FONT_BOLD, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("BOX", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for n, objective in enumerate(goal.objectives):
        first = len(data)
        data.append([
            objective.number, _p(objective.text),
            objective.target_date.isoformat(), objective.status_label,
        ])  # fmt: skip
        for intervention in objective.interventions:
            row = len(data)
            data.append(["", Paragraph("• " + escape_text(_intervention_text(intervention)),
                                       sheet["small"]), "", ""])  # fmt: skip
            commands.append(("SPAN", (1, row), (3, row)))
        last = len(data) - 1
        commands.append(("LINEABOVE", (0, first), (-1, first), 0.3, RULE))
        if n % 2:
            commands.append(("BACKGROUND", (0, first), (-1, last), _ZEBRA))
        if not objective.interventions:
            continue
        # An objective stays with its first intervention; longer lists may split after that.
        commands.append(("NOSPLIT", (0, first), (-1, first + 1)))
    if len(data) == 1:
        data.append(["", _p("(no objectives yet)", "small"), "", ""])
    table = Table(data, colWidths=["7%", "69%", "12%", "12%"], repeatRows=1, hAlign="LEFT",
                  spaceBefore=2, spaceAfter=8)  # fmt: skip
    table.setStyle(TableStyle(commands))
    return table


@functools.cache
def _keep_style(base: str) -> ParagraphStyle:
    """A shared style that stays on the page of what follows (the objectives table)."""
    return ParagraphStyle(f"plan_{base}", parent=styles()[base], keepWithNext=1, spaceAfter=2)


def _problem(problem: ProblemView) -> list[Flowable]:
    story: list[Flowable] = [paragraph(f"Problem {problem.number}. {problem.statement}",
                                       "subheading")]  # fmt: skip
    if problem.asam_dimension:
        name = ASAM_DIMENSIONS.get(problem.asam_dimension, "")
        story.append(
            Paragraph(
                escape_text(f"ASAM dimension {problem.asam_dimension}: {name}"),
                _keep_style("small"),
            )
        )
    if not problem.goals:
        story.append(paragraph("(no goals yet)", "small"))
    for goal in problem.goals:
        story.append(
            Paragraph(
                escape_text(f"Goal {problem.number}{goal.letter}: “{goal.text}”"),
                _keep_style("body"),
            )
        )
        story.append(_goal_table(goal))
    return story


def _reviews(doc: PlanDocument) -> list[Flowable]:
    if not doc.reviews:
        return []
    rows = []
    for r in doc.reviews:
        progress = "; ".join(
            f"{p.number} {p.status}" + (f" ({p.note})" if p.note else "") for p in r.progress
        )
        rows.append([_p(r.review_date.isoformat()), _p(r.by_name), _p(progress or "—"),
                     _p(r.changes or "—")])  # fmt: skip
    header = [_p(t, "cell_bold") for t in ("Date", "By", "Progress per objective", "Changes")]
    table = Table([header, *rows], colWidths=["12%", "20%", "40%", "28%"], repeatRows=1,
                  hAlign="LEFT", spaceAfter=8)  # fmt: skip
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.3, RULE),
            ]
        )
    )
    return [section("Reviews"), table]


def _signatures(doc: PlanDocument) -> list[Flowable]:
    defaults = {"client": doc.client_name, "counselor": doc.counselor_name, "supervisor": ""}
    rows = []
    recorded = []
    for role, label in SIGNATURE_ROLES.items():
        sig = doc.signature(role)
        if sig is None:
            rows.append((label, defaults[role], ""))
            continue
        rows.append((label, sig.name, sig.signed_on.isoformat() if sig.signed_on else ""))
        how = "on paper" if sig.on_paper else "in IOPdesk"
        recorded.append(f"{label} signed {how} on {sig.signed_on.isoformat()}")
    # The heading starts a new page unless the whole block fits below it (no lone heading).
    story: list[Flowable] = [
        CondPageBreak(0.8 * inch * (len(rows) + 1)),
        section("Signatures"),
        signature_block(rows),
    ]
    if recorded:
        story.append(paragraph("Recorded: " + "; ".join(recorded) + ".", "small"))
    return story


def plan_story(doc: PlanDocument) -> list[Flowable]:
    """Everything printed for one plan version, below the letterhead."""
    story: list[Flowable] = [_client_header(doc)]
    if doc.status != "signed":
        story.append(paragraph(
            f"This version is {doc.status_label.lower()}: it is not the signed plan of record."
            if doc.status == "superseded" else
            f"{doc.status_label}: this version is not fully signed yet.", "small"))  # fmt: skip
    story.append(section("Problems, goals, objectives and interventions"))
    if not doc.problems:
        story.append(paragraph("(No problems have been written yet.)", "small"))
    for problem in doc.problems:
        story += _problem(problem)
    story += _reviews(doc)
    story += _signatures(doc)
    return story


def render_plan(doc: PlanDocument) -> bytes:
    """One plan version as PDF bytes (long Part 2 notice when it is released)."""
    return render_pdf(
        letterhead_of(doc),
        TITLE,
        plan_story(doc),
        subtitle=subtitle_of(doc),
        notice="long" if doc.notice == "long" else "short",
        footer_note=footer_of(doc),
    )


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

    def __init__(self, buffer: io.BytesIO, docs: Sequence[PlanDocument]) -> None:
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

    def story(self, progress: Callable[[int, int], None] | None) -> list[Flowable]:
        story: list[Flowable] = []
        total = len(self._docs)
        for n, doc in enumerate(self._docs, start=1):
            if n > 1:
                story += [_Switch(lambda d=doc: self._use(d)), NextPageTemplate("first"),
                          PageBreak()]  # fmt: skip
            story.append(_Switch(lambda: self._starts.append(self.page)))
            story += plan_story(doc)
            if progress is not None:
                story.append(_Switch(lambda n=n: progress(n, total)))
        return story

    def _draw_page_number(self, canvas: Any, number: int, total: int) -> None:
        start = max((s for s in self._starts if s <= number), default=1)
        later = [s for s in self._starts if s > number]
        end = later[0] - 1 if later else total
        super()._draw_page_number(canvas, number - start + 1, end - start + 1)


def render_plans_batch(
    docs: Sequence[PlanDocument], progress: Callable[[int, int], None] | None = None
) -> bytes:
    """Many plans as one PDF for printing in one go; ``progress(done, total)`` is called as
    each plan is laid out."""
    if not docs:
        return render_pdf(Letterhead("IOPdesk"), TITLE, [Spacer(0, 0)],
                          subtitle="No plans to print")  # fmt: skip
    buffer = io.BytesIO()
    batch = _BatchDocument(buffer, docs)
    batch.build_story(batch.story(progress))
    return buffer.getvalue()
