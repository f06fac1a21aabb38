"""A dialog around a FieldForm: Save / Cancel, inline errors, and an unsaved-changes prompt."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, heading, name_button, subheading
from iopdesk.gui.help import shortcuts as keys
from iopdesk.gui.widgets.dates import DateBox
from iopdesk.gui.widgets.unsaved import watch
from iopdesk.gui.widgets.window_size import keep_size


def value_of(widget: QWidget) -> object:
    """The plain value a person entered in a form widget."""
    if isinstance(widget, DateBox):
        # Text that is not a date goes to the service as typed: it refuses it naming the field,
        # beside every other refusal of the form.
        return widget.day() or widget.text().strip() or None
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(f"no value for {type(widget).__name__}")


class FormDialog(QDialog):
    """Subclasses fill ``self.form`` and implement ``submit()`` (call a service, may raise)."""

    def __init__(
        self,
        ctx: WindowContext,
        title: str,
        parent: QWidget | None = None,
        *,
        scroll: bool = False,
    ) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = FieldForm()
        self.dirty = False
        self.result_value: object = None
        outer = QVBoxLayout(self)
        outer.addWidget(heading(title))
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(self.form)
            outer.addWidget(area, 1)
        else:
            outer.addWidget(self.form, 1)
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        name_button(self.save_button)
        self.cancel_button = name_button(QPushButton("Cancel"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.try_save)
        self.cancel_button.clicked.connect(self.reject)
        outer.addWidget(self.buttons)
        keys.bind(self, keys.SAVE, self.save_button)

    def section(self, title: str) -> None:
        """A sub-heading row inside the form."""
        label = subheading(title)
        self.form.layout_.addRow(label)

    def add(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        """Add a field and watch it for unsaved changes."""
        self.form.add(name, label, widget, hint)
        if isinstance(widget, QPlainTextEdit):
            widget.setMaximumHeight(widget.minimumHeight() + 40)
        watch([widget], self._mark_dirty)
        return widget

    def _mark_dirty(self, *_args: object) -> None:
        self.dirty = True

    def value(self, name: str) -> object:
        return value_of(self.form.fields[name])

    def text(self, name: str) -> str:
        return str(self.value(name) or "")

    def submit(self) -> object:  # pragma: no cover - every subclass overrides
        """Call the service with what was typed; False when the person changed their mind."""
        raise NotImplementedError

    def conflict(self) -> operations.Conflict | None:
        """For a record saved elsewhere meanwhile: how to take theirs or keep mine (a dialog
        editing a versioned record says; the others have nothing to conflict with)."""
        return None

    def try_save(self) -> bool:
        """Run ``submit`` as an operation: its errors show next to the fields; success closes."""
        outcome = operations.run(
            self.ctx,
            self,
            self.submit,
            errors=self.form,
            title=self.windowTitle(),
            conflict=self.conflict(),
        )
        if not outcome or outcome.result is False:
            return False
        self.result_value = outcome.result
        self.dirty = False
        self.accept()
        return True

    def reject(self) -> None:
        """Cancel / Escape / close: ask before throwing typing away."""
        if self.dirty:
            answer = prompts.save_discard_cancel(
                self, self.windowTitle(), "You have unsaved changes. Save them before closing?"
            )
            if answer == "cancel" or (answer == "save" and not self.try_save()):
                return
            if answer == "save":
                return
        self.dirty = False
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        # Enter in a one-line field saves; in a text box it is a new line (default handling).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
            self.focusWidget(), QPlainTextEdit
        ):
            return
        super().keyPressEvent(event)
