"""The service boundary: arguments checked against the use case's own hints, refused with a
sentence under the field they belong to, before the permission check or the database."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from iopdesk.db.models.core import AuditEvent, Client, Staff
from iopdesk.errors import ValidationError
from iopdesk.services import boundary
from iopdesk.services.admin import auth
from iopdesk.services.admin import clinic as clinic_service
from iopdesk.services.admin.staff import StaffForm
from iopdesk.services.clients import records as clients
from iopdesk.services.context import Actor
from tests.conftest import PASSWORD
from tests.factories.clients import client_form
from tests.unit.test_service_boundary_fuzz import AREAS, use_cases


@dataclass(frozen=True)
class Row:
    """A row of a sheet."""

    client_id: int
    minutes: int | None = None


def _service(
    actor: Actor,
    client_id: int,
    name: str,
    day: dt.date | str | None,
    *,
    hours: float = 0.0,
    weekdays: tuple[int, ...] = (),
    rows: tuple[Row, ...] = (),
    answers: Mapping[int, int | None] | None = None,
    payload: dict[str, boundary.Json] | None = None,
    at: dt.datetime | None = None,
) -> None:
    """A use case's shape, to hand the boundary."""


ACTOR = Actor(1, "admin", "Alex Admin", "administrator")
GOOD = {"actor": ACTOR, "client_id": 3, "name": "Dana", "day": "2026-02-10"}
WHOLE = "must be a whole number from -2,147,483,648 to 2,147,483,647."
NUL = "contains a null character, which cannot be saved; remove it."
HALF = "contains a broken character (half of one), which cannot be saved; type it again."
NOT_FINITE = "must be a number (not infinite or undefined)."
JSON = "must be text, a number, yes or no, or a list of these."


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"client_id": 2**63}, {"client_id": f"Client ID {WHOLE}"}),
        ({"client_id": "12"}, {"client_id": "Client ID must be a whole number."}),
        ({"client_id": True}, {"client_id": "Client ID must be a whole number."}),
        ({"client_id": None}, {"client_id": "Client ID cannot be left empty."}),
        ({"name": ["Dana"]}, {"name": "Name must be text."}),
        ({"name": b"Dana"}, {"name": "Name must be text."}),
        ({"name": "Da\x00na"}, {"name": f"Name {NUL}"}),
        ({"name": "Da\ud800na"}, {"name": f"Name {HALF}"}),
        ({"name": "x" * 100_001}, {"name": "Name is too long (at most 100,000 characters)."}),
        (
            {"day": dt.datetime(2026, 2, 10, 9)},
            {"day": "Day must be a date without a time of day."},
        ),
        ({"day": dt.date(1850, 1, 1)}, {"day": "Day must be between 01/01/1900 and 12/31/2100."}),
        ({"day": 20260210}, {"day": "Day must be a date, text or left empty."}),
        ({"hours": float("nan")}, {"hours": f"Hours {NOT_FINITE}"}),
        ({"weekdays": (0, "tue")}, {"weekdays": "Weekdays: item 2 must be a whole number."}),
        (
            {"rows": (Row(1), Row(2, True))},
            {"rows.1.minutes": "Rows row 2: minutes must be a whole number or left empty."},
        ),
        ({"rows": [Row(1), {"client_id": 2}]}, {"rows": "Rows: item 2 must be a row."}),
        ({"answers": {1: 2, "2": 1}}, {"answers": "Answers: a key must be a whole number."}),
        (
            {"answers": {1: 2.5}},
            {"answers.1": "Answers: “1” must be a whole number or left empty."},
        ),
        ({"payload": {"goal": float("nan")}}, {"goal": f"Goal {NOT_FINITE}"}),
        ({"payload": {"goal": [b"x"]}}, {"goal": f"Goal: item 1 {JSON}"}),
        ({"payload": {"\x00": "x"}}, {"payload": f"Payload: a key {NUL}"}),
        # A key no field has (not an ASCII name) is quoted: "ª" has no capital to start with.
        ({"payload": {"ª": float("nan")}}, {"payload.ª": f"Payload: “ª” {NOT_FINITE}"}),
        (
            {"at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)},
            {"at": "At must be a local date and time (without a time zone)."},
        ),
    ],
)
def test_a_wrong_argument_is_refused_with_a_sentence_under_its_field(changes, fields):
    values = GOOD | changes
    with pytest.raises(ValidationError) as refused:
        boundary.check_arguments(_service, (values.pop("actor"),), values)
    assert refused.value.fields == fields


def test_right_arguments_pass_untouched():
    values = GOOD | {
        "weekdays": [0, 2],
        "rows": (Row(1), Row(2, 90)),
        "answers": {1: 2, 2: None},
        "payload": {"goal": ["one", 2, None, {"x": True}]},
        "at": dt.datetime(2026, 1, 1, 9),
    }
    boundary.check_arguments(_service, (values.pop("actor"),), values)


def test_a_hint_the_boundary_cannot_check_is_a_programming_error_named_at_once():
    def careless(actor: Actor, anything: object) -> None:
        """A parameter that says nothing about what it takes."""

    with pytest.raises(TypeError, match="careless, parameter 'anything'"):
        boundary.signature_of(careless)


def test_every_use_case_has_hints_the_boundary_can_check():
    found = [fn for area in AREAS for fn in use_cases(area)]
    assert len(found) > 100
    for fn in found:
        boundary.signature_of(inspect.unwrap(fn))


def test_the_boundary_refuses_before_the_permission_check_and_writes_nothing(front_desk):
    events = AuditEvent.select().count()
    with pytest.raises(ValidationError, match="Client ID must be a whole number"):
        clients.chart_header(front_desk, "1; DROP TABLE client")
    assert AuditEvent.select().count() == events
    with pytest.raises(ValidationError, match="Legal first name must be text"):
        clients.register_client(front_desk, client_form(["Ann"], "Lee"))
    assert Client.select().count() == 0
    assert AuditEvent.select().count() == events


def test_sign_in_refuses_a_wrong_type_without_a_failed_attempt(admin):
    with pytest.raises(ValidationError, match="Password cannot be left empty"):
        auth.sign_in("admin", None)  # type: ignore[arg-type]
    assert Staff.get(Staff.username == "admin").failed_attempts == 0
    assert auth.sign_in("admin", PASSWORD).username == "admin"


def test_first_set_up_refuses_a_form_with_a_wrong_field(store):
    form = clinic_service.ClinicForm(float("nan"), "12 Main St")  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as refused:
        clinic_service.set_up_clinic(
            form, StaffForm("admin", "Alex Admin", "administrator"), PASSWORD, PASSWORD
        )
    assert refused.value.fields == {"name": "Name must be text."}
    assert not clinic_service.is_set_up()
