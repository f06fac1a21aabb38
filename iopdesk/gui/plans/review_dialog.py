"""The plan review: progress per objective, the changes decided, and optionally a new version."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain import plans as rules
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, name_button, text_box
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.clients import progress
from iopdesk.services.plans import review_notes
from iopdesk.services.plans import reviews as plans_reviews
from iopdesk.services.plans.records import PlanDocument


class ReviewDialog(QDialog):
    """Record a review of the signed plan; the next review date moves forward."""

    def __init__(self, ctx: WindowContext, doc: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx, self.doc = ctx, doc
        self.outcome: plans_reviews.ReviewOutcome | None = None
        self.typed = False
        self.setWindowTitle(f"Review the plan — {doc.client_name}")
        # Objectives on the left, the episode's progress beside them; fits a 1366x768 screen.
        self.resize(1320, 680)
        outer = QVBoxLayout(self)
        sides = QHBoxLayout()
        outer.addLayout(sides, 1)
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        sides.addWidget(left, 6)
        intro = QLabel(
            f"Version {doc.version}; review due {formats.show_date(doc.next_review_date)} "
            f"({rules.review_label(doc.next_review_date, dt.date.today())})."
        )
        col.addWidget(intro)
        addressed = self._addressing_notes()
        self.table = QTableWidget(len(doc.objectives), 5)
        self.table.setAccessibleName("Progress per objective")
        self.table.setHorizontalHeaderLabels(
            ["No.", "Objective", addressed.since_text, "Status", "Progress note"]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # "No." already numbers the lines
        self.table.setColumnWidth(0, 36)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 200)
        self.table.setColumnWidth(3, 110)
        self.table.setWordWrap(True)
        self.status_boxes: list[QComboBox] = []
        self.notes: list[QLineEdit] = []
        for row, objective in enumerate(doc.objectives):
            self.table.setItem(row, 0, QTableWidgetItem(objective.number))
            self.table.setItem(row, 1, QTableWidgetItem(objective.text))
            seen = addressed.by_objective.get(objective.id, ())
            self.table.setItem(row, 2, QTableWidgetItem("\n".join(n.line for n in seen)))
            box = combo(rules.OBJECTIVE_STATUSES, objective.status)
            box.setAccessibleName(f"Status of {objective.number}")
            box.activated.connect(self._typed)
            note = QLineEdit()
            note.setAccessibleName(f"Progress note for {objective.number}")
            note.textEdited.connect(self._typed)
            self.table.setCellWidget(row, 3, box)
            self.table.setCellWidget(row, 4, note)
            self.status_boxes.append(box)
            self.notes.append(note)
        self.table.resizeRowsToContents()
        col.addWidget(self.table, 1)
        self.form = FieldForm()
        self.review_date = self.form.add("review_date", "Review date", date_edit())
        self.review_date.textChanged.connect(self._typed)  # typed or picked from the calendar
        self.changes = self.form.add("changes", "Changes", text_box(height=70))
        self.changes.textChanged.connect(self._typed)
        self.form.add("progress", "Progress", QLabel("Statuses and notes above."))
        col.addWidget(self.form)
        self.revise = QCheckBox("Make a new version with these changes")
        self.revise.setAccessibleName("Make a new version with these changes")
        col.addWidget(self.revise)
        sides.addWidget(self._progress_panel(), 5)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("Save review", QDialogButtonBox.ButtonRole.AcceptRole)
        name_button(self.save_button)
        name_button(buttons.button(QDialogButtonBox.StandardButton.Cancel))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def _addressing_notes(self) -> review_notes.ReviewNotes:
        """Which notes addressed each objective since the last review (none if refused)."""
        actor, plan_id = self.ctx.actor, self.doc.plan_id
        found = operations.run(
            self.ctx, self, lambda: review_notes.notes_since_review(actor, plan_id)
        )
        return found.result if found else review_notes.ReviewNotes(None, {})

    def _progress_panel(self) -> QWidget:
        """The episode's Progress charts (the same as the chart's Progress tab)."""
        from iopdesk.gui.widgets.progress_charts import ProgressCharts

        self.charts = ProgressCharts(compact=True)
        actor, doc = self.ctx.actor, self.doc
        found = operations.run(
            self.ctx,
            self,
            lambda: progress.client_progress(actor, doc.client_id, doc.episode_id),
            errors=self.charts.message.setText,
        )
        if found:
            self.charts.show_progress(found.result)
        return self.charts

    def _typed(self) -> None:
        self.typed = True

    def progress(self) -> list[plans_reviews.ObjectiveProgress]:
        return [
            plans_reviews.ObjectiveProgress(o.id, box.currentData(), note.text())
            for o, box, note in zip(self.doc.objectives, self.status_boxes, self.notes, strict=True)
        ]

    def accept(self) -> None:
        """Save the review; problems appear under their fields and the dialog stays open."""
        progress, changes = self.progress(), self.changes.toPlainText()
        revise = self.revise.isChecked()
        saved = operations.run(
            self.ctx,
            self,
            lambda: plans_reviews.record_review(
                self.ctx.actor,
                self.doc.plan_id,
                progress,
                changes,
                review_date=date_of(self.review_date),
                revise=revise,
            ),
            errors=self.form,
        )
        if not saved:
            return
        self.outcome = saved.result
        self.typed = False
        super().accept()

    def reject(self) -> None:
        if self.typed:
            answer = prompts.save_discard_cancel(
                self, "Unsaved review", "Save this review before closing?"
            )
            if answer == "save":
                self.accept()
                return
            if answer == "cancel":
                return
        self.typed = False
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.typed:
            event.ignore()
            self.reject()
        else:
            event.accept()
