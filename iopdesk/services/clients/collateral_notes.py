"""Collateral contact notes: a call with a parent, a meeting with a probation officer, written
as a draft, signed (then frozen) and corrected by addenda, like session notes.

Telling a collateral anything about the client is a disclosure: a note that says information
was shared is accepted only while a consent to disclose names that person, and signing it logs
the disclosure under that consent (dated the day of the contact).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.attendance import NoteAddendum
from iopdesk.db.models.base import now
from iopdesk.db.models.clients import Consent, Disclosure
from iopdesk.db.models.core import Client, Staff
from iopdesk.db.models.family import Collateral, CollateralNote
from iopdesk.domain import formats
from iopdesk.domain.family import CONTACT_METHODS, person_label
from iopdesk.domain.validators import MAX_LONG, choice_field, date_field, record_id, required_text
from iopdesk.errors import Collector, DomainError, NotFound, ValidationError
from iopdesk.services.attendance.note_views import Addendum
from iopdesk.services.clients.collaterals import check_belongs, contact_standing, get_collateral
from iopdesk.services.clients.records import client_or_404
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.versions import claim

#: ``NoteAddendum.note_kind`` of an addendum to a collateral contact note.
ADDENDUM_KIND = "collateral"


@dataclass(frozen=True)
class CollateralNoteForm:
    """A contact note as the dialog submits it."""

    collateral_id: int
    contact_on: dt.date | str | None
    method: str
    content: str
    shared_information: bool = False
    #: The note's version when opened (None: a new note, or unchecked).
    row_version: int | None = None


@dataclass(frozen=True)
class CollateralNoteView:
    """A contact note as the chart and its dialog show it."""

    id: int
    client_id: int
    collateral_id: int
    collateral_label: str
    contact_on: dt.date
    method: str
    shared_information: bool
    content: str
    author_id: int
    author_name: str
    written_at: dt.datetime
    signed_by_name: str
    signed_at: dt.datetime | None
    addenda: tuple[Addendum, ...]
    row_version: int

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def method_label(self) -> str:
        return CONTACT_METHODS.get(self.method, self.method)

    @property
    def state(self) -> str:
        """ "Draft by Casey Tester" or "Signed by Casey Tester on 3/4/2025"."""
        if self.signed_at is None:
            return f"Draft by {self.author_name}"
        return f"Signed by {self.signed_by_name} on {formats.show_date(self.signed_at.date())}"


def _views(notes: list[CollateralNote]) -> list[CollateralNoteView]:
    """Views with their collaterals, addenda and names in a few queries, however many notes."""
    if not notes:
        return []
    people = {
        c.id: person_label(c.name, c.relationship)
        for c in Collateral.select().where(Collateral.id.in_({n.collateral_id for n in notes}))
    }
    addenda: dict[int, list[NoteAddendum]] = {n.id: [] for n in notes}
    for a in (
        NoteAddendum.select()
        .where((NoteAddendum.note_kind == ADDENDUM_KIND) & NoteAddendum.note_id.in_(list(addenda)))
        .order_by(NoteAddendum.at, NoteAddendum.id)
    ):
        addenda[a.note_id].append(a)
    names = Staff.display_names(
        {i for n in notes for i in (n.author_id, n.signed_by_id)}
        | {a.by_id for rows in addenda.values() for a in rows}
    )
    return [
        CollateralNoteView(
            n.id,
            n.client_id,
            n.collateral_id,
            people.get(n.collateral_id, ""),
            n.contact_on,
            n.method,
            n.shared_information,
            n.content,
            n.author_id,
            names.get(n.author_id, ""),
            n.written_at,
            names.get(n.signed_by_id, ""),
            n.signed_at,
            tuple(Addendum(a.id, a.text, names.get(a.by_id, ""), a.at) for a in addenda[n.id]),
            n.row_version,
        )
        for n in notes
    ]


def _get(note_id: int) -> CollateralNote:
    note = CollateralNote.get_or_none(CollateralNote.id == record_id(note_id))
    if note is None:
        raise NotFound("That contact note does not exist.")
    return note


def _own_draft(note: CollateralNote, actor: Actor) -> None:
    """A signed note is frozen; a draft is its author's own working text."""
    if note.signed_at is not None:
        raise DomainError("This note is signed and cannot change; add an addendum instead.")
    if note.author_id != actor.staff_id:
        author = Staff.display_names({note.author_id}).get(note.author_id, "another clinician")
        raise DomainError(
            f"This note is a draft by {author}; only its author can change, sign or delete it."
        )


def _consent_for(collateral: Collateral, on: dt.date) -> Consent:
    """The consent that allows telling ``collateral`` about the client on ``on``, or a refusal
    in words (on the "shared" box)."""
    consent = Consent.get_or_none(Consent.id == collateral.consent_id)
    allowed, why = contact_standing(collateral, consent, on)
    if not allowed or consent is None:
        raise ValidationError({"shared_information": (
            f"{why} with {collateral.name} on {formats.show_date(on)}, so nothing about the "
            "client may be shared with them. Record only what they told you, or record the "
            "client's signed consent naming them first."
        )})  # fmt: skip
    return consent


def _validate(client: Client, form: CollateralNoteForm) -> tuple[Collateral, dict[str, object]]:
    errors = Collector()
    collateral = None
    if not isinstance(form.collateral_id, int) or isinstance(form.collateral_id, bool):
        errors.add("collateral", "Choose who the contact was with.")
    else:
        collateral = get_collateral(form.collateral_id)
        check_belongs(collateral, client.id)
    day = date_field(
        errors, "contact_on", form.contact_on, "Date of contact",
        earliest=client.date_of_birth, latest=dt.date.today(),
    )  # fmt: skip
    values = {
        "contact_on": day,
        "method": choice_field(errors, "method", form.method, "Contact method", CONTACT_METHODS),
        "content": required_text(
            errors, "content", form.content, "What was said", max_len=MAX_LONG, multiline=True
        ),
        "shared_information": bool(form.shared_information),
    }
    errors.raise_if_any()
    assert collateral is not None and day is not None  # the collector raised otherwise
    if values["shared_information"]:
        _consent_for(collateral, day)
    return collateral, values


def _fields(label: str, values: dict[str, object]) -> dict[str, str]:
    """A note as the conflict dialog shows it."""
    return {
        "With": label,
        "Date of contact": formats.show_date(values["contact_on"]),  # type: ignore[arg-type]
        "How": CONTACT_METHODS.get(str(values["method"]), str(values["method"])),
        "Information shared": "yes" if values["shared_information"] else "no",
        "What was said": str(values["content"]),
    }


def _stored_fields(note: CollateralNote) -> dict[str, str]:
    c = get_collateral(note.collateral_id)
    keys = ("contact_on", "method", "shared_information", "content")
    return _fields(person_label(c.name, c.relationship), {k: getattr(note, k) for k in keys})


@use_case("collateral_note.save", "clinical.write", changes=("clinical",))
def save_collateral_note(
    actor: Actor, client_id: int, form: CollateralNoteForm, note_id: int | None = None
) -> CollateralNoteView:
    """Write a new contact note (``note_id`` None) or change one's own draft; a draft saved
    elsewhere since ``form.row_version`` was read is refused with both versions."""
    client = client_or_404(client_id)
    collateral, values = _validate(client, form)
    if note_id is None:
        note = CollateralNote.create(
            client=client_id, collateral=collateral.id, author=actor.staff_id, **values
        )
    else:
        note = _get(note_id)
        if note.client_id != client_id:
            raise NotFound("That contact note does not belong to this client.")
        _own_draft(note, actor)
        claim(
            note,
            form.row_version,
            actor,
            what="contact note",
            mine=_fields(person_label(collateral.name, collateral.relationship), values),
            shown=_stored_fields,
            client_id=client_id,
        )
        CollateralNote.update(collateral=collateral.id, **values).where(
            CollateralNote.id == note.id
        ).execute()
    describe(client_id=client_id, record_type="collateral_note", record_id=note.id)
    return _views([_get(note.id)])[0]


@use_case("collateral_note.delete", "clinical.write", changes=("clinical",))
def delete_collateral_note(actor: Actor, note_id: int) -> None:
    """Throw away one's own unsigned contact note (a signed one stays; addenda only)."""
    note = _get(note_id)
    _own_draft(note, actor)
    note.delete_instance()
    describe(
        client_id=note.client_id,
        record_type="collateral_note",
        record_id=note_id,
        detail="unsigned draft deleted",
    )


def _moment_of(day: dt.date) -> dt.datetime:
    """When a disclosure made on ``day`` is logged as made: now for today's contact, else the
    start of that day (the note does not record the hour)."""
    moment = now()
    return moment if day == moment.date() else dt.datetime.combine(day, dt.time.min)


@use_case("collateral_note.sign", "clinical.sign", changes=("clinical", "client"))
def sign_collateral_note(
    actor: Actor, note_id: int, row_version: int | None = None
) -> CollateralNoteView:
    """Sign one's own contact note; it is frozen from now on. A note that says information was
    shared logs the disclosure under the consent that names the collateral."""
    note = _get(note_id)
    _own_draft(note, actor)
    if row_version is not None and row_version != note.row_version:
        raise DomainError(
            "This note was changed after you opened it; close it and open it again to see the "
            "text you would be signing."
        )
    collateral = get_collateral(note.collateral_id)
    if note.shared_information:
        consent = _consent_for(collateral, note.contact_on)
        method = CONTACT_METHODS.get(note.method, note.method).lower()
        Disclosure.create(
            client=note.client_id,
            consent=consent.id,
            document=f"Information shared in a {method} (contact note of "
            f"{formats.show_date(note.contact_on)})",
            recipient=collateral.consent_recipient,
            purpose=consent.purpose,
            at=_moment_of(note.contact_on),
            by=actor.staff_id,
        )
    note.signed_by, note.signed_at = actor.staff_id, now()
    note.save()
    describe(
        client_id=note.client_id,
        record_type="collateral_note",
        record_id=note.id,
        detail="signed" + ("; disclosure logged" if note.shared_information else ""),
    )
    return _views([note])[0]


@use_case("collateral_note.addendum", "clinical.write", changes=("clinical",))
def add_collateral_addendum(actor: Actor, note_id: int, text: str) -> CollateralNoteView:
    """Add a dated addendum to a signed contact note (the note itself stays as signed)."""
    note = _get(note_id)
    if note.signed_at is None:
        raise DomainError("The note is not signed yet; edit it directly instead of adding to it.")
    errors = Collector()
    body = required_text(errors, "text", text, "Addendum", max_len=MAX_LONG, multiline=True)
    errors.raise_if_any()
    NoteAddendum.create(note_kind=ADDENDUM_KIND, note_id=note.id, text=body, by=actor.staff_id)
    describe(
        client_id=note.client_id, record_type="collateral_note", record_id=note.id,
        detail="addendum",
    )  # fmt: skip
    return _views([note])[0]


@use_case("collateral_note.list", "clinical.read", kind="read")
def collateral_notes(actor: Actor, client_id: int) -> list[CollateralNoteView]:
    """The client's contact notes, newest contact first (opening them is an audited read)."""
    notes = list(
        CollateralNote.select()
        .where(CollateralNote.client == client_id)
        .order_by(CollateralNote.contact_on.desc(), CollateralNote.id.desc())
    )
    describe(client_id=client_id, record_type="collateral_notes")
    return _views(notes)
