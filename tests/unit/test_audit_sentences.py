"""The audit log reads as sentences: every action code has one, and rows say who did what."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import iopdesk.services
from iopdesk.errors import PermissionDenied, SignInFailed
from iopdesk.services.admin import audit_log, auth, staff
from iopdesk.services.admin.audit_sentences import PAST, PHRASES, VARIANTS, sentence
from iopdesk.services.admin.staff import StaffForm
from iopdesk.services.clients import records as clients
from tests.conftest import PASSWORD
from tests.factories.clients import make_client

ROOT = Path(iopdesk.services.__file__).resolve().parents[1]
#: Actions written without the use-case wrapper: write_audit(actor, "x.y", ...), deny(actor,
#: "x.y", ...) and require(actor, permission, "x.y").
DIRECT = re.compile(
    r"""(?:write_audit\(\s*\w+,\s*|deny\(\s*\w+,\s*|require\(\s*\w+,\s*"[^"]+",\s*)"([a-z_.]+)\"""",
    re.MULTILINE,
)


def _use_case_actions() -> set[str]:
    found = set()
    for info in pkgutil.walk_packages(iopdesk.services.__path__, "iopdesk.services."):
        module = importlib.import_module(info.name)
        found.update(
            value.action
            for value in vars(module).values()
            if inspect.isfunction(value) and isinstance(getattr(value, "action", None), str)
        )
    return found


def _direct_actions() -> set[str]:
    return {
        match
        for path in ROOT.rglob("*.py")
        for match in DIRECT.findall(path.read_text(encoding="utf-8"))
    }


def test_every_action_code_has_a_sentence():
    actions = _use_case_actions() | _direct_actions()
    assert {"client.open", "auth.sign_in", "backup.make", "calendar.week"} <= actions
    assert sorted(actions - set(PHRASES)) == []


def test_every_phrase_can_be_said_in_the_past():
    verbs = {p.split(" ")[0] for p in (*PHRASES.values(), *VARIANTS.values())}
    assert sorted(verbs - set(PAST)) == []


def test_rows_read_as_who_did_what_to_which_record(admin, clinician, front_desk):
    client_id = make_client("Rosa", "Vega")
    staff.add_staff(admin, StaffForm("jkim", "Jae Kim", "clinician"), PASSWORD)
    number = clients.chart_header(clinician, client_id).record_number
    with pytest.raises(PermissionDenied):
        staff.list_staff(front_desk)
    with pytest.raises(SignInFailed):
        auth.sign_in("admin", "not the password at all")
    said = [r.sentence for r in audit_log.search(admin, audit_log.AuditFilter())]
    assert "Alex Admin added staff member Jae Kim" in said
    assert f"Casey Tester opened the chart of {number}" in said
    assert "Fran Tester was not allowed to list the staff" in said
    assert "admin could not sign in (wrong password)" in said
    assert "Alex Admin set up the clinic" in said


def test_a_reactivation_and_an_unknown_code_still_read_well():
    assert sentence("staff.set_active", "ok", "Alex Admin", staff="Jae Kim",
                    detail="reactivated jkim") == "Alex Admin reactivated Jae Kim"  # fmt: skip
    assert sentence("staff.set_active", "ok", "Alex Admin", staff="Jae Kim",
                    detail="deactivated jkim") == "Alex Admin deactivated Jae Kim"  # fmt: skip
    assert sentence("future.thing", "ok", "Alex Admin") == "Alex Admin: future.thing"
