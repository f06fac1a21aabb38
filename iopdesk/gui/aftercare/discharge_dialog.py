"""The discharge dialog: type, date, step-down, condition, the pre-filled summary, sign."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.aftercare import CONDITIONS, DISCHARGE_TYPES, STEP_DOWN_LEVELS
from iopdesk.gui import operations, prompts
from iopdesk.gui.aftercare.common import KeptDraft, suggestion_box
from iopdesk.gui.aftercare.teds_section import TedsSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import (
    FieldForm,
    combo,
    enter_presses_nothing,
    heading,
    name_button,
    text_box,
)
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.aftercare import discharge
from iopdesk.services.aftercare import drafts as aftercare_drafts
from iopdesk.services.clients.level_of_care import LevelChangeForm


class DischargeDialog(QDialog):
    """Discharge the client's current episode; the summary starts from the episode's facts.

    Given a level-of-care ``transfer`` out of the program (``transfer_text`` says it in words),
    the discharge is a transfer on the change's date, and signing records the change with it.
    """

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        parent: QWidget | None = None,
        *,
        transfer: LevelChangeForm | None = None,
        transfer_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.transfer = transfer
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.client_id = client_id
        self.signed: discharge.DischargeView | None = None
        self.setWindowTitle("Discharge")
        self.setAccessibleName("Discharge")
        self.resize(760, 720)
        self.draft = discharge.draft_discharge(ctx.actor, client_id)
        facts = self.draft.facts
        outer = QVBoxLayout(self)
        outer.addWidget(heading(f"Discharge {facts.client_name} ({facts.record_number})"))
        admitted = formats.show_date(facts.admission_date) or "not recorded"
        outer.addWidget(QLabel(f"Episode {self.draft.episode_number}, admitted {admitted}."))
        self.notes_warning = QLabel()
        self.notes_warning.setObjectName("warning")
        self.notes_warning.setWordWrap(True)
        self.notes_warning.setAccessibleName("Unsigned notes")
        if self.draft.unsigned_notes:
            count = len(self.draft.unsigned_notes)
            listed = "\n".join(f"• {n}" for n in self.draft.unsigned_notes[:8])
            more = f"\n…and {count - 8} more" if count > 8 else ""
            self.notes_warning.setText(
                f"{count} unsigned note{'s' if count != 1 else ''} — sign them first, or you will "
                f"be asked for a reason:\n{listed}{more}"
            )
        else:
            self.notes_warning.hide()
        outer.addWidget(self.notes_warning)
        self.form = FieldForm()
        f = self.form
        self.type_box = f.add("discharge_type", "Discharge type",
                              combo({"": "Choose…", **DISCHARGE_TYPES}))  # fmt: skip
        self.date_box = f.add("discharge_date", "Discharge date", date_edit(dt.date.today()))
        self.date_box.setMaximumDate(QDate.currentDate())
        self.step_box = f.add("step_down_level", "Step-down level of care",
                              suggestion_box(STEP_DOWN_LEVELS))  # fmt: skip
        self.condition_box = f.add(
            "condition_at_discharge", "Condition at discharge", suggestion_box(CONDITIONS)
        )
        self.summary_box = f.add("summary", "Discharge summary", text_box(self.draft.summary, 260))
        self.cancel_box = QCheckBox("Cancel the client's future individual and family sessions")
        self.cancel_box.setChecked(True)
        name_button(self.cancel_box)
        f.add("cancel_future", "Future sessions", self.cancel_box)
        outer.addWidget(f, 1)
        self.teds = TedsSection(self.draft.substances)
        outer.addWidget(self.teds)
        # Typed text is kept a moment after each change, so a crash or a lock loses nothing.
        self.kept = KeptDraft(ctx, aftercare_drafts.discharge_key(client_id), self._payload, self)
        self.autosave = self.kept.timer
        outer.addWidget(self.kept.status)
        buttons = QHBoxLayout()
        self.refill_button = name_button(QPushButton("Insert figures again"))
        self.refill_button.setToolTip("Rebuild the summary from the episode's facts for the date")
        self.sign_button = name_button(QPushButton("Sign discharge…"))
        self.cancel_button = name_button(QPushButton("Cancel"))
        buttons.addWidget(self.refill_button)
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_button)
        outer.addLayout(buttons)
        self.refill_button.clicked.connect(self.refill_summary)
        self.sign_button.clicked.connect(self.sign)
        self.cancel_button.clicked.connect(self.reject)
        # Enter in "Condition at discharge" once signed the discharge: only a click signs.
        enter_presses_nothing(self)
        self.dirty = False
        self._restore_draft()
        if transfer is not None:
            self._as_transfer(transfer, transfer_text)
        for signal in (
            self.type_box.currentIndexChanged,
            self.date_box.dateChanged,
            self.step_box.currentTextChanged,
            self.condition_box.currentTextChanged,
            self.summary_box.textChanged,
            self.teds.changed,
        ):
            signal.connect(self._touched)

    def _as_transfer(self, transfer: LevelChangeForm, text: str) -> None:
        """Fix the type and the date to the transfer's, and say what signing records."""
        self.type_box.setCurrentIndex(self.type_box.findData(discharge.TRANSFERRED))
        self.type_box.setEnabled(False)
        if isinstance(transfer.effective_date, dt.date):
            self.date_box.set_day(transfer.effective_date)
        self.date_box.setEnabled(False)
        self.step_box.setCurrentText(transfer.new_level)
        said = (
            f"Transfer out of the program: {text}. Signing records this level-of-care change "
            "with its ASAM re-ratings and ends the episode."
        )
        self.notes_warning.setText("\n".join(filter(None, (said, self.notes_warning.text()))))
        if self.summary_box.toPlainText().strip() == self.draft.summary.strip():
            self.refill_summary()  # the figures up to the transfer's date, and its type
        self.notes_warning.show()

    def _touched(self, *_: object) -> None:
        self.dirty = True
        self.autosave.start()

    def _payload(self) -> dict[str, object]:
        """What is typed so far, as the kept draft stores it (private, not signed)."""
        form = self.form_values(strict=False)
        return {
            "discharge_type": form.discharge_type,
            "discharge_date": form.discharge_date.isoformat() if form.discharge_date else "",
            "step_down_level": form.step_down_level,
            "condition_at_discharge": form.condition_at_discharge,
            "summary": form.summary,
            "cancel_future": self.cancel_box.isChecked(),
            "teds": dict(form.teds),
        }

    def _restore_draft(self) -> None:
        p = self.kept.restore(
            "Unsigned discharge",
            "You started this discharge on {when} and did not sign it. "
            "Continue where you left off?",
            "Continue it",
        )
        if p is None:
            return
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(p.get("discharge_type", ""))))
        day = formats.read_date(str(p.get("discharge_date", "")))
        if day is not None:
            self.date_box.set_day(day)
        self.step_box.setCurrentText(str(p.get("step_down_level", "")))
        self.condition_box.setCurrentText(str(p.get("condition_at_discharge", "")))
        self.summary_box.setPlainText(str(p.get("summary", "")))
        self.cancel_box.setChecked(bool(p.get("cancel_future", True)))
        self.teds.set_answers(dict(p.get("teds") or {}))

    def _forget_draft(self) -> None:
        self.dirty = False
        self.kept.drop()

    def form_values(self, strict: bool = True) -> discharge.DischargeForm:
        """What the clinician entered, as the service's form; ``strict`` refuses a date typed
        wrong with its sentence (the kept draft takes it as no date and keeps the rest)."""
        return discharge.DischargeForm(
            discharge_type=self.type_box.currentData() or "",
            discharge_date=date_of(self.date_box) if strict else self.date_box.day(),
            step_down_level=self.step_box.currentText(),
            condition_at_discharge=self.condition_box.currentText(),
            summary=self.summary_box.toPlainText(),
            teds=self.teds.answers(),
        )

    def refill_summary(self) -> None:
        """Rebuild the summary text from the facts up to the chosen date (asks first)."""
        if self.summary_box.toPlainText().strip() != self.draft.summary.strip() and not (
            prompts.confirm(
                self, "Insert figures again", "Replace the summary you edited with a fresh one?",
                yes="Replace",
            )
        ):  # fmt: skip
            return
        kind = self.type_box.currentData() or ""
        drafted = operations.run(
            self.ctx,
            self,
            lambda: discharge.draft_discharge(
                self.ctx.actor, self.client_id, date_of(self.date_box), kind
            ),
            errors=self.form,
        )
        if drafted:
            self.draft = drafted.result
            self.summary_box.setPlainText(self.draft.summary)

    def sign(self) -> None:
        """Sign; unsigned notes ask for a reason, then the discharge is signed with it."""
        cancel = self.cancel_box.isChecked()
        typed = operations.run(self.ctx, self, self.form_values, errors=self.form)
        if not typed:
            return
        form = typed.result
        signed = operations.run_with_reason(
            self.ctx,
            self,
            lambda reason: discharge.sign_discharge(
                self.ctx.actor,
                self.client_id,
                form,
                cancel_future_sessions=cancel,
                override_reason=reason,
                transfer=self.transfer,
            ),
            reason_title="Unsigned notes",
            errors=self.form,
            confirm=self._signing_question(form, cancel),
        )
        if signed:
            self.signed = signed.result
            self._forget_draft()
            self.accept()

    def _signing_question(self, form: discharge.DischargeForm, cancel: bool) -> operations.Confirm:
        """The one question before signing, naming what signing does."""
        name = self.draft.facts.client_name
        when = formats.show_date(form.discharge_date) if form.discharge_date else "the chosen date"
        sessions = " Their future individual and family sessions are cancelled." if cancel else ""
        return operations.Confirm(
            "Sign discharge",
            f"Discharge {name} on {when} and sign it? The episode closes and the signed "
            f"discharge cannot be changed afterwards.{sessions}",
            "Sign discharge",
        )

    def reject(self) -> None:
        if self.dirty and not prompts.confirm(
            self,
            "Close without signing",
            "The discharge is not signed. Close and lose what you typed?",
            yes="Close without signing",
        ):
            return
        self._forget_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and not prompts.confirm(
            self,
            "Close without signing",
            "The discharge is not signed. Close and lose what you typed?",
            yes="Close without signing",
        ):
            event.ignore()
            return
        if self.dirty:
            self._forget_draft()
        event.accept()
