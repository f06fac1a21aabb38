"""The disclosure log (42 CFR 2.31, 2.25): a release checked against the client's consent and
logged, disclosures made by phone, fax or in person entered by hand, and the accounting of
disclosures of the past three years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from iopdesk.db.models.base import now
from iopdesk.db.models.clients import Consent, Disclosure
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain import formats
from iopdesk.domain.releases import (
    METHODS,
    category_names,
    category_words,
    is_clinical,
    parse_categories,
    store_categories,
)
from iopdesk.domain.validators import (
    MAX_SHORT,
    choice_field,
    date_field,
    optional_text,
    required_text,
)
from iopdesk.errors import Collector, DomainError, ValidationError
from iopdesk.reports.copies import ConsentTerms
from iopdesk.services.clients.consents import (
    STATUS_LABELS,
    categories_field,
    client_record,
    consent_row,
    consent_status,
    named_recipient,
    named_recipients,
)
from iopdesk.services.context import Actor, describe, use_case


@dataclass(frozen=True)
class Release:
    """A release asked for: under which consent, to whom, for what (default: the consent's
    own purpose)."""

    consent_id: int | None
    recipient: str
    purpose: str = ""


@dataclass(frozen=True)
class ClearedRelease:
    """A release the consent allows: the consent's terms, the recipient as the consent spells
    it, and the purpose to log."""

    consent_id: int
    recipient: str
    purpose: str
    terms: ConsentTerms


@dataclass(frozen=True)
class DisclosureRow:
    """One line of the disclosure log."""

    id: int
    at: dt.datetime
    document: str
    recipient: str
    purpose: str
    consent_id: int
    by: str
    method: str = "printed"
    categories: tuple[str, ...] = ()
    note: str = ""

    @property
    def method_label(self) -> str:
        return METHODS.get(self.method, self.method)

    @property
    def when(self) -> str:
        """Date and time of a printed release; the date of one told by phone, fax or in person
        (entered later, its time of day was not recorded)."""
        if self.method == "printed":
            return formats.show_moment(self.at)
        return formats.show_date(self.at.date())

    @property
    def what(self) -> str:
        """What was disclosed: the document or description, and its categories."""
        words = category_names(self.categories)
        return f"{self.document} ({words})" if words else self.document


def consent_terms(consent: Consent) -> ConsentTerms:
    """A consent to disclose as the client signed it, for a release or the printed form."""
    client = Client.get_by_id(consent.client_id)
    row = consent_row(consent, dt.date.today(), {})
    return ConsentTerms(
        consent.id,
        client.full_name,
        client.date_of_birth,
        client.record_number,
        row.discloser,
        row.information,
        category_words(row.categories),
        row.recipient_choices,
        row.purpose,
        row.revocation_text,
        row.expiry,
        row.signed_on,
        row.status_label,
    )


def clear_release(
    client_id: int, release: Release, categories: Sequence[str], on: dt.date | None = None
) -> ClearedRelease:
    """Check a release against the client's consent (call inside your own use case): a consent
    to disclose of this client's, in force ``on`` (today), naming the recipient, covering
    every category. Refusals say what to do; nothing is written."""
    if not isinstance(release, Release):
        raise DomainError("Choose the consent, the recipient and the purpose of the release.")
    day = on or dt.date.today()
    if release.consent_id is None:
        active = [
            c
            for c in Consent.select().where(
                (Consent.client == client_id) & (Consent.kind == "disclose")
            )
            if consent_status(c, day) == "active"
        ]
        if not active:
            raise ValidationError({"consent": (
                "This client has no consent to disclose in force, so nothing can be released; "
                "record the client's signed consent first, or print it for internal use."
            )})  # fmt: skip
        listed = "; ".join(f"consent {c.id}: {c.recipients}" for c in active[:5])
        raise ValidationError({"consent": f"Choose the consent the release is under ({listed})."})
    consent = Consent.get_or_none(Consent.id == release.consent_id)
    if consent is None or consent.client_id != client_id or consent.kind != "disclose":
        raise ValidationError({"consent": (
            "There is no consent to disclose on file for this client under that number; "
            "record the client's signed consent first."
        )})  # fmt: skip
    status = consent_status(consent, day)
    if status != "active":
        raise ValidationError({"consent": (
            f"The client's consent to disclose was {STATUS_LABELS[status].lower()} on "
            f"{formats.show_date(day)}; nothing may be released under it."
        )})  # fmt: skip
    gap = consent_row(consent, day, {}).not_covered(categories)
    if gap:
        raise ValidationError({"consent": gap})
    errors = Collector()
    who = required_text(errors, "recipient", release.recipient, "Recipient", max_len=300)
    purpose = required_text(
        errors, "purpose", release.purpose or consent.purpose, "Purpose", max_len=MAX_SHORT * 10
    )
    errors.raise_if_any()
    named = named_recipient(consent.recipients, who)
    if named is None:
        raise ValidationError({"recipient": (
            f"The client's consent of {formats.show_date(consent.signed_on)} does not name "
            f"“{who}” as a recipient; it names: "
            f"{'; '.join(named_recipients(consent.recipients))}. Release only to a recipient "
            "the consent names, or ask the client to sign a consent that names this one."
        )})  # fmt: skip
    return ClearedRelease(consent.id, named, purpose, consent_terms(consent))


def log_disclosure(
    actor: Actor,
    client_id: int,
    cleared: ClearedRelease,
    document: str,
    categories: Sequence[str],
    *,
    method: str = "printed",
    at: dt.datetime | None = None,
    note: str = "",
) -> DisclosureRow:
    """Log a release ``clear_release`` allowed (call inside your own use case's transaction)."""
    row = Disclosure.create(
        client=client_id,
        consent=cleared.consent_id,
        document=document[:300],
        recipient=cleared.recipient,
        purpose=cleared.purpose,
        categories=store_categories(categories),
        method=method,
        note=note,
        by=actor.staff_id,
        at=at or now(),
    )
    return _disclosure_row(row, actor.full_name)


def _disclosure_row(d: Disclosure, by: str) -> DisclosureRow:
    return DisclosureRow(
        d.id,
        d.at,
        d.document,
        d.recipient,
        d.purpose,
        d.consent_id,
        by,
        d.method,
        parse_categories(d.categories),
        d.note,
    )


@dataclass(frozen=True)
class DisclosureForm:
    """A disclosure made without a printed document (phone, fax, in person, mail, e-mail)."""

    consent_id: int | None
    recipient: str
    what: str
    categories: Sequence[str]
    method: str
    disclosed_on: dt.date | str | None
    purpose: str = ""
    note: str = ""


def _record(actor: Actor, client_id: int, form: DisclosureForm) -> DisclosureRow:
    client_record(client_id)
    errors = Collector()
    day = date_field(errors, "disclosed_on", form.disclosed_on, "Date disclosed")
    if day is not None and day > dt.date.today():
        errors.add("disclosed_on", "Date disclosed cannot be in the future.")
    method = choice_field(errors, "method", form.method, "How", [
        m for m in METHODS if m != "printed"])  # fmt: skip
    what = required_text(errors, "what", form.what, "What was disclosed", max_len=300)
    note = optional_text(errors, "note", form.note, "Details", max_len=2000, multiline=True)
    categories = categories_field(errors, form.categories)
    errors.raise_if_any()
    assert day is not None
    cleared = clear_release(
        client_id, Release(form.consent_id, form.recipient, form.purpose), categories, day
    )
    # The log keeps the day it happened; the audit row keeps when it was entered.
    at = now() if day == dt.date.today() else dt.datetime.combine(day, dt.time())
    logged = log_disclosure(
        actor, client_id, cleared, what, categories, method=str(method), at=at, note=note
    )
    describe(client_id=client_id, record_type="disclosure", record_id=logged.id,
             detail=f"{logged.method_label} to {logged.recipient} under consent "
             f"{cleared.consent_id}")  # fmt: skip
    return logged


_record_clinical = use_case("disclosure.record", "disclosure.release", changes=("client",))(_record)
_record_attendance = use_case("disclosure.record", "attendance.release", changes=("client",))(
    _record
)


def record_disclosure(actor: Actor, client_id: int, form: DisclosureForm) -> DisclosureRow:
    """Log a disclosure told by phone, fax or in person under the client's consent: only
    clinicians may log clinical information; the desk may log attendance (use case)."""
    # Nothing ticked is refused by the checks inside, whoever asks: no clinical content.
    categories = form.categories if isinstance(form, DisclosureForm) else ("?",)
    run = _record_clinical if is_clinical(categories or ()) else _record_attendance
    return run(actor, client_id, form)


def _rows(client_id: int, since: dt.date | None = None) -> list[DisclosureRow]:
    client_record(client_id)
    names = Staff.display_names()
    query = Disclosure.select().where(Disclosure.client == client_id)
    if since is not None:
        query = query.where(Disclosure.at >= dt.datetime.combine(since, dt.time()))
    order = (Disclosure.at.desc(), Disclosure.id.desc())
    return [_disclosure_row(d, names.get(d.by_id, "")) for d in query.order_by(*order)]


@use_case("disclosure.list", "consent.manage", kind="read", audited=False)
def list_disclosures(actor: Actor, client_id: int) -> list[DisclosureRow]:
    """The client's disclosure log, newest first."""
    return _rows(client_id)


def disclosures_since(client_id: int, since: dt.date) -> list[DisclosureRow]:
    """Plain helper for the accounting: the client's disclosures from ``since``, newest first."""
    return _rows(client_id, since)
