"""Small aftercare dialogs: record a follow-up check-in, and readmit a discharged client."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.aftercare import RECOVERY_STATUSES
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, heading, line, text_box
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.aftercare import follow_ups, readmission
from iopdesk.services.aftercare.follow_ups import FollowUpForm, FollowUpRow

ENGAGED = {"": "Not known", "yes": "Yes", "no": "No"}


class _Dialog(QDialog):
    """A titled form with OK/Cancel and an are-you-sure on closing with changes."""

    ok_label = "Save"

    def __init__(self, ctx: WindowContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.dirty = False
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(heading(title))
        self.form = FieldForm()

    def finish_layout(self) -> None:
        self.outer.addWidget(self.form)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.ok_label)
        ok.setAccessibleName(self.ok_label)
        box.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        box.accepted.connect(self.submit)
        box.rejected.connect(self.reject)
        self.ok_button = ok
        self.outer.addWidget(box)

    def touched(self, *_: object) -> None:
        self.dirty = True

    def submit(self) -> None:
        """Store the form; problems appear under their fields and the dialog stays open."""
        if operations.run(self.ctx, self, self.store_changes, errors=self.form):
            self.dirty = False
            self.accept()

    def store_changes(self) -> None:
        """The dialog's one service call."""
        raise NotImplementedError

    def reject(self) -> None:
        if self.dirty and not prompts.confirm(
            self, self.windowTitle(), "Close without saving what you typed?", yes="Discard"
        ):
            return
        self.dirty = False
        super().reject()


class FollowUpDialog(_Dialog):
    """Record one check-in: reached or not, recovery status, continuing care, notes."""

    def __init__(self, ctx: WindowContext, row: FollowUpRow, parent: QWidget | None = None):
        super().__init__(ctx, "Record check-in", parent)
        self.row = row
        self.outer.addWidget(
            QLabel(f"{row.kind_label} check-in, due {formats.show_date(row.due_date)}.")
        )
        f = self.form
        self.done_box = f.add("done_on", "Date of the check-in", date_edit(dt.date.today()))
        self.done_box.setMaximumDate(QDate.currentDate())
        self.reached_box = QCheckBox("Reached the client")
        self.reached_box.setAccessibleName("Reached the client")
        self.reached_box.setChecked(True)
        f.add("reached", "Reached", self.reached_box)
        self.status_box = f.add(
            "recovery_status", "Recovery status", combo({"": "Choose…", **RECOVERY_STATUSES})
        )
        self.engaged_box = f.add("engaged_in_care", "Engaged in continuing care", combo(ENGAGED))
        self.notes_box = f.add("notes", "Notes", text_box("", 100))
        self.reached_box.toggled.connect(self._reached_changed)
        for signal in (
            self.done_box.dateChanged,
            self.reached_box.toggled,
            self.status_box.currentIndexChanged,
            self.engaged_box.currentIndexChanged,
            self.notes_box.textChanged,
        ):
            signal.connect(self.touched)
        self.finish_layout()

    def _reached_changed(self, reached: bool) -> None:
        self.status_box.setEnabled(reached)
        self.engaged_box.setEnabled(reached)

    def store_changes(self) -> None:
        engaged = {"yes": True, "no": False}.get(self.engaged_box.currentData() or "")
        follow_ups.record_follow_up(
            self.ctx.actor,
            self.row.id,
            FollowUpForm(
                done_on=date_of(self.done_box),
                reached=self.reached_box.isChecked(),
                recovery_status=self.status_box.currentData() or "",
                engaged_in_care=engaged,
                notes=self.notes_box.toPlainText(),
            ),
        )


class ReadmitDialog(_Dialog):
    """Start a new episode for a discharged client; the earlier episodes stay as they were."""

    ok_label = "Readmit"

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(ctx, "Readmit", parent)
        self.client_id = client_id
        self.new_episode_id = 0
        self.outer.addWidget(QLabel("A new episode of care starts as a referral."))
        f = self.form
        self.date_box = f.add("referral_date", "Referral date", date_edit(dt.date.today()))
        self.source_box = f.add("referral_source", "Referral source", line())
        self.reason_box = f.add("referral_reason", "Reason for referral", text_box("", 80))
        for signal in (
            self.date_box.dateChanged,
            self.source_box.textChanged,
            self.reason_box.textChanged,
        ):
            signal.connect(self.touched)
        self.finish_layout()

    def store_changes(self) -> None:
        self.new_episode_id = readmission.readmit(
            self.ctx.actor,
            self.client_id,
            readmission.ReadmitForm(
                date_of(self.date_box), self.source_box.text(), self.reason_box.toPlainText()
            ),
        )
