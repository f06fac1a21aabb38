"""Client documents printed for the client themself (42 CFR 2.23: audited, never a disclosure)
or released under a consent (42 CFR 2.31-2.32: checked against the consent, logged as a
disclosure, printed with the consent's terms and the long notice): the one path every client
document takes, whatever area writes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from iopdesk.domain.releases import DOCUMENT_KINDS, DocumentKind
from iopdesk.errors import DomainError, ValidationError
from iopdesk.reports.copies import Copy
from iopdesk.reports.printout import Printout
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare import plan as aftercare_plan
from iopdesk.services.attendance import letters
from iopdesk.services.clients.consents import client_record
from iopdesk.services.clients.disclosures import Release, clear_release, log_disclosure
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake import printing as intake_printing
from iopdesk.services.plans import printing as plans_printing


@dataclass(frozen=True)
class ClientDocument:
    """One of a client's documents: its kind, the record it prints (a plan version, an intake,
    an episode: None is the current one) or, for a letter, the period it covers."""

    kind: str
    record_id: int | None = None
    label: str = ""
    start: dt.date | str | None = None
    end: dt.date | str | None = None

    @property
    def needs_period(self) -> bool:
        kind = DOCUMENT_KINDS.get(self.kind)
        return bool(kind and kind.needs_period)


Printed = tuple[str, Printout[Any]]


def _record_id(document: ClientDocument) -> int:
    if type(document.record_id) is not int:
        raise ValidationError({"document": "Choose which document to print."})
    return document.record_id


def _episode_id(document: ClientDocument) -> int | None:
    """The episode a discharge summary or aftercare plan belongs to (None: the current one)."""
    return None if document.record_id is None else _record_id(document)


def _letter(with_drug_tests: bool) -> Callable[[Actor, int, ClientDocument, Copy], Printed]:
    def render(actor: Actor, client_id: int, doc: ClientDocument, copy: Copy) -> Printed:
        return letters.letter_copy(client_id, doc.start, doc.end, with_drug_tests, copy)

    return render


#: How each kind of document is printed as a given copy (each area renders its own).
RENDERERS: dict[str, Callable[[Actor, int, ClientDocument, Copy], Printed]] = {
    "intake_summary": lambda actor, client_id, doc, copy: intake_printing.summary_copy(
        client_id, _record_id(doc), copy
    ),
    "treatment_plan": lambda actor, client_id, doc, copy: plans_printing.plan_copy(
        actor, client_id, _record_id(doc), copy
    ),
    "discharge_summary": lambda actor, client_id, doc, copy: discharge.summary_copy(
        client_id, _episode_id(doc), copy
    ),
    "aftercare_plan": lambda actor, client_id, doc, copy: aftercare_plan.plan_copy(
        client_id, _episode_id(doc), copy
    ),
    "attendance_letter": _letter(False),
    "attendance_drug_test_letter": _letter(True),
}
#: The client's records of each kind that prints from one record: (record id, label) lists.
LISTERS: dict[str, Callable[[int], list[tuple[int, str]]]] = {
    "intake_summary": intake_printing.signed_summaries,
    "treatment_plan": plans_printing.plan_documents,
    "discharge_summary": discharge.discharged_episodes,
    "aftercare_plan": aftercare_plan.aftercare_plans,
}


def _kind(document: object) -> DocumentKind:
    if not isinstance(document, ClientDocument) or document.kind not in DOCUMENT_KINDS:
        raise ValidationError({"document": "Choose a document from the client's chart."})
    return DOCUMENT_KINDS[document.kind]


def _clinical(document: object) -> bool:
    # An unknown document is treated as clinical: the stricter permission is checked first.
    kind = DOCUMENT_KINDS.get(getattr(document, "kind", ""))
    return kind is None or kind.clinical


def _both_ways(action: str, impl: Callable[..., Any], clinical_permission: str, **kw: Any):
    """One use case for both sorts of document: clinical content needs a clinician's
    ``clinical_permission``; attendance letters need attendance.release (the desk has it)."""
    clinical = use_case(action, clinical_permission, **kw)(impl)
    attendance = use_case(action, "attendance.release", **kw)(impl)

    def run(actor: Actor, client_id: int, document: ClientDocument, *args: Any) -> Any:
        return (clinical if _clinical(document) else attendance)(actor, client_id, document, *args)

    return run


def _released(
    actor: Actor, client_id: int, document: ClientDocument, release: Release
) -> Printout[Any]:
    kind = _kind(document)
    client_record(client_id)
    cleared = clear_release(client_id, release, kind.categories)
    copy = Copy("release", cleared.recipient, cleared.terms, dt.date.today())
    label, printout = RENDERERS[kind.key](actor, client_id, document, copy)
    logged = log_disclosure(actor, client_id, cleared, label, kind.categories)
    describe(client_id=client_id, record_type=kind.key, record_id=document.record_id or "",
             detail=f"{label} released to {logged.recipient} under consent "
             f"{cleared.consent_id} (disclosure {logged.id})")  # fmt: skip
    return printout


def _printed(actor: Actor, client_id: int, document: ClientDocument, use: str) -> Printout[Any]:
    kind = _kind(document)
    client_record(client_id)
    if use not in ("internal", "client"):
        raise DomainError("Print a document for internal use or as the client's own copy.")
    copy = Copy("client", made_on=dt.date.today()) if use == "client" else Copy()
    label, printout = RENDERERS[kind.key](actor, client_id, document, copy)
    words = "as the client's own copy" if use == "client" else "for internal use"
    describe(client_id=client_id, record_type=kind.key, record_id=document.record_id or "",
             detail=f"{label} printed {words}")  # fmt: skip
    return printout


def _previewed(
    actor: Actor, client_id: int, document: ClientDocument, release: Release | None
) -> bytes:
    kind = _kind(document)
    client_record(client_id)
    if release is None:
        copy = Copy("client", made_on=dt.date.today())
    else:
        cleared = clear_release(client_id, release, kind.categories)
        copy = Copy("release", cleared.recipient, cleared.terms, dt.date.today())
    label, printout = RENDERERS[kind.key](actor, client_id, document, copy)
    describe(client_id=client_id, record_type=kind.key, record_id=document.record_id or "",
             detail=f"{label} previewed ({copy.words.lower()})")  # fmt: skip
    return printout.content


_release = _both_ways("record.release", _released, "disclosure.release", changes=("client",))
_client_copy = _both_ways("record.client_copy", _printed, "clinical.read", kind="read")
_internal = _both_ways("record.print", _printed, "clinical.read", kind="read")
_preview = _both_ways("record.preview", _previewed, "clinical.read", kind="read")


def release_document(
    actor: Actor, client_id: int, document: ClientDocument, release: Release
) -> Printout[Any]:
    """Use case: a client document released outside the program under the client's consent:
    refused unless the consent is in force, names the recipient and covers the document's
    information; logged as a disclosure in the same transaction; printed with the consent's
    terms and the long § 2.32 notice."""
    return _release(actor, client_id, document, release)


def print_for_client(actor: Actor, client_id: int, document: ClientDocument) -> Printout[Any]:
    """Use case: the client's own copy of a document ("the client's own copy" on every page):
    audited under its own action, never logged as a disclosure (42 CFR 2.23)."""
    return _client_copy(actor, client_id, document, "client")


def print_document(actor: Actor, client_id: int, document: ClientDocument) -> Printout[Any]:
    """Use case: a client document printed for internal use (an audited read)."""
    return _internal(actor, client_id, document, "internal")


def preview_document(
    actor: Actor, client_id: int, document: ClientDocument, release: Release | None
) -> bytes:
    """Use case: what a release to ``release``'s recipient (or, with None, the client's own
    copy) would print, shown before it is produced: the consent is checked, nothing is logged
    as a disclosure, the read is audited."""
    return _preview(actor, client_id, document, release)


@use_case("record.documents", "attendance.release", kind="read", audited=False)
def client_documents(actor: Actor, client_id: int) -> list[ClientDocument]:
    """The client's documents the signed-in person may print or release, newest first within
    each kind: clinical documents only for clinicians, the letters for the desk too."""
    client_record(client_id)
    found: list[ClientDocument] = []
    for key, kind in DOCUMENT_KINDS.items():
        if kind.clinical and not actor.can("clinical.read"):
            continue
        if kind.needs_period:
            found.append(ClientDocument(key, label=kind.label))
        else:
            found += [ClientDocument(key, rid, label) for rid, label in LISTERS[key](client_id)]
    return found
