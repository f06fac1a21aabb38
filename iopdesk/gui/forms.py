"""Form building: labelled inputs with accessible names and inline error messages."""

from __future__ import annotations

# ``Qt`` (the namespace of Qt's enums) is imported where it is used, never at the top of a
# module the sign-in window loads (this one, sign_in, app, widgets/window_size): Qt builds it
# on first use, about 17 ms of the cold start (QUALITY.md: 1.5x a bare window).
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from iopdesk.errors import DomainError, ValidationError


class FieldForm(QWidget):
    """A form of named fields; ``show_errors`` puts each message under its field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._outer.addWidget(self.banner)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._outer.addLayout(self.layout_)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        """Add a labelled field; its accessible name is its visible label."""
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        widget.setObjectName(name)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            column.addWidget(note)
        err = QLabel()
        err.setObjectName("fieldError")
        err.setWordWrap(True)
        err.setAccessibleName(f"{label.rstrip(':')} error")
        err.hide()
        column.addWidget(err)
        judged = getattr(widget, "problem_changed", None)
        if judged is not None:  # a field that judges its own text (a date) says so at once
            judged.connect(lambda text, err=err: (err.setText(text), err.setVisible(bool(text))))
        self.layout_.addRow(caption, box)
        self.fields[name] = widget
        self.errors[name] = err
        return widget

    def clear_error(self, name: str) -> None:
        """Take away one field's message (the person is fixing it)."""
        label = self.errors.get(name)
        if label is not None:
            label.clear()
            label.hide()

    def clear_errors(self) -> None:
        self.banner.hide()
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show_errors(self, exc: DomainError) -> None:
        """Show each field's message next to it; anything else in the banner on top."""
        self.clear_errors()
        fields = exc.fields if isinstance(exc, ValidationError) else {"": exc.message}
        loose = []
        first: QWidget | None = None
        for name, message in fields.items():
            if name in self.errors:
                self.errors[name].setText(message)
                self.errors[name].show()
                first = first or self.fields[name]
            else:
                loose.append(message)
        if loose:
            self.banner.setText("\n".join(loose))
            self.banner.show()
        if first is not None:
            first.setFocus()

    def error_text(self, name: str) -> str:
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""


def line(text: str = "", placeholder: str = "", password: bool = False) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def text_box(text: str = "", height: int = 80) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


def combo(choices: dict[str, str], current: str = "") -> QComboBox:
    """A drop-down of (value -> label); the value is the item's data."""
    box = QComboBox()
    for value, label in choices.items():
        box.addItem(label, value)
    if current:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def spin(value: int = 0, low: int = 0, high: int = 999) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box


def name_button(button: QAbstractButton) -> QAbstractButton:
    """Give a button the accessible name of its visible text (tests find it the same way)."""
    button.setAccessibleName(button.text().replace("&", ""))
    return button


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side from the left, the rest of the row empty."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    return label


def subheading(text: str) -> QLabel:
    """A heading inside a dialog or section, styled as a section's."""
    label = QLabel(text)
    label.setObjectName("subheading")
    return label


class _EnterStaysInFields(QObject):
    """Swallows an Enter that a field passed on to its dialog (see ``enter_presses_nothing``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            from PySide6.QtCore import Qt  # here, not at the top: see the module's imports

            return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        return False


def enter_presses_nothing(dialog: QDialog) -> None:
    """In a dialog whose action cannot be undone, Enter typed in a field (a list, a drop-down,
    a text box) never presses a button; a focused button still takes Enter, and asks first."""
    for button in dialog.findChildren(QPushButton):
        button.setDefault(False)
    dialog.installEventFilter(_EnterStaysInFields(dialog))
