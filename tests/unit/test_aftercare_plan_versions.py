"""A final aftercare plan is frozen: changes are a new version or an addendum, both printed."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from iopdesk.db.models.aftercare import AftercarePlan, SupportContact
from iopdesk.db.models.attendance import NoteAddendum
from iopdesk.db.models.core import AuditEvent
from iopdesk.errors import DomainError, PermissionDenied, ValidationError
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.aftercare import plan_versions
from iopdesk.services.aftercare.overview import aftercare_overview
from iopdesk.services.aftercare.plan import AftercarePlanForm, ContactEntry
from iopdesk.services.clients import releases
from tests.factories.clients import make_client

PLAN = AftercarePlanForm(
    status="final",
    sober_living="Oxford House, Elm St",
    triggers="Payday Fridays",
    contacts=(ContactEntry("Marisol", "Sponsor", "555-201-9911"),),
)


def _final(clinician) -> aftercare.AftercarePlanData:
    client_id = make_client(counselor=clinician)
    return aftercare.save_aftercare_plan(clinician, client_id, PLAN)


def _pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def _stored() -> list[tuple[int, str, str]]:
    rows = AftercarePlan.select().order_by(AftercarePlan.version)
    return [(p.version, p.status, p.sober_living) for p in rows]


@pytest.mark.parametrize(
    "change",
    [
        {"sober_living": "Moved in with my sister"},
        {"status": "draft"},
        {"contacts": ()},
        {"contacts": (ContactEntry("Mom", "Mother", "555-201-0000"),)},
        {"triggers": "Payday Fridays\nOld friends"},
    ],
)
def test_a_final_plan_refuses_every_change_and_says_what_to_do(clinician, change):
    final = _final(clinician)
    form = replace(PLAN, row_version=final.row_version, **change)
    with pytest.raises(DomainError) as refused:
        aftercare.save_aftercare_plan(clinician, final.client_id, form)
    assert "is final and cannot change" in refused.value.message
    assert "new version" in refused.value.message and "addendum" in refused.value.message
    assert _stored() == [(1, "final", "Oxford House, Elm St")]
    assert [c.name for c in SupportContact.select()] == ["Marisol"]


def test_a_new_version_copies_the_final_plan_and_keeps_the_old_one(clinician):
    final = _final(clinician)
    revised = plan_versions.new_aftercare_version(clinician, final.client_id)
    assert (revised.version, revised.latest_version, revised.status) == (2, 2, "draft")
    assert revised.id != final.id
    assert [c.name for c in revised.contacts] == ["Marisol"]
    assert revised.sober_living == "Oxford House, Elm St"
    changed = aftercare.save_aftercare_plan(
        clinician,
        final.client_id,
        replace(
            PLAN, status="draft", sober_living="Sister's house", row_version=revised.row_version
        ),
    )
    assert (changed.id, changed.sober_living) == (revised.id, "Sister's house")
    assert _stored() == [(1, "final", "Oxford House, Elm St"), (2, "draft", "Sister's house")]
    old = aftercare.get_aftercare_plan(clinician, final.client_id, version=1)
    assert old is not None and not old.is_current
    assert (old.sober_living, old.latest_version) == ("Oxford House, Elm St", 2)
    assert aftercare_overview(clinician, final.client_id).episodes[0].plan_status == "draft"
    printed = _pdf_text(aftercare.print_aftercare_plan(clinician, final.client_id).content)
    assert "version 2" in printed and "Sister's house" in printed
    printed = _pdf_text(
        aftercare.print_aftercare_plan(clinician, final.client_id, version=1).content
    )
    assert "version 1" in printed and "Oxford House" in printed
    with pytest.raises(DomainError, match="no aftercare plan version 3"):
        aftercare.get_aftercare_plan(clinician, final.client_id, version=3)
    # A release names the plan in use, with its version.
    assert releases.LISTERS["aftercare_plan"](final.client_id)[0][1].endswith("version 2 (draft)")


def test_a_new_version_needs_a_final_plan(clinician):
    client_id = make_client(counselor=clinician)
    with pytest.raises(DomainError, match="no aftercare plan yet"):
        plan_versions.new_aftercare_version(clinician, client_id)
    aftercare.save_aftercare_plan(clinician, client_id, AftercarePlanForm(status="draft"))
    with pytest.raises(DomainError, match="still a draft"):
        plan_versions.new_aftercare_version(clinician, client_id)
    assert AftercarePlan.select().count() == 1


def test_addenda_stay_with_the_final_plan_and_print_after_it(clinician):
    final = _final(clinician)
    plan_versions.add_aftercare_addendum(clinician, final.id, "Sponsor changed: call Ana.")
    view = plan_versions.add_aftercare_addendum(clinician, final.id, "  Moved to Elm St.  ")
    assert [a.text for a in view.addenda] == ["Sponsor changed: call Ana.", "Moved to Elm St."]
    assert view.addenda[0].written_by == "Casey Tester, LADC"
    assert view.sober_living == "Oxford House, Elm St"  # the final text stays as it was
    audit = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (audit.action, audit.record_id) == ("aftercare.addendum", str(final.id))
    text = _pdf_text(aftercare.print_aftercare_plan(clinician, final.client_id).content)
    signature = text.index("Counselor")
    added = text.index("Added to this plan since it was final")
    assert signature < added < text.index("Sponsor changed: call Ana.")
    assert "version 1" in text


def test_addenda_are_refused_on_a_draft_when_empty_or_unknown(clinician):
    client_id = make_client(counselor=clinician)
    draft = aftercare.save_aftercare_plan(clinician, client_id, AftercarePlanForm())
    with pytest.raises(DomainError, match="still a draft"):
        plan_versions.add_aftercare_addendum(clinician, draft.id, "Note")
    final = _final(clinician)
    with pytest.raises(ValidationError):
        plan_versions.add_aftercare_addendum(clinician, final.id, "   ")
    with pytest.raises(DomainError, match="does not exist"):
        plan_versions.add_aftercare_addendum(clinician, 9999, "Note")
    assert NoteAddendum.select().count() == 0


def test_front_desk_and_administrators_can_neither_revise_nor_add(clinician, front_desk, admin):
    final = _final(clinician)
    for actor in (front_desk, admin):
        with pytest.raises(PermissionDenied):
            plan_versions.new_aftercare_version(actor, final.client_id)
        with pytest.raises(PermissionDenied):
            plan_versions.add_aftercare_addendum(actor, final.id, "Note")
    assert AftercarePlan.select().count() == 1 and NoteAddendum.select().count() == 0
