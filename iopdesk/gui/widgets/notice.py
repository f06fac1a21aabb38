"""A line that says why something was refused, hidden while it has nothing to say."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class Notice(QLabel):
    """Give ``say`` as an operation's ``errors`` target: a refusal shows, success hides it."""

    def __init__(self, style: str = "fieldError", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(style)  # "fieldError" under a field, "errorBanner" over a screen
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str) -> None:
        """Show ``text``; an empty text hides the line."""
        self.setText(text)
        self.setVisible(bool(text))
