"""The accounting of disclosures (42 CFR 2.25): every disclosure made with the client's consent
in the past three years, with date, recipient, what, purpose and consent."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable

from iopdesk.domain import formats
from iopdesk.reports.document import Letterhead, render_pdf
from iopdesk.reports.flowables import data_table, key_value_table, paragraph

TITLE = "Accounting of disclosures"


@dataclass(frozen=True)
class AccountingLine:
    """One disclosure as the accounting lists it."""

    day: dt.date
    recipient: str
    what: str
    purpose: str
    consent_id: int
    method: str


@dataclass(frozen=True)
class DisclosureAccounting:
    """Everything the accounting prints (built by services/clients/accounting.py)."""

    letterhead: Letterhead
    client_name: str
    date_of_birth: dt.date
    record_number: str
    start: dt.date
    end: dt.date
    lines: tuple[AccountingLine, ...]


def build_story(doc: DisclosureAccounting) -> list[Flowable]:
    """The accounting's flowables."""
    story: list[Flowable] = [
        key_value_table(
            [
                ("Client", doc.client_name),
                ("Date of birth", formats.show_date(doc.date_of_birth)),
                ("Record number", doc.record_number),
                ("Period", f"{formats.show_date(doc.start)} to {formats.show_date(doc.end)}"),
            ]
        ),
        paragraph(
            f"Every disclosure of {doc.client_name}'s records that {doc.letterhead.clinic_name} "
            "made with the client's written consent in the period above, newest first "
            "(42 CFR 2.25). Records given to the client themself are not disclosures and are "
            "not listed."
        ),
    ]
    if not doc.lines:
        story.append(paragraph("No records were disclosed in this period.", "subheading"))
        return story
    rows = [
        (formats.show_date(line.day), line.recipient, line.what, line.purpose, str(line.consent_id),
         line.method)
        for line in doc.lines
    ]  # fmt: skip
    story.append(
        data_table(
            ["Date", "Recipient", "What was disclosed", "Purpose", "Consent", "How"],
            rows,
            ["13%", "19%", "26%", "21%", "10%", "11%"],
        )
    )
    return story


def render_accounting(doc: DisclosureAccounting) -> bytes:
    """The accounting as PDF bytes."""
    return render_pdf(
        doc.letterhead,
        TITLE,
        build_story(doc),
        subtitle=f"{doc.client_name} · {doc.record_number}",
        footer_note=f"Disclosures from {formats.show_date(doc.start)} to "
        f"{formats.show_date(doc.end)}",
    )
