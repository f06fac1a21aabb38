"""The main window's menu bar: File, Go and Help, each item with the key that does the same
(``gui.help.shortcuts`` lists them all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from iopdesk.gui.help import shortcuts as keys

if TYPE_CHECKING:
    from iopdesk.gui.main_window import MainWindow


def build_menus(window: MainWindow) -> None:
    """Fill the window's menu bar."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    _item(file_menu, "Change my password...", lambda: change_password(window))
    _item(file_menu, "Lock the screen", window.lock_requested.emit, keys.LOCK, everywhere=True)
    _item(file_menu, "Sign out", window.sign_out_requested.emit)
    go = bar.addMenu("&Go")
    _item(go, "Today", lambda: window.show_area("today"), keys.TODAY)
    _item(go, "Clients", lambda: window.show_area("clients"), keys.CLIENTS)
    _item(go, "Calendar", lambda: window.show_area("calendar"), keys.CALENDAR)
    _item(go, "Find a client", lambda: find_client(window), keys.FIND_CLIENT)
    if window.ctx.actor.can("client.register"):
        _item(go, "New client...", lambda: new_client(window), keys.NEW_CLIENT)
    help_menu = bar.addMenu("&Help")
    _item(help_menu, "User guide", lambda: open_guide(window), keys.HELP, everywhere=True)
    _item(help_menu, "Keyboard shortcuts", lambda: show_shortcuts(window))
    _item(help_menu, "About IOPdesk", lambda: show_about(window))
    help_menu.addSeparator()
    _item(help_menu, "Quit", window.close, keys.QUIT)


def _item(
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    key: str = "",
    *,
    everywhere: bool = False,
) -> QAction:
    """A menu item; ``everywhere``: its key also works in the chart and other windows."""
    action = QAction(text, menu)
    if key:
        action.setShortcut(QKeySequence(key))
    if everywhere:
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def find_client(window: MainWindow) -> None:
    """The Clients list with the cursor in its search box, what was typed there selected."""
    clients = window.show_area("clients")
    clients.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
    clients.search.selectAll()


def new_client(window: MainWindow) -> None:
    """The Clients list, and the New client form over it."""
    window.show_area("clients").new_client()


def change_password(window: MainWindow) -> None:
    """The signed-in person's own password form."""
    from iopdesk.gui.change_password import ChangePasswordDialog

    ChangePasswordDialog(window.ctx.actor, parent=window).exec()


def open_guide(window: MainWindow) -> None:
    """The user guide beside the work (one window, brought to the front when open)."""
    from iopdesk.gui.help.guide import GuideWindow

    guide = window.findChild(GuideWindow) or GuideWindow(window.ctx.actor.username, window)
    guide.show()
    guide.raise_()
    guide.activateWindow()


def show_shortcuts(window: MainWindow) -> None:
    """Every key IOPdesk answers, in a list."""
    from iopdesk.gui.help.shortcuts import ShortcutsDialog

    ShortcutsDialog(window.ctx.actor.username, window).exec()


def show_about(window: MainWindow) -> None:
    """The version, this clinic's data folder and the licences."""
    from iopdesk.gui.help.about import AboutDialog

    AboutDialog(window.ctx.actor.username, window.ctx.store, window).exec()
