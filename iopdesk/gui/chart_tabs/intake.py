"""The chart's intake section: assessments, screening history and the screenings due again,
and the episode's phases and level-of-care changes (the safety flag and its follow-up are in
the chart's header)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain.intake import LEVELS_OF_CARE
from iopdesk.gui import operations
from iopdesk.gui.chart_tabs.course_section import CourseSection
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import button_row, heading, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.context import Actor
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import rescreening
from iopdesk.services.intake import screenings as intake_screenings

ASSESSMENTS = [
    date_column("Date", lambda r: r.assessed_on),
    Column("Status", lambda r: "Signed" if r.status == "signed" else "Draft"),
    Column("Episode", lambda r: r.episode_number),
    Column("Started by", lambda r: r.created_by),
    Column("Signed by", lambda r: r.signed_by),
    Column(
        "Level of care",
        lambda r: LEVELS_OF_CARE.get(r.level_of_care, r.level_of_care).split(" (")[0],
    ),
    Column("Addenda", lambda r: r.addenda or ""),
]
SCREENINGS = [
    date_column("Date", lambda r: r.administered_on),
    Column("Instrument", lambda r: r.name),
    Column("Score", lambda r: r.score_text, sort_key=lambda r: r.total or -1),
    Column("AUDIT-C", lambda r: r.audit_c_text.removeprefix("AUDIT-C (items 1-3): ")),
    Column("Flags", lambda r: "; ".join(r.flags), highlight=lambda r: r.needs_follow_up),
    Column("Given by", lambda r: r.administered_by),
    Column("Part of", lambda r: "Intake" if r.assessment_id else "Episode"),
]


#: What the tab reads: the assessments, the screening history and the screenings due again.
Shown = tuple[
    list[intake.AssessmentRow],
    intake_screenings.ScreeningHistory,
    list[rescreening.ScreeningDue],
]
#: The screenings list is never shorter than this many rows (it scrolls beyond them).
SCREENING_ROWS_SHOWN = 5


def _empty_line(text: str) -> QLabel:
    """What an empty list says instead of a bare table: that it is empty, and what to do."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    label.hide()
    return label


def _show_rows(table: RowTable, empty: QLabel, rows: Sequence[object]) -> None:
    """Show the rows, or the line saying there are none."""
    table.set_rows(rows)
    table.setVisible(bool(rows))
    empty.setVisible(not rows)


class IntakeTab(ChartSection[Shown], QScrollArea):
    """Assessments (draft / signed), New / Open, screenings with scores and bands, and the
    episode's course; it scrolls rather than squeezing a list to a row and a half."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.windows: dict[int, QWidget] = {}
        self.setWidgetResizable(True)
        body = QWidget()
        self.body = layout = QVBoxLayout(body)
        # The safety flag and its follow-up live in the chart's header, over every tab.
        self.problem = Notice()  # a refused refresh says why here
        layout.addWidget(self.problem)

        layout.addWidget(heading("Intake assessments"))
        self.assessment_view = RowTable(ASSESSMENTS, "Intake assessments")
        self.assessments = self.assessment_view.rows_model
        self.assessment_view.row_opened.connect(lambda row: self.open_assessment(row.id))
        layout.addWidget(self.assessment_view, 1)
        self.assessments_empty = _empty_line(
            "No intake assessment yet. New assessment starts one; it is saved as you type."
        )
        layout.addWidget(self.assessments_empty)
        self.new_button = name_button(QPushButton("New assessment"))
        self.new_button.clicked.connect(self.new_assessment)
        self.open_button = name_button(QPushButton("Open assessment"))
        self.open_button.clicked.connect(self.open_selected)
        self.assessment_view.needs_row(self.open_button)
        layout.addLayout(button_row(self.new_button, self.open_button))

        layout.addWidget(heading("Screenings"))
        # The clinic's re-screening reminders for this client: "PHQ-9 due since 11/28/2026".
        self.due = Notice("rescreenDue")
        self.due.setAccessibleName("Screenings due")
        bold = self.due.font()
        bold.setBold(True)
        self.due.setFont(bold)
        layout.addWidget(self.due)
        self.screening_view = RowTable(SCREENINGS, "Screenings")
        self.screening_view.setMinimumHeight(SCREENING_ROWS_SHOWN * 30)  # the most-read list
        layout.addWidget(self.screening_view, 2)
        self.screenings_empty = _empty_line(
            "No screenings recorded yet. Record screening gives a PHQ-9, GAD-7, AUDIT or DAST-10 "
            "and scores it."
        )
        layout.addWidget(self.screenings_empty)
        row = QHBoxLayout()
        self.record_button = name_button(QPushButton("Record screening"))
        self.record_button.clicked.connect(self.record_screening)
        row.addWidget(self.record_button)
        self.trend = QLabel()
        self.trend.setAccessibleName("First and last scores")
        self.trend.setWordWrap(True)
        row.addWidget(self.trend, 1)
        layout.addLayout(row)
        self.course = CourseSection(ctx, client_id)
        layout.addWidget(self.course, 1)
        # With a list empty, what is left stays at the top instead of spreading out.
        layout.addStretch(0)
        self.setWidget(body)
        self.keep_current(self.problem.say, ctx.hub.clinical_changed, ctx.hub.client_changed)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> Shown:
        """The client's assessments, screenings, and the screenings due again."""
        return (
            intake.list_assessments(actor, client_id),
            intake_screenings.screening_history(actor, client_id),
            rescreening.client_screenings_due(actor, client_id),
        )

    def fill(self, found: Shown) -> None:
        """The lists (or the lines saying they are empty), the course, and the reminders."""
        rows, history, due = found
        self.course.refresh()
        # An empty course is two lines: the room goes to the lists above it.
        self.body.setStretchFactor(self.course, 1 if self.course.table.isVisibleTo(self) else 0)
        self.due.say("; ".join(row.sentence for row in due))
        _show_rows(self.assessment_view, self.assessments_empty, rows)
        _show_rows(self.screening_view, self.screenings_empty, history.rows)
        has_draft = self._open_draft() is not None
        self.new_button.setText("Continue draft assessment" if has_draft else "New assessment")
        self.new_button.setAccessibleName(self.new_button.text())
        self.trend.setText(
            "   ".join(
                f"{first.name}: {first.total} → {last.total} ({last.band})"
                for first, last in history.first_last.values()
                if first.id != last.id
            )
        )

    def _open_draft(self) -> intake.AssessmentRow | None:
        """The draft to continue: never one whose episode was discharged (it cannot be signed;
        a readmitted client starts a new intake)."""
        return next(
            (
                r
                for r in self.assessments.rows
                if r.status == "draft" and r.episode_status != "discharged"
            ),
            None,
        )

    def new_assessment(self) -> None:
        draft = self._open_draft()
        if draft is not None:
            self.open_assessment(draft.id)
            return
        started = operations.run(
            self.ctx,
            self,
            lambda: intake_drafts.start_assessment(self.ctx.actor, self.client_id),
            title="Cannot start an assessment",
        )
        if started:
            self.open_assessment(started.result.id)

    def open_selected(self) -> None:
        """Open the assessment chosen in the list (the button needs one chosen)."""
        row = self.assessment_view.selected()
        if row is not None:
            self.open_assessment(row.id)

    def open_assessment(self, assessment_id: int) -> QWidget | None:
        """Open (or bring forward) the assessment window."""
        from iopdesk.gui.intake.window import AssessmentWindow

        window = self.windows.get(assessment_id)
        if window is None:
            opened = operations.run(
                self.ctx,
                self,
                lambda: AssessmentWindow(self.ctx, assessment_id, parent=self),
                title="Cannot open the assessment",
            )
            if not opened:
                return None
            window = opened.result
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self.windows.pop(assessment_id, None))
            self.windows[assessment_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def record_screening(self) -> None:
        from iopdesk.gui.intake.screening_dialog import ScreeningDialog

        dialog = ScreeningDialog(self.ctx, self.client_id, parent=self)
        dialog.exec()
        self.refresh()


CHART_TAB = ChartTab("intake", "Intake", 30, "clinical.read", IntakeTab)
