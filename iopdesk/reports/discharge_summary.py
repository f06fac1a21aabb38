"""The discharge summary: the signed discharge as plain frozen data, and its PDF (the episode's
figures, the signed narrative, the signature)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable

from iopdesk.domain import formats
from iopdesk.domain.aftercare import DischargeFacts, attendance_sentence, stay_sentence
from iopdesk.reports.copies import INTERNAL, Copy, render_copy
from iopdesk.reports.document import Letterhead
from iopdesk.reports.flowables import (
    data_table,
    keep_with_tail,
    key_value_table,
    paragraph,
    section,
    signature_block,
)
from iopdesk.reports.progress_charts import ProgressData, progress_flowables


@dataclass(frozen=True)
class Addendum:
    """A dated addition to the signed discharge, with who wrote it."""

    written_at: dt.datetime
    written_by: str
    text: str


@dataclass(frozen=True)
class CourseEntry:
    """A program phase or level-of-care change during the episode, as the summary lists it."""

    on: dt.date
    change: str
    details: str
    decided_by: str


@dataclass(frozen=True)
class DischargeView:
    """A signed discharge, as the chart shows it and the summary prints it."""

    id: int
    client_id: int
    episode_id: int
    episode_number: int
    discharge_type: str
    discharge_type_label: str
    discharge_date: dt.date
    step_down_level: str
    condition_at_discharge: str
    summary: str
    facts: DischargeFacts
    unsigned_notes_override: str
    sessions_cancelled: int
    signed_by: str
    signed_at: dt.datetime
    #: Dated additions after signing, oldest first (the signed text itself never changes).
    addenda: tuple[Addendum, ...] = ()


@dataclass(frozen=True)
class DischargeDocument:
    """Everything the discharge summary PDF prints (built by the discharge service)."""

    letterhead: Letterhead
    client_name: str
    record_number: str
    date_of_birth: dt.date
    counselor: str
    level_of_care: str
    discharge: DischargeView
    printed_on: dt.date
    copy: Copy = INTERNAL  # internal use, the client's own copy, or a release
    #: The episode's charts (reports.progress_charts); None prints none.
    progress: ProgressData | None = None
    #: Phase and level-of-care changes during the episode, oldest first.
    course: tuple[CourseEntry, ...] = ()


def build_story(doc: DischargeDocument) -> list[Flowable]:
    """The summary's flowables."""
    d = doc.discharge
    facts = d.facts
    stay = f"{facts.length_of_stay_days} days" if facts.length_of_stay_days is not None else "—"
    story: list[Flowable] = [
        key_value_table(
            [
                ("Client", doc.client_name),
                ("Date of birth", formats.show_date(doc.date_of_birth)),
                ("Record number", doc.record_number),
                ("Episode", str(d.episode_number)),
                ("Level of care", doc.level_of_care or "—"),
                ("Counselor", doc.counselor or "—"),
                ("Admission date", formats.show_date(facts.admission_date) or "—"),
                ("Discharge date", formats.show_date(d.discharge_date)),
                ("Length of stay", stay),
                ("Discharge type", d.discharge_type_label),
                ("Step-down level of care", d.step_down_level or "—"),
                ("Condition at discharge", d.condition_at_discharge),
            ]
        ),
        section("Episode facts"),
        paragraph(stay_sentence(facts)),
        paragraph(attendance_sentence(facts)),
    ]
    if facts.screenings:
        story.append(
            data_table(
                ["Screening", "First", "Last", "Change"],
                [
                    [
                        s.code,
                        f"{s.first_total} ({s.first_band}), {formats.show_date(s.first_on)}",
                        f"{s.last_total} ({s.last_band}), {formats.show_date(s.last_on)}",
                        f"{s.change:+d} ({s.direction})",
                    ]
                    for s in facts.screenings
                ],
                ["16%", "31%", "31%", "22%"],
            )
        )
    else:
        story.append(paragraph("No screenings were recorded during the episode."))
    story.append(paragraph(facts.drug_tests.sentence()))
    story.append(paragraph(facts.objectives.sentence()))
    objectives = [("Met", t) for t in facts.objectives.met]
    objectives += [("Not met", t) for t in facts.objectives.not_met]
    objectives += [("Discontinued", t) for t in facts.objectives.discontinued]
    if objectives:
        story.append(data_table(["Outcome", "Objective"], objectives, ["18%", "82%"]))
    if doc.course:
        story.append(section("Course of the episode"))
        rows = [(formats.show_date(c.on), c.change, c.details, c.decided_by) for c in doc.course]
        story.append(data_table(["Date", "Change", "Details", "Decided by"], rows,
                                ["13%", "27%", "42%", "18%"]))  # fmt: skip
    charts = progress_flowables(doc.progress) if doc.progress is not None else []
    if charts:
        story += [section("Progress over the episode"), *charts]
    tail: list[Flowable] = []
    if d.unsigned_notes_override:
        tail.append(
            paragraph(
                f"Discharged with unsigned notes. Reason given: {d.unsigned_notes_override}",
                "small",
            )
        )
    tail.append(
        paragraph(
            f"Signed electronically by {d.signed_by} on {formats.show_moment(d.signed_at)}.",
            "small",
        )
    )
    tail.append(
        signature_block([("Counselor", d.signed_by, formats.show_date(d.signed_at.date()))])
    )
    # The signatures stay on the page of the summary's last lines, never on a page alone.
    story += [section("Summary and recommendations"), keep_with_tail(paragraph(d.summary), tail)]
    if d.addenda:
        story.append(section("Addenda"))
        for a in d.addenda:
            written = f"{formats.show_moment(a.written_at)} — {a.written_by}"
            story += [paragraph(written, "subheading"), paragraph(a.text)]
    return story


def render_discharge_summary(doc: DischargeDocument) -> bytes:
    """The discharge summary as PDF bytes."""
    return render_copy(
        doc.copy,
        doc.letterhead,
        "Discharge summary",
        build_story(doc),
        subtitle=f"{doc.client_name} · {doc.record_number} · "
        f"episode {doc.discharge.episode_number}",
        footer_note=f"Printed {formats.show_date(doc.printed_on)}",
    )
