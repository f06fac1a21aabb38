"""Test factories for clients and consents: the one way a test makes a client.

``make_client`` writes the rows directly (fast, no audit rows, no registration rules in the
way) and always indexes the client's search words, so every picker and the Clients list
find the client the way they find a registered one. Tests of registration itself call
``register_client`` with ``client_form``.
"""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.core import Client, Episode
from iopdesk.domain.records import format_record_number, search_text
from iopdesk.services.clients import consents
from iopdesk.services.clients import records as clients
from iopdesk.services.clients.search import index_client
from iopdesk.services.context import Actor

TODAY = dt.date.today()
#: Statuses whose episode has started: these clients get an admission date by default.
ADMITTED = ("active", "discharged")
FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Esther", "Farid", "Grace", "Hiro", "Ines", "Jamal",
         "Keiko", "Liam", "Maya", "Noor", "Oscar", "Priya", "Quinn", "Rosa", "Sven",
         "Tariq"]  # fmt: skip


def make_client(
    first: str = "Dana",
    last: str = "Quiñones-O'Brien",
    *,
    status: str = "active",
    counselor: Actor | None = None,
    admitted: dt.date | None = None,
    dob: dt.date = dt.date(1988, 4, 2),
    preferred_name: str = "",
    sex: str = "",
    phone: str = "",
    program: str = "adult",
) -> int:
    """A client with episode 1 in ``status``, indexed for search; returns the client id.

    Active and discharged clients were admitted ``admitted`` (default 30 days ago); referred
    and intake clients have no admission date unless one is given.
    """
    if admitted is None and status in ADMITTED:
        admitted = TODAY - dt.timedelta(days=30)
    counselor_id = counselor.staff_id if counselor else None
    # The record number comes from the row id, as registration does it.
    client = Client.create(
        record_number=f"new-{Client.select().count()}",
        legal_first_name=first,
        legal_last_name=last,
        preferred_name=preferred_name,
        date_of_birth=dob,
        sex=sex,
        phone=phone,
        status=status,
        counselor=counselor_id,
    )
    client.record_number = format_record_number(client.id)
    client.search_text = search_text(first, last, preferred_name, client.record_number, dob)
    client.save()
    index_client(client)
    Episode.create(
        client=client.id,
        number=1,
        status=status,
        program=program,
        counselor=counselor_id,
        referral_date=(admitted or TODAY) - dt.timedelta(days=7),
        referral_source="Self",
        admission_date=admitted,
        level_of_care="2.1 Intensive outpatient" if admitted else "",
    )
    return client.id


def make_clients(count: int, last: str = "Tester") -> list[int]:
    """``count`` active clients with distinct names."""
    return [make_client(FIRST[i % len(FIRST)], f"{last}{i:02d}") for i in range(count)]


def episode_of(client_id: int) -> int:
    """The id of the client's first episode (the one ``make_client`` opened)."""
    return Episode.get((Episode.client == client_id) & (Episode.number == 1)).id


def client_form(
    first: str = "Maria",
    last: str = "Lopez",
    dob: dt.date | str = dt.date(1988, 4, 12),
    **extra: object,
) -> clients.ClientForm:
    """A valid New client form (override any field)."""
    return clients.ClientForm(first, last, dob, **extra)  # type: ignore[arg-type]


def disclosure_form(**extra: object) -> consents.DisclosureConsentForm:
    """A consent to disclose with every 42 CFR 2.31 element filled in."""
    values: dict[str, object] = {
        "discloser": "Riverbend Recovery",
        "information": "Attendance dates and drug test results from this episode",
        "recipients": "Hennepin County Drug Court, Officer Dana Reyes",
        "purpose": "Compliance with the conditions of probation",
        "revocation_text": consents.DEFAULT_REVOCATION_TEXT,
        "expires_on": dt.date.today() + dt.timedelta(days=180),
        "expiry_event": "",
        "client_signed": True,
        "signed_on": dt.date.today(),
        "categories": ("attendance", "drug_tests"),
    }
    values.update(extra)
    return consents.DisclosureConsentForm(**values)  # type: ignore[arg-type]
