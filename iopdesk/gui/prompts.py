"""Every message box, confirmation and file chooser goes through here, so tests can answer.

File choosers start where the person last saved or opened something (remembered per person on
this computer), else in their Documents folder: never in the program's working folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QStandardPaths

# The dialogs' Qt classes are loaded when a dialog first shows: each costs the cold start
# (the sign-in window loads this module) a millisecond or more.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: When set (by tests), called as responder(kind, title, text) instead of showing a dialog.
responder: Callable[[str, str, str], Any] | None = None
#: Whose last folder is remembered: the person whose windows are in front (see ``use_folders_of``).
_person = ""


def _answer(kind: str, title: str, text: str) -> tuple[bool, Any]:
    if responder is None:
        return False, None
    return True, responder(kind, title, text)


def use_folders_of(person: str) -> None:
    """From now on, file choosers start in ``person``'s last folder (a user name)."""
    global _person
    _person = person


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "IOPdesk", "IOPdesk")


def _key() -> str:
    return f"last_folder/{_person or 'anyone'}"


def start_folder() -> str:
    """Where a file chooser starts: the last folder this person used, else their Documents."""
    last = str(_settings().value(_key(), "") or "")
    if last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents or str(Path.home())


def _used(folder: Path) -> None:
    """Remember the folder a person chose a file in (or chose), for their next chooser."""
    _settings().setValue(_key(), str(folder))


def custom(kind: str, title: str, text: str, show: Callable[[], Any]) -> Any:
    """A dialog of its own (``show`` runs it and returns the answer), answered in tests like
    any other prompt: by ``kind``, with ``text`` saying what it shows."""
    handled, answer = _answer(kind, title, text)
    return answer if handled else show()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    handled, _ = _answer("inform", title, text)
    if not handled:
        QMessageBox.information(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    handled, _ = _answer("error", title, text)
    if not handled:
        QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Continue") -> bool:
    """Ask a yes/no question; ``yes`` is the label of the affirmative button."""
    from PySide6.QtWidgets import QMessageBox

    handled, answer = _answer("confirm", title, text)
    if handled:
        return bool(answer)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is ok


def save_discard_cancel(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved changes: returns "save", "discard" or "cancel"."""
    from PySide6.QtWidgets import QMessageBox

    handled, answer = _answer("unsaved", title, text)
    if handled:
        return str(answer)
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    choice = QMessageBox.question(parent, title, text, buttons)
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(choice, "cancel")


def ask_text(parent: QWidget | None, title: str, text: str, default: str = "") -> str | None:
    """A short free-text answer (a reason, a name); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    handled, answer = _answer("text", title, text)
    if handled:
        return None if answer is None else str(answer)
    value, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Normal, default)
    return value if ok else None


def save_file(parent: QWidget | None, title: str, suggested: str, filter_: str) -> str | None:
    """Where to save a file named ``suggested`` (started in ``start_folder``); None if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    handled, answer = _answer("save_file", title, suggested)
    if not handled:
        answer, _ = QFileDialog.getSaveFileName(
            parent, title, str(Path(start_folder()) / suggested), filter_
        )
    if not answer:
        return None
    _used(Path(answer).parent)
    return str(answer)


def open_file(parent: QWidget | None, title: str, folder: str, filter_: str) -> str | None:
    """A file to open, started in ``folder`` (else ``start_folder``); None if cancelled."""
    from PySide6.QtWidgets import QFileDialog

    handled, answer = _answer("open_file", title, folder)
    if not handled:
        answer, _ = QFileDialog.getOpenFileName(parent, title, folder or start_folder(), filter_)
    if not answer:
        return None
    _used(Path(answer).parent)
    return str(answer)


def choose_folder(parent: QWidget | None, title: str, folder: str = "") -> str | None:
    """A folder (a USB stick for backups), started in ``folder`` (else ``start_folder``)."""
    from PySide6.QtWidgets import QFileDialog

    handled, answer = _answer("folder", title, folder)
    if not handled:
        answer = QFileDialog.getExistingDirectory(parent, title, folder or start_folder())
    if not answer:
        return None
    _used(Path(answer))
    return str(answer)
