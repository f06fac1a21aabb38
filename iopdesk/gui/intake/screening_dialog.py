"""Recording a repeated screening during the episode (PHQ-9, GAD-7, AUDIT or DAST-10)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain.screenings import INSTRUMENTS
from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo
from iopdesk.gui.intake.screening_form import InstrumentForm
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.unsaved import AsksBeforeDiscarding
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.intake import screenings as intake_screenings


class ScreeningDialog(AsksBeforeDiscarding, QDialog):
    """Choose the instrument and date, answer item by item; the score is shown as you go."""

    def __init__(
        self, ctx: WindowContext, client_id: int, sex: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.client_id = client_id
        self.setWindowTitle("Record screening")
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.instrument = combo({code: i.name for code, i in INSTRUMENTS.items()})
        self.instrument.setAccessibleName("Instrument")
        self.date = date_edit()
        self.date.setAccessibleName("Date given")
        self.watch_inputs([self.date])
        for label, widget in (("Instrument", self.instrument), ("Date given", self.date)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.stack = QStackedWidget()
        self.forms: dict[str, InstrumentForm] = {}
        for code in INSTRUMENTS:
            form = InstrumentForm(code, sex)
            self.forms[code] = form
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            self.stack.addWidget(scroll)
        self.instrument.currentIndexChanged.connect(self.stack.setCurrentIndex)
        layout.addWidget(self.stack, 1)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Screening error")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            "Save screening", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setAccessibleName("Save screening")
        self.cancel_button = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.saved = None

    @property
    def form(self) -> InstrumentForm:
        return self.forms[self.instrument.currentData()]

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save(self) -> None:
        """Record the screening; a refusal is shown above the buttons and nothing is saved."""
        code, answers = self.instrument.currentData(), self.form.answers()
        saved = operations.run(
            self.ctx,
            self,
            lambda: intake_screenings.record_screening(
                self.ctx.actor, self.client_id, code, answers, date_of(self.date)
            ),
            errors=self._show_error,
        )
        if saved:
            self.saved = saved.result
            self.accept()

    def unsaved(self) -> bool:
        """Answers given, or the date changed, and not saved."""
        return bool(self.form.answers()) or self.dirty
