"""The screen walk's hands: show each page of a window, click its buttons, follow every dialog
and window they open, and check each one (``screen_checks``) on the way.

Modal dialogs do not block the walk: ``QDialog.exec`` shows the dialog, walks it and closes it
(as Cancel would). Every prompt is answered the careful way (nothing is confirmed, no file is
chosen), so a click never destroys what the next screen shows. Buttons that close a window
(Cancel, Close, a dialog's own button box) are left alone; the walk closes windows itself,
checking that Escape closes a dialog and asks first once something was typed.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

from iopdesk.gui import prompts
from iopdesk.gui.widgets.dates import DateBox, TimeBox
from tests.gui.screen_checks import accessible_name, check_window, describe, own

#: Careful answers: nothing is confirmed, typed, chosen or saved.
CAREFUL = {"confirm": False, "unsaved": "discard", "text": None}
#: Buttons and menu items that close their window or end the session: the walk closes
#: windows itself.
CLOSERS = {"Cancel", "Close", "Lock", "Lock the screen", "Sign out", "Quit"}
#: Buttons whose work is long and tested on its own: today's plans make one PDF of every plan
#: of the day (tests/gui/test_gui_plans_panels.py prints them).
LONG_WORK = {"Print today's plans…"}
#: Field names that filter a list rather than hold the record's data.
FILTERS = re.compile(r"search|filter|find|go to", re.IGNORECASE)
REJECTED = int(QDialog.DialogCode.Rejected)
#: Dialogs opened from dialogs opened from a screen are walked; deeper ones only checked.
MAX_DEPTH = 3


class Walk:
    """One walk: its findings, the prompts it saw and the windows it already looked at."""

    def __init__(self, qtbot, monkeypatch: pytest.MonkeyPatch, label: str) -> None:
        self.qtbot = qtbot
        self.label = label
        self.problems: list[str] = []
        self.prompts: list[tuple[str, str]] = []
        self.keep_typing = False  # while checking Escape: "Cancel, I want to keep typing"
        self.discarding = False  # while closing what it opened: "yes, throw my typing away"
        self.seen: set[str] = set()
        self.depth = 0
        folder = os.environ.get("IOPDESK_SCREENSHOTS", "")
        self.shots = Path(folder) if folder else None
        monkeypatch.setattr(prompts, "responder", self._answer)
        # A plain function, so Python passes the dialog as its first argument.
        monkeypatch.setattr(QDialog, "exec", lambda dialog: self._exec(dialog))
        # The system's printer chooser is the operating system's to lay out: no printer.
        monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: REJECTED)
        for unasked in (QMessageBox, QFileDialog, QInputDialog):
            monkeypatch.setattr(unasked, "exec", lambda dialog: self._unasked(dialog))

    # --- what the walk answers and how it opens dialogs -----------------------------------

    def _answer(self, kind: str, title: str, text: str) -> object:
        self.prompts.append((kind, title))
        if kind == "unsaved" and self.keep_typing:
            return "cancel"
        if kind == "confirm" and self.discarding:
            return True
        return CAREFUL.get(kind)

    def _unasked(self, dialog: QDialog) -> int:
        self.problems.append(f"{dialog.windowTitle()!r} opened without gui.prompts")
        return REJECTED

    def _exec(self, dialog: QDialog) -> int:
        """A modal dialog: walk it (if not seen yet), then close it as Cancel would."""
        dialog.show()
        self.visit(dialog)
        if dialog.isVisible():
            dialog.done(REJECTED)
        return REJECTED

    # --- looking --------------------------------------------------------------------------

    def look(self, window: QWidget, name: str) -> None:
        """Check the window as it is shown now; keep a screenshot when asked."""
        QApplication.processEvents()
        for problem in check_window(window):
            line = f"{name}: {problem}"
            if line not in self.problems:
                self.problems.append(line)
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{self.label} {name}").strip("-").lower()[:90]
            window.grab().save(str(self.shots / f"{stem}.png"))

    def pages(self, root: QWidget) -> Iterator[str]:
        """Show each tab and stacked page inside ``root`` in turn, naming it."""
        yield ""
        for tabs in root.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            start = tabs.currentIndex()
            for index in range(tabs.count()):
                if index != start and tabs.isTabEnabled(index) and tabs.isTabVisible(index):
                    tabs.setCurrentIndex(index)
                    yield tabs.tabText(index).replace("&&", "&")
            tabs.setCurrentIndex(start)
        for stack in root.findChildren(QStackedWidget):
            if not stack.isVisible() or isinstance(stack.parentWidget(), QTabWidget):
                continue
            start = stack.currentIndex()
            for index in range(stack.count()):
                if index != start:
                    stack.setCurrentIndex(index)
                    yield accessible_name(stack.currentWidget()) or f"page {index + 1}"
            stack.setCurrentIndex(start)

    # --- walking --------------------------------------------------------------------------

    def walk(self, window: QWidget, name: str, root: QWidget | None = None) -> None:
        """Look at every page of ``root`` (default: the whole window) and click its buttons."""
        root = root or window
        for page in self.pages(root):
            if not (isValid(window) and window.isVisible()):
                return
            title = f"{name} / {page}" if page else name
            self.look(window, title)
            if self.depth < MAX_DEPTH:
                self.click_all(window, root)

    def click_all(self, window: QWidget, root: QWidget) -> None:
        """Click each distinct button once, following what it opens."""
        clicked: set[str] = set()
        for button in list(own(root, (QPushButton, QToolButton))):
            caption = accessible_name(button)
            if caption in clicked or not self._clickable(button, window):
                continue
            clicked.add(caption)
            self.click(button)

    def _clickable(self, button: QAbstractButton, window: QWidget) -> bool:
        if not (isValid(button) and isValid(window)):  # the click before rebuilt the screen
            return False
        shown = button.isVisibleTo(window) and button.isEnabled() and window.isVisible()
        if not shown or accessible_name(button) in CLOSERS | LONG_WORK:
            return False
        if isinstance(button.parentWidget(), QDialogButtonBox):
            return False
        return not (isinstance(button, QPushButton) and button.menu() is not None)

    def click(self, button: QAbstractButton) -> None:
        """Click like a person, then walk every window the click opened and close it."""
        self._follow(lambda: self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton), button)

    def menus(self, window: QMainWindow) -> None:
        """Choose each item of the window's menus that opens something (not its navigation)."""
        for title in window.menuBar().actions():
            for item in title.menu().actions():
                if item.isSeparator() or item.text() in CLOSERS or not item.isEnabled():
                    continue
                self._follow(item.trigger, window)

    def _follow(self, act: Callable[[], object], source: QWidget) -> None:
        before = set(_windows())
        act()
        QApplication.processEvents()
        for opened in _windows():
            if opened not in before:
                self.visit(opened)
                if isValid(opened) and opened.isVisible():
                    self.close(opened, describe(source))

    def visit(self, window: QWidget) -> None:
        """Walk a window that has just opened (once per kind and title)."""
        name = f"{type(window).__name__} {window.windowTitle()!r}"
        if name in self.seen:
            return
        self.seen.add(name)
        self.depth += 1
        try:
            if isinstance(window, QDialog):
                # Escape is tried on the dialog before it is walked: kept alive through it.
                deletes = window.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
                self.escape_closes(window, name)
                window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, deletes)
                window.show()
            self.walk(window, name)
        finally:
            self.depth -= 1

    # --- closing --------------------------------------------------------------------------

    def close(self, window: QWidget, opener: str) -> None:
        """Close a window the walk opened; an untouched window closes without asking."""
        asked = len(self.prompts)
        self.discarding = True
        window.close()
        self.discarding = False
        QApplication.processEvents()
        if not isValid(window):  # closing deleted it
            return
        if window.isVisible():
            self.problems.append(f"{opener}: the window it opened does not close")
            window.hide()
        elif len(self.prompts) > asked and not isinstance(window, QDialog):
            title = self.prompts[asked][1]
            self.problems.append(f"{opener}: closing the untouched window asks ({title!r})")

    def escape_closes(self, dialog: QDialog, name: str) -> None:
        """Escape closes an untouched dialog at once, and asks first once something is typed."""
        asked = len(self.prompts)
        self._escape(dialog)
        if dialog.isVisible():
            self.problems.append(f"{name}: Escape does not close it")
            return
        if len(self.prompts) > asked:
            asks = self.prompts[asked]
            self.problems.append(f"{name}: Escape on an untouched dialog asks {asks}")
        field = _data_field(dialog)
        if field is None:
            return
        dialog.show()
        if isinstance(field, (DateBox, TimeBox)):
            field.selectAll()  # as a click in the box does: what is typed replaces it
        self.qtbot.keyClicks(field, _typing_for(field))
        asked = len(self.prompts)
        self.keep_typing = True
        self._escape(dialog)
        self.keep_typing = False
        if len(self.prompts) == asked:
            self.problems.append(f"{name}: Escape throws away typing in {describe(field)} unasked")
        elif not dialog.isVisible():
            self.problems.append(f"{name}: answering Cancel to {self.prompts[asked]} closes it")

    def _escape(self, dialog: QDialog) -> None:
        target = dialog.focusWidget() or dialog
        self.qtbot.keyClick(target, Qt.Key.Key_Escape)
        QApplication.processEvents()

    def finish(self) -> None:
        """Close and delete every window left, now, while the walk still answers prompts."""
        # Windows of their own only: a combo box's list, a completer's list or a menu belongs
        # to its widget (and goes with it).
        for window in QApplication.topLevelWidgets():
            if own_window(window):
                window.close()
                window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        gc.collect()


def own_window(widget: QWidget) -> bool:
    """A window of its own, not a popup (a list or menu) that its widget owns."""
    return widget.parentWidget() is None and widget.windowType() != Qt.WindowType.Popup


def _windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]


def _typing_for(field: QWidget) -> str:
    """What a person changing the field would type: another date or time in a date or time
    box (half a date is not yet a change), a letter elsewhere."""
    if isinstance(field, DateBox):
        return ((field.day() or dt.date.today()) + dt.timedelta(days=1)).isoformat()
    if isinstance(field, TimeBox):
        moment = field.moment() or dt.time(9)
        return f"{(moment.hour + 1) % 24}:{moment.minute:02d}"
    return "x"


def _data_field(dialog: QDialog) -> QWidget | None:
    """The first field that holds the record's data (not a search box) a person can type in."""
    for field in own(dialog, (QLineEdit, QPlainTextEdit)):
        typed_in = field.isEnabled() and not field.isReadOnly()
        if typed_in and not FILTERS.search(accessible_name(field)):
            return field
    return None
