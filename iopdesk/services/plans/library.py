"""The clinic's plan library (reusable problems, goals, objectives, interventions), inserting
from it into a plan, and problems suggested by the intake assessment."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from iopdesk.db.models.plans import LibraryItem
from iopdesk.domain import plans as rules
from iopdesk.domain.validators import choice_field, fold, required_text
from iopdesk.errors import Collector, NotFound
from iopdesk.services.context import Actor, describe, use_case
from iopdesk.services.intake.screenings import findings_for
from iopdesk.services.plans import editing

DEFAULT_TARGET_DAYS = 30


@dataclass(frozen=True)
class LibraryForm:
    """A library entry: its kind, its text, and the defaults it brings along."""

    kind: str
    text: str
    asam_dimension: int | None = None
    target_days: int | None = None
    modality: str = ""
    approach: str = ""
    frequency: str = ""


@dataclass(frozen=True)
class LibraryRow:
    """One library entry for lists and pickers."""

    id: int
    kind: str
    kind_label: str
    text: str
    fields: dict[str, Any] = field(hash=False)
    active: bool

    @property
    def summary(self) -> str:
        """The defaults in a few words ("group · CBT · weekly")."""
        f = self.fields
        parts = []
        if f.get("asam_dimension"):
            parts.append(f"ASAM dimension {f['asam_dimension']}")
        if f.get("target_days"):
            parts.append(f"target in {f['target_days']} days")
        parts += [str(f[k]) for k in ("modality", "approach", "frequency") if f.get(k)]
        return " · ".join(parts)


@dataclass(frozen=True)
class SuggestedProblem:
    """A problem the intake assessment points to, for the counselor to accept or edit."""

    statement: str
    asam_dimension: int | None
    source: str


def _values(form: LibraryForm) -> tuple[str, str, dict[str, Any]]:
    errors = Collector()
    kind = choice_field(errors, "kind", form.kind, "Kind", rules.LIBRARY_KINDS)
    text = required_text(errors, "text", form.text, "Text", max_len=editing.MAX_STATEMENT,
                         multiline=True)  # fmt: skip
    fields: dict[str, Any] = {}
    if kind == "problem" and form.asam_dimension is not None:
        if form.asam_dimension not in rules.ASAM_DIMENSIONS:
            errors.add("asam_dimension", "Choose an ASAM dimension from 1 to 6, or none.")
        fields["asam_dimension"] = form.asam_dimension
    if kind == "objective":
        days = form.target_days if form.target_days is not None else DEFAULT_TARGET_DAYS
        if not isinstance(days, int) or not 1 <= days <= 365:
            errors.add("target_days", "Give the target as 1 to 365 days after it is added.")
        fields["target_days"] = days
    if kind == "intervention":
        fields["modality"] = choice_field(errors, "modality", form.modality, "Modality",
                                          rules.MODALITIES)  # fmt: skip
        fields["approach"] = choice_field(errors, "approach", form.approach, "Approach",
                                          rules.APPROACHES)  # fmt: skip
        fields["frequency"] = required_text(errors, "frequency", form.frequency, "Frequency",
                                            max_len=120)  # fmt: skip
    errors.raise_if_any()
    return kind, text, fields


def _row(item: LibraryItem) -> LibraryRow:
    return LibraryRow(item.id, item.kind, rules.LIBRARY_KINDS.get(item.kind, item.kind),
                      item.text, json.loads(item.fields or "{}"), item.active)  # fmt: skip


def _item(item_id: int) -> LibraryItem:
    item = LibraryItem.get_or_none(LibraryItem.id == item_id)
    if item is None:
        raise NotFound("That library entry does not exist.")
    return item


@use_case("library.list", "plan.library", kind="read", audited=False)
def list_library(
    actor: Actor, kind: str | None = None, text: str = "", include_inactive: bool = False
) -> list[LibraryRow]:
    """Library entries of one kind (or all), filtered by words in their text."""
    query = LibraryItem.select().order_by(LibraryItem.kind, LibraryItem.text)
    if kind:
        query = query.where(LibraryItem.kind == kind)
    if not include_inactive:
        query = query.where(LibraryItem.active == True)  # noqa: E712
    words = fold(text).split()
    rows = [_row(i) for i in query]
    return [r for r in rows if all(w in fold(r.text) for w in words)]


@use_case("library.add", "plan.library", changes=("library",))
def add_library_item(actor: Actor, form: LibraryForm) -> LibraryRow:
    kind, text, fields = _values(form)
    item = LibraryItem.create(kind=kind, text=text, fields=json.dumps(fields),
                              created_by=actor.staff_id)  # fmt: skip
    describe(record_type="plan_library", record_id=item.id, detail=f"{kind} added")
    return _row(item)


@use_case("library.edit", "plan.library", changes=("library",))
def edit_library_item(actor: Actor, item_id: int, form: LibraryForm) -> LibraryRow:
    item = _item(item_id)
    kind, text, fields = _values(form)
    item.kind, item.text, item.fields = kind, text, json.dumps(fields)
    item.save()
    describe(record_type="plan_library", record_id=item.id, detail=f"{kind} edited")
    return _row(item)


@use_case("library.set_active", "plan.library", changes=("library",))
def set_library_item_active(actor: Actor, item_id: int, active: bool) -> LibraryRow:
    """Retire an entry from the pickers (plans that used it keep their own copy of the text)."""
    item = _item(item_id)
    item.active = bool(active)
    item.save()
    describe(record_type="plan_library", record_id=item.id,
             detail="reactivated" if active else "retired")  # fmt: skip
    return _row(item)


@use_case("library.choices", "clinical.write", kind="read", audited=False)
def library_choices(actor: Actor, kind: str, text: str = "") -> list[LibraryRow]:
    """Active entries of one kind for the editor's "From library" picker."""
    words = fold(text).split()
    query = (
        LibraryItem.select()
        .where(
            (LibraryItem.kind == kind) & (LibraryItem.active == True)  # noqa: E712
        )
        .order_by(LibraryItem.text)
    )
    rows = [_row(i) for i in query]
    return [r for r in rows if all(w in fold(r.text) for w in words)]


def insert_from_library(actor: Actor, item_id: int, parent_id: int) -> int:
    """Add a copy of a library entry under ``parent_id`` (the plan for a problem, the problem
    for a goal, the goal for an objective, the objective for an intervention); the copy is
    ordinary plan content the counselor then adapts. Returns the new item's id."""
    row = _row(_item(item_id))
    f = row.fields
    if row.kind == "problem":
        return editing.add_problem(actor, parent_id, row.text, f.get("asam_dimension"))
    if row.kind == "goal":
        return editing.add_goal(actor, parent_id, row.text)
    if row.kind == "objective":
        goal = editing._node("goal", parent_id)
        plan = editing.plan_of("goal", goal)
        base = max(dt.date.today(), plan.start_date)
        target = base + dt.timedelta(days=int(f.get("target_days") or DEFAULT_TARGET_DAYS))
        return editing.add_objective(actor, parent_id, editing.ObjectiveForm(row.text, target))
    return editing.add_intervention(
        actor, parent_id,
        editing.InterventionForm(f.get("modality", ""), f.get("approach", ""),
                                 f.get("frequency", ""), None, row.text),
    )  # fmt: skip


@use_case("plan.suggested_problems", "clinical.read", kind="read")
def suggested_problems(actor: Actor, client_id: int) -> list[SuggestedProblem]:
    """Problems the latest intake points to: ASAM dimensions rated 2 or more, and screenings
    flagged or moderate or worse. Empty when there is no signed intake yet."""
    describe(client_id=client_id, record_type="intake_findings",
             detail="suggested problems for a treatment plan")  # fmt: skip
    # The un-audited read keeps this to one transaction and one audit row (already permitted).
    return suggestions_from(findings_for(client_id))


def suggestions_from(findings: Any) -> list[SuggestedProblem]:
    """Turn the intake's findings into problem statements (tolerant of missing parts)."""
    if findings is None:
        return []
    result: list[SuggestedProblem] = []
    for rating in getattr(findings, "asam", None) or getattr(findings, "dimensions", None) or []:
        dimension = int(getattr(rating, "dimension", 0) or 0)
        score = int(getattr(rating, "rating", 0) or 0)
        if dimension not in rules.ASAM_DIMENSIONS or score < 2:
            continue
        note = str(getattr(rating, "note", "") or getattr(rating, "narrative", "") or "").strip()
        statement = f"{rules.ASAM_DIMENSIONS[dimension]} (rated {score} at intake)"
        if note:
            statement += f": {note}"
        result.append(SuggestedProblem(statement, dimension, f"ASAM dimension {dimension}"))
    for screen in getattr(findings, "screenings", None) or []:
        name = str(getattr(screen, "name", "") or getattr(screen, "code", "") or "Screening")
        score = getattr(screen, "score_text", "")
        flags = getattr(screen, "flags", None) or ()
        statement = f"{name}: {score}" if score else name
        if flags:
            statement += " (" + "; ".join(str(f) for f in flags) + ")"
        result.append(SuggestedProblem(statement, None, name or "screening"))
    return result
