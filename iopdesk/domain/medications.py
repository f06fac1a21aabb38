"""The medication list: what counts as MAT, which medications are current, one line per medicine."""

from __future__ import annotations

import datetime as dt

from iopdesk.domain.validators import fold

#: Medications for addiction treatment a clinic most often lists (the clinician may type others).
MAT_SUGGESTIONS = (
    "Buprenorphine",
    "Buprenorphine/naloxone (Suboxone)",
    "Buprenorphine extended-release injection (Sublocade)",
    "Methadone",
    "Naltrexone",
    "Naltrexone extended-release injection (Vivitrol)",
    "Acamprosate",
    "Disulfiram",
)
#: Words in a medication's name that mark it as MAT (for ticking the MAT box on first typing).
_MAT_WORDS = (
    "buprenorphine", "suboxone", "subutex", "zubsolv", "sublocade", "brixadi", "methadone",
    "naltrexone", "vivitrol", "acamprosate", "disulfiram", "antabuse", "lofexidine",
)  # fmt: skip
#: How a medicine is taken (suggestions; the clinician may type another).
ROUTES = ("By mouth", "Under the tongue", "Injection", "Implant", "Skin patch", "Nasal", "Other")


def looks_like_mat(name: str) -> bool:
    """Whether a medication's name is one of the usual MAT medications."""
    folded = fold(name)
    return any(word in folded for word in _MAT_WORDS)


def is_current(start: dt.date | None, stop: dt.date | None, on: dt.date) -> bool:
    """Taken on ``on``: started by then (or start unknown) and not stopped before it."""
    return (start is None or start <= on) and (stop is None or stop >= on)


def medication_line(name: str, dose: str = "", route: str = "", frequency: str = "") -> str:
    """ "Buprenorphine/naloxone 8 mg/2 mg, under the tongue, once daily" (blank parts left out)."""
    head = " ".join(part for part in (name.strip(), dose.strip()) if part)
    # A route reads in the middle of the line: "By mouth" becomes "by mouth".
    how = route.strip()
    how = how[:1].lower() + how[1:]
    return ", ".join(part for part in (head, how, frequency.strip()) if part)
