"""Dialogs the editor opens to add content: pick from the plan library, accept suggested
problems from the intake."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.plans import editing as plans_editing
from iopdesk.services.plans import library as plans_library
from iopdesk.services.plans.records import PlanDocument

ROLE = Qt.ItemDataRole.UserRole


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    name_button(ok)
    name_button(box.button(QDialogButtonBox.StandardButton.Cancel))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    dialog.ok_button = ok  # type: ignore[attr-defined]
    return box


class LibraryPicker(QDialog):
    """Choose one library entry of a kind; the editor inserts a copy to adapt."""

    def __init__(self, ctx: WindowContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx, self.kind = ctx, kind
        self.chosen: int | None = None
        self.setWindowTitle(f"Insert a {kind} from the library")
        self.resize(560, 420)
        col = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type words to filter")
        self.search.setAccessibleName("Filter")
        self.search.textChanged.connect(self.refresh)
        col.addWidget(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName(f"Library {kind}s")
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        col.addWidget(self.list, 1)
        self.status = QLabel()
        self.status.setObjectName("fieldError")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Library status")
        col.addWidget(self.status)
        col.addWidget(_buttons(self, "Insert"))
        self.refresh()

    def refresh(self) -> None:
        """List the library entries matching the filter (a refused read says why below)."""
        self.list.clear()
        text = self.search.text()
        read = operations.run(
            self.ctx,
            self,
            lambda: plans_library.library_choices(self.ctx.actor, self.kind, text),
            errors=self.status.setText,
        )
        if not read:
            return
        for row in read.result:
            item = QListWidgetItem(row.text + (f"  ({row.summary})" if row.summary else ""))
            item.setData(ROLE, row.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem(f"The library has no {self.kind}s yet (see Plan library).")

    def accept(self) -> None:
        item = self.list.currentItem()
        self.chosen = item.data(ROLE) if item is not None else None
        if self.chosen is None:
            return
        super().accept()


class SuggestionsDialog(QDialog):
    """Problems the intake points to; tick the ones to add (double-click to edit the words)."""

    def __init__(self, ctx: WindowContext, doc: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx, self.doc = ctx, doc
        self.added: list[int] = []
        self.setWindowTitle("Suggested problems from the intake")
        self.resize(640, 420)
        col = QVBoxLayout(self)
        self.suggestions = plans_library.suggested_problems(ctx.actor, doc.client_id)
        note = (
            "Tick the problems to add; double-click one to change its words first."
            if self.suggestions
            else "The intake has no ASAM ratings of 2 or more and no flagged or moderate "
            "screenings to suggest."
        )
        label = QLabel(note)
        label.setWordWrap(True)
        col.addWidget(label)
        self.list = QListWidget()
        self.list.setAccessibleName("Suggested problems")
        for s in self.suggestions:
            item = QListWidgetItem(s.statement)
            item.setFlags(
                item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
            )
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(ROLE, s.asam_dimension)
            self.list.addItem(item)
        col.addWidget(self.list, 1)
        col.addWidget(_buttons(self, "Add ticked problems"))

    def accept(self) -> None:
        """Add each ticked problem; a refusal stops there and keeps the dialog open."""
        for n in range(self.list.count()):
            item = self.list.item(n)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            add = functools.partial(
                plans_editing.add_problem,
                self.ctx.actor,
                self.doc.plan_id,
                item.text(),
                item.data(ROLE),
            )
            added = operations.run(self.ctx, self, add, title="Suggested problems")
            if not added:
                return
            self.added.append(added.result)
            item.setCheckState(Qt.CheckState.Unchecked)  # pressing again must not add it twice
        super().accept()
