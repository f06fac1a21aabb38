"""`iopdesk report NAME --from --to [--program] -o FILE`: a CSV or PDF by the file's ending,
the same role limits as the Reports area, and one-sentence errors."""

from __future__ import annotations

import pytest

from iopdesk.cli import main
from iopdesk.db.models.core import AuditEvent
from iopdesk.domain.report_catalog import REPORTS
from tests.conftest import PASSWORD
from tests.factories.reports import D, admit, attend
from tests.unit.report_helpers import csv_lines, pdf_pages


def test_report_command(clinician, front_desk, data_dir, tmp_path, monkeypatch, capsys):
    client_id, _ = admit(clinician, D(2025, 3, 3), program="adolescent")
    attend(client_id, D(2025, 3, 4), 180)
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    common = ["--data-dir", str(data_dir), "--from", "2025-03-01", "--to", "2025-03-31"]
    csv = tmp_path / "billing.csv"
    assert main(["report", "billing", "-o", str(csv), "--user", "fran", *common]) == 0
    assert csv_lines(csv.read_bytes()) == [
        "record_number,date,minutes,code,units,payer",
        "IOP-000001,2025-03-04,180,H0015,1,none on file",
    ]
    out = capsys.readouterr()
    assert (
        f"Billing worksheet, 03/01/2025 to 03/31/2025 · All programs, written to {csv}" in out.out
    )
    assert "for internal use only" in out.err

    pdf = tmp_path / "census.pdf"
    args = ["report", "census", "--program", "adolescent", "-o", str(pdf), "--user", "casey"]
    assert main([*args, *common]) == 0
    assert "Adolescent IOP" in pdf_pages(pdf.read_bytes())[0]

    assert main(["report", "teds", "-o", str(csv), "--user", "casey", *common]) == 2
    assert "not allowed to make the state (TEDS) extract" in capsys.readouterr().err
    assert main(["report", "census", "-o", str(tmp_path / "c.xlsx"), "--user", "casey",
                 *common]) == 2  # fmt: skip
    assert "Choose a PDF or a CSV file." in capsys.readouterr().err
    backwards = ["--data-dir", str(data_dir), "--from", "2025-03-31", "--to", "2025-03-01"]
    assert main(["report", "census", "-o", str(pdf), "--user", "casey", *backwards]) == 2
    assert "must end on or after" in capsys.readouterr().err
    nowhere = str(tmp_path / "no such folder" / "census.pdf")
    exports = AuditEvent.select().where(AuditEvent.action.endswith(".export")).count()
    assert main(["report", "census", "-o", nowhere, "--user", "casey", *common]) == 2
    assert "There is no folder" in capsys.readouterr().err
    assert AuditEvent.select().where(AuditEvent.action.endswith(".export")).count() == exports


def test_report_help_gives_every_definition(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for name, info in REPORTS.items():
        assert f"{name} ({info.title}): {info.definition}" in shown
