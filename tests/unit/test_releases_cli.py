"""`iopdesk print letter | consent | disclosures | plans` read back: the letter released under a
consent, the consent form, the accounting of disclosures, today's plans for a group or counselor."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from iopdesk.cli import main
from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.core import Client
from iopdesk.services.clients import consents
from tests.conftest import PASSWORD
from tests.factories import aftercare as aftercare_factory
from tests.factories.clients import disclosure_form

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
