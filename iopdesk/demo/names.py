"""Made-up names for demo people, including accents, apostrophes, hyphens and other scripts.

Each first name carries the sex it usually implies ("" for names given to anyone), so a
client's recorded sex, the pronouns in their notes and the relatives named in their chart
agree with their name.
"""

from __future__ import annotations

import random

FEMALE = "female"
MALE = "male"
#: How a name that implies no sex is recorded: neutrally ("not recorded").
NEUTRAL = ""

FIRST: list[tuple[str, str]] = [
    ("Maria", FEMALE), ("James", MALE), ("Aisha", FEMALE), ("Dmitri", MALE),
    ("Chloé", FEMALE), ("Liam", MALE), ("Noah", MALE), ("Olivia", FEMALE),
    ("Sofía", FEMALE), ("Mateo", MALE), ("Hannah", FEMALE), ("Tyrone", MALE),
    ("Mei", FEMALE), ("Jamal", MALE), ("Siobhán", FEMALE), ("Ethan", MALE),
    ("Ava", FEMALE), ("Lucas", MALE), ("Zoë", FEMALE), ("Daniel", MALE),
    ("Grace", FEMALE), ("Connor", MALE), ("Fatima", FEMALE), ("Diego", MALE),
    ("Emily", FEMALE), ("Marcus", MALE), ("Leah", FEMALE), ("Ana-Lucía", FEMALE),
    ("Kai", NEUTRAL), ("Nora", FEMALE), ("Ryan", MALE), ("Brianna", FEMALE),
    ("José", MALE), ("Katie", FEMALE), ("Darnell", MALE), ("Isabella", FEMALE),
    ("Samuel", MALE), ("Ingrid", FEMALE), ("Ramón", MALE), ("Tessa", FEMALE),
    ("Jordan", NEUTRAL), ("Riley", NEUTRAL),
]  # fmt: skip
LAST = [
    "Garcia", "Smith", "Johnson", "O'Brien", "Nguyen", "Martínez", "Kowalski", "Brown",
    "Davis-Lee", "Miller", "Wilson", "Anderson", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "López", "Hill",
    "Scott", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Pérez", "Roberts",
    "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart",
    "Sánchez", "Morris", "Rogers", "Reed", "Cook", "Morgan", "Bell", "Murphy", "Bailey",
    "Rivera", "Cooper", "Richardson", "Cox", "Howard", "Ward", "Torres", "Peterson", "Gray",
]  # fmt: skip
OTHER_SCRIPTS = [("Наталья", "Ковальчук", FEMALE), ("Νίκος", "Παπαδόπουλος", MALE),
                 ("Олег", "Петренко", MALE)]  # fmt: skip
#: Relationships that name a sex; the others (spouse, partner, friend, sponsor) do not.
RELATIVE_SEX = {"Mother": FEMALE, "Sister": FEMALE, "Aunt": FEMALE,
                "Father": MALE, "Brother": MALE, "Uncle": MALE}  # fmt: skip


def person(rng: random.Random) -> tuple[str, str, str]:
    """First name, last name and the sex the name implies; about one in fifty is in a
    non-Latin script."""
    if rng.random() < 0.02:
        return rng.choice(OTHER_SCRIPTS)
    first, sex = rng.choice(FIRST)
    return first, rng.choice(LAST), sex


def relative(rng: random.Random, relationship: str, family_name: str = "") -> str:
    """A name for someone close to a client: of the sex the relationship names, and often
    sharing the client's family name when they are family."""
    wanted = RELATIVE_SEX.get(relationship)
    first = rng.choice([f for f, sex in FIRST if wanted in (None, sex)])
    last = family_name if family_name and wanted and rng.random() < 0.6 else rng.choice(LAST)
    return f"{first} {last}"
