"""The printed week read back with pypdf: days, sessions, cancellations, the Part 2 notice."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from iopdesk.db.models.calendar import Session
from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import NotFound
from iopdesk.services import calendar as cal
from tests.factories import calendar as f
from tests.factories.calendar import MON, TUE
from tests.factories.clients import make_client

T = dt.time


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_counselor_week_pdf(clinician, supervisor, admin):
    monday = f.next_weekday(MON)
    g = f.group("Relapse Prevention (Morning)", room_id=f.room("Group Room 1"))
    series = cal.create_series(clinician, f.group_series(g, clinician.staff_id, monday))
    c = make_client("Guðrún", "Ólafsdóttir-Papadopoulou")
    cal.create_appointment(
        clinician,
        cal.AppointmentForm(
            "individual", monday + dt.timedelta(days=1), T(14), T(15), (c,), clinician.staff_id
        ),
    )
    cal.create_appointment(
        supervisor,
        cal.AppointmentForm(
            "family", monday + dt.timedelta(days=1), T(16), T(17), (c,), supervisor.staff_id
        ),
    )
    wed = Session.get((Session.series == series.id) & (Session.day == monday + dt.timedelta(2)))
    cal.cancel_occurrence(clinician, wed.id, "Facilitator at training")
    cal.add_closed_day(admin, monday + dt.timedelta(days=4), "Staff retreat")
    data = cal.print_week(clinician, monday, cal.CalendarFilter(counselor_id=clinician.staff_id))
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = _text(data)
    assert "Counselor: Casey Tester" in text
    assert "Relapse Prevention" in text and "Group Room 1" in text
    assert "Guðrún" in text
    assert "Facilitator at training" in text
    assert "Closed: Staff retreat" in text
    assert "42 CFR part 2" in text
    assert "Sam Tester" not in text  # the supervisor's family session is not on this sheet
    audit = AuditEvent.select().where(AuditEvent.action == "calendar.print_week").get()
    assert audit.staff_id == clinician.staff_id


def test_whole_clinic_busy_week_spans_pages(clinician):
    monday = f.next_weekday(MON)
    clients = [make_client("Client", f"Number{n:02d}") for n in range(30)]
    for n, c in enumerate(clients):
        cal.create_appointment(
            clinician,
            cal.AppointmentForm(
                "individual",
                monday + dt.timedelta(days=n % 2),
                T(9),
                T(10),
                (c,),
                clinician.staff_id,
                title=f"Session {n:02d}",
            ),
            override_reason="Test of a crowded hour",
        )
    text = _text(cal.print_week(clinician, monday))
    assert all(f"Session {n:02d}" in text for n in range(30))
    assert "Whole clinic" in text


@pytest.mark.parametrize("weekday", [TUE])
def test_empty_week_says_so(clinician, weekday):
    text = _text(cal.print_week(clinician, f.next_weekday(weekday)))
    assert "No sessions are booked this week." in text


def test_the_week_of_a_client_who_is_not_there_is_refused(clinician):
    events = AuditEvent.select().count()
    with pytest.raises(NotFound, match="no such client"):
        cal.print_week(clinician, f.next_weekday(MON), cal.CalendarFilter(client_id=999))
    with pytest.raises(NotFound, match="no such client"):
        week = cal.CalendarFilter(counselor_id=clinician.staff_id, client_id=999)
        cal.print_week(clinician, f.next_weekday(MON), week)
    assert AuditEvent.select().count() == events
