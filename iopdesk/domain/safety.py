"""The safety plan: its steps in order, in IOPdesk's own words, the crisis lines every plan
carries, and what must be written before it is signed.

The six steps follow the order clinicians use (warning signs; coping on one's own; people and
places that distract; people to ask for help; professionals and crisis lines; making the
surroundings safe), then the client's reasons for living. The wording is IOPdesk's own: the
published safety plan template is copyrighted and is not reproduced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DRAFT, SIGNED, SUPERSEDED = "draft", "signed", "superseded"
STATUSES = {DRAFT: "Draft", SIGNED: "Signed", SUPERSEDED: "Replaced by a newer version"}


@dataclass(frozen=True)
class Step:
    """One part of the plan: its field, how the editor asks for it, how the client's copy
    heads it (in the client's voice), and whether it is a list of people with phones."""

    key: str
    title: str
    prompt: str
    printed: str
    people: bool = False


STEPS: tuple[Step, ...] = (
    Step(
        "warning_signs",
        "1. Signs that a crisis may be starting",
        "Thoughts, feelings, situations or behaviour the client notices first, in their words.",
        "When I notice these signs, I use this plan",
    ),
    Step(
        "coping_strategies",
        "2. Things the client can do alone to get through it",
        "Activities that calm or distract without calling anyone: a walk, music, a shower...",
        "Things I can do on my own",
    ),
    Step(
        "distractions",
        "3. People and places that help take the mind off things",
        "Friends to spend time with, busy places to go (a coffee shop, a meeting, the gym).",
        "People and places that help me feel better",
    ),
    Step(
        "helpers",
        "4. People the client can ask for help",
        "People the client trusts to call and say they are struggling, with their phones.",
        "People I can ask for help",
        people=True,
    ),
    Step(
        "professionals",
        "5. Professionals and crisis lines",
        "The client's counselor, prescriber or doctor, with phones. The crisis lines below are "
        "printed on every plan.",
        "Professionals and crisis lines I can call",
        people=True,
    ),
    Step(
        "safe_environment",
        "6. Making the surroundings safer",
        "What will be done about firearms, medicines and other means, and who will help.",
        "How I will keep my surroundings safe",
    ),
    Step(
        "reasons_for_living",
        "My reasons for living",
        "What matters most to the client: people, pets, plans, beliefs.",
        "My reasons for living",
    ),
)
TEXT_STEPS = tuple(step for step in STEPS if not step.people)
PEOPLE_STEPS = tuple(step for step in STEPS if step.people)

#: Printed on every plan, whatever else it holds (DOMAIN.md: 988, its Spanish use, 911).
CRISIS_LINES: tuple[tuple[str, str], ...] = (
    ("988 Suicide & Crisis Lifeline", "Call or text 988, any time, day or night."),
    ("In Spanish (en español)", "Call 988 and press 2, or text AYUDA to 988."),
    ("Emergency", "Call 911, or go to the nearest emergency room."),
)

#: Steps that must say something before the plan is signed (a client may have nobody to
#: name yet; the crisis lines are always there).
REQUIRED_TO_SIGN = ("warning_signs", "coping_strategies", "safe_environment")


def signing_gaps(texts: Mapping[str, str]) -> list[str]:
    """What must be written before the plan is signed, one sentence per missing step."""
    titles = {step.key: step.title.partition(". ")[2] or step.title for step in STEPS}
    return [
        f"Write something under “{titles[key]}”."
        for key in REQUIRED_TO_SIGN
        if not str(texts.get(key, "")).strip()
    ]
