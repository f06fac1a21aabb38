"""Whose copy a printed client document is: for internal use, the client's own (42 CFR 2.23),
or a release under a consent, which carries the consent's terms and the long § 2.32 notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.platypus import Flowable

from iopdesk.domain import formats
from iopdesk.reports.document import Letterhead, Notice, render_pdf
from iopdesk.reports.flowables import key_value_table, paragraph, section

Use = Literal["internal", "client", "release"]


@dataclass(frozen=True)
class ConsentTerms:
    """A consent to disclose as the client signed it: every element 42 CFR 2.31 requires."""

    consent_id: int
    client_name: str
    date_of_birth: dt.date
    record_number: str
    discloser: str
    information: str
    categories: str  # the categories it covers, in words
    recipients: tuple[str, ...]
    purpose: str
    revocation_text: str
    expiry: str
    signed_on: dt.date
    status: str = "Active"


def consent_elements(terms: ConsentTerms) -> list[tuple[str, str]]:
    """The consent's elements as (label, value) lines, in the order § 2.31 lists them."""
    return [
        ("Patient", f"{terms.client_name} (born {formats.show_date(terms.date_of_birth)}, record "
                    f"{terms.record_number})"),
        ("Who may disclose", terms.discloser),
        ("Information to be disclosed", terms.information),
        ("Categories of information", terms.categories or "Not recorded"),
        ("Recipients", "\n".join(terms.recipients)),
        ("Purpose of the disclosure", terms.purpose),
        ("Right to revoke", terms.revocation_text),
        ("Expires", terms.expiry),
        ("Signed by the patient on", formats.show_date(terms.signed_on)),
    ]  # fmt: skip


@dataclass(frozen=True)
class Copy:
    """Whose copy a document is; a release names its recipient and the consent it relies on."""

    use: Use = "internal"
    recipient: str = ""
    consent: ConsentTerms | None = None
    made_on: dt.date | None = None

    def __post_init__(self) -> None:
        if self.use not in ("internal", "client", "release"):
            raise ValueError(f"unknown use {self.use!r}")
        if self.use == "release" and (not self.recipient or self.consent is None):
            raise ValueError("a release names its recipient and its consent")

    @property
    def notice(self) -> Notice:
        """The long § 2.32 notice goes with every release; the footer's short one with all."""
        return "long" if self.use == "release" else "short"

    @property
    def words(self) -> str:
        """Whose copy this is, for the footer of every page ("" for internal use)."""
        if self.use == "release" and self.consent is not None:
            return f"Released to {self.recipient} under consent {self.consent.consent_id}"
        if self.use == "client":
            return "The client's own copy"
        return ""

    def footer(self, note: str = "") -> str:
        """The document's own footer note with whose copy it is in front (never elided)."""
        return " · ".join(part for part in (self.words, note) if part)


INTERNAL = Copy()


def release_appendix(copy: Copy) -> list[Flowable]:
    """What a release adds after the document: when, to whom and under which consent, and the
    consent's terms in full, so the recipient sees what the client agreed to."""
    terms = copy.consent
    if copy.use != "release" or terms is None:
        return []
    day = formats.show_date(copy.made_on or dt.date.today())
    return [
        section("About this release"),
        paragraph(
            f"Released on {day} to {copy.recipient} under the written consent of "
            f"{terms.client_name} (consent {terms.consent_id}, signed "
            f"{formats.show_date(terms.signed_on)}). The consent, as the client signed it:"
        ),
        key_value_table(consent_elements(terms)),
    ]


def render_copy(
    copy: Copy,
    letterhead: Letterhead,
    title: str,
    story: Sequence[Flowable],
    *,
    subtitle: str = "",
    footer_note: str = "",
) -> bytes:
    """Render a client document as this copy: whose copy it is on every page, and for a
    release the consent's terms and the long Part 2 notice after the document."""
    return render_pdf(
        letterhead,
        title,
        [*story, *release_appendix(copy)],
        subtitle=subtitle,
        notice=copy.notice,
        footer_note=copy.footer(footer_note),
    )
