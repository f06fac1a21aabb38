"""One person's line on the attendance sheet: name, one button per status, minutes (or, for an
absence, why the person was away)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSpinBox,
    QWidget,
)

from iopdesk.domain.hours import ABSENT_STATUSES, PARTIAL_STATUSES
from iopdesk.services.attendance.sheet import STATUSES, AttendanceEntry, SheetRow

#: Short button captions (the full status name is the tooltip).
CAPTIONS = {
    "present": "Present",
    "late": "Late",
    "left_early": "Left early",
    "absent_excused": "Excused",
    "absent_unexcused": "Unexcused",
}
#: A name column wider than this leaves the buttons too far from the names to read across.
NAME_WIDEST = 300
#: What an empty minutes field says when the counselor has to type the real minutes.
MINUTES_PROMPT = "Type minutes"
NOTE_MARKS = {"": "", "draft": "Note: draft", "signed": "Note: signed"}
#: A chosen status must be obvious at a glance across a room of 15 names.
STYLE = """
QPushButton { padding: 3px 6px; }
QPushButton:checked { font-weight: bold; color: white; border: 1px solid #1f2933; }
QPushButton#status_present:checked { background: #2f855a; }
QPushButton#status_late:checked, QPushButton#status_left_early:checked { background: #b7791f; }
QPushButton#status_absent_excused:checked { background: #4a5568; }
QPushButton#status_absent_unexcused:checked { background: #c53030; }
QLabel#fieldError { color: #c53030; padding-left: 8px; }
"""


def _widest(font: QFont, texts: Iterable[str], bold: bool = False) -> int:
    """The width of the longest of ``texts`` in ``font`` (made bold when asked)."""
    if bold:
        font = QFont(font)
        font.setBold(True)
    metrics = QFontMetrics(font)
    # size(), not horizontalAdvance(): the measure Qt itself sizes a button's text by.
    return max(metrics.size(Qt.TextFlag.TextShowMnemonic, text).width() for text in texts)


# Every part of a line after the name is as wide in every row as its widest wording, measured
# in the font it is drawn in when Qt asks (after the style sheet applied): the status buttons
# line up in columns down the sheet, and a chosen (bold) caption is never clipped.


class StatusButton(QPushButton):
    """One status choice, as wide as its caption in bold."""

    def sizeHint(self) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text = QSize(_widest(self.font(), [self.text()], bold=True), self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, text, self)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class NoteMark(QLabel):
    """The state of the person's note, as wide as its longest wording."""

    def sizeHint(self) -> QSize:
        return QSize(_widest(self.font(), NOTE_MARKS.values()) + 8, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class MinutesBox(QSpinBox):
    """Minutes attended; while it shows the prompt, the first digit typed replaces it. As wide
    as the prompt whether it shows or not, so the field never changes size."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        option = QStyleOptionSpinBox()
        self.initStyleOption(option)
        texts = (MINUTES_PROMPT, f"{self.maximum()}{self.suffix()}")
        text = QSize(_widest(self.font(), texts) + self.fontMetrics().horizontalAdvance("  "), 0)
        box = self.style().sizeFromContents(QStyle.ContentsType.CT_SpinBox, option, text, self)
        return QSize(box.width(), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.specialValueText() and self.value() == self.minimum() and event.text().isdigit():
            # Otherwise a digit typed after the caret lands inside "Type minutes" and is refused.
            self.lineEdit().selectAll()
        super().keyPressEvent(event)


class AttendanceRow(QWidget):
    """A sheet line; emits ``changed`` on any edit, ``note_requested`` for its note and
    ``remove_requested`` when a guest is to be taken off the sheet."""

    changed = Signal()
    note_requested = Signal(int)
    remove_requested = Signal(int)

    def __init__(self, row: SheetRow, length: int, can_note: bool, parent=None) -> None:
        super().__init__(parent)
        self.client_id = row.client_id
        self.client_name = row.client_name
        self.length = length
        self.guest = False
        self.recorded = False
        self.setAccessibleName(row.client_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.name = QLabel(row.client_name)
        self.name.setToolTip(f"{row.client_name} · {row.record_number}")
        # The name takes what the fixed-width parts leave, the same in every row; a long
        # name wraps instead of pushing its row's buttons out of their column.
        self.name.setWordWrap(True)
        self.name.setMinimumWidth(150)
        self.name.setMaximumWidth(NAME_WIDEST)  # on a wide screen the buttons stay near it
        self.name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.name, 1)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        self.by_status: dict[str, QPushButton] = {}
        for status, caption in CAPTIONS.items():
            button = StatusButton(caption)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(caption)
            button.setAccessibleDescription(f"{STATUSES[status]} – {row.client_name}")
            button.setToolTip(f"{STATUSES[status]}: {row.client_name}")
            button.setObjectName(f"status_{status}")
            self.buttons.addButton(button, len(self.by_status))
            self.by_status[status] = button
            layout.addWidget(button)
        self.buttons.idClicked.connect(self._clicked)
        self.minutes = MinutesBox()
        self.minutes.setRange(0, max(0, length))
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes attended")
        self.minutes.setAccessibleDescription(row.client_name)
        self.minutes.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.minutes.valueChanged.connect(self._minutes_changed)
        # An absence has no minutes: its place holds why the person was away (for letters).
        self.reason = QLineEdit(row.absence_reason)
        self.reason.setPlaceholderText("Reason (optional)")
        self.reason.setAccessibleName("Reason for the absence")
        self.reason.setAccessibleDescription(row.client_name)
        self.reason.setMaxLength(300)
        self.reason.textEdited.connect(lambda _text: self.changed.emit())
        self.minutes_or_reason = QStackedWidget()
        self.minutes_or_reason.addWidget(self.minutes)
        self.minutes_or_reason.addWidget(self.reason)
        self.minutes_or_reason.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.minutes_or_reason)
        self.note_button = QPushButton("Note")
        self.note_button.setAccessibleName("Note")
        self.note_button.setAccessibleDescription(f"Individual note for {row.client_name}")
        self.note_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.note_button.setVisible(can_note)
        self.note_button.clicked.connect(self._note_clicked)
        layout.addWidget(self.note_button)
        self.note_state = NoteMark()
        self.note_state.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.note_state.setVisible(can_note)
        layout.addWidget(self.note_state)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove")
        self.remove_button.setAccessibleDescription(f"Take {row.client_name} off the sheet")
        self.remove_button.setToolTip(f"Take {row.client_name} off this session's sheet")
        remove_policy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # Hidden on members' lines but still holding its place, so the columns line up.
        remove_policy.setRetainSizeWhenHidden(True)
        self.remove_button.setSizePolicy(remove_policy)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.client_id))
        layout.addWidget(self.remove_button)
        layout.addStretch(0)  # what the name leaves past its widest goes here
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self._last_status: str | None = None
        self.show_row(row)

    def show_row(self, row: SheetRow) -> None:
        """Show what is recorded for this person (on opening, and after each save), keeping
        the widgets: a saved sheet changes a few values, not its 15 lines."""
        self.guest = row.guest or not row.expected
        self.recorded = row.recorded
        # Only a guest can be taken off (members come with the roster); a note keeps them on.
        self.remove_button.setVisible(self.guest)
        self.remove_button.setEnabled(not row.note_state)
        self.name.setText(row.client_name + ("  (guest)" if self.guest else ""))
        # An exclusive group never lets the last checked button go: free it to clear them.
        self.buttons.setExclusive(False)
        for status, button in self.by_status.items():
            button.setChecked(status == row.status)
        self.buttons.setExclusive(True)
        self._last_status = row.status
        self.minutes.blockSignals(True)  # the saved value is no edit of the person's
        self.minutes.setValue(row.minutes)
        self.minutes.blockSignals(False)
        self.set_note_state(row.note_state)
        self._sync_minutes()

    @property
    def status(self) -> str | None:
        for status, button in self.by_status.items():
            if button.isChecked():
                return status
        return None

    def set_status(self, status: str) -> None:
        """Mark the person as a click would."""
        self.by_status[status].setChecked(True)
        self._picked(status)

    def _clicked(self, button_id: int) -> None:
        self._picked(list(self.by_status)[button_id])

    def _picked(self, status: str) -> None:
        changed = status != self._last_status
        self._last_status = status
        if status in ABSENT_STATUSES:
            self.minutes.setValue(0)
        elif status in PARTIAL_STATUSES:
            # Only the counselor knows how long a late / early-leaving client stayed: never keep
            # the full session silently; clear the field and wait for the real minutes.
            if not 0 < self.minutes.value() < self.length:
                self.minutes.setValue(0)
        elif changed or self.minutes.value() == 0:
            self.minutes.setValue(self.length)
        self._sync_minutes()
        if status in PARTIAL_STATUSES and self.minutes.value() == 0:
            self.minutes.setFocus()
            self.minutes.selectAll()
        self.changed.emit()

    def _minutes_changed(self, _value: int) -> None:
        self.changed.emit()

    def _sync_minutes(self) -> None:
        status = self.status
        self.minutes.setEnabled(status is not None and status not in ABSENT_STATUSES)
        self.minutes_or_reason.setCurrentWidget(
            self.reason if status in ABSENT_STATUSES else self.minutes
        )
        self.minutes.setSpecialValueText(MINUTES_PROMPT if status in PARTIAL_STATUSES else "")
        self.note_button.setEnabled(status is not None and status not in ABSENT_STATUSES)

    def _note_clicked(self) -> None:
        self.note_requested.emit(self.client_id)

    def entry(self) -> AttendanceEntry | None:
        status = self.status
        if status is None:
            return None
        return AttendanceEntry(
            self.client_id, status, self.minutes.value(), self.guest, self.reason.text()
        )

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.name.setStyleSheet("color: #c53030; font-weight: bold;" if text else "")

    def set_note_state(self, state: str) -> None:
        self.note_state.setText(NOTE_MARKS.get(state, state))
