"""`iopdesk print plan --release-to`: only to a recipient the consent names, logged, long notice."""

from __future__ import annotations

from pypdf import PdfReader

from iopdesk.cli import main
from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.services.clients import consents, disclosures
from tests.conftest import PASSWORD
from tests.factories.clients import disclosure_form, make_client
from tests.factories.plans import write_plan


def test_release_to_a_recipient_the_consent_does_not_name_is_refused(
    clinician, front_desk, data_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    client_id = make_client(counselor=clinician)
    write_plan(clinician, client_id)
    consent = consents.add_disclosure_consent(front_desk, client_id, disclosure_form(
        information="The treatment plan", recipients="Olmsted County Probation",
        categories=["treatment_plan"]))  # fmt: skip
    record = Client.get_by_id(client_id).record_number
    out = tmp_path / "released.pdf"
    args = ["print", "plan", record, "--data-dir", str(data_dir), "--user", "casey",
            "--consent", str(consent.id), "-o", str(out)]  # fmt: skip
    assert main([*args, "--release-to", "Acme Staffing"]) == 2
    err = capsys.readouterr().err
    assert "does not name “Acme Staffing”" in err and "Olmsted County Probation" in err
    assert not out.exists() and Disclosure.select().count() == 0
    assert main([*args, "--release-to", "Olmsted County Probation"]) == 0
    assert "released to Olmsted County Probation" in capsys.readouterr().out
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "This record which has been disclosed to you" in text
    assert [d.recipient for d in disclosures.list_disclosures(front_desk, client_id)] == [
        "Olmsted County Probation"
    ]


def test_the_clients_own_copy_needs_no_consent_and_is_not_a_disclosure(
    clinician, data_dir, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    client_id = make_client(counselor=clinician)
    write_plan(clinician, client_id)
    record = Client.get_by_id(client_id).record_number
    out = tmp_path / "own-copy.pdf"
    args = ["print", "plan", record, "--for-client", "--data-dir", str(data_dir),
            "--user", "casey", "-o", str(out)]  # fmt: skip
    assert main(args) == 0
    assert "(the client's own copy)" in capsys.readouterr().out
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "The client's own copy" in text and "disclosed to you" not in text
    assert Disclosure.select().count() == 0
    printed = AuditEvent.select().where(AuditEvent.action == "record.client_copy")
    assert [e.client_id for e in printed] == [client_id]
