"""The plan editor's item panel: the form for the selected or new plan item, and saving it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from iopdesk.errors import ConflictError
from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.plans.buttons import plan_button
from iopdesk.gui.plans.item_forms import (
    GoalForm,
    InterventionForm,
    ObjectiveForm,
    ProblemForm,
    WatchedForm,
)
from iopdesk.services.context import Actor
from iopdesk.services.plans import editing as plans_editing
from iopdesk.services.plans.records import PlanDocument

#: Add an item under a parent (the parent's id, the form's values).
ADDERS: dict[str, Callable[[Actor, int, Any], int]] = {
    "problem": lambda actor, ref, v: plans_editing.add_problem(actor, ref, *v),
    "goal": plans_editing.add_goal,
    "objective": plans_editing.add_objective,
    "intervention": plans_editing.add_intervention,
}
#: Edit an item in place (its id, the form's values, the version the form was opened at).
EDITORS: dict[str, Callable[[Actor, int, Any, int | None], None]] = {
    "problem": lambda actor, ref, v, version: plans_editing.edit_problem(
        actor, ref, *v, row_version=version
    ),
    "goal": lambda actor, ref, v, version: plans_editing.edit_goal(
        actor, ref, v, row_version=version
    ),
    "objective": lambda actor, ref, v, version: plans_editing.edit_objective(
        actor, ref, replace(v, row_version=version)
    ),
    "intervention": lambda actor, ref, v, version: plans_editing.edit_intervention(
        actor, ref, replace(v, row_version=version)
    ),
}


def find_item(doc: PlanDocument, kind: str, item_id: int) -> object | None:
    """The problem, goal, objective or intervention of ``doc`` with that kind and id."""
    for p in doc.problems:
        if kind == "problem" and p.id == item_id:
            return p
        for g in p.goals:
            if kind == "goal" and g.id == item_id:
                return g
            for o in g.objectives:
                if kind == "objective" and o.id == item_id:
                    return o
                for i in o.interventions:
                    if kind == "intervention" and i.id == item_id:
                        return i
    return None


def write_item(
    actor: Actor, mode: str, kind: str, ref: int, form: WatchedForm, version: int | None = None
) -> int:
    """Add (``mode`` "new", ``ref`` the parent) or edit (``ref`` the item, opened at
    ``version``) one plan item from its form; returns the item's id. Raises DomainError for
    what the form must show."""
    values = form.values()  # type: ignore[attr-defined]
    if mode == "new":
        return ADDERS[kind](actor, ref, values)
    EDITORS[kind](actor, ref, values, version)
    return ref


class ItemPanel(QWidget):
    """One form per kind of item in a stack, with Save item and Cancel; tracks unsaved typing."""

    save_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode: tuple[str, str, int] | None = None  # ("edit"|"new", kind, id or parent id)
        self.row_version: int | None = None  # the open item's version when the form was filled
        self.dirty = False
        col = QVBoxLayout(self)
        self.item_caption = QLabel("Select an item to edit it, or add one.")
        self.item_caption.setWordWrap(True)
        col.addWidget(self.item_caption)
        self.forms: dict[str, WatchedForm] = {
            "problem": ProblemForm(),
            "goal": GoalForm(),
            "objective": ObjectiveForm(),
            "intervention": InterventionForm(),
        }
        self.stack = QStackedWidget()
        self.stack.addWidget(QWidget())
        for form in self.forms.values():
            form.edited.connect(lambda: setattr(self, "dirty", True))
            self.stack.addWidget(form)
        col.addWidget(self.stack)
        row = QHBoxLayout()
        self.save_item = plan_button("Save item", lambda: self.save_requested.emit())
        self.cancel_item = plan_button("Cancel", lambda: self.cancel_requested.emit())
        row.addWidget(self.save_item)
        row.addWidget(self.cancel_item)
        col.addLayout(row)
        col.addStretch()
        self.save_item.setEnabled(False)
        self.cancel_item.setEnabled(False)

    def open(self, mode: str, kind: str, ref: int, doc: PlanDocument) -> None:
        """Show the form for a new item (``ref`` its parent) or an existing one of ``doc``."""
        form = self.forms[kind]
        view = find_item(doc, kind, ref) if mode == "edit" else None
        self.row_version = getattr(view, "row_version", None)
        form.load(view, max(doc.start_date, doc.printed_on))  # type: ignore[arg-type]
        form.clear_errors()
        form.set_read_only(not doc.editable)
        self.stack.setCurrentWidget(form)
        self.mode = (mode, kind, ref)
        self.dirty = False
        if mode == "new":
            self.item_caption.setText(f"New {kind}: fill it in and press Save item.")
        else:
            self.item_caption.setText(
                f"{kind.title()} (edit and press Save item)."
                if doc.editable
                else f"{kind.title()} (read-only)."
            )
        self.save_item.setEnabled(doc.editable)
        self.cancel_item.setEnabled(True)

    def focus_first_field(self) -> None:
        """Put the cursor in the open form's first field, ready to type."""
        if self.mode is not None:
            next(iter(self.forms[self.mode[1]].fields.values())).setFocus()

    def close_form(self) -> None:
        """Show no form (nothing selected, or the item is gone); forget any typing."""
        self.dirty = False
        self.mode = None
        self.stack.setCurrentIndex(0)

    def save(
        self,
        ctx: WindowContext,
        confirm: operations.Confirm | None,
        take_theirs: Callable[[ConflictError], object],
    ) -> tuple[str, int] | None:
        """Write the open form (asking ``confirm`` first); returns (kind, id) saved, or None
        with the errors under the fields. An item saved elsewhere meanwhile asks first."""
        if self.mode is None:
            return None
        mode, kind, ref = self.mode
        form = self.forms[kind]
        saved = operations.run(
            ctx,
            self,
            lambda: write_item(ctx.actor, mode, kind, ref, form, self.row_version),
            errors=form,
            confirm=confirm,
            conflict=operations.Conflict(
                reload=take_theirs,
                overwrite=lambda c: write_item(ctx.actor, mode, kind, ref, form, c.current_version),
            ),
        )
        if not saved:
            return None
        self.dirty = False
        self.mode = ("edit", kind, saved.result)
        return kind, saved.result
