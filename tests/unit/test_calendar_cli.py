"""``iopdesk export ics`` and ``iopdesk print week`` from the command line."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from iopdesk.cli import main
from iopdesk.db.models.core import Client
from iopdesk.services import calendar as cal
from tests.conftest import PASSWORD
from tests.factories import calendar as f
from tests.factories.calendar import MON
from tests.factories.clients import make_client


@pytest.fixture
def booked(clinician, data_dir, monkeypatch):
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    c = make_client("Rosa", "Díaz")
    monday = f.next_weekday(MON)
    cal.create_series(clinician, f.individual_series(c, clinician.staff_id, monday))
    return Client.get_by_id(c), monday


def test_export_ics_for_staff_and_client(booked, data_dir, tmp_path, capsys):
    client, _ = booked
    out = tmp_path / "casey.ics"
    args = ["export", "ics", "--staff", "casey", "-o", str(out), "--data-dir", str(data_dir)]
    assert main([*args, "--user", "casey"]) == 0
    events = list(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert len(events) == 1 and "RRULE" in events[0]
    out2 = tmp_path / "rosa.ics"
    code = main(
        [
            "export",
            "ics",
            "--client",
            client.record_number,
            "-o",
            str(out2),
            "--data-dir",
            str(data_dir),
            "--user",
            "casey",
        ]
    )
    exported = out2.read_bytes().replace(b"\r\n ", b"")
    assert code == 0 and client.record_number.encode() in exported and b"Rosa" not in exported
    code = main(
        [
            "export",
            "ics",
            "--client",
            "IOP-999999",
            "-o",
            str(out2),
            "--data-dir",
            str(data_dir),
            "--user",
            "casey",
        ]
    )
    assert code == 2
    assert "no client with record number IOP-999999" in capsys.readouterr().err


def test_front_desk_cannot_export_a_counselors_calendar(
    booked, front_desk, data_dir, tmp_path, capsys
):
    out = tmp_path / "casey.ics"
    args = ["export", "ics", "--staff", "casey", "-o", str(out), "--data-dir", str(data_dir)]
    assert main([*args, "--user", "fran"]) == 2
    assert "Only the counselor themself or an administrator" in capsys.readouterr().err
    assert not out.exists()


def test_print_week(booked, data_dir, tmp_path, capsys):
    _, monday = booked
    out = tmp_path / "week.pdf"
    code = main(
        [
            "print",
            "week",
            "--date",
            monday.isoformat(),
            "--staff",
            "casey",
            "-o",
            str(out),
            "--data-dir",
            str(data_dir),
            "--user",
            "casey",
        ]
    )
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    code = main(
        [
            "print",
            "week",
            "--date",
            "2025-02-30",
            "-o",
            str(out),
            "--data-dir",
            str(data_dir),
            "--user",
            "casey",
        ]
    )
    assert code == 2 and "not a real date" in capsys.readouterr().err
    assert monday.weekday() == dt.date(2024, 1, 1).weekday()
