"""Autosaved, unsigned discharge and aftercare text, private to the clinician who typed it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from iopdesk.db.models.base import now
from iopdesk.db.models.core import Draft
from iopdesk.domain import formats
from iopdesk.errors import ValidationError
from iopdesk.services.boundary import Json
from iopdesk.services.context import Actor, use_case

MAX_PAYLOAD = 400_000


@dataclass(frozen=True)
class SavedDraft:
    """What was being typed, and when it was last kept."""

    payload: dict[str, Any]
    updated_at: str


#: What each kind of kept draft is, by the prefix of its key.
KEPT_DRAFTS = {
    "discharge": "Unsaved discharge summary",
    "aftercare_plan": "Unsaved aftercare plan changes",
}


def discharge_key(client_id: int) -> str:
    return f"discharge:{client_id}"


def plan_key(client_id: int) -> str:
    return f"aftercare_plan:{client_id}"


def kept_draft_client(key: str) -> tuple[str, int] | None:
    """The kind (``KEPT_DRAFTS``) and client id a kept draft's key names, if it names one."""
    prefix, _, client = key.partition(":")
    if prefix not in KEPT_DRAFTS or not client.isdigit():
        return None
    return prefix, int(client)


def _too_large(payload: dict[str, Any], size: int) -> ValidationError:
    """A field error on the longest part of the draft, the one worth shortening."""
    longest = max(
        payload, key=lambda name: len(json.dumps(payload[name], ensure_ascii=False)), default=""
    )
    return ValidationError(
        {
            str(longest): f"This draft is too large to keep ({size:,} characters; at most "
            f"{MAX_PAYLOAD:,}). Shorten this text; what you typed is still on screen, and the "
            "draft kept earlier is unchanged."
        }
    )


# Autosave runs every few seconds while typing: not audited (the signed result is).
@use_case("aftercare.draft.keep", "discharge.manage", audited=False)
def keep_draft(actor: Actor, key: str, payload: dict[str, Json]) -> None:
    """Store (or replace) the actor's draft under ``key``; one too large is refused whole.

    Cutting the text short would leave JSON that no longer reads back, losing the whole
    draft; refusing keeps the previous draft and tells the clinician which text to shorten.
    """
    text = json.dumps(payload, ensure_ascii=False)
    if len(text) > MAX_PAYLOAD:
        raise _too_large(payload, len(text))
    updated = (
        Draft.update(payload=text, updated_at=now())
        .where((Draft.staff == actor.staff_id) & (Draft.key == key))
        .execute()
    )
    if not updated:
        Draft.create(staff=actor.staff_id, key=key, payload=text)


@use_case("aftercare.draft.load", "discharge.manage", kind="read", audited=False)
def load_draft(actor: Actor, key: str) -> SavedDraft | None:
    """The actor's own draft under ``key``, if one was kept."""
    row = Draft.get_or_none((Draft.staff == actor.staff_id) & (Draft.key == key))
    if row is None:
        return None
    try:
        payload = json.loads(row.payload)
    except ValueError:
        return None
    return SavedDraft(payload, formats.show_moment(row.updated_at))


@use_case("aftercare.draft.drop", "discharge.manage", audited=False)
def drop_draft(actor: Actor, key: str) -> None:
    """Forget the draft once it was signed, saved or discarded."""
    Draft.delete().where((Draft.staff == actor.staff_id) & (Draft.key == key)).execute()
