"""The intake's state reporting (TEDS) page: the admission questions the state's TEDS report
needs, in TEDS vocabulary. Nothing here holds up signing: unanswered questions are reported to
the state as unknown, never guessed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from iopdesk.domain.teds import ADMISSION, BY_KEY, NOT_APPLICABLE
from iopdesk.gui.intake.pages import Page
from iopdesk.gui.widgets.teds_answer import answer_box, answer_of, show_answer

ABOUT = ("gender", "race", "ethnicity", "education", "employment", "living", "veteran",
         "pregnant", "referral")  # fmt: skip
HISTORY = ("prior_episodes", "arrests", "self_help")
RANKS = ("Primary", "Secondary", "Tertiary")
DETAILS = (("sub", "Substance"), ("route", "Usual route"), ("freq", "Use in the past 30 days"),
           ("age", "Age at first use"))  # fmt: skip


class TedsPage(Page):
    """Every admission question of domain/teds, grouped as a counselor asks them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("State reporting (TEDS)", parent)
        hint = QLabel(
            'Asked for the state\'s treatment report (SAMHSA TEDS). Leave "—" for a question '
            "not asked; choose Unknown when the client does not know or declines to say."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        self.boxes: dict[str, QComboBox] = {}
        for title, keys in (("About the client", ABOUT), ("History", HISTORY)):
            group = QGroupBox(title)
            form = QFormLayout(group)
            for key in keys:
                form.addRow(BY_KEY[key].label, self._box(key))
            self.layout_.addWidget(group)
        group = QGroupBox("Substances")
        grid = QGridLayout(group)
        for column, (_, heading) in enumerate(DETAILS, start=1):
            grid.addWidget(QLabel(heading), 0, column)
        for row, rank in enumerate(RANKS, start=1):
            grid.addWidget(QLabel(rank), row, 0)
            for column, (prefix, _) in enumerate(DETAILS, start=1):
                grid.addWidget(self._box(f"{prefix}{row}"), row, column)
        self.layout_.addWidget(group)
        self.layout_.addStretch(1)
        self.boxes["gender"].currentIndexChanged.connect(self._gender_changed)

    def _box(self, key: str) -> QComboBox:
        box = answer_box(BY_KEY[key])
        box.currentIndexChanged.connect(lambda *_: self.changed.emit())
        if box.isEditable():
            box.editTextChanged.connect(lambda *_: self.changed.emit())
        self.boxes[key] = box
        return box

    def _gender_changed(self, *_: object) -> None:
        # Pregnancy does not apply to a male client (the service keeps "not applicable").
        male = answer_of(self.boxes["gender"]) == "male"
        pregnant = self.boxes["pregnant"]
        if male:
            show_answer(pregnant, NOT_APPLICABLE)
        pregnant.setEnabled(not male and self.boxes["gender"].isEnabled())

    def answers(self) -> dict[str, str]:
        """The answers given (questions left at "—" are not sent)."""
        return {q.key: value for q in ADMISSION if (value := answer_of(self.boxes[q.key]))}

    def set_answers(self, answers: dict[str, str]) -> None:
        for q in ADMISSION:
            show_answer(self.boxes[q.key], answers.get(q.key, ""))
        self._gender_changed()

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)
        self._gender_changed()
