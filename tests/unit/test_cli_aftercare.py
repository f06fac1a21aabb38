"""`iopdesk print aftercare|discharge RECORD_NUMBER -o FILE` and its one-sentence errors."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from iopdesk.cli import main
from iopdesk.db.models.core import Client
from iopdesk.services.aftercare import discharge, plan_versions
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.aftercare.plan import AftercarePlanForm, ContactEntry
from tests.conftest import PASSWORD
from tests.factories.aftercare import TODAY
from tests.factories.clients import make_client


def test_print_aftercare_and_discharge(clinician, data_dir, tmp_path, monkeypatch, capsys):
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=45))
    aftercare.save_aftercare_plan(
        clinician,
        client_id,
        AftercarePlanForm(contacts=(ContactEntry("Marisol", "Sponsor", "555-201-9911"),)),
    )
    record = Client.get_by_id(client_id).record_number
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    common = ["--data-dir", str(data_dir), "--user", "casey"]
    target = tmp_path / "plan.pdf"
    assert main(["print", "aftercare", record.lower(), "-o", str(target), *common]) == 0
    assert "Marisol" in PdfReader(str(target)).pages[0].extract_text()
    summary = tmp_path / "summary.pdf"
    assert main(["print", "discharge", record, "-o", str(summary), *common]) == 2
    assert "not been discharged" in capsys.readouterr().err
    discharge.sign_discharge(
        clinician,
        client_id,
        discharge.DischargeForm("transferred", TODAY, "Residential", "Unchanged", "Moved."),
    )
    assert main(["print", "discharge", record, "-o", str(summary), *common]) == 0
    assert "Transferred" in PdfReader(str(summary)).pages[0].extract_text()
    assert main(["print", "aftercare", "IOP-999999", "-o", str(target), *common]) == 2
    assert "No client has the record number IOP-999999" in capsys.readouterr().err
    assert main(["print", "aftercare", record, "--episode", "4", "-o", str(target), *common]) == 2
    assert "no episode 4" in capsys.readouterr().err


def test_print_an_earlier_aftercare_version_for_internal_use(
    clinician, data_dir, tmp_path, monkeypatch, capsys
):
    client_id = make_client(counselor=clinician)
    aftercare.save_aftercare_plan(
        clinician, client_id, AftercarePlanForm(status="final", sober_living="Oxford House")
    )
    revised = plan_versions.new_aftercare_version(clinician, client_id)
    aftercare.save_aftercare_plan(
        clinician,
        client_id,
        AftercarePlanForm(sober_living="Sister's house", row_version=revised.row_version),
    )
    record = Client.get_by_id(client_id).record_number
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    common = ["--data-dir", str(data_dir), "--user", "casey"]
    target = tmp_path / "plan.pdf"
    assert main(["print", "aftercare", record, "--version", "1", "-o", str(target), *common]) == 0
    assert "Aftercare plan version 1 for" in capsys.readouterr().out
    text = PdfReader(str(target)).pages[0].extract_text()
    assert "Oxford House" in text and "Sister's house" not in text
    assert main(["print", "aftercare", record, "-o", str(target), *common]) == 0
    assert "Aftercare plan version 2 for" in capsys.readouterr().out
    assert "Sister's house" in PdfReader(str(target)).pages[0].extract_text()
    assert main(["print", "aftercare", record, "--version", "3", "-o", str(target), *common]) == 2
    assert "no aftercare plan version 3" in capsys.readouterr().err
    client_copy = ["--version", "1", "--for-client", "-o", str(tmp_path / "c.pdf")]
    assert main(["print", "aftercare", record, *client_copy, *common]) == 2
    assert "for internal use only" in capsys.readouterr().err
    assert not (tmp_path / "c.pdf").exists()
