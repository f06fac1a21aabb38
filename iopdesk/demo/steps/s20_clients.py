"""Demo step: search words, emergency contacts, insurance and consents for step 10's clients."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.connection import database
from iopdesk.db.models.clients import Consent, Disclosure, EmergencyContact, Insurance
from iopdesk.db.models.core import Client
from iopdesk.demo import DemoContext
from iopdesk.demo.names import relative
from iopdesk.services.clients.consents import DEFAULT_REVOCATION_TEXT
from iopdesk.services.clients.search import index_all_clients

ORDER = 20
BATCH = 500
PAYERS = [
    "Blue Cross Blue Shield of Minnesota",
    "Medica",
    "HealthPartners",
    "Minnesota Medical Assistance",
    "UCare",
    "Aetna",
]
RELATIONSHIPS = ["Mother", "Father", "Sister", "Brother", "Spouse", "Partner", "Friend", "Aunt"]
RECIPIENTS = [
    ("Olmsted County Drug Court, Officer Dana Reyes", "Compliance with conditions of probation"),
    ("Dr. Priya Shah, Riverbend Family Medicine", "Coordination of care with primary care"),
    ("Employer EAP, Mayo Clinic Health System", "Return-to-work planning"),
]


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        model.insert_many(rows[start : start + BATCH]).execute()


def populate(ctx: DemoContext) -> None:
    rng, today = ctx.rng, ctx.today
    ctx.log(f"demo: search words for {index_all_clients():,} clients")
    staff_id = (ctx.front_desk[0] if ctx.front_desk else ctx.clinicians[0]).staff_id
    clinic_name = "Riverbend Recovery Center"
    dobs, families = {}, {}
    for client_id, dob, family in Client.select(
        Client.id, Client.date_of_birth, Client.legal_last_name
    ).tuples():
        dobs[client_id], families[client_id] = dob, family
    contacts, covers, consents = [], [], []
    for client_id, (_episode, status, _counselor, admitted) in ctx.clients.items():
        relationship = rng.choice(RELATIONSHIPS)
        contacts.append(
            {
                "client": client_id,
                "name": relative(rng, relationship, families[client_id]),
                "relationship": relationship,
                "phone": f"507-555-{rng.randint(1000, 9999)}",
            }
        )
        start = admitted or today - dt.timedelta(days=rng.randint(0, 10))
        if rng.random() < 0.85:
            covers.append(
                {
                    "client": client_id,
                    "payer": rng.choice(PAYERS),
                    "member_number": f"M{rng.randint(10_000_000, 99_999_999)}",
                    "group_number": f"G{rng.randint(1000, 9999)}",
                    "authorization_number": f"A-{rng.randint(100_000, 999_999)}",
                    "auth_start": start,
                    "auth_end": start + dt.timedelta(days=60),
                    "authorized_hours": rng.choice([60, 90, 120]),
                    "active": status != "discharged",
                }
            )
        if admitted is None:
            continue
        signed = max(admitted, dobs[client_id])
        base = {"client": client_id, "created_by": staff_id, "signed_on": signed}
        consents.append({**base, "kind": "treatment", "client_signed": True})
        consents.append({**base, "kind": "notice_given"})
        if rng.random() < 0.35:
            recipient, purpose = rng.choice(RECIPIENTS)
            consents.append(
                {
                    **base,
                    "kind": "disclose",
                    "discloser": clinic_name,
                    "information": "Attendance dates, drug test results and progress in treatment",
                    "categories": "attendance,drug_tests,treatment_plan",
                    "recipients": recipient,
                    "purpose": purpose,
                    "revocation_text": DEFAULT_REVOCATION_TEXT,
                    "expires_on": signed + dt.timedelta(days=rng.choice([90, 180, 365])),
                    "expiry_event": "End of probation" if "Court" in recipient else "",
                    "client_signed": True,
                }
            )
    with database.atomic():
        _insert(EmergencyContact, contacts)
        _insert(Insurance, covers)
        _insert(Consent, consents)
    _showcase(ctx, staff_id)


def _showcase(ctx: DemoContext, staff_id: int) -> None:
    """Among active clients: one revoked consent, one expired one, and a logged disclosure."""
    active = ctx.active_clients()[:3]
    if len(active) < 3:
        return
    today = ctx.today
    recipient, purpose = RECIPIENTS[0]
    with database.atomic():
        for client_id, revoked, expired in ((active[0], True, False), (active[1], False, True)):
            signed = today - dt.timedelta(days=200 if expired else 20)
            Consent.create(
                client=client_id,
                kind="disclose",
                discloser="Riverbend Recovery Center",
                information="Attendance dates and drug test results",
                categories="attendance,drug_tests",
                recipients=recipient,
                purpose=purpose,
                revocation_text=DEFAULT_REVOCATION_TEXT,
                expires_on=signed + dt.timedelta(days=90),
                client_signed=True,
                signed_on=signed,
                revoked_on=today - dt.timedelta(days=2) if revoked else None,
                revoked_reason="Client handed in a signed, dated note." if revoked else "",
                created_by=staff_id,
            )
        live = Consent.create(
            client=active[2],
            kind="disclose",
            discloser="Riverbend Recovery Center",
            information="Attendance dates and drug test results",
            categories="attendance,drug_tests",
            recipients=recipient,
            purpose=purpose,
            revocation_text=DEFAULT_REVOCATION_TEXT,
            expires_on=today + dt.timedelta(days=150),
            client_signed=True,
            signed_on=today - dt.timedelta(days=30),
            created_by=staff_id,
        )
        Disclosure.create(
            client=active[2],
            consent=live,
            document="Attendance letter",
            categories="attendance",
            recipient=recipient,
            purpose=purpose,
            by=staff_id,
        )
