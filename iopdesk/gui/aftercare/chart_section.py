"""The chart's Discharge & aftercare section: status, episodes, the plan, follow-up check-ins."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.aftercare.common import save_pdf
from iopdesk.gui.aftercare.discharge_dialog import DischargeDialog
from iopdesk.gui.aftercare.follow_up_dialog import FollowUpDialog, ReadmitDialog
from iopdesk.gui.aftercare.plan_editor import AftercarePlanDialog
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import button_row, heading, name_button
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.aftercare import discharge, follow_ups
from iopdesk.services.aftercare.follow_ups import FollowUpRow
from iopdesk.services.aftercare.overview import AftercareOverview, EpisodeLine, aftercare_overview
from iopdesk.services.context import Actor

EPISODE_COLUMNS = [
    Column("Episode", lambda e: e.number),
    Column("Status", lambda e: e.status_label),
    date_column("Referred", lambda e: e.referral_date),
    date_column("Admitted", lambda e: e.admission_date),
    date_column("Discharged", lambda e: e.discharge_date),
    Column("Aftercare plan", lambda e: {"": "—", "draft": "Draft", "final": "Final"}.get(
        e.plan_status, e.plan_status)),
]  # fmt: skip
ADDENDUM_COLUMNS = [
    Column("Episode", lambda a: a.episode_number),
    Column("Written", lambda a: formats.show_moment(a.addendum.written_at)),
    Column("By", lambda a: a.addendum.written_by),
    Column("Addendum", lambda a: " ".join(a.addendum.text.split())[:200]),
]
FOLLOW_UP_COLUMNS = [
    date_column("Due", lambda f: f.due_date),
    Column("Check-in", lambda f: f.kind_label),
    Column("Done on", lambda f: f.done_on or ""),
    Column("Outcome", lambda f: f.outcome),
    Column("Notes", lambda f: " ".join(f.notes.split())[:120]),
    Column("Recorded by", lambda f: f.recorded_by),
]
#: What the section reads: the aftercare overview, and every check-in of the client.
Shown = tuple[AftercareOverview, list[FollowUpRow]]


class AftercareSection(ChartSection[Shown], QWidget):
    """Discharge, aftercare plan, readmission and check-ins for one client."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.overview: AftercareOverview | None = None
        self.dialog: QDialog | None = None
        may_write = ctx.actor.can("discharge.manage")
        col = QVBoxLayout(self)
        self.headline = heading("")
        self.headline.setAccessibleName("Discharge status")
        col.addWidget(self.headline)
        self.discharge_button = name_button(QPushButton("Discharge…"))
        self.plan_button = name_button(QPushButton("Aftercare plan…"))
        self.summary_button = name_button(QPushButton("Print discharge summary…"))
        self.readmit_button = name_button(QPushButton("Readmit…"))
        col.addLayout(
            button_row(
                self.discharge_button, self.plan_button, self.summary_button, self.readmit_button
            )
        )
        col.addWidget(QLabel("Episodes of care:"))
        self.episode_view = RowTable(EPISODE_COLUMNS, "Episodes of care")
        self.episode_view.setMaximumHeight(150)
        col.addWidget(self.episode_view)
        addenda_row = QHBoxLayout()
        addenda_row.addWidget(QLabel("Addenda to signed discharges:"), 1)
        self.addendum_button = name_button(QPushButton("Add addendum…"))
        self.addendum_button.clicked.connect(self.add_addendum)
        addenda_row.addWidget(self.addendum_button)
        col.addLayout(addenda_row)
        self.addenda_view = RowTable(ADDENDUM_COLUMNS, "Addenda to signed discharges")
        self.addenda_view.setMaximumHeight(120)
        col.addWidget(self.addenda_view)
        col.addWidget(QLabel("Follow-up check-ins after discharge:"))
        self.follow_up_view = RowTable(FOLLOW_UP_COLUMNS, "Follow-up check-ins")
        col.addWidget(self.follow_up_view, 1)
        self.episodes = self.episode_view.rows_model
        self.follow_up_model = self.follow_up_view.rows_model
        for view in (self.episode_view, self.follow_up_view):
            view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt starts descending: soonest first
        self.record_button = name_button(QPushButton("Record check-in…"))
        self.add_button = name_button(QPushButton("Add check-in…"))
        self.move_button = name_button(QPushButton("Move check-in…"))
        self.add_button.setEnabled(may_write)
        col.addLayout(button_row(self.record_button, self.add_button, self.move_button))
        self.discharge_button.clicked.connect(self.open_discharge)
        self.plan_button.clicked.connect(self.open_plan)
        self.summary_button.clicked.connect(self.print_summary)
        self.readmit_button.clicked.connect(self.open_readmit)
        self.record_button.clicked.connect(self.record_check_in)
        self.add_button.clicked.connect(self.add_check_in)
        self.move_button.clicked.connect(self.move_check_in)
        self.follow_up_view.doubleClicked.connect(lambda *_: self.record_check_in())
        self.follow_up_view.selectionModel().selectionChanged.connect(self._follow_up_chosen)
        # A refusal shows in the headline.
        self.keep_current(self.headline.setText, ctx.hub.clinical_changed, ctx.hub.client_changed)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> Shown:
        """The aftercare overview and the check-ins."""
        return (
            aftercare_overview(actor, client_id),
            follow_ups.list_follow_ups(actor, client_id),
        )

    def fill(self, found: Shown) -> None:
        """The headline, the three lists, and which actions apply."""
        o, rows = found
        actor = self.ctx.actor
        self.overview = o
        self.headline.setText(o.headline())
        self.episode_view.set_rows(list(o.episodes))
        self.addenda_view.set_rows(list(o.addenda))
        self.follow_up_view.set_rows(rows)
        self._follow_up_chosen()  # the new rows start with none chosen
        may_write = actor.can("discharge.manage")
        current = o.current
        self.discharge_button.setEnabled(may_write and o.can_discharge)
        self.readmit_button.setEnabled(may_write and o.can_readmit)
        self.plan_button.setEnabled(current is not None)
        self.plan_button.setText(
            "Aftercare plan…" if current and current.plan_status else "Start aftercare plan…"
        )
        self.plan_button.setAccessibleName(self.plan_button.text())
        self.summary_button.setEnabled(any(e.has_discharge for e in o.episodes))
        self.addendum_button.setEnabled(
            actor.can("clinical.write") and any(e.has_discharge for e in o.episodes)
        )

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda *_: self.refresh())
        dialog.open()
        return dialog

    def _open_read(self, make: Callable[[], QDialog], title: str) -> QDialog | None:
        """Open a dialog that reads what it shows (a refused read is shown instead)."""
        opened = operations.run(self.ctx, self, make, title=title)
        return self._open(opened.result) if opened else None

    def open_discharge(self) -> QDialog | None:
        return self._open_read(lambda: DischargeDialog(self.ctx, self.client_id, self), "Discharge")

    def open_plan(self) -> QDialog | None:
        return self._open_read(
            lambda: AftercarePlanDialog(self.ctx, self.client_id, self), "Aftercare plan"
        )

    def open_readmit(self) -> QDialog:
        return self._open(ReadmitDialog(self.ctx, self.client_id, self))

    def _discharged_episode(self) -> EpisodeLine | None:
        """The selected episode, or else the latest one with a signed discharge."""
        episode: EpisodeLine | None = self.episode_view.selected()  # type: ignore[assignment]
        if episode is None and self.overview:
            episode = next((e for e in self.overview.episodes if e.has_discharge), None)
        return episode

    def add_addendum(self) -> None:
        """Add a dated addendum to the chosen episode's signed discharge."""
        episode = self._discharged_episode()
        if episode is None or episode.discharge_id is None:
            prompts.inform(self, "Add addendum", "Choose an episode that has been discharged.")
            return
        text = prompts.ask_text(
            self,
            "Add addendum",
            f"Addendum to the discharge of episode {episode.number} "
            "(dated and signed with your name):",
        )
        if text:
            discharge_id = episode.discharge_id
            operations.run(
                self.ctx,
                self,
                lambda: discharge.add_discharge_addendum(self.ctx.actor, discharge_id, text),
                title="Add addendum",
            )

    def print_summary(self) -> None:
        """Save the discharge summary of the selected (or latest discharged) episode."""
        episode = self._discharged_episode()
        episode_id = episode.id if episode is not None else None
        read = operations.run(
            self.ctx,
            self,
            lambda: discharge.print_discharge_summary(self.ctx.actor, self.client_id, episode_id),
            title="Print discharge summary",
        )
        if read:
            printout = read.result
            save_pdf(self, "Print discharge summary", printout.file_name, printout.content)

    def _selected_follow_up(self) -> FollowUpRow | None:
        return self.follow_up_view.selected()  # type: ignore[return-value]

    def _follow_up_chosen(self) -> None:
        """The check-in buttons act on the chosen check-in: wait for one to be chosen."""
        row = self._selected_follow_up()
        if row is None:
            why = "Choose a check-in in the list first."
        else:
            why = f"Already recorded: {row.outcome}." if row.done_on is not None else ""
        may_write = self.ctx.actor.can("discharge.manage")
        for button in (self.record_button, self.move_button):
            button.setEnabled(may_write and not why)
            button.setToolTip(why if may_write else "")

    def record_check_in(self) -> QDialog | None:
        row = self._selected_follow_up()
        if row is None or not self.ctx.actor.can("discharge.manage"):
            return None
        if row.done_on is not None:
            prompts.inform(self, "Record check-in", f"Already recorded: {row.outcome}.")
            return None
        return self._open(FollowUpDialog(self.ctx, row, self))

    def _with_date(self, title: str, question: str, change: Callable[[str], object]) -> None:
        """Ask for a due date, then run ``change(day)`` (a refusal says why in a message box)."""
        answer = prompts.ask_text(self, title, question)
        if answer and answer.strip():
            day = answer.strip()
            operations.run(self.ctx, self, lambda: change(day), title=title)

    def add_check_in(self) -> None:
        self._with_date(
            "Add check-in",
            f"Due date of the extra check-in (for example {formats.date_example()}):",
            lambda day: follow_ups.schedule_follow_up(self.ctx.actor, self.client_id, day),
        )

    def move_check_in(self) -> None:
        row = self._selected_follow_up()
        if row is not None:
            self._with_date(
                "Move check-in",
                f"New due date for the {row.kind_label} check-in "
                f"(for example {formats.date_example()}):",
                lambda day: follow_ups.reschedule_follow_up(self.ctx.actor, row.id, day),
            )
