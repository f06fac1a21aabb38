"""The sign-in sheet PDF, read back: roster names, columns, Part 2 notice; and its command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from iopdesk.cli import main
from iopdesk.errors import NotFound
from iopdesk.services.attendance import signin_sheet as signin
from iopdesk.services.groups import roster
from tests.conftest import PASSWORD
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client

DAY = dt.date(2026, 3, 2)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def session(clinician):
    group = make_group("Relapse Prevention", facilitator=clinician)
    for first, last in [("José", "Núñez"), ("Ana", "Lopez"), ("Wei", "Zhang")]:
        roster.add_member(clinician, group, make_client(first, last), DAY - dt.timedelta(days=3))
    ended = make_client("Gone", "Before")
    m = roster.add_member(clinician, group, ended, DAY - dt.timedelta(days=20))
    roster.end_membership(clinician, m.membership_id, DAY - dt.timedelta(days=1), "Completed")
    return make_session(group, DAY, title="Relapse Prevention")


def test_signin_sheet_lists_the_roster_of_that_day(front_desk, session):
    text = _text(signin.signin_sheet(front_desk, session))
    for expected in [
        "Sign-in sheet: Relapse Prevention",
        "Monday March 2, 2026",
        "9:00 AM – 12:00 PM",
        "Casey Tester",
        "José Núñez",
        "Ana Lopez",
        "Wei Zhang",
        "Signature",
        "Time in",
        "Time out",
        "42 CFR part 2 prohibits unauthorized use or disclosure",
    ]:
        assert expected in text, expected
    assert "Gone Before" not in text
    assert text.index("Ana Lopez") < text.index("José Núñez") < text.index("Wei Zhang")


def test_signin_by_group_name_and_date(front_desk, session):
    assert signin.group_session_on(front_desk, "relapse prevention", DAY) == session
    with pytest.raises(NotFound, match="no session on 03/03/2026"):
        signin.group_session_on(front_desk, "Relapse Prevention", "2026-03-03")
    with pytest.raises(NotFound, match="no group called"):
        signin.group_session_on(front_desk, "Nope", DAY)


def test_print_signin_command(store, session, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    out = tmp_path / "sheet.pdf"
    common = ["--data-dir", str(store.data_dir), "--user", "casey"]
    code = main(
        [
            "print",
            "signin",
            "--group",
            "Relapse Prevention",
            "--date",
            "2026-03-02",
            "-o",
            str(out),
            *common,
        ]
    )
    assert code == 0 and "Ana Lopez" in _text(out.read_bytes())
    code = main(
        [
            "print",
            "signin",
            "--group",
            "Relapse Prevention",
            "--date",
            "2026-02-30",
            "-o",
            str(out),
            *common,
        ]
    )
    assert code == 2 and "not a real date" in capsys.readouterr().err
