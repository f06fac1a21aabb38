"""`iopdesk print plan` on a demo clinic, and what the demo's plans step builds."""

from __future__ import annotations

from pypdf import PdfReader

from iopdesk.cli import main
from iopdesk.db.connection import close_database
from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.db.models.plans import LibraryItem, PlanSignature, TreatmentPlan
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.services.store import Credential, unlock_clinic


def test_demo_plans_and_the_print_command(demo_dir, tmp_path, capsys, monkeypatch):
    folder = demo_dir
    unlock_clinic(folder, Credential("admin", DEMO_PASSWORD))
    statuses = {p.status for p in TreatmentPlan.select()}
    assert statuses == {"draft", "partially_signed", "signed", "superseded"}
    assert LibraryItem.select().count() == 20
    revised = TreatmentPlan.select().where(TreatmentPlan.version == 2).first()
    assert revised.previous.status == "superseded"
    for plan in TreatmentPlan.select().where(TreatmentPlan.status == "signed"):
        roles = {s.role: s.signer_id for s in PlanSignature.select().where(
            PlanSignature.plan == plan.id)}  # fmt: skip
        assert set(roles) == {"client", "counselor", "supervisor"}
        assert roles["counselor"] != roles["supervisor"]
    record = Client.get_by_id(revised.client_id).record_number
    close_database()

    monkeypatch.setenv("IOPDESK_PASSWORD", DEMO_PASSWORD)
    out = tmp_path / "plan.pdf"
    args = ["print", "plan", record, "--data-dir", str(folder), "--user", "jcarter"]
    assert main([*args, "--version", "1", "-o", str(out)]) == 0
    assert "version 1" in capsys.readouterr().out
    text = " ".join(p.extract_text() for p in PdfReader(str(out)).pages)
    assert record in text and "Version 1 (superseded)" in " ".join(text.split())
    close_database()
    assert main([*args, "--release-to", "Court", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no consent to disclose" in err or "Choose the consent" in err
    close_database()
    desk = ["print", "plan", record, "--data-dir", str(folder), "--user", "dmiller"]
    assert main([*desk, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "not allowed" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    close_database()
    unlock_clinic(folder, Credential("admin", DEMO_PASSWORD))
    assert AuditEvent.select().where(AuditEvent.action == "plan.print").count() == 1
