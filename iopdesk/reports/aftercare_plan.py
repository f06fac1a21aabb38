"""The aftercare plan: the plan as plain frozen data (what the editor holds and the printout
shows) and the PDF the client takes home: plain words, large type, help easy to find."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from iopdesk.domain import formats
from iopdesk.domain.aftercare import CRISIS_LINE
from iopdesk.reports.copies import INTERNAL, Copy, render_copy
from iopdesk.reports.discharge_summary import Addendum
from iopdesk.reports.document import Letterhead, escape_text, styles
from iopdesk.reports.flowables import bullets, help_box, program_line, signature_block


@dataclass(frozen=True)
class AppointmentEntry:
    """A continuing-care appointment (who, where, when)."""

    provider: str
    address: str = ""
    phone: str = ""
    day: dt.date | str | None = None
    time: dt.time | str | None = None


@dataclass(frozen=True)
class SupportGroupEntry:
    """A mutual-help meeting: kind, name, meeting day, time and place."""

    kind: str
    name: str = ""
    meeting_day: str = ""
    time: dt.time | str | None = None
    place: str = ""


@dataclass(frozen=True)
class ContactEntry:
    """A person to call, with their phone number."""

    name: str
    relationship: str = ""
    phone: str = ""


@dataclass(frozen=True)
class AftercarePlanForm:
    """The whole plan as the editor holds it (rows are replaced on save)."""

    status: str = "draft"
    sober_living: str = ""
    mat_follow_up: str = ""
    vocational_referral: str = ""
    education_referral: str = ""
    housing_referral: str = ""
    triggers: str = ""
    warning_signs: str = ""
    coping_strategies: str = ""
    appointments: tuple[AppointmentEntry, ...] = ()
    support_groups: tuple[SupportGroupEntry, ...] = ()
    contacts: tuple[ContactEntry, ...] = ()
    #: The stored plan's version this was read at (0: none was stored); a save sends it back.
    row_version: int | None = None


@dataclass(frozen=True)
class AftercarePlanData(AftercarePlanForm):
    """A saved plan: the form plus who/when and which episode."""

    id: int = 0
    client_id: int = 0
    episode_id: int = 0
    episode_number: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None
    #: This plan's version, and the episode's newest (the current plan; older ones are kept).
    version: int = 1
    latest_version: int = 1
    #: Dated additions to a final plan (the final text itself never changes).
    addenda: tuple[Addendum, ...] = ()

    @property
    def is_current(self) -> bool:
        """Whether this is the episode's newest version (the one that may still change)."""
        return self.version == self.latest_version


@dataclass(frozen=True)
class AftercareDocument:
    """Everything the client's printed aftercare plan shows (built by the aftercare service)."""

    letterhead: Letterhead
    client_name: str
    record_number: str
    counselor: str
    discharge_date: dt.date | None
    printed_on: dt.date
    plan: AftercarePlanData
    copy: Copy = INTERNAL  # internal use, the client's own copy, or a release


INK = colors.HexColor("#1f2933")


def _styles() -> dict[str, ParagraphStyle]:
    base = styles()
    large = base["large_body"]
    return {
        "large": large,
        "heading": ParagraphStyle(
            "ac_heading", parent=base["heading"], fontSize=17, leading=22, spaceBefore=14
        ),
        "subheading": ParagraphStyle(
            "ac_subheading", parent=base["subheading"], fontSize=15, leading=20, spaceBefore=8
        ),
        "cell": ParagraphStyle("ac_cell", parent=large, spaceAfter=0),
        "cell_bold": ParagraphStyle("ac_cell_bold", parent=base["cell_bold"], fontSize=13,
                                    leading=17),
        "help_title": ParagraphStyle("ac_help_title", parent=base["title"], fontSize=18,
                                     leading=23, spaceAfter=4),
        "crisis": ParagraphStyle("ac_crisis", parent=base["title"], fontSize=20, leading=26),
        "muted": ParagraphStyle("ac_muted", parent=large, fontSize=12, leading=16),
    }  # fmt: skip


def _time(value: dt.time | str | None) -> str:
    if not isinstance(value, dt.time):
        return value or ""  # a saved plan holds parsed times; text prints as written
    return formats.show_time(value)


def _day(value: dt.date | str | None) -> str:
    if not isinstance(value, dt.date):
        return value or ""
    return f"{value:%A, %B} {value.day}, {value.year}"


def _big_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[str]
) -> Table:
    sheet = _styles()
    data = [[Paragraph(escape_text(h), sheet["cell_bold"]) for h in header]]
    data += [[Paragraph(escape_text(c), sheet["cell"]) for c in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _help_box(doc: AftercareDocument) -> Flowable:
    """Page 1, boxed: the crisis line, the people to call, the clinic."""
    sheet = _styles()
    rows: list[list[Flowable]] = [
        [Paragraph("If you need help", sheet["help_title"])],
        [Paragraph(f"Call or text <b>{CRISIS_LINE}</b> — Suicide &amp; Crisis Lifeline, any "
                   "time, day or night.", sheet["crisis"])],
        [Paragraph("In an emergency or if you are in danger, call <b>911</b>.", sheet["large"])],
    ]  # fmt: skip
    if doc.plan.contacts:
        rows.append([Paragraph("People I can call", sheet["cell_bold"])])
        for contact in doc.plan.contacts:
            who = escape(contact.name) + (
                f" ({escape(contact.relationship)})" if contact.relationship else ""
            )
            rows.append([Paragraph(f"{who}: <b>{escape(contact.phone)}</b>", sheet["large"])])
    rows.append([program_line(doc.letterhead, doc.counselor, sheet["large"])])
    return help_box(rows)


def _bullets(text: str) -> list[Flowable]:
    style = ParagraphStyle("ac_bullet", parent=_styles()["large"], leftIndent=18, bulletIndent=4)
    return bullets(text, style)


def _block(title: str, text: str, style: str = "heading") -> list[Flowable]:
    # Flat, not KeepTogether: the page frame keeps a heading with what follows it.
    if not text.strip():
        return []
    return [Paragraph(escape_text(title), _styles()[style]), *_bullets(text)]


def build_story(doc: AftercareDocument) -> list[Flowable]:
    """The plan's flowables (exposed so tests and a preview can inspect them)."""
    sheet = _styles()
    plan = doc.plan
    story: list[Flowable] = [_help_box(doc)]
    if plan.appointments:
        story.append(Paragraph("My next appointments", sheet["heading"]))
        rows = [
            [
                a.provider,
                "\n".join(p for p in (_day(a.day), _time(a.time)) if p),
                "\n".join(p for p in (a.address, a.phone) if p),
            ]
            for a in plan.appointments
        ]
        story.append(_big_table(["Who", "When", "Where and phone"], rows, ["34%", "30%", "36%"]))
    if plan.support_groups:
        story.append(Paragraph("My support meetings", sheet["heading"]))
        rows = [
            [
                g.kind if g.kind != "other" else "Meeting",
                g.name,
                " ".join(p for p in (g.meeting_day, _time(g.time)) if p),
                g.place,
            ]
            for g in plan.support_groups
        ]
        story.append(_big_table(["Group", "Name", "When", "Where"], rows,
                                ["18%", "30%", "22%", "30%"]))  # fmt: skip
    story += _block("Where I will live", plan.sober_living)
    story += _block("My medication follow-up", plan.mat_follow_up)
    story += _block("Help with work", plan.vocational_referral)
    story += _block("Help with school", plan.education_referral)
    story += _block("Help with housing", plan.housing_referral)
    if any((plan.triggers, plan.warning_signs, plan.coping_strategies)):
        story.append(Paragraph("My relapse prevention plan", sheet["heading"]))
        story += _block("Things that can trigger me", plan.triggers, "subheading")
        story += _block("Early warning signs to watch for", plan.warning_signs, "subheading")
        story += _block("What I will do to cope", plan.coping_strategies, "subheading")
    story.append(Spacer(0, 10))
    story.append(
        Paragraph(f"Remember: you can call or text {CRISIS_LINE} at any time.", sheet["muted"])
    )
    story.append(
        signature_block([("Client", doc.client_name, ""), ("Counselor", doc.counselor, "")])
    )
    if plan.addenda:
        story.append(Paragraph("Added to this plan since it was final", sheet["heading"]))
        for a in plan.addenda:
            written = f"{formats.show_moment(a.written_at)} — {a.written_by}"
            story += [Paragraph(escape_text(written), sheet["subheading"]), *_bullets(a.text)]
    return story


def render_aftercare_plan(doc: AftercareDocument) -> bytes:
    """The client's aftercare plan as PDF bytes."""
    # The version before the discharge date: a later page's header cuts the end when short.
    parts = [doc.client_name, doc.record_number, f"version {doc.plan.version}"]
    if doc.discharge_date:
        parts.append(f"discharged {formats.show_date(doc.discharge_date)}")
    status = "" if doc.plan.status == "final" else " (draft)"
    return render_copy(
        doc.copy,
        doc.letterhead,
        f"My aftercare plan{status}",
        build_story(doc),
        subtitle=" · ".join(parts),
        footer_note=f"Printed {formats.show_date(doc.printed_on)}",
    )
