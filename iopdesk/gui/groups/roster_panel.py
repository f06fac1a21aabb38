"""A group's roster on a chosen date, with Add member and End membership."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.forms import FieldForm, line, name_button
from iopdesk.gui.widgets.dates import date_column, date_edit, date_of
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.groups import roster

COLUMNS = [
    Column("Client", lambda r: r.client_name),
    Column("Record", lambda r: r.record_number),
    date_column("From", lambda r: r.start_date),
    date_column("To", lambda r: r.end_date, blank="ongoing"),
    Column("Reason for ending", lambda r: r.end_reason),
]


class RosterPanel(QWidget):
    """Who is in the group on a date; rolling admission means the list changes by date."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.group_id: int | None = None
        col = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Roster on"))
        self.day = date_edit()
        self.day.setAccessibleName("Roster on")
        self.day.dateChanged.connect(self._day_changed)
        self.day.problem_changed.connect(self._day_problem)
        top.addWidget(self.day)
        self.count = QLabel()
        top.addWidget(self.count, 1)
        col.addLayout(top)
        self.table = RowTable(COLUMNS, "Roster")
        col.addWidget(self.table, 1)
        self.form = FieldForm()
        self.search = self.form.add("search", "Find client", line(placeholder="Name or record"))
        self.search.textChanged.connect(self._find)
        self.client = self.form.add("client", "Client to add", QComboBox())
        self.client.currentIndexChanged.connect(self._client_chosen)
        self.start = self.form.add("start_date", "Start date", date_edit())
        self.end = self.form.add("end_date", "End date", date_edit())
        self.reason = self.form.add("end_reason", "Reason for ending", line())
        col.addWidget(self.form)
        buttons = QHBoxLayout()
        self.add_button = name_button(QPushButton("Add member"))
        self.add_button.clicked.connect(self.add_member)
        self.end_button = name_button(QPushButton("End membership"))
        self.end_button.clicked.connect(self.end_membership)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        col.addLayout(buttons)
        self.add_button.setEnabled(False)  # until a client is found and chosen
        self.table.needs_row(self.end_button)
        allowed = ctx.actor.can("roster.manage")
        for widget in (self.form, self.add_button, self.end_button):
            widget.setVisible(allowed)

    def _day_changed(self, _date: QDate) -> None:
        self.refresh()

    def _day_problem(self, problem: str) -> None:
        if problem:  # a typed date that is not one: said beside it, the list kept as it was
            self.count.setText(problem)

    def show_group(self, group_id: int | None) -> None:
        self.group_id = group_id
        self.setEnabled(group_id is not None)
        self.refresh()

    def refresh(self) -> None:
        if self.group_id is None:
            self.table.set_rows([])
            self.count.setText("")
            return
        group_id = self.group_id
        found = operations.run(
            self.ctx,
            self,
            lambda: roster.roster_on(self.ctx.actor, group_id, date_of(self.day)),
            errors=self.count.setText,
        )
        rows = found.result if found else []
        self.table.set_rows(rows)
        if found:
            self.count.setText(f"{len(rows)} member(s) on {self.day.text()}")

    def _find(self, text: str) -> None:
        self.client.clear()
        if len(text.strip()) < 2:
            return
        found = operations.run(
            self.ctx,
            self,
            lambda: roster.clients_to_add(self.ctx.actor, text, 25),
            errors=self.form,
        )
        for cid, name, number in found.result if found else []:
            self.client.addItem(f"{name} · {number}", cid)

    def _client_chosen(self, _index: int) -> None:
        self.add_button.setEnabled(self.client.currentData() is not None)

    def add_member(self) -> None:
        group_id, client_id = self.group_id, self.client.currentData()
        added = operations.run_with_reason(
            self.ctx,
            self,
            lambda reason: roster.add_member(
                self.ctx.actor,
                group_id,
                client_id,
                date_of(self.start),
                reason=reason,
            ),
            reason_title="Add to the group anyway?",
            errors=self.form,
        )
        if added:
            self.search.clear()
            self.refresh()

    def end_membership(self) -> None:
        row, reason = self.table.selected(), self.reason.text()
        ended = operations.run(
            self.ctx,
            self,
            lambda: roster.end_membership(
                self.ctx.actor, row.membership_id, date_of(self.end), reason
            ),
            errors=self.form,
        )
        if ended:
            self.reason.clear()
            self.refresh()
