"""Family sessions record who came: the client on the sheet, and their family members and other
collaterals beside them, saved in the same transaction as the sheet."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.family import SessionCollateral
from iopdesk.errors import DomainError, ValidationError
from iopdesk.services.attendance import family_sessions as family
from iopdesk.services.attendance.session_record import SessionChanges, save_session
from iopdesk.services.attendance.sheet import AttendanceEntry
from iopdesk.services.clients import collaterals
from iopdesk.services.clients.collaterals import CollateralForm
from tests.factories.attendance import make_session
from tests.factories.clients import make_client

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def _family(clinician):
    client_id = make_client("Dana", "Reyes")
    mother = collaterals.add_collateral(clinician, client_id, CollateralForm("Maria", "Mother"))
    brother = collaterals.add_collateral(clinician, client_id, CollateralForm("Tom", "Brother"))
    session_id = make_session(
        None, YESTERDAY, dt.time(16), dt.time(17), kind="family", client_ids=(client_id,),
        title="Family session",
    )  # fmt: skip
    return client_id, session_id, mother, brother


def test_the_sheet_saves_the_client_and_the_family_who_came_together(front_desk, clinician):
    client_id, session_id, mother, brother = _family(clinician)
    members = family.family_attendance(front_desk, session_id)
    assert [(m.label, m.present) for m in members] == [
        ("Maria (Mother)", False),
        ("Tom (Brother)", False),
    ]
    changes = SessionChanges((AttendanceEntry(client_id, "present"),), collaterals=(mother.id,))
    save_session(front_desk, session_id, changes)
    assert [m.present for m in family.family_attendance(front_desk, session_id)] == [True, False]
    [row] = family.family_sessions(front_desk, client_id)
    assert (row.title, row.client_status, row.came_text) == (
        "Family session", "Present", "Maria (Mother)")  # fmt: skip
    # Saving again with the brother instead replaces who came.
    save_session(front_desk, session_id, SessionChanges(collaterals=(brother.id,)))
    assert family.family_sessions(front_desk, client_id)[0].came == ("Tom (Brother)",)


def test_someone_elses_relative_or_another_kind_of_session_is_refused(clinician, front_desk):
    client_id, session_id, mother, _ = _family(clinician)
    stranger = collaterals.add_collateral(
        clinician, make_client("Ann", "Other"), CollateralForm("Bo", "Father")
    )
    with pytest.raises(ValidationError):
        family.record_family_attendance(front_desk, session_id, [stranger.id])
    group = make_session(None, YESTERDAY, kind="individual", client_ids=(client_id,))
    with pytest.raises(DomainError, match="family sessions only"):
        family.record_family_attendance(front_desk, group, [mother.id])
    future = make_session(
        None, dt.date.today() + dt.timedelta(days=2), kind="family", client_ids=(client_id,)
    )
    with pytest.raises(DomainError, match="has not happened yet"):
        family.record_family_attendance(front_desk, future, [mother.id])
    assert SessionCollateral.select().count() == 0


def test_a_relative_no_longer_involved_stays_on_the_sessions_they_came_to(clinician, front_desk):
    client_id, session_id, mother, _ = _family(clinician)
    family.record_family_attendance(front_desk, session_id, [mother.id])
    collaterals.edit_collateral(
        clinician, mother.id, CollateralForm("Maria", "Mother", active=False)
    )
    labels = [m.label for m in family.family_attendance(front_desk, session_id)]
    assert labels == ["Maria (Mother)", "Tom (Brother)"]
    later = make_session(None, YESTERDAY, kind="family", client_ids=(client_id,))
    assert [m.label for m in family.family_attendance(front_desk, later)] == ["Tom (Brother)"]
