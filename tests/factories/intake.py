"""Test factories for intake: a client with an open episode, and complete assessment content."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

from iopdesk.db.models.core import Client, Episode
from iopdesk.domain.intake import (
    ASAM_DIMENSIONS,
    IOP,
    SECTIONS,
    SUITABILITY_CRITERIA,
    AsamEntry,
    AssessmentData,
    SubstanceRow,
    SuitabilityEntry,
)
from iopdesk.domain.records import format_record_number, search_text

_numbers = itertools.count(9000)


def make_client(
    first: str = "José",
    last: str = "O'Brien-Петров",
    *,
    date_of_birth: dt.date = dt.date(1990, 5, 17),
    sex: str = "male",
    status: str = "referred",
    counselor_id: int | None = None,
) -> Client:
    """A client with one referred episode (direct inserts: no dependency on registration)."""
    number = format_record_number(next(_numbers))
    client = Client.create(
        record_number=number,
        legal_first_name=first,
        legal_last_name=last,
        date_of_birth=date_of_birth,
        sex=sex,
        status=status,
        counselor=counselor_id,
        search_text=search_text(first, last, "", number, date_of_birth),
    )
    Episode.create(
        client=client,
        number=1,
        status=status,
        counselor=counselor_id,
        referral_date=dt.date.today() - dt.timedelta(days=3),
        referral_source="Self",
    )
    return client


PHQ9_MODERATE = {1: 2, 2: 2, 3: 1, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1, 9: 0}  # 11 moderate
GAD7_MILD = {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 0}  # 6 mild


def complete_data(level: str = IOP, rating: int = 2, **changes: object) -> AssessmentData:
    """Assessment content that is ready to sign (with IOP and no 3-4 ratings by default)."""
    data = AssessmentData(
        sections={
            key: f"{title}: notes written with the client." for key, title in SECTIONS.items()
        },
        substances=(
            SubstanceRow(
                "Alcohol", 15, "Daily", "Oral", "12 beers", dt.date.today() - dt.timedelta(days=4)
            ),
        ),
        screenings={"PHQ9": dict(PHQ9_MODERATE), "GAD7": dict(GAD7_MILD)},
        asam={dim: AsamEntry(rating, f"Narrative for dimension {dim}.") for dim in ASAM_DIMENSIONS},
        suitability={key: SuitabilityEntry("yes", "") for key in SUITABILITY_CRITERIA},
        level_of_care=level,
        rationale="Meets the program's criteria; home is stable and supportive.",
        justification="",
    )
    return replace(data, **changes)
