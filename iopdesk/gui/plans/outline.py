"""The plan outline: the problem -> goal -> objective -> intervention tree, buttons and keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain import plans as rules
from iopdesk.gui.plans.buttons import plan_button
from iopdesk.services.plans.records import PlanDocument

CHILD = {"plan": "problem", "problem": "goal", "goal": "objective", "objective": "intervention"}
PARENT = {v: k for k, v in CHILD.items()}
KINDS = ("problem", "goal", "objective", "intervention")
ROLE = Qt.ItemDataRole.UserRole


class PlanOutline(QWidget):
    """The plan's contents as a tree, with the buttons and keys that add, move and remove."""

    #: Add an item of this kind (under the selected item's matching parent).
    add_requested = Signal(str)
    #: Edit the selected item (F2).
    edit_requested = Signal()
    #: Move the selected item up (-1) or down (+1) among its siblings.
    move_requested = Signal(int)
    remove_requested = Signal()
    library_requested = Signal()
    suggest_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Plan contents")
        self.tree.setHeaderLabels(["Problem, goal, objective, intervention", "Target", "Status"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        col.addWidget(self.tree, 1)
        grid = QGridLayout()
        self.add_buttons = {
            kind: plan_button(f"Add {kind}", lambda _=False, k=kind: self.add_requested.emit(k))
            for kind in KINDS
        }
        for n, button in enumerate(self.add_buttons.values()):
            grid.addWidget(button, 0, n)
        self.library_button = plan_button("From library…", lambda: self.library_requested.emit())
        self.suggest_button = plan_button(
            "Suggested problems…", lambda: self.suggest_requested.emit()
        )
        self.up_button = plan_button("Move up", lambda: self.move_requested.emit(-1))
        self.down_button = plan_button("Move down", lambda: self.move_requested.emit(1))
        self.remove_button = plan_button("Remove", lambda: self.remove_requested.emit())
        for n, b in enumerate(self._structure_buttons()):
            grid.addWidget(b, 1, n)
        col.addLayout(grid)
        keys = QLabel(
            "Keys: Insert adds under the selected item, Enter adds another of "
            "the same kind, F2 edits, Ctrl+Up/Down moves, Delete removes."
        )
        keys.setWordWrap(True)
        col.addWidget(keys)
        self.tree.installEventFilter(self)

    def _structure_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.library_button,
            self.suggest_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The tree's keys: Ctrl+Up/Down move, Insert adds under, Enter adds beside, F2 edits,
        Delete removes."""
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            key, mods = event.key(), event.modifiers()  # type: ignore[attr-defined]
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            action = {
                (Qt.Key.Key_Up, True): lambda: self.move_requested.emit(-1),
                (Qt.Key.Key_Down, True): lambda: self.move_requested.emit(1),
                (Qt.Key.Key_Insert, False): lambda: self.add_requested.emit(self.child_kind()),
                (Qt.Key.Key_Return, False): lambda: self.add_requested.emit(self.sibling_kind()),
                (Qt.Key.Key_Enter, False): lambda: self.add_requested.emit(self.sibling_kind()),
                (Qt.Key.Key_F2, False): self.edit_requested.emit,
                (Qt.Key.Key_Delete, False): self.remove_requested.emit,
            }.get((key, ctrl))
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

    def set_editable(self, editable: bool) -> None:
        """Frozen versions keep the tree browsable but refuse every change."""
        for b in (*self.add_buttons.values(), *self._structure_buttons()):
            b.setEnabled(editable)

    # --- the tree -------------------------------------------------------------------------

    def fill(self, doc: PlanDocument, select: tuple[str, int] | None) -> None:
        """Show ``doc``'s contents, all expanded; select ``select`` (kind, id) if it is there."""
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for p in doc.problems:
            dim = f" [ASAM {p.asam_dimension}]" if p.asam_dimension else ""
            pi = self._item(self.tree, "problem", p.id, f"Problem {p.number}: {p.statement}{dim}")
            for g in p.goals:
                gi = self._item(pi, "goal", g.id, f"Goal {p.number}{g.letter}: “{g.text}”")
                for o in g.objectives:
                    oi = self._item(
                        gi,
                        "objective",
                        o.id,
                        f"{o.number} {o.text}",
                        formats.show_date(o.target_date),
                        o.status_label,
                    )
                    for i in o.interventions:
                        text = f"{rules.MODALITIES.get(i.modality, i.modality)} · {i.approach}"
                        text += f" — {i.frequency}" + (
                            f" — {i.responsible_name}" if i.responsible_name else ""
                        )
                        self._item(oi, "intervention", i.id, text)
        self.tree.expandAll()
        it = self._find(select) if select else None
        if it is not None:
            chosen = it
        self.tree.blockSignals(False)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)

    def _item(self, parent: object, kind: str, item_id: int, *texts: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [" ".join(t.split()) for t in texts])  # type: ignore[arg-type]
        item.setData(0, ROLE, (kind, item_id))
        item.setToolTip(0, texts[0])
        return item

    def _find(self, key: tuple[str, int]) -> QTreeWidgetItem | None:
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if key_of(item) == tuple(key):
                return item
            stack += [item.child(i) for i in range(item.childCount())]
        return None

    def select_quietly(self, item: QTreeWidgetItem | None) -> None:
        """Select ``item`` without announcing it (putting back a selection the editor kept)."""
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(item)  # type: ignore[arg-type]
        self.tree.blockSignals(False)

    # --- where things go ------------------------------------------------------------------

    def selected(self) -> tuple[str, int] | None:
        """The selected item as (kind, id), or None."""
        item = self.tree.currentItem()
        return key_of(item) if item is not None else None

    def ancestor(self, kind: str) -> int | None:
        """The id of the selected item, or of its nearest parent, that is of ``kind``."""
        item = self.tree.currentItem()
        while item is not None:
            k, ref = item.data(0, ROLE)
            if k == kind:
                return ref
            item = item.parent()
        return None

    def child_kind(self) -> str:
        """What goes under the selection: a problem at the top, beside an intervention."""
        key = self.selected()
        if key is None:
            return "problem"
        return "intervention" if key[0] == "intervention" else CHILD[key[0]]

    def sibling_kind(self) -> str:
        """Another of the selected kind; a problem when nothing is selected."""
        key = self.selected()
        return key[0] if key else "problem"


def key_of(item: QTreeWidgetItem) -> tuple[str, int]:
    """The (kind, id) a tree row stands for."""
    return tuple(item.data(0, ROLE))  # type: ignore[return-value]
