"""The intake summary PDF: a signed assessment on the clinic letterhead with the Part 2 notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable

from iopdesk.domain import formats
from iopdesk.reports.copies import INTERNAL, Copy, render_copy
from iopdesk.reports.document import Letterhead
from iopdesk.reports.flowables import (
    data_table,
    key_value_table,
    paragraph,
    section,
    signature_block,
)


@dataclass(frozen=True)
class SummaryScreening:
    """One screening line: instrument, date, score with band (or "incomplete"), who gave it."""

    name: str
    administered_on: dt.date
    score_text: str
    flags: tuple[str, ...]
    administered_by: str
    #: An AUDIT's AUDIT-C line, printed under the table; "" for other instruments.
    audit_c: str = ""


@dataclass(frozen=True)
class SummarySubstance:
    """One row of the substance use table, already in words."""

    substance: str
    age_first_use: str
    frequency: str
    route: str
    usual_amount: str
    last_use: str


@dataclass(frozen=True)
class IntakeSummary:
    """Everything the summary prints, as plain text and dates (built by the intake service)."""

    letterhead: Letterhead
    client_name: str
    preferred_name: str
    record_number: str
    date_of_birth: dt.date
    age: int
    sex: str
    episode_number: int
    assessed_on: dt.date
    counselor: str
    sections: tuple[tuple[str, str], ...]
    substances: tuple[SummarySubstance, ...]
    screenings: tuple[SummaryScreening, ...]
    attributions: tuple[tuple[str, str], ...]
    asam: tuple[tuple[int, str, int | None, str], ...]
    suitability: tuple[tuple[str, str, str], ...]
    level_of_care: str
    rationale: str
    justification: str
    justification_reasons: tuple[str, ...]
    addenda: tuple[tuple[dt.datetime, str, str], ...]
    signed_by: str
    signed_at: dt.datetime | None
    copy: Copy = INTERNAL  # internal use, the client's own copy, or a release


def _client_header(s: IntakeSummary) -> Flowable:
    name = s.client_name + (f' ("{s.preferred_name}")' if s.preferred_name else "")
    return key_value_table(
        [
            ("Client", name),
            ("Record number", s.record_number),
            ("Date of birth", f"{formats.show_date(s.date_of_birth)} (age {s.age})"),
            ("Sex", s.sex or "not recorded"),
            ("Episode of care", str(s.episode_number)),
            ("Assessment date", formats.show_date(s.assessed_on)),
            ("Counselor", s.counselor or "not assigned"),
        ]
    )


def _story(s: IntakeSummary) -> list[Flowable]:
    story: list[Flowable] = [_client_header(s)]
    for title, text in s.sections[:1]:
        story += [section(title), paragraph(text or "Not recorded.")]
    story.append(section("Substance use history"))
    if s.substances:
        story.append(
            data_table(
                ["Substance", "Age first use", "Frequency", "Route", "Usual amount", "Last use"],
                [
                    (r.substance, r.age_first_use, r.frequency, r.route, r.usual_amount, r.last_use)
                    for r in s.substances
                ],
                col_widths=["22%", "11%", "19%", "13%", "21%", "14%"],
            )
        )
    else:
        story.append(paragraph("No substance use recorded."))
    for title, text in s.sections[1:]:
        story += [section(title), paragraph(text or "Not recorded.")]
    story.append(section("Screenings"))
    if s.screenings:
        story.append(
            data_table(
                ["Instrument", "Date", "Score (band)", "Flags", "Administered by"],
                [
                    (
                        r.name,
                        formats.show_date(r.administered_on),
                        r.score_text,
                        "\n".join(r.flags) or "—",
                        r.administered_by,
                    )
                    for r in s.screenings
                ],
                col_widths=["13%", "12%", "22%", "30%", "23%"],
            )
        )
        for r in s.screenings:
            if r.audit_c:
                day = formats.show_date(r.administered_on)
                story.append(paragraph(f"{r.audit_c}, from the AUDIT of {day}."))
        for name, credit in s.attributions:
            story.append(paragraph(f"{name}: {credit}", "small"))
    else:
        story.append(paragraph("No screenings recorded."))
    story.append(section("ASAM dimensions (clinician's ratings, 0 = no risk to 4 = severe)"))
    story.append(
        data_table(
            ["Dimension", "Rating", "Narrative"],
            [
                (f"{dim}. {name}", "—" if rating is None else str(rating), narrative)
                for dim, name, rating, narrative in s.asam
            ],
            col_widths=["33%", "9%", "58%"],
        )
    )
    story.append(section("Suitability for IOP"))
    story.append(
        data_table(
            ["Criterion", "Answer", "Note"],
            list(s.suitability),
            col_widths=["45%", "10%", "45%"],
        )
    )
    story.append(section("Level-of-care decision"))
    pairs = [("Level of care", s.level_of_care), ("Rationale", s.rationale)]
    if s.justification or s.justification_reasons:
        pairs.append(("Justification", s.justification))
        pairs.append(("Needed because", "\n".join(s.justification_reasons)))
    story.append(key_value_table(pairs, col_widths=["22%", "78%"]))
    if s.addenda:
        story.append(section("Addenda"))
        for at, by, text in s.addenda:
            story += [paragraph(f"{formats.show_moment(at)} — {by}", "subheading"), paragraph(text)]
    signed_on = formats.show_date(s.signed_at) if s.signed_at else ""
    story.append(section("Signature"))
    signed_text = (
        f"Signed electronically by {s.signed_by} on {formats.show_moment(s.signed_at)}."
        if s.signed_at
        else "Not signed."
    )
    story.append(paragraph(signed_text))
    story.append(signature_block([("Clinician", s.signed_by, signed_on)]))
    return story


def render_intake_summary(summary: IntakeSummary) -> bytes:
    """The intake summary as PDF bytes."""
    subtitle = f"{summary.client_name} · {summary.record_number}"
    return render_copy(
        summary.copy,
        summary.letterhead,
        "Intake assessment summary",
        _story(summary),
        subtitle=subtitle,
    )
