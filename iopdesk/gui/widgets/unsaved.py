"""Nothing typed is lost by a stray Escape: a dialog with changes asks before it closes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QAbstractButton, QCheckBox, QDialog, QWidget

from iopdesk.gui import prompts

#: The signals by which a form's inputs say a person changed them.
CHANGE_SIGNALS = (
    "textChanged",
    "currentIndexChanged",
    "dateChanged",
    "timeChanged",
    "valueChanged",
)


def watch(widgets: Iterable[QWidget], changed: Callable[..., None]) -> None:
    """Call ``changed`` whenever a person changes one of these inputs."""
    for widget in widgets:
        if isinstance(widget, QCheckBox):
            widget.toggled.connect(changed)
            continue
        for signal in CHANGE_SIGNALS:
            if hasattr(widget, signal) and not isinstance(widget, QAbstractButton):
                getattr(widget, signal).connect(changed)


class AsksBeforeDiscarding:
    """Mixed into a dialog (listed before QDialog): Escape, Cancel or the window's close button
    ask before throwing away changes in the inputs given to ``watch_inputs`` (or whatever
    ``unsaved`` says a dialog holds)."""

    dirty = False

    def unsaved(self) -> bool:
        """Whether closing now would lose typing."""
        return self.dirty

    def watch_inputs(self, widgets: Iterable[QWidget]) -> None:
        """Count a change to any of these inputs as unsaved typing."""
        watch(widgets, self._mark_unsaved)

    def _mark_unsaved(self, *_args: object) -> None:
        self.dirty = True

    def reject(self) -> None:
        dialog: QDialog = self  # type: ignore[assignment]
        if self.unsaved() and not prompts.confirm(
            dialog, dialog.windowTitle(), "Close without saving what you typed?", yes="Discard"
        ):
            return
        self.dirty = False
        super().reject()  # type: ignore[misc]
