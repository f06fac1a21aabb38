"""PHQ-9 (depression) and GAD-7 (anxiety), as published by Spitzer, Williams, Kroenke et al."""

from __future__ import annotations

from iopdesk.domain.screenings.model import Band, Instrument, numbered_items, scale

_PFIZER_CREDIT = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

# Both questionnaires share the same frequency scale over the last two weeks.
_FREQUENCY = scale(
    (
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    )
)

PHQ9 = Instrument(
    code="PHQ9",
    name="PHQ-9",
    title="Patient Health Questionnaire (PHQ-9)",
    instructions=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=numbered_items(
        (
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself — or that you are a failure or have let yourself or "
            "your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed? Or the "
            "opposite — being so fidgety or restless that you have been moving around a lot "
            "more than usual",
            "Thoughts that you would be better off dead or of hurting yourself in some way",
        ),
        _FREQUENCY,
    ),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    max_total=27,
    attribution="Patient Health Questionnaire (PHQ-9). " + _PFIZER_CREDIT,
    finding_band="moderate",
)

GAD7 = Instrument(
    code="GAD7",
    name="GAD-7",
    title="Generalized Anxiety Disorder 7-item scale (GAD-7)",
    instructions=(
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    ),
    items=numbered_items(
        (
            "Feeling nervous, anxious, or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid, as if something awful might happen",
        ),
        _FREQUENCY,
    ),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    max_total=21,
    attribution="Generalized Anxiety Disorder 7-item scale (GAD-7). " + _PFIZER_CREDIT,
    finding_band="moderate",
)
