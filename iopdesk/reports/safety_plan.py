"""The safety plan: its plain frozen data (what the editor holds and the printout shows) and the
client's own copy in large type: 988 and 911 on its first lines, then every step in order, the
crisis lines boxed under the professionals, and the client's reasons for living."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from iopdesk.domain import formats
from iopdesk.domain.safety import CRISIS_LINES, STEPS, Step
from iopdesk.reports.aftercare_plan import ContactEntry
from iopdesk.reports.document import Letterhead, escape_text, render_pdf, styles
from iopdesk.reports.flowables import bullets, help_box, program_line, signature_block


@dataclass(frozen=True)
class SafetyPlanForm:
    """The plan as the editor holds it: each step's text (one item per line) and its people."""

    warning_signs: str = ""
    coping_strategies: str = ""
    distractions: str = ""
    helpers: tuple[ContactEntry, ...] = ()
    professionals: tuple[ContactEntry, ...] = ()
    safe_environment: str = ""
    reasons_for_living: str = ""
    #: The stored draft's version this was read at (0: there was none); a save sends it back.
    row_version: int | None = None


@dataclass(frozen=True)
class SafetyPlanData(SafetyPlanForm):
    """A saved version: the form plus its number, status, and who wrote and signed it."""

    id: int = 0
    client_id: int = 0
    version: int = 0
    status: str = "draft"
    updated_by: str = ""
    updated_at: dt.datetime | None = None
    signed_by: str = ""
    signed_at: dt.datetime | None = None


@dataclass(frozen=True)
class SafetyPlanDocument:
    """Everything the client's printed safety plan shows (built by the safety service)."""

    letterhead: Letterhead
    client_name: str
    record_number: str
    counselor: str
    printed_on: dt.date
    plan: SafetyPlanData


FIRST_LINE = (
    "Any time, day or night: call or text <b>988</b> (in Spanish: call 988 and press 2, or "
    "text AYUDA to 988). In an emergency, call <b>911</b>."
)
LINE = colors.HexColor("#9aa5b1")


def _styles() -> dict[str, ParagraphStyle]:
    base = styles()
    large = base["large_body"]
    return {
        "large": large,
        "bullet": ParagraphStyle("sp_bullet", parent=large, leftIndent=20, bulletIndent=4),
        "step": ParagraphStyle("sp_step", parent=base["heading"], fontSize=17, leading=22,
                               spaceBefore=14, spaceAfter=6),
        "box_title": ParagraphStyle("sp_box_title", parent=base["title"], fontSize=18,
                                    leading=23, spaceAfter=4),
        "crisis": ParagraphStyle("sp_crisis", parent=large, fontSize=15, leading=20,
                                 spaceAfter=4),
        "empty": ParagraphStyle("sp_empty", parent=large, textColor=colors.HexColor("#52606d")),
    }  # fmt: skip


def _people(people: Sequence[ContactEntry]) -> Flowable:
    """One line per person: name (relationship) and the phone in bold, lines to write on."""
    sheet = _styles()
    rows = []
    for p in people:
        who = escape(p.name) + (f" ({escape(p.relationship)})" if p.relationship else "")
        rows.append([Paragraph(who, sheet["large"]), Paragraph(f"<b>{escape(p.phone)}</b>",
                                                              sheet["large"])])  # fmt: skip
    table = Table(rows, colWidths=["64%", "36%"], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _crisis_box(doc: SafetyPlanDocument) -> Flowable:
    """The lines that are always there: 988 (and in Spanish), 911, the clinic."""
    sheet = _styles()
    rows: list[list[Flowable]] = [[Paragraph("If I am in crisis or not safe", sheet["box_title"])]]
    for name, how in CRISIS_LINES:
        rows.append([Paragraph(f"<b>{escape(name)}:</b> {escape(how)}", sheet["crisis"])])
    rows.append([program_line(doc.letterhead, doc.counselor, sheet["crisis"])])
    return help_box(rows)


def _step(step: Step, number: int | None, doc: SafetyPlanDocument) -> list[Flowable]:
    sheet = _styles()
    title = f"Step {number}: {step.printed}" if number else step.printed
    story: list[Flowable] = [Paragraph(escape_text(title), sheet["step"])]
    if step.people:
        people: tuple[ContactEntry, ...] = getattr(doc.plan, step.key)
        if people:
            story.append(_people(people))
        elif step.key == "helpers":
            story.append(Paragraph("(No one named yet: use the lines below.)", sheet["empty"]))
        if step.key == "professionals":
            story.append(_crisis_box(doc))
    else:
        listed = bullets(getattr(doc.plan, step.key), sheet["bullet"])
        story += listed or [Paragraph("(Nothing written yet.)", sheet["empty"])]
    # A step's heading, its people and the crisis lines under step 5 stay on one page.
    return [KeepTogether(story)]


def build_story(doc: SafetyPlanDocument) -> list[Flowable]:
    """The plan's flowables (exposed so tests can inspect them): the steps in order, the
    client's reasons for living, and the signatures."""
    # The numbers a person in crisis needs first are on the first lines of page one too.
    story: list[Flowable] = [Paragraph(FIRST_LINE, _styles()["crisis"])]
    number = 0
    for step in STEPS:
        numbered = step.key != "reasons_for_living"
        number += numbered
        story += _step(step, number if numbered else None, doc)
    story.append(
        signature_block([("Client", doc.client_name, ""), ("Counselor", doc.counselor, "")])
    )
    return story


def render_safety_plan(doc: SafetyPlanDocument) -> bytes:
    """The client's safety plan as PDF bytes, in large type."""
    plan = doc.plan
    state = (
        f"version {plan.version}, signed {formats.show_date(plan.signed_at.date())}"
        if plan.signed_at
        else f"version {plan.version}"
    )
    return render_pdf(
        doc.letterhead,
        "My safety plan",
        build_story(doc),
        subtitle=" · ".join((doc.client_name, doc.record_number, state)),
        footer_note=f"Printed {formats.show_date(doc.printed_on)}. Keep this plan where you "
        "can find it quickly.",
    )
