"""The discharge dialog's state reporting (TEDS) section: the follow-up items asked again at
discharge (employment, living arrangement, arrests, self-help, use of each admission
substance), folded away until the clinician opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from iopdesk.domain.teds import DISCHARGE
from iopdesk.gui.forms import name_button
from iopdesk.gui.widgets.teds_answer import answer_box, answer_of, show_answer

TITLE = "State reporting (TEDS) at discharge"


class TedsSection(QWidget):
    """The discharge questions; ``substances`` names the admission's primary, secondary and
    tertiary substances ("" when none was recorded: that question is not shown)."""

    changed = Signal()

    def __init__(self, substances: tuple[str, str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(TITLE)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        name_button(self.toggle)
        self.toggle.toggled.connect(self._open)
        column.addWidget(self.toggle)
        self.body = QWidget()
        # Two columns (the client's situation; their use of each substance): the dialog must
        # still fit a 1366x768 screen with the section open.
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QComboBox] = {}
        rows = [0, 0]
        for question in DISCHARGE:
            box = answer_box(question)
            label, side = question.label, 0
            if question.key.startswith("freq"):
                substance = substances[int(question.key[-1]) - 1]
                if not substance:
                    continue
                label, side = f"{substance}: use in the past 30 days", 1
                box.setAccessibleName(label)
            box.currentIndexChanged.connect(lambda *_: self.changed.emit())
            if box.isEditable():
                box.editTextChanged.connect(lambda *_: self.changed.emit())
            caption = QLabel(label)
            caption.setBuddy(box)
            caption.setWordWrap(True)
            grid.addWidget(caption, rows[side], 2 * side)
            grid.addWidget(box, rows[side], 2 * side + 1)
            rows[side] += 1
            self.boxes[question.key] = box
        self.body.hide()
        column.addWidget(self.body)

    def _open(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def answers(self) -> dict[str, str]:
        """The answers given (questions left at "—" are not sent)."""
        return {key: value for key, box in self.boxes.items() if (value := answer_of(box))}

    def set_answers(self, answers: dict[str, str]) -> None:
        for key, box in self.boxes.items():
            show_answer(box, str(answers.get(key, "")))
