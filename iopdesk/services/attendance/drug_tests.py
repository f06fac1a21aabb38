"""Drug tests: a specimen with results per substance, positives and days since the last one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from iopdesk.db.models.attendance import RESULTS, SPECIMENS, DrugTest, DrugTestResult
from iopdesk.db.models.care import Medication
from iopdesk.db.models.core import Episode, Staff
from iopdesk.domain import formats
from iopdesk.domain.medications import medication_line
from iopdesk.domain.validators import choice_field, date_field, optional_text, required_text
from iopdesk.errors import Collector
from iopdesk.services.attendance.session_facts import client_label, get_client
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.medications.medication_list import explaining_medication

#: Substances offered on a new test (a clinic may type others).
COMMON_SUBSTANCES = (
    "Alcohol (EtG)",
    "Amphetamines",
    "Benzodiazepines",
    "Buprenorphine",
    "Cannabis (THC)",
    "Cocaine",
    "Fentanyl",
    "Methadone",
    "Methamphetamine",
    "Opiates",
    "Oxycodone",
)


@dataclass(frozen=True)
class ResultEntry:
    """One substance's result as a form submits it; an explained positive may name the
    client's listed medication that explains it (``medication`` is its line, as shown)."""

    substance: str
    result: str
    explained_by_prescription: bool = False
    medication_id: int | None = None
    medication: str = ""


@dataclass(frozen=True)
class DrugTestForm:
    """A new drug test for a client."""

    client_id: int
    collected_on: dt.date | str | None
    specimen: str
    observed: bool
    panel: str = ""
    notes: str = ""
    results: tuple[ResultEntry, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DrugTestRow:
    """One test in the chart's list."""

    id: int
    collected_on: dt.date
    specimen: str
    specimen_label: str
    observed: bool
    panel: str
    notes: str
    results: tuple[ResultEntry, ...]
    recorded_by: str

    @property
    def positives(self) -> tuple[ResultEntry, ...]:
        return tuple(r for r in self.results if r.result == "positive")

    @property
    def has_unexplained_positive(self) -> bool:
        return any(not r.explained_by_prescription for r in self.positives)

    @property
    def summary(self) -> str:
        """``Positive: Cocaine; Buprenorphine (prescribed) · 8 negative``."""
        parts = []
        if self.positives:
            names = [r.substance + _explained(r) for r in self.positives]
            parts.append("Positive: " + "; ".join(names))
        invalid = [r.substance for r in self.results if r.result == "invalid"]
        if invalid:
            parts.append("Invalid: " + "; ".join(invalid))
        negatives = sum(1 for r in self.results if r.result == "negative")
        if negatives:
            parts.append(f"{negatives} negative" if parts else f"All {negatives} negative")
        return " · ".join(parts)


def _explained(r: ResultEntry) -> str:
    if not r.explained_by_prescription:
        return ""
    return f" (prescribed: {r.medication})" if r.medication else " (prescribed)"


@dataclass(frozen=True)
class DrugTestSummary:
    """A client's tests, newest first, and days since the last unexplained positive."""

    client_id: int
    tests: tuple[DrugTestRow, ...]
    last_unexplained_positive: dt.date | None
    days_since_unexplained_positive: int | None

    @property
    def abstinence_text(self) -> str:
        if not self.tests:
            return "No drug tests recorded."
        if self.last_unexplained_positive is None:
            return "No unexplained positive result on record."
        days = self.days_since_unexplained_positive
        return (
            f"{days} day{'s' if days != 1 else ''} since the last unexplained positive "
            f"({formats.show_date(self.last_unexplained_positive)})."
        )


@use_case("drugtest.record", "drugtest.record", changes=("clinical",))
def record_drug_test(actor: Actor, form: DrugTestForm) -> DrugTestRow:
    """Record a test and its results per substance (a test cannot be dated in the future)."""
    client = get_client(form.client_id)
    errors = Collector()
    collected = date_field(
        errors, "collected_on", form.collected_on, "Collection date", latest=dt.date.today()
    )
    if collected is None and "must be between" in errors.fields.get("collected_on", ""):
        errors.fields["collected_on"] = "The collection date cannot be in the future."
    specimen = choice_field(errors, "specimen", form.specimen, "Specimen", SPECIMENS)
    panel = optional_text(errors, "panel", form.panel, "Panel", max_len=120)
    notes = optional_text(errors, "notes", form.notes, "Notes", max_len=5000, multiline=True)
    results: list[ResultEntry] = []
    seen: set[str] = set()
    for r in form.results:
        name = required_text(Collector(), "results", r.substance, "Substance", max_len=80)
        if not name:
            continue
        if name.casefold() in seen:
            errors.add("results", f"{name} is listed twice; give one result per substance.")
        seen.add(name.casefold())
        if r.result not in RESULTS:
            errors.add("results", f"Choose negative, positive or invalid for {name}.")
        elif (r.explained_by_prescription or r.medication_id is not None) and (
            r.result != "positive"
        ):
            errors.add(
                "results",
                f"Only a positive result can be explained by a prescription "
                f"({name} is {r.result}).",
            )
        medication = None
        if r.medication_id is not None and collected is not None:
            medication = explaining_medication(errors, client.id, r.medication_id, collected)
        results.append(
            ResultEntry(
                name,
                r.result,
                bool(r.explained_by_prescription) or medication is not None,
                medication.id if medication else None,
                medication.short if medication else "",
            )
        )
    if not results:
        errors.add("results", "Enter a result for at least one substance.")
    errors.raise_if_any()
    episode = (
        Episode.select(Episode.id)
        .where(Episode.client == client.id)
        .order_by(Episode.number.desc())
        .first()
    )
    test = DrugTest.create(
        client=client.id,
        episode=episode.id if episode else None,
        collected_on=collected,
        specimen=specimen,
        observed=bool(form.observed),
        panel=panel,
        notes=notes,
        recorded_by=actor.staff_id,
    )
    DrugTestResult.insert_many(
        [
            {
                "test": test.id,
                "substance": r.substance,
                "result": r.result,
                "explained_by_prescription": r.explained_by_prescription,
                "medication": r.medication_id,
            }
            for r in results
        ]
    ).execute()
    positives = [r.substance for r in results if r.result == "positive"]
    describe(
        client_id=client.id,
        record_type="drug_test",
        record_id=test.id,
        detail=f"{collected}: "
        + (f"positive {', '.join(positives)}" if positives else "no positive result"),
    )
    return _rows([test])[0]


def _rows(tests: list[DrugTest]) -> list[DrugTestRow]:
    by_test: dict[int, list[ResultEntry]] = defaultdict(list)
    if tests:
        results = list(
            DrugTestResult.select()
            .where(DrugTestResult.test.in_([t.id for t in tests]))
            .order_by(DrugTestResult.substance)
        )
        listed = {r.medication_id for r in results if r.medication_id}
        lines = {
            m.id: medication_line(m.name, m.dose)
            for m in (Medication.select().where(Medication.id.in_(listed)) if listed else [])
        }
        for r in results:
            by_test[r.test_id].append(
                ResultEntry(
                    r.substance,
                    r.result,
                    r.explained_by_prescription,
                    r.medication_id,
                    lines.get(r.medication_id or 0, ""),
                )
            )
    names = {
        s.id: s.full_name
        for s in Staff.select(Staff.id, Staff.full_name).where(
            Staff.id.in_({t.recorded_by_id for t in tests})
        )
    }
    return [
        DrugTestRow(
            t.id,
            t.collected_on,
            t.specimen,
            SPECIMENS.get(t.specimen, t.specimen),
            t.observed,
            t.panel,
            t.notes,
            tuple(by_test[t.id]),
            names.get(t.recorded_by_id, ""),
        )
        for t in tests
    ]


@use_case("drugtest.list", "clinical.read", kind="read")
def drug_tests(actor: Actor, client_id: int, *, today: dt.date | None = None) -> DrugTestSummary:
    """The client's drug tests, newest first, with days since the last unexplained positive."""
    client = get_client(client_id)
    tests = list(
        DrugTest.select()
        .where(DrugTest.client == client.id)
        .order_by(DrugTest.collected_on.desc(), DrugTest.id.desc())
    )
    rows = _rows(tests)
    last = next((r.collected_on for r in rows if r.has_unexplained_positive), None)
    days = ((today or dt.date.today()) - last).days if last else None
    describe(client_id=client.id, record_type="drug_tests", detail=client_label(client))
    return DrugTestSummary(client.id, tuple(rows), last, days)


def tests_between(client_id: int, start: dt.date, end: dt.date) -> list[DrugTestRow]:
    """Plain helper for letters: the client's tests collected from ``start`` to ``end``, oldest
    first (call inside a use case that checked who may see them)."""
    tests = list(
        DrugTest.select()
        .where((DrugTest.client == client_id) & DrugTest.collected_on.between(start, end))
        .order_by(DrugTest.collected_on, DrugTest.id)
    )
    return _rows(tests)
