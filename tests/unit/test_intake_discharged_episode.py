"""An intake never reopens a discharged episode: starting or signing one is refused until the
client is readmitted, and discharge can ask which draft intakes are still open."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.core import Client, Episode
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.errors import DomainError
from iopdesk.services.aftercare import readmission
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import signing as intake_signing
from tests.factories.clients import make_client
from tests.factories.intake import complete_data


def _discharge(client_id: int, day: dt.date) -> None:
    """What a signed discharge leaves behind (episode and client discharged), written directly
    so the test does not depend on how discharge treats open drafts."""
    Episode.update(status="discharged", discharge_date=day).where(
        Episode.client == client_id
    ).execute()
    Client.update(status="discharged").where(Client.id == client_id).execute()


@pytest.fixture
def admitted(clinician):
    """A client admitted to IOP by a signed intake, with a second draft intake started since."""
    client_id = make_client(status="referred")
    first = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, first.id, complete_data())
    intake_signing.sign_assessment(clinician, first.id)
    draft = intake_drafts.start_assessment(clinician, client_id)
    intake_drafts.save_draft(clinician, draft.id, complete_data())
    return client_id, draft.id


def test_signing_a_draft_after_discharge_is_refused_and_changes_nothing(clinician, admitted):
    client_id, draft_id = admitted
    yesterday = dt.date.today() - dt.timedelta(days=1)
    _discharge(client_id, yesterday)
    with pytest.raises(DomainError, match="Readmit the client first") as err:
        intake_signing.sign_assessment(clinician, draft_id)
    assert f"discharged on {yesterday.isoformat()}" in err.value.message
    episode = Episode.get(Episode.client == client_id)
    assert (episode.status, episode.discharge_date) == ("discharged", yesterday)
    assert Client.get_by_id(client_id).status == "discharged"
    assert IntakeAssessment.get_by_id(draft_id).status == "draft"


def test_starting_an_intake_on_a_discharged_client_asks_for_readmission(clinician, admin):
    client_id = make_client(status="active")
    _discharge(client_id, dt.date.today())
    with pytest.raises(DomainError, match="Readmit the client first"):
        intake_drafts.start_assessment(clinician, client_id)
    assert Episode.select().where(Episode.client == client_id).count() == 1
    assert Client.get_by_id(client_id).status == "discharged"


def test_after_readmission_a_new_intake_starts_and_the_old_draft_stays_unsignable(
    clinician, admitted
):
    client_id, draft_id = admitted
    _discharge(client_id, dt.date.today())
    readmission.readmit(clinician, client_id, readmission.ReadmitForm(dt.date.today(), "Self"))
    fresh = intake_drafts.start_assessment(clinician, client_id)
    assert Episode.get_by_id(fresh.episode_id).number == 2
    with pytest.raises(DomainError, match="new intake for the current episode") as err:
        intake_signing.sign_assessment(clinician, draft_id)
    assert "episode 1" in err.value.message
    intake_drafts.save_draft(clinician, fresh.id, complete_data())
    assert intake_signing.sign_assessment(clinician, fresh.id).is_signed
    assert Episode.get_by_id(fresh.episode_id).status == "active"
    assert Episode.get(Episode.client == client_id, Episode.number == 1).status == "discharged"
    rows = {r.id: r.episode_status for r in intake.list_assessments(clinician, client_id)}
    assert rows[draft_id] == "discharged" and rows[fresh.id] == "active"


def test_open_draft_intakes_lists_what_a_discharge_would_strand(clinician, admitted):
    client_id, draft_id = admitted
    drafts = intake.open_draft_intakes(client_id)
    assert [d.id for d in drafts] == [draft_id]
    assert drafts[0].status == "draft" and drafts[0].created_by.startswith("Casey Tester")
    _discharge(client_id, dt.date.today())
    assert intake.open_draft_intakes(client_id) == []
    assert intake.open_draft_intakes(make_client(status="referred")) == []
