from iopdesk.db.models.core import AuditEvent, Staff
from iopdesk.services.admin import auth


def test_setup_and_sign_in(admin, clinician):
    actor = auth.sign_in("casey", "correct horse battery")
    assert actor.role == "clinician"
    assert Staff.select().count() == 2
    assert AuditEvent.select().where(AuditEvent.action == "auth.sign_in").count() == 1
