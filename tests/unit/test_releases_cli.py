"""`iopdesk print letter | consent | disclosures | plans` read back: the letter released under a
consent, the consent form, the accounting of disclosures, today's plans for a group or counselor."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from iopdesk.cli import main
from iopdesk.db.models.calendar import Group, RosterMembership, Session
from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.core import Client
from iopdesk.services.clients import consents
from tests.conftest import PASSWORD
from tests.factories import aftercare as aftercare_factory
from tests.factories.clients import disclosure_form, make_client
from tests.factories.plans import write_plan

TODAY = dt.date.today()
COURT = "Hennepin County Drug Court, Officer Dana Reyes"  # the factory consent's recipient


def _text(path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


@pytest.fixture
def signed_in(monkeypatch, data_dir):
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    return ["--data-dir", str(data_dir)]


def test_letter_consent_form_and_accounting(clinician, front_desk, signed_in, tmp_path, capsys):
    built = aftercare_factory.build_episode(clinician)
    record = Client.get_by_id(built.client_id).record_number
    consent = consents.add_disclosure_consent(front_desk, built.client_id, disclosure_form())
    letter = tmp_path / "letter.pdf"
    args = ["print", "letter", record, "--from", built.admission.isoformat(), "--to",
            TODAY.isoformat(), *signed_in, "-o", str(letter)]  # fmt: skip
    release = ["--release-to", COURT, "--consent", str(consent.id)]
    # The desk may not release drug test results...
    assert main([*args, "--user", "fran", *release]) == 2
    assert "not allowed" in capsys.readouterr().err and not letter.exists()
    # ...but may release attendance alone.
    assert main([*args, "--user", "fran", "--attendance-only", *release]) == 0
    assert f"released to {COURT}" in capsys.readouterr().out
    assert "Drug test results" in _text(letter) and "Cocaine" not in _text(letter)
    assert main([*args, "--user", "casey", *release]) == 0
    text = _text(letter)
    assert "Positive: Cocaine" in text and "This record which has been disclosed to you" in text
    impossible = ["print", "letter", record, "--from", "2026-02-30", "--to", TODAY.isoformat(),
                  *signed_in, "--user", "casey", "-o", str(tmp_path / "no.pdf")]  # fmt: skip
    assert main(impossible) == 2
    assert "From" in capsys.readouterr().err and not (tmp_path / "no.pdf").exists()

    form = tmp_path / "consent.pdf"
    assert main(["print", "consent", record, "--consent", str(consent.id), *signed_in,
                 "--user", "fran", "-o", str(form)]) == 0  # fmt: skip
    assert "Who may disclose" in _text(form) and "Purpose of the disclosure" in _text(form)

    accounting = tmp_path / "accounting.pdf"
    assert main(["print", "disclosures", record, *signed_in, "--user", "fran",
                 "-o", str(accounting)]) == 0  # fmt: skip
    assert "Accounting of 2 disclosure(s)" in capsys.readouterr().out
    text = _text(accounting)
    assert text.count("Hennepin County Drug Court") >= 2
    assert Disclosure.select().count() == 2


def test_todays_plans_for_a_group_or_a_counselor(clinician, supervisor, signed_in, tmp_path,
                                                 capsys):  # fmt: skip
    evening = Group.create(name="Evening IOP")
    times = {"start_time": dt.time(18), "end_time": dt.time(21), "kind": "group"}
    Session.create(day=TODAY, title="Evening IOP", group=evening, **times)
    for first, counselor in (("Amy", clinician), ("Ben", supervisor)):
        client = make_client(first, "Ames", counselor=counselor)
        write_plan(clinician, client)
        RosterMembership.create(group=evening, client=client, start_date=TODAY)
    out = tmp_path / "plans.pdf"
    base = ["print", "plans", "--date", TODAY.isoformat(), *signed_in, "--user", "casey",
            "-o", str(out)]  # fmt: skip
    assert main([*base, "--counselor", "sam"]) == 0
    assert "1 plan(s)" in capsys.readouterr().out
    assert "Ben Ames" in _text(out) and "Amy Ames" not in _text(out)
    assert main([*base, "--group", "evening iop"]) == 0
    assert "2 plan(s)" in capsys.readouterr().out and "Amy Ames" in _text(out)
    out.unlink()
    assert main([*base, "--group", "Morning"]) == 2
    assert "no group called 'Morning'" in capsys.readouterr().err and not out.exists()
    assert main([*base, "--counselor", "fran"]) == 2
    assert "no counselor" in capsys.readouterr().err and not out.exists()
    bad_day = ["print", "plans", "--date", "2026-13-01", *signed_in, "--user", "casey",
               "-o", str(out)]  # fmt: skip
    assert main(bad_day) == 2 and not out.exists()
    assert "Date" in capsys.readouterr().err
