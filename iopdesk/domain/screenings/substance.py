"""AUDIT (alcohol, World Health Organization) and DAST-10 (drugs, Harvey A. Skinner)."""

from __future__ import annotations

from iopdesk.domain.screenings.model import Band, Instrument, Item, numbered_items, scale

_HOW_OFTEN = scale(("Never", "Less than monthly", "Monthly", "Weekly", "Daily or almost daily"))

# The WHO form prints these three answers in the 0, 2 and 4 columns: the middle answer is
# worth 2 points, not 1, so value (position) and points deliberately differ.
_INJURY_OR_CONCERN = scale(
    ("No", "Yes, but not in the last year", "Yes, during the last year"),
    points=(0, 2, 4),
)

AUDIT = Instrument(
    code="AUDIT",
    name="AUDIT",
    title="Alcohol Use Disorders Identification Test (AUDIT)",
    instructions=(
        "Because alcohol use can affect your health and can interfere with certain medications "
        "and treatments, it is important that we ask some questions about your use of alcohol. "
        "Your answers will remain confidential so please be honest. Choose the one answer that "
        "best describes your answer to each question."
    ),
    items=(
        Item(
            1,
            "How often do you have a drink containing alcohol?",
            scale(
                (
                    "Never",
                    "Monthly or less",
                    "2 to 4 times a month",
                    "2 to 3 times a week",
                    "4 or more times a week",
                )
            ),
        ),
        Item(
            2,
            "How many drinks containing alcohol do you have on a typical day when you are "
            "drinking?",
            scale(("1 or 2", "3 or 4", "5 or 6", "7, 8, or 9", "10 or more")),
        ),
        Item(3, "How often do you have six or more drinks on one occasion?", _HOW_OFTEN),
        Item(
            4,
            "How often during the last year have you found that you were not able to stop "
            "drinking once you had started?",
            _HOW_OFTEN,
        ),
        Item(
            5,
            "How often during the last year have you failed to do what was normally expected "
            "from you because of drinking?",
            _HOW_OFTEN,
        ),
        Item(
            6,
            "How often during the last year have you needed a first drink in the morning to "
            "get yourself going after a heavy drinking session?",
            _HOW_OFTEN,
        ),
        Item(
            7,
            "How often during the last year have you had a feeling of guilt or remorse after "
            "drinking?",
            _HOW_OFTEN,
        ),
        Item(
            8,
            "How often during the last year have you been unable to remember what happened "
            "the night before because you had been drinking?",
            _HOW_OFTEN,
        ),
        Item(
            9,
            "Have you or someone else been injured as a result of your drinking?",
            _INJURY_OR_CONCERN,
        ),
        Item(
            10,
            "Has a relative or friend or a doctor or another health worker been concerned "
            "about your drinking or suggested you cut down?",
            _INJURY_OR_CONCERN,
        ),
    ),
    bands=(
        Band(0, 7, "zone I low risk"),
        Band(8, 15, "zone II hazardous"),
        Band(16, 19, "zone III harmful"),
        Band(20, 40, "zone IV possible dependence"),
    ),
    max_total=40,
    attribution=(
        "The Alcohol Use Disorders Identification Test (AUDIT) was developed by the World "
        "Health Organization. Source: Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. "
        "AUDIT: Guidelines for Use in Primary Care, 2nd edition. Geneva: WHO, 2001."
    ),
    finding_band="zone II hazardous",
)

_YES_NO = scale(("No", "Yes"))
# Item 3 asks about being *able* to stop, so the published key scores "No" as the problem.
_YES_NO_REVERSED = scale(("No", "Yes"), points=(1, 0))

_DAST_TEXTS = (
    "Have you used drugs other than those required for medical reasons?",
    "Do you abuse more than one drug at a time?",
    "Are you always able to stop using drugs when you want to?",
    'Have you had "blackouts" or "flashbacks" as a result of drug use?',
    "Do you ever feel bad or guilty about your drug use?",
    "Does your spouse (or parents) ever complain about your involvement with drugs?",
    "Have you neglected your family because of your use of drugs?",
    "Have you engaged in illegal activities in order to obtain drugs?",
    "Have you ever experienced withdrawal symptoms (felt sick) when you stopped taking drugs?",
    "Have you had medical problems as a result of your drug use (e.g., memory loss, "
    "hepatitis, convulsions, bleeding, etc.)?",
)

DAST10 = Instrument(
    code="DAST10",
    name="DAST-10",
    title="Drug Abuse Screening Test (DAST-10)",
    instructions=(
        "The following questions concern information about your possible involvement with "
        "drugs not including alcoholic beverages during the past 12 months. "
        '"Drug abuse" refers to (1) the use of prescribed or over-the-counter drugs in excess '
        "of the directions, and (2) any nonmedical use of drugs. The various classes of drugs "
        "may include cannabis (marijuana, hashish), solvents (e.g., paint thinner), "
        "tranquilizers (e.g., Valium), barbiturates, cocaine, stimulants (e.g., speed), "
        "hallucinogens (e.g., LSD) or narcotics (e.g., heroin). Remember that the questions do "
        "not include alcoholic beverages. Please answer every question. If you have difficulty "
        "with a statement, then choose the response that is mostly right. "
        "These questions refer to the past 12 months."
    ),
    items=tuple(
        item if item.number != 3 else Item(item.number, item.text, _YES_NO_REVERSED)
        for item in numbered_items(_DAST_TEXTS, _YES_NO)
    ),
    bands=(
        Band(0, 0, "none"),
        Band(1, 2, "low"),
        Band(3, 5, "moderate"),
        Band(6, 8, "substantial"),
        Band(9, 10, "severe"),
    ),
    max_total=10,
    attribution=(
        "Drug Abuse Screening Test (DAST-10) © 1982 Harvey A. Skinner, PhD, and the Centre for "
        "Addiction and Mental Health, Toronto; free for non-commercial clinical use. Source: "
        "Skinner HA. The Drug Abuse Screening Test. Addictive Behaviors 1982;7(4):363-371."
    ),
    finding_band="moderate",
)
