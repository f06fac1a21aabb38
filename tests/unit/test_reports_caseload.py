"""Caseloads as of 31 March 2025, by hand: active clients, plans due, notes left unsigned more
than 72 hours at the end of that day; a clinician sees only their own line."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.attendance import GroupNote, ProgressNote
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.services.reports import caseload
from tests.factories.reports import D, admit, period, session
from tests.unit.report_helpers import csv_lines

MARCH = period(D(2025, 3, 1), D(2025, 3, 31))


def _plan(staff, client_id, episode_id, review, status="signed", version=1):
    TreatmentPlan.create(client=client_id, episode=episode_id, version=version, status=status,
                         start_date=D(2025, 1, 1), next_review_date=review,
                         created_by=staff.staff_id)  # fmt: skip


def _note(author, client_id, written, signed=None):
    ProgressNote.create(session=session(written.date()), client=client_id, author=author.staff_id,
                        written_at=written, signed_by=author.staff_id if signed else None,
                        signed_at=signed)  # fmt: skip


@pytest.fixture
def caseloads(clinician, supervisor):
    ann, ann_ep = admit(clinician, D(2025, 1, 1), counselor=clinician, name="Ann")
    admit(clinician, D(2025, 1, 1), D(2025, 3, 15), counselor=clinician, name="Ben")  # gone
    admit(clinician, D(2025, 4, 1), counselor=clinician, name="Cy")  # not yet admitted
    dee, dee_ep = admit(supervisor, D(2025, 2, 1), counselor=supervisor, name="Dee")
    admit(supervisor, D(2025, 3, 31), name="Eli")  # no counselor assigned
    _plan(clinician, ann, ann_ep, D(2025, 2, 1), status="superseded")
    _plan(clinician, ann, ann_ep, D(2025, 3, 20), version=2)  # overdue
    _plan(supervisor, dee, dee_ep, D(2025, 4, 10))  # not due yet
    _note(clinician, ann, dt.datetime(2025, 3, 27, 10, 0))  # unsigned more than 72 hours
    _note(clinician, ann, dt.datetime(2025, 3, 30, 10, 0))  # unsigned, but recent
    _note(clinician, ann, dt.datetime(2025, 3, 20, 10, 0), dt.datetime(2025, 3, 25, 9, 0))
    _note(clinician, ann, dt.datetime(2025, 3, 20, 11, 0), dt.datetime(2025, 4, 2, 9, 0))
    GroupNote.create(session=session(D(2025, 3, 1)), author=supervisor.staff_id,
                     written_at=dt.datetime(2025, 3, 1, 16, 0))  # fmt: skip


def test_every_counselor_as_of_the_last_day(caseloads, admin, supervisor):
    for actor in (admin, supervisor):
        printout = caseload.export_caseload(actor, MARCH, "csv")
        assert csv_lines(printout.content) == [
            "counselor,active_clients,plans_due,notes_unsigned_72h",
            '"Casey Tester, LADC",1,1,2',
            '"Sam Tester, LADC",1,0,1',
            "(no counselor assigned),1,0,0",
        ]


def test_a_clinician_sees_their_own_line(caseloads, clinician):
    rows = caseload.view_caseload(clinician, MARCH).figures.tables[0].rows
    assert rows == (("Casey Tester, LADC", 1, 1, 2),)
