"""Who sees which report, the audited export of each (PDF read back, CSV columns exactly as
the issue lists them), the copy for a board or funder, and refusals that change nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from peewee import fn

from iopdesk.db.models.core import AuditEvent
from iopdesk.domain import formats, teds
from iopdesk.domain.report_catalog import REPORTS
from iopdesk.domain.report_layout import cell_text
from iopdesk.errors import NotFound, PermissionDenied, ValidationError
from iopdesk.services.reports import registry
from iopdesk.services.reports.period import report_period
from tests.factories.reports import D, admit, attend, period
from tests.unit.report_helpers import csv_lines, pdf_pages

MARCH = period(D(2025, 3, 1), D(2025, 3, 31))
EXPECTED_COLUMNS = {
    "census": "date,active_clients",
    "admissions": "month,referral_source,admissions",
    "discharges": "discharge_type,discharges",
    "length-of-stay": "discharge_type,discharges,median_days,q1_days,q3_days",
    "attendance": "record_number,week_start,minutes,met_minimum",
    "outcomes": "record_number,instrument,first_date,first_total,last_date,last_total,change,"
    "improved_band",
    "follow-ups": "record_number,days,due_date,reached,recovery_status",
    "billing": "record_number,date,minutes,code,units,payer",
    "teds": ",".join(teds.COLUMNS),
    "caseload": "counselor,active_clients,plans_due,notes_unsigned_72h",
}
SEES = {
    "front_desk": {"census", "billing"},
    "clinician": set(REPORTS) - {"billing", "teds"},
    "supervisor": set(REPORTS),
    "admin": set(REPORTS),
}


def _audit_after(mark: int) -> list[tuple[str, str, str, str]]:
    return [
        (e.action, e.kind, e.outcome, e.detail)
        for e in AuditEvent.select().where(AuditEvent.id > mark).order_by(AuditEvent.id)
    ]


def _mark() -> int:
    return AuditEvent.select(fn.MAX(AuditEvent.id)).scalar() or 0


@pytest.fixture
def actors(admin, clinician, supervisor, front_desk):
    return {"admin": admin, "clinician": clinician, "supervisor": supervisor,
            "front_desk": front_desk}  # fmt: skip


@pytest.mark.parametrize("role", sorted(SEES))
def test_each_role_sees_its_reports_and_a_refusal_is_audited(actors, role):
    actor = actors[role]
    assert set(registry.available_reports(actor)) == SEES[role]
    for name in REPORTS:
        mark = _mark()
        if name in SEES[role]:
            registry.view_report(actor, name, MARCH)
            assert _audit_after(mark)[0][:3] == (f"report.{name}.view", "read", "ok")
        else:
            with pytest.raises(PermissionDenied):
                registry.export_report(actor, name, MARCH, "csv")
            assert _audit_after(mark)[0][:3] == (f"report.{name}.export", "denied", "denied")


@pytest.mark.parametrize("name", list(REPORTS))
def test_every_csv_has_exactly_the_issues_columns(admin, name):
    printout = registry.export_report(admin, name, MARCH, "csv")
    assert csv_lines(printout.content)[0] == EXPECTED_COLUMNS[name]


@pytest.fixture
def small_clinic(clinician):
    for n in range(3):
        client_id, _ = admit(clinician, D(2025, 2, 1), name=f"Client{n}")
        attend(client_id, D(2025, 3, 3), 180)


def test_an_aggregate_pdf_says_for_internal_use_and_names_nobody(small_clinic, admin):
    mark = _mark()
    printout = registry.export_report(admin, "census", MARCH, "pdf")
    pages = pdf_pages(printout.content)
    text = " ".join(pages)
    assert "Daily census" in pages[0] and "03/01/2025 to 03/31/2025 · All programs" in pages[0]
    assert "For internal use" in pages[0] and REPORTS["census"].definition[:60] in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "42 CFR part 2" not in text and "IOP-0000" not in text
    assert _audit_after(mark) == [
        ("report.census.export", "read", "ok",
         "exported 03/01/2025 to 03/31/2025 · All programs as PDF for internal use"),
    ]  # fmt: skip


def test_a_pdf_that_names_clients_carries_the_part_2_notice(small_clinic, admin):
    printout = registry.export_report(admin, "billing", MARCH, "pdf")
    text = " ".join(pdf_pages(printout.content))
    assert "IOP-000001" in text and "For internal use" in text
    assert "42 CFR part 2 prohibits unauthorized use or disclosure of these records." in text
    assert _audit_after(_mark() - 1)[0][3].endswith("; names clients")


def test_a_copy_for_a_board_hides_small_counts_and_every_client(small_clinic, admin):
    census = " ".join(pdf_pages(registry.export_report(admin, "census", MARCH, "pdf",
                                                      board=True).content))  # fmt: skip
    assert "counts from 1 to 10 are shown as <11" in census and "Highest: <11" in census
    billing = registry.export_report(admin, "billing", MARCH, "pdf", board=True)
    text = " ".join(pdf_pages(billing.content))
    assert "IOP-0000" not in text and "42 CFR part 2" not in text
    assert billing.file_name == "billing-2025-03-01-to-2025-03-31-board.pdf"


def test_bad_requests_are_refused_with_a_sentence_and_leave_no_trace(admin):
    mark = _mark()
    backwards = period(D(2025, 3, 31), D(2025, 3, 1))
    with pytest.raises(ValidationError, match="end on or after"):
        registry.view_report(admin, "census", backwards)
    with pytest.raises(ValidationError, match="PDF or a CSV"):
        registry.export_report(admin, "census", MARCH, "xlsx")
    with pytest.raises(ValidationError, match="PDFs only"):
        registry.export_report(admin, "census", MARCH, "csv", board=True)
    with pytest.raises(ValidationError, match="program"):
        registry.view_report(admin, "census", period(MARCH.start, MARCH.end, "geriatric"))
    with pytest.raises(ValidationError, match="Choose the period"):
        registry.view_report(admin, "census", "last March")  # type: ignore[arg-type]
    with pytest.raises(NotFound, match="no report called 'revenue'"):
        registry.view_report(admin, "revenue", MARCH)
    assert _audit_after(mark) == []


@given(
    st.one_of(st.none(), st.text(max_size=12), st.integers(), st.dates()),
    st.one_of(st.none(), st.text(max_size=12), st.floats(), st.dates()),
    st.one_of(st.none(), st.text(max_size=12), st.integers()),
)
def test_any_period_is_checked_or_refused_with_a_sentence(start, end, program):
    try:
        chosen = report_period(start, end, program)
    except ValidationError as exc:
        assert exc.message and set(exc.fields) <= {"start", "end", "program"}
    else:
        assert chosen.start <= chosen.end and chosen.program in ("", "adult", "adolescent")


def test_dates_follow_the_clinics_style_and_the_csv_stays_iso(admin):
    formats.use("long", "12h")
    view = registry.view_report(admin, "census", MARCH)
    assert view.period.label == "Mar 1, 2025 to Mar 31, 2025 · All programs"
    assert cell_text(view.figures.tables[0].rows[0][0]) == "Mar 1, 2025"
    csv = registry.export_report(admin, "census", MARCH, "csv").content
    assert csv_lines(csv)[1].startswith("2025-03-01,")
