"""The printed treatment plan: one version as plain frozen data (what the editor shows and the
PDF prints) and its renderer: client header, numbered problems -> goals -> objectives ->
interventions, reviews, signature lines."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from iopdesk.domain import formats
from iopdesk.domain.plans import (
    APPROACHES,
    ASAM_DIMENSIONS,
    EDITABLE,
    MODALITIES,
    PLAN_STATUSES,
    SIGNATURE_ROLES,
)
from iopdesk.reports.copies import INTERNAL, Copy, render_copy
from iopdesk.reports.document import INK, RULE, SHADE, Letterhead, escape_text, styles
from iopdesk.reports.flowables import paragraph, section, signature_block
from iopdesk.reports.fonts import FONT, FONT_BOLD


@dataclass(frozen=True)
class InterventionView:
    """One intervention under an objective."""

    id: int
    modality: str
    approach: str
    description: str
    frequency: str
    responsible_id: int | None
    responsible_name: str
    #: the stored row's version when read (the editor sends it back with a change)
    row_version: int = 0


@dataclass(frozen=True)
class ObjectiveView:
    """One objective with its printed number ("1.2")."""

    id: int
    number: str
    text: str
    target_date: dt.date
    status: str
    status_label: str
    interventions: tuple[InterventionView, ...]
    #: the stored row's version when read (the editor sends it back with a change)
    row_version: int = 0


@dataclass(frozen=True)
class GoalView:
    """One goal (in the client's words) under a problem."""

    id: int
    letter: str
    text: str
    objectives: tuple[ObjectiveView, ...]
    #: the stored row's version when read (the editor sends it back with a change)
    row_version: int = 0


@dataclass(frozen=True)
class ProblemView:
    """One numbered problem."""

    id: int
    number: int
    statement: str
    asam_dimension: int | None
    goals: tuple[GoalView, ...]
    #: the stored row's version when read (the editor sends it back with a change)
    row_version: int = 0


@dataclass(frozen=True)
class SignatureView:
    """A signature recorded on the plan (or a blank line when ``name`` is empty)."""

    role: str
    name: str
    signed_on: dt.date | None
    on_paper: bool

    @property
    def role_label(self) -> str:
        return SIGNATURE_ROLES.get(self.role, self.role)


@dataclass(frozen=True)
class ObjectiveProgressView:
    """Progress on one objective as recorded at a review."""

    objective_id: int
    number: str
    text: str
    status: str
    note: str
    #: The notes that addressed it since the review before ("date · session · counselor").
    notes: tuple[str, ...] = ()

    @property
    def addressed(self) -> str:
        """ "addressed in 2 notes: …" or "" (reviews recorded before links were kept)."""
        if not self.notes:
            return ""
        count = f"{len(self.notes)} note" + ("" if len(self.notes) == 1 else "s")
        return f"addressed in {count}: " + "; ".join(self.notes)


@dataclass(frozen=True)
class ReviewView:
    """A review of this plan version."""

    id: int
    review_date: dt.date
    by_name: str
    changes: str
    progress: tuple[ObjectiveProgressView, ...]


@dataclass(frozen=True)
class PlanDocument:
    """One version of a treatment plan with everything the editor and the printout need."""

    plan_id: int
    client_id: int
    episode_id: int
    version: int
    status: str
    clinic_name: str
    clinic_address: str
    clinic_phone: str
    program_label: str
    client_name: str
    preferred_name: str
    date_of_birth: dt.date
    record_number: str
    level_of_care: str
    diagnosis: str
    icd10_code: str
    counselor_id: int | None
    counselor_name: str
    start_date: dt.date
    next_review_date: dt.date
    version_date: dt.date
    latest_version: int
    problems: tuple[ProblemView, ...]
    signatures: tuple[SignatureView, ...]
    reviews: tuple[ReviewView, ...]
    printed_on: dt.date
    printed_by: str
    copy: Copy = INTERNAL  # internal use, the client's own copy, or a release
    #: the header's version when read (the editor sends it back with a header change)
    row_version: int = 0

    @property
    def status_label(self) -> str:
        return PLAN_STATUSES.get(self.status, self.status)

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def objectives(self) -> list[ObjectiveView]:
        """Every objective in printed order."""
        return [o for p in self.problems for g in p.goals for o in g.objectives]

    def signature(self, role: str) -> SignatureView | None:
        for sig in self.signatures:
            if sig.role == role:
                return sig
        return None


TITLE = "Treatment plan"
_ZEBRA = colors.HexColor("#f5f7fa")


def letterhead_of(doc: PlanDocument) -> Letterhead:
    return Letterhead(doc.clinic_name, doc.clinic_address, doc.clinic_phone, doc.program_label)


def subtitle_of(doc: PlanDocument) -> str:
    return f"{doc.client_name} · {doc.record_number}"


def _version_note(doc: PlanDocument) -> str:
    return (
        f"Version {doc.version} ({doc.status_label.lower()}) of "
        f"{formats.show_date(doc.version_date)} · printed {formats.show_date(doc.printed_on)} "
        f"by {doc.printed_by}"
    )


def footer_of(doc: PlanDocument) -> str:
    """Whose copy it is (the client's own, or the recipient of a release), version, status and
    print date, for every page."""
    return doc.copy.footer(_version_note(doc))


def _p(text: object, style: str = "cell") -> Paragraph:
    return Paragraph(escape_text(text), styles()[style])


def _client_header(doc: PlanDocument) -> Table:
    name = doc.client_name + (f" (prefers {doc.preferred_name})" if doc.preferred_name else "")
    diagnosis = " — ".join(x for x in (doc.icd10_code, doc.diagnosis) if x) or "(not yet given)"
    version = f"{doc.version} of {doc.latest_version} · {doc.status_label}"
    pairs = [
        ("Client", name, "Record number", doc.record_number),
        (
            "Date of birth",
            formats.show_date(doc.date_of_birth),
            "Counselor",
            doc.counselor_name or "—",
        ),
        ("Level of care", doc.level_of_care, "Plan start", formats.show_date(doc.start_date)),
        ("Diagnosis", diagnosis, "Next review", formats.show_date(doc.next_review_date)),
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
            formats.show_date(objective.target_date), objective.status_label,
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
        # One objective a line: with the notes that addressed each, a run-on line is unreadable.
        progress = "\n".join(
            f"{p.number} {p.status}"
            + (f" ({p.note})" if p.note else "")
            + (f" – {p.addressed}" if p.addressed else "")
            for p in r.progress
        )
        rows.append([_p(formats.show_date(r.review_date)), _p(r.by_name), _p(progress or "—"),
                     _p(r.changes or "—")])  # fmt: skip
    header = [_p(t, "cell_bold") for t in ("Date", "By", "Progress per objective", "Changes")]
    table = Table([header, *rows], colWidths=["13%", "19%", "40%", "28%"], repeatRows=1,
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
        signed_on = formats.show_date(sig.signed_on) if sig.signed_on else ""
        rows.append((label, sig.name, signed_on))
        how = "on paper" if sig.on_paper else "in IOPdesk"
        # A signature recorded without its date still says how it was given, never "on None".
        recorded.append(f"{label} signed {how}" + (f" on {signed_on}" if signed_on else ""))
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
    """One plan version as PDF bytes (with the consent and the long Part 2 notice when it is
    released)."""
    return render_copy(
        doc.copy,
        letterhead_of(doc),
        TITLE,
        plan_story(doc),
        subtitle=subtitle_of(doc),
        footer_note=_version_note(doc),
    )
