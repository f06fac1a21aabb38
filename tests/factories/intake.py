"""Test factories for intake: complete assessment content and screening answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

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
