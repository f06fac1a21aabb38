"""A screening questionnaire generated from its instrument definition, scored live."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain.screenings import INSTRUMENTS, audit_c, audit_c_cut, audit_c_line, score
from iopdesk.gui.forms import name_button


def score_line(code: str, answers: dict[int, int]) -> str:
    """ "Total 11 of 27 – moderate" or "Incomplete: items 3, 9 unanswered" (never a part total)."""
    instrument = INSTRUMENTS[code]
    result = score(code, answers)
    if not answers:
        return "Not started"
    if not result.complete:
        items = ", ".join(str(n) for n in result.missing)
        return f"Incomplete: item{'s' if len(result.missing) > 1 else ''} {items} unanswered"
    return f"Total {result.total} of {instrument.max_total} – {result.band}"


#: Arrow key -> (step between answers, step between items).
ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


def _reveal(button: QAbstractButton) -> None:
    """Put the cursor on an answer, scrolling the page to it when it is out of sight."""
    button.setFocus()
    parent = button.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(button)


class InstrumentForm(QWidget):
    """Every item of one instrument with its radio choices, the live total and band,
    flags, and the instrument's attribution."""

    changed = Signal()

    def __init__(self, code: str, sex: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.sex = sex
        self.instrument = INSTRUMENTS[code]
        layout = QVBoxLayout(self)
        title = QLabel(self.instrument.title)
        title.setObjectName("heading")
        layout.addWidget(title)
        intro = QLabel(self.instrument.instructions)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        bottom = QHBoxLayout()
        self.total = QLabel()
        self.total.setObjectName("scoreLine")
        self.total.setAccessibleName(f"{self.instrument.name} score")
        bottom.addWidget(self.total, 1)
        self.clear_button = name_button(QPushButton(f"Clear {self.instrument.name} answers"))
        self.clear_button.clicked.connect(self.clear)
        bottom.addWidget(self.clear_button)
        layout.addLayout(bottom)
        self.derived = QLabel()
        self.derived.setVisible(code == "AUDIT")
        layout.addWidget(self.derived)
        self.flags = QLabel()
        self.flags.setObjectName("fieldError")
        self.flags.setWordWrap(True)
        self.flags.setAccessibleName(f"{self.instrument.name} flags")
        # A flag appears while the person answers: its line is kept, so the questions under
        # it never move under the mouse.
        keep = self.flags.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.flags.setSizePolicy(keep)
        layout.addWidget(self.flags)
        self.groups: dict[int, QButtonGroup] = {}
        self.buttons: dict[tuple[int, int], QRadioButton] = {}
        #: Item number -> its answer values, items and answers in the printed order.
        self.choices = {
            item.number: [c.value for c in item.choices] for item in self.instrument.items
        }
        for item in self.instrument.items:
            box = QGroupBox()
            box.setAccessibleName(f"Item {item.number}")
            column = QVBoxLayout(box)
            question = QLabel(f"{item.number}. {item.text}")
            question.setWordWrap(True)  # long items must wrap, never widen the page
            column.addWidget(question)
            row = QHBoxLayout()
            column.addLayout(row)
            group = QButtonGroup(self)
            for choice in item.choices:
                radio = QRadioButton(choice.label)
                radio.setAccessibleName(choice.label)
                radio.setAccessibleDescription(f"Item {item.number}")
                radio.setObjectName(f"{code}_item{item.number}_{choice.value}")
                group.addButton(radio, choice.value)
                row.addWidget(radio)
                self.buttons[(item.number, choice.value)] = radio
                radio.installEventFilter(self)  # arrow keys choose (see eventFilter)
            row.addStretch(1)
            group.idToggled.connect(lambda value, on, n=item.number: self._toggled(n, value, on))
            self.groups[item.number] = group
            layout.addWidget(box)
        credit = QLabel(self.instrument.attribution)
        credit.setObjectName("hint")
        credit.setWordWrap(True)
        layout.addWidget(credit)
        layout.addStretch(1)
        self._loading = False
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys on an answer: Left / Right choose the answer beside it, Up / Down go to
        the item above or below (its chosen answer, or its first)."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        place = next((k for k, b in self.buttons.items() if b is watched), None)
        step = ARROWS.get(Qt.Key(event.key()))
        if place is None or step is None:
            return False
        number, value = place
        if step[0]:  # another answer of this item
            values = self.choices[number]
            index = values.index(value) + step[0]
            if 0 <= index < len(values):
                self.buttons[(number, values[index])].click()
                _reveal(self.buttons[(number, values[index])])
            return True
        numbers = list(self.choices)
        index = numbers.index(number) + step[1]
        if 0 <= index < len(numbers):
            target = numbers[index]
            chosen = self.groups[target].checkedButton()
            _reveal(chosen or self.buttons[(target, self.choices[target][0])])
        return True

    def _toggled(self, number: int, value: int, on: bool) -> None:
        if self._loading or not on:
            return
        self._update()
        self.changed.emit()

    def answers(self) -> dict[int, int]:
        """The chosen answer value per answered item."""
        return {
            number: value for (number, value), button in self.buttons.items() if button.isChecked()
        }

    def set_answers(self, answers: dict[int, int]) -> None:
        self._loading = True
        for group in self.groups.values():
            group.setExclusive(False)  # an exclusive group cannot be left with no answer
        for (number, value), button in self.buttons.items():
            button.setChecked(answers.get(number) == value)
        for group in self.groups.values():
            group.setExclusive(True)
        self._loading = False
        self._update()

    def clear(self) -> None:
        self.set_answers({})
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not read_only)
        self.clear_button.setVisible(not read_only)

    def _update(self) -> None:
        answers = self.answers()
        self.total.setText(f"{self.instrument.name}: {score_line(self.code, answers)}")
        result = score(self.code, answers)
        self.flags.setText("\n".join(result.flags))
        self.flags.setVisible(bool(result.flags))
        if self.code == "AUDIT":
            derived = audit_c(answers, self.sex)
            self.derived.setText(
                audit_c_line(derived.total, derived.band or "", audit_c_cut(self.sex))
            )

    @property
    def score_text(self) -> str:
        return self.total.text()
