"""A plan signature keeps the whole name of anyone who may sign: the longest client name the
client form accepts and the longest staff name with credentials fit the signer_name column
(PostgreSQL refuses a longer value where SQLite silently stores it)."""

from __future__ import annotations

import pytest

from iopdesk.db.models.plans import PlanSignature
from iopdesk.errors import ValidationError
from iopdesk.services.admin import staff
from iopdesk.services.clients import records as clients
from iopdesk.services.context import Actor
from iopdesk.services.plans import signing as plans_signing
from tests.conftest import PASSWORD
from tests.factories.clients import client_form
from tests.factories.plans import write_plan

# The forms' limits; if a form starts to accept more, the refusals below fail: widen the
# column (and add a migration) before raising a limit.
CLIENT_NAME = 100  # each of the legal first and last names
STAFF_NAME, CREDENTIALS = 200, 80


def test_the_forms_refuse_one_character_more(admin, clinician) -> None:
    for first, last in (("F" * (CLIENT_NAME + 1), "L"), ("F", "L" * (CLIENT_NAME + 1))):
        with pytest.raises(ValidationError):
            clients.register_client(clinician, client_form(first, last))
    for name, credentials in (("S" * (STAFF_NAME + 1), ""), ("S", "C" * (CREDENTIALS + 1))):
        with pytest.raises(ValidationError):
            staff.add_staff(admin, staff.StaffForm("x1", name, "clinician", credentials), PASSWORD)


def test_the_longest_names_fit_the_signature_column(admin, clinician) -> None:
    client = clients.register_client(clinician, client_form("Ä" * CLIENT_NAME, "Ø" * CLIENT_NAME))
    row = staff.add_staff(
        admin,
        staff.StaffForm("longname", "S" * STAFF_NAME, "clinician", "C" * CREDENTIALS),
        PASSWORD,
    )
    counselor = Actor(row.id, row.username, row.full_name, row.role)
    plan_id = write_plan(counselor, client.id)
    plans_signing.sign_plan(counselor, plan_id, "client", on_paper=True)
    plans_signing.sign_plan(counselor, plan_id, "counselor")
    names = {s.role: s.signer_name for s in PlanSignature.select()}
    assert names == {
        "client": f"{'Ä' * CLIENT_NAME} {'Ø' * CLIENT_NAME}",
        "counselor": f"{'S' * STAFF_NAME}, {'C' * CREDENTIALS}",
    }
    assert max(len(name) for name in names.values()) <= PlanSignature.signer_name.max_length
