"""The Plan library area: the clinic's reusable problems, goals, objectives, interventions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import plans as rules
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, heading, line, name_button, spin, text_box
from iopdesk.gui.registry import Area
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.plans import library as plans_library
from iopdesk.services.plans.library import LibraryForm, LibraryRow

COLUMNS = [
    Column("Kind", lambda r: r.kind_label),
    Column("Text", lambda r: " ".join(r.text.split())),
    Column("Defaults", lambda r: r.summary),
    Column("In use", lambda r: "yes" if r.active else "retired"),
]


class PlanLibrary(QWidget):
    """List, filter, add, edit and retire library entries."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: LibraryRow | None = None
        self.typed = False
        col = QVBoxLayout(self)
        col.addWidget(heading("Plan library"))
        filters = QHBoxLayout()
        self.kind_filter = combo({"": "All kinds", **rules.LIBRARY_KINDS})
        self.kind_filter.setAccessibleName("Kind filter")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by words")
        self.search.setAccessibleName("Filter by words")
        self.retired = QCheckBox("Show retired")
        self.retired.setAccessibleName("Show retired")
        for w in (self.kind_filter, self.search, self.retired):
            filters.addWidget(w)
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.retired.toggled.connect(self.refresh)
        self.status = QLabel()  # a refused list says why here, beside the filters
        self.status.setObjectName("fieldError")
        filters.addWidget(self.status)
        col.addLayout(filters)
        body = QHBoxLayout()
        self.table = RowTable(COLUMNS, "Library entries")
        self.table.clicked.connect(self._chosen)
        body.addWidget(self.table, 3)
        side = QVBoxLayout()
        self.form = FieldForm()
        self.kind = self.form.add("kind", "Kind", combo(rules.LIBRARY_KINDS))
        self.text = self.form.add("text", "Text", text_box(height=70))
        dims = {0: "(none)", **{n: f"{n}. {name}" for n, name in rules.ASAM_DIMENSIONS.items()}}
        self.dimension = self.form.add("asam_dimension", "ASAM dimension", combo(dims))
        self.target_days = self.form.add("target_days", "Target in days", spin(30, 1, 365))
        self.modality = self.form.add("modality", "Modality", combo(rules.MODALITIES))
        self.approach = self.form.add("approach", "Approach", combo(rules.APPROACHES))
        self.frequency = self.form.add("frequency", "Frequency", line())
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.text.textChanged.connect(lambda: setattr(self, "typed", True))
        self.frequency.textEdited.connect(lambda: setattr(self, "typed", True))
        side.addWidget(self.form)
        buttons = QHBoxLayout()
        self.new_button = name_button(QPushButton("New entry"))
        self.save_button = name_button(QPushButton("Save entry"))
        self.retire_button = name_button(QPushButton("Retire"))
        self.new_button.clicked.connect(self.new_entry)
        self.save_button.clicked.connect(self.save_entry)
        self.retire_button.clicked.connect(self.toggle_active)
        for b in (self.new_button, self.save_button, self.retire_button):
            buttons.addWidget(b)
        side.addLayout(buttons)
        side.addStretch()
        body.addLayout(side, 2)
        col.addLayout(body, 1)
        ctx.hub.library_changed.connect(self.refresh)
        self.new_entry()
        self.refresh()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        visible = {
            "asam_dimension": kind == "problem",
            "target_days": kind == "objective",
            "modality": kind == "intervention",
            "approach": kind == "intervention",
            "frequency": kind == "intervention",
        }
        for name, show in visible.items():
            self.form.fields[name].setEnabled(show)

    def refresh(self) -> None:
        listed = operations.run(
            self.ctx,
            self,
            lambda: plans_library.list_library(
                self.ctx.actor,
                self.kind_filter.currentData() or None,
                self.search.text(),
                include_inactive=self.retired.isChecked(),
            ),
            errors=self.status.setText,
        )
        self.table.set_rows(listed.result if listed else [])

    def _settle(self) -> bool:
        if not self.typed:
            return True
        answer = prompts.save_discard_cancel(self, "Unsaved entry", "Save this library entry?")
        if answer == "save":
            return self.save_entry()
        return answer == "discard"

    def _chosen(self, index: object) -> None:
        if not self._settle():
            return
        row = self.table.row_for(index)
        self.current = row
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        self.text.setPlainText(row.text)
        f = row.fields
        self.dimension.setCurrentIndex(
            max(0, self.dimension.findData(f.get("asam_dimension") or 0))
        )
        self.target_days.setValue(int(f.get("target_days") or 30))
        self.modality.setCurrentIndex(max(0, self.modality.findData(f.get("modality", "group"))))
        self.approach.setCurrentIndex(max(0, self.approach.findData(f.get("approach", "CBT"))))
        self.frequency.setText(f.get("frequency", ""))
        self.retire_button.setText("Retire" if row.active else "Bring back")
        self.retire_button.setAccessibleName(self.retire_button.text())
        self.retire_button.setEnabled(True)
        self.form.clear_errors()
        self.typed = False

    def new_entry(self) -> None:
        if not self._settle():
            return
        self.current = None
        self.text.clear()
        self.frequency.clear()
        self.dimension.setCurrentIndex(0)
        self.target_days.setValue(30)
        self.retire_button.setEnabled(False)
        self.form.clear_errors()
        self._kind_changed()
        self.typed = False

    def value(self) -> LibraryForm:
        return LibraryForm(
            self.kind.currentData(),
            self.text.toPlainText(),
            self.dimension.currentData() or None,
            self.target_days.value(),
            self.modality.currentData(),
            self.approach.currentData(),
            self.frequency.text(),
        )

    def save_entry(self) -> bool:
        saved = operations.run(self.ctx, self, self._save, errors=self.form)
        if saved:
            self.current = saved.result
            self.typed = False
            self.retire_button.setEnabled(True)
        return bool(saved)

    def _save(self) -> LibraryRow:
        if self.current is None:
            return plans_library.add_library_item(self.ctx.actor, self.value())
        return plans_library.edit_library_item(self.ctx.actor, self.current.id, self.value())

    def toggle_active(self) -> None:
        current = self.current
        if current is None:
            return
        changed = operations.run(
            self.ctx,
            self,
            lambda: plans_library.set_library_item_active(
                self.ctx.actor, current.id, not current.active
            ),
            errors=self.form,
        )
        if changed:
            self.current = changed.result
            self.retire_button.setText("Retire" if changed.result.active else "Bring back")
            self.retire_button.setAccessibleName(self.retire_button.text())


AREA = Area("plan_library", "Plan library", 40, "plan.library", PlanLibrary)
