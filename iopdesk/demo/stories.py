"""Each demo client's clinical story, chosen once so every step tells the same one.

The substances a client uses decide the intake narrative, the substance table, the
screening given (AUDIT for alcohol, DAST-10 for drugs), the diagnosis on the plan and what
the drug tests find; the referral source decides the legal history and how ready the client
is; a discharged client's outcome decides attendance, objectives met and the summary.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from iopdesk.demo.names import FEMALE, MALE


@dataclass(frozen=True)
class Substance:
    """One substance as the intake table, the diagnosis and the drug-test panel name it."""

    name: str
    frequency: str
    route: str
    amount: str
    icd10: str
    diagnosis: str
    panel: tuple[str, ...]  # drug-test panel lines that detect it
    use: str  # how a counselor writes the use in a sentence
    noun: str  # what the plan's problem statement calls it


SUBSTANCES: dict[str, Substance] = {
    "alcohol": Substance("Alcohol", "Daily", "Oral", "10-12 beers", "F10.20",
                         "Alcohol use disorder, moderate", ("Alcohol (EtG)",), "drinks",
                         "alcohol"),
    "cannabis": Substance("Cannabis", "Daily", "Smoked", "2 grams", "F12.20",
                          "Cannabis use disorder, moderate", ("Cannabis (THC)",),
                          "uses cannabis", "cannabis"),
    "methamphetamine": Substance("Methamphetamine", "Several times a week", "Smoked",
                                 "0.5 gram", "F15.20",
                                 "Stimulant use disorder (methamphetamine), severe",
                                 ("Amphetamines",), "uses methamphetamine", "methamphetamine"),
    "opioids": Substance("Opioids (fentanyl)", "Daily", "Smoked", "3-4 pills", "F11.20",
                         "Opioid use disorder, severe", ("Fentanyl",), "uses fentanyl",
                         "fentanyl"),
    "cocaine": Substance("Cocaine", "Weekly", "Intranasal", "1 gram", "F14.20",
                         "Stimulant use disorder (cocaine), moderate", ("Cocaine",),
                         "uses cocaine", "cocaine"),
    "benzodiazepines": Substance("Benzodiazepines", "Several times a month", "Oral",
                                 "2-3 tablets", "F13.20",
                                 "Sedative, hypnotic or anxiolytic use disorder, moderate",
                                 ("Benzodiazepines",), "takes non-prescribed alprazolam",
                                 "alprazolam"),
}  # fmt: skip
#: How often each substance is the main one (alcohol leads in adult IOPs).
PRIMARY_WEIGHTS = {"alcohol": 40, "cannabis": 14, "methamphetamine": 16, "opioids": 14,
                   "cocaine": 10, "benzodiazepines": 6}  # fmt: skip
#: Substances commonly used alongside the main one.
ALSO = {"alcohol": ("cannabis", "cocaine", "benzodiazepines"),
        "cannabis": ("alcohol",), "methamphetamine": ("cannabis", "alcohol"),
        "opioids": ("benzodiazepines", "cocaine"), "cocaine": ("alcohol", "cannabis"),
        "benzodiazepines": ("alcohol", "opioids")}  # fmt: skip

#: Presenting problems per main substance, each with the referral it describes.
PRESENTING: dict[str, list[tuple[str, str]]] = {
    "alcohol": [
        ("Drinking daily since a job loss eight months ago; two DUIs. Wants to keep custody "
         "of {their} children and says \"I can't stop on my own.\"", "Probation"),
        ("Drinks most of a fifth of vodka a night to sleep. {Their} doctor found elevated "
         "liver enzymes and referred {them} for treatment.", "Primary care"),
        ("Arrived at work smelling of alcohol twice this quarter; the employer's assistance "
         "program referred {them}. Drinking has grown from weekends to every night.",
         "Employer EAP"),
    ],
    "cannabis": [
        ("Smokes cannabis from waking to bedtime; lost a second job for failing a drug test. "
         "{Their} family asked {them} to get help.", "Family"),
        ("Referred by drug court after a possession charge; uses cannabis daily to manage "
         "anxiety and says it no longer works.", "Drug court"),
    ],
    "methamphetamine": [
        ("Referred by drug court after a possession charge. Uses methamphetamine several "
         "times a week and says use is \"getting out of hand\" at work.", "Drug court"),
        ("Stayed awake for three days on methamphetamine and was brought to the emergency "
         "department with chest pain; asks for help to stop.", "Emergency department"),
    ],
    "opioids": [
        ("Overdosed on fentanyl-laced pills a month ago; completed withdrawal management "
         "last week and steps down to IOP from there.", "Withdrawal management step-down"),
        ("Started on prescribed oxycodone after back surgery and now buys fentanyl pills; "
         "came in on {their} own after a friend's overdose.", "Self"),
    ],
    "cocaine": [
        ("Uses cocaine on weekends with co-workers and has missed rent twice; {their} partner "
         "insisted on treatment.", "Family"),
        ("On probation after a cocaine possession arrest; using has spread from weekends to "
         "weeknights.", "Probation"),
    ],
    "benzodiazepines": [
        ("Takes alprazolam bought from a friend several times a month and more before "
         "stressful events; {their} primary care doctor stopped refilling a prescription.",
         "Primary care"),
    ],
}  # fmt: skip
LEGAL = {
    "Drug court": "Drug court participant after a possession charge; treatment is a "
    "condition of the program and reports go to the court monthly.",
    "Probation": "On probation after an arrest related to use; the probation officer "
    "receives attendance and test results under a signed consent.",
}
NO_LEGAL = "No current legal involvement."
#: (TEDS discharge type, weight, shortest and longest stay in days)
OUTCOMES = [("completed", 55, 70, 125), ("left_against_advice", 24, 28, 90),
            ("transferred", 10, 21, 70), ("terminated", 5, 28, 90),
            ("incarcerated", 2, 14, 70), ("other", 4, 28, 90)]  # fmt: skip
PRONOUNS = {FEMALE: ("she", "her", "her"), MALE: ("he", "his", "him")}


@dataclass(frozen=True)
class Story:
    """What is true of one client across the demo."""

    sex: str
    substances: tuple[str, ...]  # SUBSTANCES keys, the main one first
    presenting: str
    referral: str
    outcome: str = ""  # the TEDS discharge type, for discharged clients
    stay_days: int = 0

    @property
    def primary(self) -> Substance:
        """The main substance: the one diagnosed."""
        return SUBSTANCES[self.substances[0]]

    @property
    def legal(self) -> str:
        """The intake's legal section, as the referral implies."""
        return LEGAL.get(self.referral, NO_LEGAL)

    @property
    def uses_alcohol(self) -> bool:
        """Alcohol is among the substances (AUDIT is given, AA is suggested)."""
        return "alcohol" in self.substances

    @property
    def uses_drugs(self) -> bool:
        """A drug is among the substances (DAST-10 is given, NA is suggested)."""
        return any(key != "alcohol" for key in self.substances)


def pronouns(sex: str) -> dict[str, str]:
    """Template words for a client of ``sex`` (they/their/them when not recorded)."""
    they, their, them = PRONOUNS.get(sex, ("they", "their", "them"))
    return {"they": they, "their": their, "them": them, "Their": their.capitalize()}


#: Below this age a story about the client's own children does not fit.
PARENT_AGE = 24


def new_story(rng: random.Random, sex: str, age: int, discharged: bool) -> Story:
    """A client's story: main substance, co-use, presenting problem, referral, outcome."""
    primary = rng.choices(list(PRIMARY_WEIGHTS), weights=list(PRIMARY_WEIGHTS.values()))[0]
    others = ALSO[primary]
    extra = rng.sample(others, min(len(others), rng.choice((0, 0, 1, 1, 2))))
    fitting = [p for p in PRESENTING[primary] if age >= PARENT_AGE or "children" not in p[0]]
    template, referral = rng.choice(fitting)
    text = template.format(**pronouns(sex))
    for key in extra:
        when = rng.choice(("on weekends", "most days", "when stressed"))
        text += f" Also {SUBSTANCES[key].use} {when}."
    outcome, stay = "", 0
    if discharged:
        kinds = rng.choices(OUTCOMES, weights=[w for _, w, _, _ in OUTCOMES])[0]
        outcome, stay = kinds[0], rng.randint(kinds[2], kinds[3])
    return Story(sex, (primary, *extra), text, referral, outcome, stay)


def stay_of(story: Story, admitted: dt.date) -> dt.date:
    """The discharge date the story's outcome implies."""
    return admitted + dt.timedelta(days=story.stay_days)
