"""Every message box, confirmation and file chooser goes through here, so tests can answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

#: When set (by tests), called as responder(kind, title, text) instead of showing a dialog.
responder: Callable[[str, str, str], Any] | None = None


def _answer(kind: str, title: str, text: str) -> tuple[bool, Any]:
    if responder is None:
        return False, None
    return True, responder(kind, title, text)


def custom(kind: str, title: str, text: str, show: Callable[[], Any]) -> Any:
    """A dialog of its own (``show`` runs it and returns the answer), answered in tests like
    any other prompt: by ``kind``, with ``text`` saying what it shows."""
    handled, answer = _answer(kind, title, text)
    return answer if handled else show()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _answer("inform", title, text)
    if not handled:
        QMessageBox.information(parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    handled, _ = _answer("error", title, text)
    if not handled:
        QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "Continue") -> bool:
    """Ask a yes/no question; ``yes`` is the label of the affirmative button."""
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
    handled, answer = _answer("text", title, text)
    if handled:
        return None if answer is None else str(answer)
    value, ok = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Normal, default)
    return value if ok else None


def save_file(parent: QWidget | None, title: str, suggested: str, filter_: str) -> str | None:
    handled, answer = _answer("save_file", title, suggested)
    if handled:
        return None if answer is None else str(answer)
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    return path or None


def open_file(parent: QWidget | None, title: str, folder: str, filter_: str) -> str | None:
    handled, answer = _answer("open_file", title, folder)
    if handled:
        return None if answer is None else str(answer)
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filter_)
    return path or None


def choose_folder(parent: QWidget | None, title: str, folder: str = "") -> str | None:
    handled, answer = _answer("folder", title, folder)
    if handled:
        return None if answer is None else str(answer)
    path = QFileDialog.getExistingDirectory(parent, title, folder)
    return path or None
