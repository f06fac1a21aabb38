"""The plan editor's push buttons: visible text, matching accessible name, one slot."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton

from iopdesk.gui.forms import name_button


def plan_button(text: str, slot: Callable[..., object]) -> QPushButton:
    """A push button named for screen readers and tests, wired to ``slot`` when clicked."""
    button = QPushButton(text)
    name_button(button)
    button.clicked.connect(slot)
    return button
