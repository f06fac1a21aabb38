"""`iopdesk print intake`: the newest signed intake of a record number, as a PDF file."""

from __future__ import annotations

from pypdf import PdfReader

from iopdesk.cli import main
from iopdesk.db.models.core import Client
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import signing as intake_signing
from tests.conftest import PASSWORD
from tests.factories.clients import make_client
from tests.factories.intake import complete_data


def test_print_intake(clinician, front_desk, data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    client_id = make_client("Zoë", "Ñúñez", status="referred")
    record = Client.get_by_id(client_id).record_number
    view = intake_drafts.start_assessment(clinician, client_id)
    out = tmp_path / "intake.pdf"
    args = ["print", "intake", record, "--data-dir", str(data_dir), "-o", str(out)]
    assert main([*args, "--user", "casey"]) == 2
    assert "no signed intake assessment yet" in capsys.readouterr().err
    intake_drafts.save_draft(clinician, view.id, complete_data())
    intake_signing.sign_assessment(clinician, view.id)
    assert main([*args, "--user", "fran"]) == 2
    assert "not allowed to open clinical content" in capsys.readouterr().err
    assert not out.exists()
    other = Client.get_by_id(make_client("Ann", "Other"))  # printed only under its own record
    wrong = [*args[:2], other.record_number, *args[3:], "--assessment", str(view.id)]
    assert main([*wrong, "--user", "casey"]) == 2
    err = capsys.readouterr().err
    assert f"{other.record_number} has no signed intake assessment {view.id}" in err
    assert not out.exists()
    assert main([*args, "--user", "casey"]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Zoë Ñúñez" in text and "Intake assessment summary" in text
