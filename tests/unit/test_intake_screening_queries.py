"""Screening lists read whether each row was followed up in one query, however many rows a
client has (the chart's screening list, the assessment view, the plan's findings)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from iopdesk.db.connection import database
from iopdesk.db.models.intake import SafetyFollowUp
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import screenings
from tests.factories.clients import make_client
from tests.factories.intake import PHQ9_MODERATE, complete_data

FOLLOW_UP_TABLE = SafetyFollowUp._meta.table_name


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement SQLite runs inside the block."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


def _follow_up_reads(seen: list[str]) -> int:
    return sum(
        1 for sql in seen if sql.lstrip().upper().startswith("SELECT") and FOLLOW_UP_TABLE in sql
    )


def test_history_reads_follow_ups_once_for_many_screenings(clinician):
    client_id = make_client(status="referred")
    start = dt.date.today() - dt.timedelta(days=30)
    for n in range(12):
        answers = {**PHQ9_MODERATE, 9: n % 2}  # every other one raises the safety flag
        screenings.record_screening(
            clinician, client_id, "PHQ9", answers, start + dt.timedelta(days=n)
        )
    screenings.record_safety_follow_up(clinician, client_id, "Safety plan written.")
    screenings.record_screening(clinician, client_id, "PHQ9", {**PHQ9_MODERATE, 9: 1})
    with statements() as seen:
        history = screenings.screening_history(clinician, client_id)
    assert len(history.rows) == 13
    assert _follow_up_reads(seen) == 1
    # Still right: only the screening recorded after the follow-up waits for one.
    assert [r.needs_follow_up for r in history.rows] == [True] + [False] * 12


def test_assessment_view_and_findings_read_follow_ups_once(clinician):
    client_id = make_client(status="referred")
    view = intake_drafts.start_assessment(clinician, client_id)
    data = complete_data(
        screenings={
            "PHQ9": {**PHQ9_MODERATE, 9: 1},
            "GAD7": dict.fromkeys(range(1, 8), 2),
            "DAST10": dict.fromkeys(range(1, 11), 0),
        }
    )
    intake_drafts.save_draft(clinician, view.id, data)
    with statements() as seen:
        opened = intake.get_assessment(clinician, view.id)
    assert len(opened.screenings) == 3 and opened.screenings["PHQ9"].needs_follow_up
    assert _follow_up_reads(seen) <= 1
    with statements() as seen:
        findings = screenings.latest_findings(clinician, client_id)
    assert {s.code for s in findings.screenings} == {"PHQ9", "GAD7"}
    assert next(s for s in findings.screenings if s.code == "PHQ9").needs_follow_up
    assert _follow_up_reads(seen) <= 1
