"""The chart's intake section: assessments, screening history and the safety follow-up."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain.intake import LEVELS_OF_CARE
from iopdesk.errors import DomainError
from iopdesk.gui import prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services.intake import assessments as intake
from iopdesk.services.intake import drafts as intake_drafts
from iopdesk.services.intake import screenings as intake_screenings


def _table(name: str, model: RowTableModel) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(model)
    proxy.setSortRole(Qt.ItemDataRole.UserRole)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first, as the service lists
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().hide()
    return view


class IntakeTab(QWidget):
    """Assessments (draft / signed), New / Open, screenings with scores and bands."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.windows: dict[int, QWidget] = {}
        layout = QVBoxLayout(self)
        flag_row = QHBoxLayout()
        self.flag = QLabel()
        self.flag.setObjectName("fieldError")
        self.flag.setWordWrap(True)
        self.flag.setAccessibleName("Safety flag")
        flag_row.addWidget(self.flag, 1)
        self.follow_up_button = name_button(QPushButton("Record safety follow-up"))
        self.follow_up_button.clicked.connect(self.record_follow_up)
        flag_row.addWidget(self.follow_up_button)
        layout.addLayout(flag_row)

        layout.addWidget(heading("Intake assessments"))
        self.assessments = RowTableModel(
            [
                Column("Date", lambda r: f"{r.assessed_on:%Y-%m-%d}"),
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
        )
        self.assessment_view = _table("Intake assessments", self.assessments)
        self.assessment_view.doubleClicked.connect(lambda *_: self.open_selected())
        layout.addWidget(self.assessment_view, 1)
        buttons = QHBoxLayout()
        self.new_button = name_button(QPushButton("New assessment"))
        self.new_button.clicked.connect(self.new_assessment)
        self.open_button = name_button(QPushButton("Open assessment"))
        self.open_button.clicked.connect(self.open_selected)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        layout.addWidget(heading("Screenings"))
        self.screenings = RowTableModel(
            [
                Column("Date", lambda r: f"{r.administered_on:%Y-%m-%d}"),
                Column("Instrument", lambda r: r.name),
                Column("Score", lambda r: r.score_text, sort_key=lambda r: r.total or -1),
                Column(
                    "Flags", lambda r: "; ".join(r.flags), highlight=lambda r: r.needs_follow_up
                ),
                Column("Given by", lambda r: r.administered_by),
                Column("Part of", lambda r: "Intake" if r.assessment_id else "Episode"),
            ]
        )
        self.screening_view = _table("Screenings", self.screenings)
        layout.addWidget(self.screening_view, 1)
        row = QHBoxLayout()
        self.record_button = name_button(QPushButton("Record screening"))
        self.record_button.clicked.connect(self.record_screening)
        row.addWidget(self.record_button)
        self.trend = QLabel()
        self.trend.setAccessibleName("First and last scores")
        self.trend.setWordWrap(True)
        row.addWidget(self.trend, 1)
        layout.addLayout(row)
        ctx.hub.clinical_changed.connect(self._maybe_refresh)
        ctx.hub.client_changed.connect(self._maybe_refresh)
        self.refresh()

    def _maybe_refresh(self, client_id: int) -> None:
        if client_id == self.client_id:
            self.refresh()

    def refresh(self) -> None:
        """Ask the services again (after any change to this client)."""
        actor = self.ctx.actor
        try:
            rows = intake.list_assessments(actor, self.client_id)
            history = intake_screenings.screening_history(actor, self.client_id)
            flag = intake_screenings.safety_flag(actor, self.client_id)
        except DomainError as exc:
            self.flag.setText(exc.message)
            self.flag.show()
            self.follow_up_button.hide()
            return
        self.assessments.set_rows(rows)
        self.screenings.set_rows(history.rows)
        self.flag.setText(flag)
        self.flag.setVisible(bool(flag))
        self.follow_up_button.setVisible(bool(flag))
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

    def selected_row(self):
        indexes = self.assessment_view.selectionModel().selectedRows()
        if not indexes:
            return None
        proxy = self.assessment_view.model()
        return self.assessments.row_at(proxy.mapToSource(indexes[0]).row())

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
        try:
            view = intake_drafts.start_assessment(self.ctx.actor, self.client_id)
        except DomainError as exc:
            prompts.error(self, "Cannot start an assessment", exc.message)
            return
        self.ctx.hub.client_changed.emit(self.client_id)
        self.refresh()
        self.open_assessment(view.id)

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            prompts.inform(self, "Open assessment", "Choose an assessment in the list first.")
            return
        self.open_assessment(row.id)

    def open_assessment(self, assessment_id: int) -> QWidget | None:
        """Open (or bring forward) the assessment window."""
        from iopdesk.gui.intake.window import AssessmentWindow

        window = self.windows.get(assessment_id)
        if window is None:
            try:
                window = AssessmentWindow(self.ctx, assessment_id, parent=self)
            except DomainError as exc:
                prompts.error(self, "Cannot open the assessment", exc.message)
                return None
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

    def record_follow_up(self) -> None:
        note = prompts.ask_text(
            self,
            "Record safety follow-up",
            "What was done (risk assessed, safety plan, referral, who was told):",
        )
        if note is None:
            return
        try:
            intake_screenings.record_safety_follow_up(self.ctx.actor, self.client_id, note)
        except DomainError as exc:
            prompts.error(self, "Follow-up not recorded", exc.message)
            return
        self.ctx.hub.client_changed.emit(self.client_id)
        self.refresh()


CHART_TAB = ChartTab("intake", "Intake", 30, "clinical.read", IntakeTab)
