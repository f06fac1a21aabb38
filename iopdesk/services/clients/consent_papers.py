"""Papers about consents: the printed consent to disclose (every 42 CFR 2.31 element) and the
client's accounting of disclosures (42 CFR 2.25). Neither holds clinical content."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.clients import Consent
from iopdesk.domain import formats
from iopdesk.domain.releases import accounting_start
from iopdesk.errors import NotFound
from iopdesk.reports.consent_form import ConsentForm, render_consent_form
from iopdesk.reports.disclosure_accounting import (
    AccountingLine,
    DisclosureAccounting,
    render_accounting,
)
from iopdesk.reports.printout import Printout, safe_file_name
from iopdesk.services.admin.clinic import clinic_letterhead
from iopdesk.services.clients.consents import client_record
from iopdesk.services.clients.disclosures import consent_terms, disclosures_since
from iopdesk.services.context import Actor, describe, use_case


@use_case("consent.print_form", "consent.manage", kind="read")
def print_consent_form(actor: Actor, client_id: int, consent_id: int) -> Printout[ConsentForm]:
    """A consent to disclose of the client's, printed with every element filled in from the
    record and lines for the signatures."""
    client_record(client_id)
    consent = Consent.get_or_none(Consent.id == consent_id)
    if consent is None or consent.client_id != client_id or consent.kind != "disclose":
        raise NotFound(f"This client has no consent to disclose numbered {consent_id}.")
    revoked = (
        f"Revoked on {formats.show_date(consent.revoked_on)}: {consent.revoked_reason}"
        if consent.revoked_on is not None
        else ""
    )
    form = ConsentForm(clinic_letterhead(), consent_terms(consent), revoked, dt.date.today())
    describe(client_id=client_id, record_type="consent", record_id=consent.id,
             detail="consent form printed")  # fmt: skip
    name = safe_file_name(f"consent-{form.terms.record_number}-{consent.id}")
    return Printout(form, render_consent_form(form), f"{name}.pdf")


@use_case("disclosure.accounting", "consent.manage", kind="read")
def print_accounting(
    actor: Actor, client_id: int, today: dt.date | None = None
) -> Printout[DisclosureAccounting]:
    """The accounting of the disclosures made with the client's consent in the past three
    years, newest first, for the client who asked for it (42 CFR 2.25)."""
    client = client_record(client_id)
    end = today or dt.date.today()
    start = accounting_start(end)
    lines = tuple(
        AccountingLine(d.at.date(), d.recipient, d.what, d.purpose, d.consent_id,
                       d.method_label)
        for d in disclosures_since(client_id, start)
        if d.at.date() <= end
    )  # fmt: skip
    document = DisclosureAccounting(
        clinic_letterhead(), client.full_name, client.date_of_birth, client.record_number,
        start, end, lines,
    )  # fmt: skip
    describe(client_id=client_id, record_type="disclosure",
             detail=f"accounting of {len(lines)} disclosures printed")  # fmt: skip
    name = safe_file_name(f"disclosures-{client.record_number}-{end.isoformat()}")
    return Printout(document, render_accounting(document), f"{name}.pdf")
