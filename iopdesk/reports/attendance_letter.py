"""The attendance letter (and attendance and drug-test letter) for a period: sessions attended
with minutes, absences with reasons, drug test dates and results, signed by the counselor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable

from iopdesk.domain import formats
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


@dataclass(frozen=True)
class SessionLine:
    """One session the client was recorded at (present, late, left early or absent)."""

    day: dt.date
    session: str
    time: str
    status: str
    minutes: int
    absent: bool
    excused: bool = False
    reason: str = ""


@dataclass(frozen=True)
class TestLine:
    """One drug test: when, how, and the result of each substance in words."""

    day: dt.date
    specimen: str
    observed: bool
    result: str


@dataclass(frozen=True)
class AttendanceLetter:
    """Everything the letter prints (built by services/attendance/letters.py)."""

    letterhead: Letterhead
    client_name: str
    date_of_birth: dt.date
    record_number: str
    program: str
    admission_date: dt.date | None
    start: dt.date
    end: dt.date
    sessions: tuple[SessionLine, ...]
    with_drug_tests: bool
    tests: tuple[TestLine, ...]
    counselor: str
    written_on: dt.date
    copy: Copy = INTERNAL

    @property
    def title(self) -> str:
        return "Attendance and drug test letter" if self.with_drug_tests else "Attendance letter"

    @property
    def attended(self) -> tuple[SessionLine, ...]:
        return tuple(s for s in self.sessions if not s.absent)

    @property
    def absences(self) -> tuple[SessionLine, ...]:
        return tuple(s for s in self.sessions if s.absent)


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min"


def _opening(doc: AttendanceLetter) -> list[Flowable]:
    lines: list[Flowable] = [paragraph(doc.written_on.strftime("%B %d, %Y").replace(" 0", " "))]
    if doc.copy.use == "release":
        lines.append(paragraph(f"To: {doc.copy.recipient}"))
    elif doc.copy.use == "client":
        lines.append(paragraph(f"For: {doc.client_name} (the client's own copy)"))
    lines.append(
        paragraph(
            f"Re: {doc.client_name}, born {formats.show_date(doc.date_of_birth)}, "
            f"record {doc.record_number}"
        )
    )
    since = f" since {formats.show_date(doc.admission_date)}" if doc.admission_date else ""
    what = "attendance and drug test results" if doc.with_drug_tests else "attendance"
    lines.append(
        paragraph(
            f"{doc.client_name} has been enrolled in {doc.program or 'our program'} at "
            f"{doc.letterhead.clinic_name}{since}. This letter reports the {what} the program "
            f"recorded from {formats.show_date(doc.start)} to {formats.show_date(doc.end)}."
        )
    )
    return lines


def _summary(doc: AttendanceLetter) -> Flowable:
    excused = sum(1 for s in doc.absences if s.excused)
    pairs = [
        ("Period", f"{formats.show_date(doc.start)} to {formats.show_date(doc.end)}"),
        ("Sessions attended", f"{len(doc.attended)} of {len(doc.sessions)} recorded"),
        ("Time attended", _hours(sum(s.minutes for s in doc.attended))),
        ("Absences", f"{len(doc.absences)} ({excused} excused, "
                     f"{len(doc.absences) - excused} unexcused)"),
    ]  # fmt: skip
    if doc.with_drug_tests:
        pairs.append(("Drug tests", f"{len(doc.tests)} collected"))
    return key_value_table(pairs)


def _tables(doc: AttendanceLetter) -> list[Flowable]:
    story: list[Flowable] = [section("Sessions attended")]
    if doc.attended:
        rows = [(formats.show_date(s.day), f"{s.session}, {s.time}", s.status, str(s.minutes))
                for s in doc.attended]  # fmt: skip
        story.append(
            data_table(
                ["Date", "Session", "Attendance", "Minutes"], rows, ["16%", "50%", "20%", "14%"]
            )
        )
    else:
        story.append(paragraph("No attended sessions were recorded in this period."))
    story.append(section("Absences"))
    if doc.absences:
        rows = [(formats.show_date(s.day), f"{s.session}, {s.time}", s.status, s.reason or "—")
                for s in doc.absences]  # fmt: skip
        story.append(
            data_table(["Date", "Session", "Absence", "Reason"], rows, ["16%", "34%", "20%", "30%"])
        )
    else:
        story.append(paragraph("No absences were recorded in this period."))
    story.append(section("Drug test results"))
    if not doc.with_drug_tests:
        story.append(paragraph("This letter reports attendance only; it gives no drug test "
                               "results."))  # fmt: skip
    elif doc.tests:
        rows = [(formats.show_date(t.day), t.specimen, "Yes" if t.observed else "No", t.result)
                for t in doc.tests]  # fmt: skip
        story.append(
            data_table(
                ["Date collected", "Specimen", "Observed", "Result"],
                rows,
                ["18%", "16%", "12%", "54%"],
            )
        )
    else:
        story.append(paragraph("No drug tests were collected in this period."))
    return story


def build_story(doc: AttendanceLetter) -> list[Flowable]:
    """The letter's flowables: opening, summary, tables, the counselor's signature."""
    closing = paragraph(
        "Sessions not listed were not scheduled for the client or not recorded. Please call "
        f"the program{' at ' + doc.letterhead.phone if doc.letterhead.phone else ''} with any "
        "question about this letter."
    )
    signature = signature_block([("Counselor", doc.counselor, "")])
    return [
        *_opening(doc),
        _summary(doc),
        *_tables(doc),
        keep_with_tail(closing, [signature]),
    ]


def render_attendance_letter(doc: AttendanceLetter) -> bytes:
    """The letter as PDF bytes."""
    return render_copy(
        doc.copy,
        doc.letterhead,
        doc.title,
        build_story(doc),
        subtitle=f"{doc.client_name} · {doc.record_number} · "
        f"{formats.show_date(doc.start)} to {formats.show_date(doc.end)}",
        footer_note=f"Written {formats.show_date(doc.written_on)}",
    )
