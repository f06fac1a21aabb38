"""The printed consent to disclose: every element 42 CFR 2.31 requires, filled in from the
consent record, the statements the client is told, and signature lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable

from iopdesk.domain import formats
from iopdesk.reports.copies import ConsentTerms, consent_elements
from iopdesk.reports.document import Letterhead, render_pdf
from iopdesk.reports.flowables import (
    keep_with_tail,
    key_value_table,
    paragraph,
    section,
    signature_block,
)

TITLE = "Consent to disclose substance use disorder records"

#: What the client is told on the form, in IOPdesk's own words.
STATEMENTS = (
    "My substance use disorder records are protected by Federal confidentiality rules (42 CFR "
    "part 2) and by HIPAA (45 CFR parts 160 and 164). The program may not disclose them "
    "without my written consent, except where those rules allow it.",
    "The program will not make my treatment, payment, enrollment or eligibility for benefits "
    "depend on whether I sign this consent.",
    "Records disclosed under this consent go with a notice telling the recipient that 42 CFR "
    "part 2 limits how they may use and redisclose them.",
    "I may have a copy of this consent, and I may ask the program for a list of the "
    "disclosures it has made with my consent in the past three years (42 CFR 2.25).",
)


@dataclass(frozen=True)
class ConsentForm:
    """The consent as recorded, ready to print for signing or for the client's file."""

    letterhead: Letterhead
    terms: ConsentTerms
    revoked: str  # "Revoked on 2026-03-01: ..." or ""
    printed_on: dt.date


def build_story(form: ConsentForm) -> list[Flowable]:
    """The form's flowables."""
    t = form.terms
    story: list[Flowable] = [
        paragraph(
            f"I, {t.client_name}, authorize {t.discloser} to disclose the information described "
            "below to the recipients named below, for the purpose stated, until this consent "
            "expires or I revoke it."
        ),
        section("What I agree to"),
        key_value_table(consent_elements(t)),
        section("What I understand"),
        *[paragraph(f"• {text}") for text in STATEMENTS[:-1]],
    ]
    last: Flowable = paragraph(f"• {STATEMENTS[-1]}")
    if form.revoked:
        story += [last, section("Revoked")]
        last = paragraph(form.revoked)
    signatures = signature_block(
        [
            ("Patient", t.client_name, formats.show_date(t.signed_on)),
            ("Representative (if one signs)", "", ""),
            ("Witness (program staff)", "", ""),
        ]
    )
    # The signatures go over to a new page only with the form's last lines, never alone.
    story.append(keep_with_tail(last, [signatures]))
    return story


def render_consent_form(form: ConsentForm) -> bytes:
    """The consent form as PDF bytes."""
    return render_pdf(
        form.letterhead,
        TITLE,
        build_story(form),
        subtitle=f"{form.terms.client_name} · {form.terms.record_number} · "
        f"consent {form.terms.consent_id}",
        footer_note=f"Consent {form.terms.consent_id} ({form.terms.status.lower()}) · printed "
        f"{formats.show_date(form.printed_on)}",
    )
