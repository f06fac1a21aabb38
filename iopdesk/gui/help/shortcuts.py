"""The keyboard shortcuts: one list, used by the windows that answer them and by Help.

A window binds a key with ``bind(widget, KEY, slot)``; Help → Keyboard shortcuts and the user
guide show ``SHORTCUTS``, so what is listed is what works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui.forms import heading
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.gui.widgets.window_size import keep_size

HELP = "F1"
LOCK = "Ctrl+L"
TODAY = "Ctrl+1"
CLIENTS = "Ctrl+2"
CALENDAR = "Ctrl+3"
FIND_CLIENT = "Ctrl+F"
NEW_CLIENT = "Ctrl+N"
SAVE = "Ctrl+S"
PRINT = "Ctrl+P"
QUIT = "Ctrl+Q"


@dataclass(frozen=True)
class Shortcut:
    """A key, what it does, and where it works."""

    keys: str
    does: str
    where: str


SHORTCUTS = (
    Shortcut(HELP, "Open this user guide", "Anywhere in IOPdesk"),
    Shortcut(LOCK, "Lock the screen now (your open work stays as it is)", "Anywhere"),
    Shortcut(TODAY, "Go to Today", "Main window"),
    Shortcut(CLIENTS, "Go to Clients", "Main window"),
    Shortcut(CALENDAR, "Go to the Calendar", "Main window"),
    Shortcut(FIND_CLIENT, "Find a client: the cursor goes to the search box", "Main window"),
    Shortcut(NEW_CLIENT, "Register a new client", "Main window (front desk and counselors)"),
    Shortcut(
        SAVE,
        "Save",
        "Treatment plan, intake, attendance sheet, aftercare plan, every form",
    ),
    Shortcut(
        PRINT,
        "Print or save as PDF",
        "Treatment plan and its preview, intake, attendance sheet, calendar week",
    ),
    Shortcut(QUIT, "Quit IOPdesk (asks first about anything not saved)", "Main window"),
    Shortcut("Tab / Shift+Tab", "Next / previous field, in reading order", "Everywhere"),
    Shortcut("Enter", "Open the chosen row; in a one-line field of a form, save", "Lists, forms"),
    Shortcut("Escape", "Close a dialog (asks first when you typed something)", "Dialogs"),
    Shortcut("Up / Down", "Move through a list; Enter opens the row", "Lists, search results"),
    Shortcut("Arrow keys, Enter", "Move between sessions; Enter opens one", "Calendar week"),
    Shortcut("Insert / Enter", "Add under / beside the chosen item", "Treatment plan outline"),
    Shortcut("F2 / Delete", "Edit / remove the chosen item", "Treatment plan outline"),
    Shortcut("Ctrl+Up / Ctrl+Down", "Move the chosen item up / down", "Treatment plan outline"),
)


def bind(
    widget: QWidget,
    keys: str,
    action: Callable[[], object] | QAbstractButton,
    *,
    window: bool = True,
) -> None:
    """Answer ``keys`` while ``widget``'s window is in front (``window=False``: only while the
    focus is inside ``widget``, for a page that shares its window). A button ``action`` is
    clicked, so the key does nothing while the button is greyed out or not shown."""
    shortcut = QShortcut(QKeySequence(keys), widget)
    if not window:
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if isinstance(action, QAbstractButton):
        button = action
        shortcut.activated.connect(lambda: _press(button))
    else:
        shortcut.activated.connect(action)


def _press(button: QAbstractButton) -> None:
    if button.isEnabled() and button.isVisibleTo(button.window()):
        button.click()


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every key IOPdesk answers, what it does and where."""

    def __init__(self, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, user)
        self.setWindowTitle("Keyboard shortcuts")
        col = QVBoxLayout(self)
        col.addWidget(heading("Keyboard shortcuts"))
        self.table = RowTable(
            [
                Column("Keys", lambda s: s.keys),
                Column("What it does", lambda s: s.does),
                Column("Where", lambda s: s.where),
            ],
            "Keyboard shortcuts",
        )
        self.table.setWordWrap(True)
        self.table.set_rows(SHORTCUTS)
        self.table.resizeRowsToContents()
        col.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(860, 560)
