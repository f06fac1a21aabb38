"""Re-admission: a discharged client returns and a new episode of care begins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.core import Client, Episode
from iopdesk.domain import formats
from iopdesk.domain.validators import date_field, optional_text
from iopdesk.errors import Collector, ValidationError
from iopdesk.services.aftercare.discharge import client_or_404, episode_for
from iopdesk.services.context import Actor, describe, use_case


@dataclass(frozen=True)
class ReadmitForm:
    """The referral facts that open a new episode."""

    referral_date: dt.date | str | None
    referral_source: str = ""
    referral_reason: str = ""


def _validate_readmit(form: ReadmitForm, previous: Episode) -> dict[str, object]:
    errors = Collector()
    day = date_field(errors, "referral_date", form.referral_date, "Referral date")
    if day is not None:
        if day > dt.date.today():
            errors.add("referral_date", "The referral date cannot be in the future.")
        elif previous.discharge_date and day < previous.discharge_date:
            errors.add(
                "referral_date",
                "The new referral cannot be before the last discharge "
                f"({formats.show_date(previous.discharge_date)}).",
            )
    values = {
        "referral_date": day,
        "referral_source": optional_text(
            errors, "referral_source", form.referral_source, "Referral source"
        ),
        "referral_reason": optional_text(
            errors,
            "referral_reason",
            form.referral_reason,
            "Reason for referral",
            max_len=5000,
            multiline=True,
        ),
    }
    errors.raise_if_any()
    return values


@use_case("episode.readmit", "discharge.manage", changes=("client", "clinical"))
def readmit(actor: Actor, client_id: int, form: ReadmitForm) -> int:
    """Start a new episode (number + 1, status referred); earlier episodes stay as they are."""
    client = client_or_404(client_id)
    previous = episode_for(client_id)
    if previous.status != "discharged":
        raise ValidationError(
            {
                "": f"Episode {previous.number} is still open ({previous.status}). "
                "Discharge it before starting a new episode."
            }
        )
    values = _validate_readmit(form, previous)
    episode = Episode.create(
        client=client_id,
        number=previous.number + 1,
        status="referred",
        program=previous.program,
        counselor=client.counselor_id or previous.counselor_id,
        **values,
    )
    Client.update(status="referred").where(Client.id == client_id).execute()
    describe(
        client_id=client_id,
        record_type="episode",
        record_id=episode.id,
        detail=f"Readmitted: episode {episode.number}, referred {values['referral_date']}",
    )
    return episode.id
