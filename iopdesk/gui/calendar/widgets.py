"""Small parts the calendar dialogs share: pickers, and the "book anyway" question's title."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.widgets.notice import Notice
from iopdesk.services import calendar as cal
from iopdesk.services.admin.staff import clinicians

#: What a double booking or a full room asks before booking anyway (with a reason).
BOOK_ANYWAY = "Book anyway?"


def counselor_combo(current: int | None = None, *, allow_none: bool = False) -> QComboBox:
    """Active counselors (clinicians) by name."""
    box = QComboBox()
    if allow_none:
        box.addItem("(none)", None)
    else:
        box.addItem("Choose a counselor...", None)
    for row in clinicians():
        box.addItem(row.full_name, row.id)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def room_combo(current: int | None = None) -> QComboBox:
    """Rooms in use, with "no room" first (telehealth, outreach)."""
    box = QComboBox()
    box.addItem("(no room)", None)
    for row in cal.rooms():
        box.addItem(f"{row.name} (holds {row.capacity})", row.id)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def group_combo(current: int | None = None) -> QComboBox:
    """Running groups."""
    box = QComboBox()
    box.addItem("Choose a group...", None)
    for row in cal.group_choices():
        box.addItem(row.label, row.id)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def find_clients(
    ctx: WindowContext, owner: QWidget, text: str, say: Callable[[str], None]
) -> list[cal.ClientChoice]:
    """Clients in care matching what was typed (two letters at least); ``say`` tells a refusal."""
    if len(text.strip()) < 2:
        return []
    found = operations.run(ctx, owner, lambda: cal.client_choices(ctx.actor, text), errors=say)
    return found.result if found else []


class ClientPicker(QWidget):
    """Find clients by name or record number and keep a list of the chosen ones.

    From the keyboard: Down goes from the search into the matches (Up from the first match
    comes back), and Enter in either picks the highlighted client; Enter here never presses
    the dialog's button.
    """

    changed = Signal()

    def __init__(self, ctx: WindowContext, *, single: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.single = ctx, single
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name or record number")
        self.search.setAccessibleName("Find client")
        self.problem = Notice()  # a refused search says why here
        self.matches = QListWidget()
        self.matches.setAccessibleName("Matching clients")
        self.matches.setMaximumHeight(90)
        self.add_button = name_button(QPushButton("Add client"))
        self.chosen = QListWidget()
        self.chosen.setAccessibleName("Clients in this session")
        self.chosen.setMaximumHeight(60)
        self.remove_button = name_button(QPushButton("Remove client"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.problem)
        column.addWidget(self.matches)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch()
        column.addLayout(row)
        column.addWidget(self.chosen)
        self.search.textChanged.connect(self._find)
        self.add_button.clicked.connect(self._add_current)
        self.matches.itemDoubleClicked.connect(lambda _item: self._add_current())
        self.remove_button.clicked.connect(self._remove_current)
        self.search.installEventFilter(self)
        self.matches.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._add_current()
            return True
        if watched is self.search and key == Qt.Key.Key_Down and self.matches.count():
            self.matches.setFocus()
            return True
        if watched is self.matches and key == Qt.Key.Key_Up and self.matches.currentRow() == 0:
            self.search.setFocus()
            return True
        return False

    def _find(self, text: str) -> None:
        self.matches.clear()
        for row in find_clients(self.ctx, self, text, self.problem.say):
            item = QListWidgetItem(f"{row.name} ({row.record_number})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _add_current(self) -> None:
        item = self.matches.currentItem()
        if item is not None:
            self.add(int(item.data(Qt.ItemDataRole.UserRole)), item.text())
            self.search.clear()  # ready for the next name
            self.search.setFocus()

    def add(self, client_id: int, label: str) -> None:
        """Choose a client (a single picker replaces its choice)."""
        if client_id in self.ids():
            return
        if self.single:
            self.chosen.clear()
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, client_id)
        self.chosen.addItem(item)
        self.changed.emit()

    def add_id(self, client_id: int) -> None:
        choice = cal.client_choice(client_id)
        if choice is not None:
            self.add(choice.id, f"{choice.name} ({choice.record_number})")

    def _remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row < 0 and self.chosen.count():
            row = 0
        if row >= 0:
            self.chosen.takeItem(row)
            self.changed.emit()

    def ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.chosen.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.chosen.count())
        )
