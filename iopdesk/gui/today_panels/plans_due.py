"""Today: treatment plans due or overdue for review, your own clients first, and "Print
today's plans" for every client scheduled today, one group or one counselor's clients."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.forms import name_button
from iopdesk.gui.registry import TodayPanel
from iopdesk.gui.saving import write_document
from iopdesk.gui.today_panels.list_panel import ListPanel
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.plans import printing as plans_printing
from iopdesk.services.plans import reviews as plans_reviews
from iopdesk.services.plans.reviews import DueRow

COLUMNS = [
    Column("Client", lambda r: f"{r.client_name} ({r.record_number})"),
    Column("Counselor", lambda r: r.counselor_name),
    date_column(
        "Next review",
        lambda r: r.next_review_date,
        highlight=lambda r: r.review_status == "overdue",
    ),
    Column("When", lambda r: r.label, highlight=lambda r: r.review_status == "overdue"),
]


class PlansDuePanel(ListPanel):
    """Plans due within a week or overdue; double-click opens the client's chart."""

    name = "Plans due for review"
    columns = COLUMNS
    # Groups and counselors come and go: the "for" picker follows them.
    refresh_on = ("clinical", "schedule", "staff")

    def controls(self) -> list[QWidget]:
        self.print_button = name_button(QPushButton("Print today's plans…"))
        self.print_button.clicked.connect(lambda: self.print_today())
        self.whose = QComboBox()
        self.whose.setAccessibleName("Print plans for")
        self.whose.setToolTip("Everyone scheduled today, one group's roster, or one counselor's")
        self.whose.setMinimumContentsLength(24)
        self.choices: list[plans_printing.BatchChoice] = []
        return [self.print_button, QLabel("for"), self.whose]

    def refresh(self) -> None:
        """The list, and the groups and counselors to print for (the choice is kept)."""
        super().refresh()
        outcome = operations.run(
            self.ctx, self, lambda: plans_printing.batch_choices(self.ctx.actor)
        )
        if not outcome:
            return
        kept = self.whose.currentText()
        self.whose.clear()
        self.choices = outcome.result
        self.whose.addItems([choice.label for choice in self.choices])
        self.whose.setCurrentIndex(max(0, self.whose.findText(kept)))

    def query(self) -> list[DueRow]:
        return plans_reviews.plans_due(self.ctx.actor)

    def summary_for(self, rows: list[DueRow]) -> str:
        if not rows:
            return "No plans are due for review this week."
        overdue = sum(1 for r in rows if r.review_status == "overdue")
        late = f", {overdue} overdue (highlighted)" if overdue else ""
        return f"{len(rows)} plan(s) due for review within a week{late}."

    def open(self, row: DueRow) -> None:
        self.ctx.hub.open_chart(row.client_id)

    def print_today(self, day: dt.date | None = None) -> str | None:
        """One PDF of the plans of every client scheduled today (or of the group or counselor
        chosen beside the button), with a progress bar."""
        day = day or dt.date.today()
        index = self.whose.currentIndex()
        choice = self.choices[index] if index >= 0 else plans_printing.EVERYONE
        progress = QProgressDialog("Preparing today's plans…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Print today's plans")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def step(done: int, total: int) -> None:
            progress.setValue(int(100 * done / max(total, 1)))
            QApplication.processEvents()

        outcome = operations.run(
            self.ctx,
            self,
            lambda: plans_printing.print_todays_plans(self.ctx.actor, day, choice, progress=step),
            title="Print today's plans",
        )
        progress.setValue(100)
        progress.close()
        if not outcome:
            return None
        printout = outcome.result
        batch = printout.document
        if not batch.plans:
            whose = "" if choice == plans_printing.EVERYONE else f" ({choice.label})"
            prompts.inform(
                self,
                "Print today's plans",
                f"No client scheduled today{whose} has a treatment plan.",
            )
            return None
        path = prompts.save_file(
            self, "Save today's plans", printout.file_name, "PDF files (*.pdf)"
        )
        if not path or not operations.run(
            self.ctx,
            self,
            lambda: write_document(path, printout.content),
            title="Print today's plans",
        ):
            return None
        missing = (
            f" No plan yet for: {', '.join(batch.without_plan)}." if batch.without_plan else ""
        )
        prompts.inform(
            self, "Print today's plans", f"{len(batch.plans)} plans saved to {path}.{missing}"
        )
        return path


TODAY_PANEL = TodayPanel(
    "plans_due", "Treatment plans due for review", 20, "clinical.read", PlansDuePanel
)
