"""The plan objectives an individual note addresses: problem › goal › objective, ticked."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.services.attendance.note_objectives import NoteObjectiveChoices, PlanObjective

_ID = Qt.ItemDataRole.UserRole
NAME = "Plan objectives"


class ObjectivePicker(QWidget):
    """Ticks objectives of the client's plan in force (arrows move, Space ticks); a note that
    cannot change shows only the objectives it addresses."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(NAME)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        # Whole objectives, wrapped to the panel's width: an elided "1.2 Name thr..." is no use.
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(True)
        self.tree.setMinimumHeight(150)
        self.tree.itemChanged.connect(self._ticked)
        column.addWidget(self.tree, 1)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        self.setFocusProxy(self.tree)
        self._filling = False

    def show_objectives(
        self,
        choices: NoteObjectiveChoices | None,
        linked: Iterable[PlanObjective],
        ticked: Iterable[int],
        *,
        read_only: bool,
    ) -> None:
        """The plan in force's objectives (or, read only, the linked ones), ``ticked`` ticked;
        links to a superseded version stay listed under it so they can be kept or unticked."""
        self._filling = True
        self.tree.clear()
        ticked = set(ticked)
        linked = tuple(linked)
        offered = () if read_only or choices is None else choices.objectives
        shown = {o.objective_id for o in offered}
        older = [o for o in linked if o.objective_id not in shown]
        if read_only:
            older = [o for o in older if o.objective_id in ticked]
        for objective in [*offered, *older]:
            self._add(objective, objective.objective_id in ticked, read_only)
        self.tree.expandAll()
        if read_only:
            self.message.setText("" if older else "This note addresses no plan objectives.")
        else:
            self.message.setText(choices.message if choices is not None else "")
        self.message.setVisible(bool(self.message.text()))
        self.tree.setVisible(self.tree.topLevelItemCount() > 0)
        self._filling = False

    def _parent_for(self, objective: PlanObjective) -> QTreeWidgetItem:
        """The goal line under its problem line (made on first use; plan order is kept)."""
        problem = self._child(None, objective.problem, objective.plan_version)
        return self._child(problem, f"Goal: {objective.goal}", objective.plan_version)

    def _child(self, parent: QTreeWidgetItem | None, text: str, version: int) -> QTreeWidgetItem:
        count = parent.childCount() if parent else self.tree.topLevelItemCount()
        for at in range(count):
            item = parent.child(at) if parent else self.tree.topLevelItem(at)
            if item.text(0) == text and item.data(0, _ID) == -version:
                return item
        item = QTreeWidgetItem([text])
        item.setData(0, _ID, -version)  # a heading, never an objective id
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _add(self, objective: PlanObjective, ticked: bool, read_only: bool) -> None:
        item = QTreeWidgetItem([objective.label])
        item.setData(0, _ID, objective.objective_id)
        item.setToolTip(0, objective.label)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self._parent_for(objective).addChild(item)

    def items(self) -> list[QTreeWidgetItem]:
        """The objective lines, in the order shown."""
        found = []
        for top in range(self.tree.topLevelItemCount()):
            problem = self.tree.topLevelItem(top)
            for g in range(problem.childCount()):
                goal = problem.child(g)
                found += [goal.child(o) for o in range(goal.childCount())]
        return found

    def chosen(self) -> tuple[int, ...]:
        """The ticked objectives' ids."""
        return tuple(
            int(item.data(0, _ID))
            for item in self.items()
            if item.checkState(0) == Qt.CheckState.Checked
        )

    def _ticked(self, item: QTreeWidgetItem) -> None:
        if not self._filling and int(item.data(0, _ID)) > 0:
            self.changed.emit()
