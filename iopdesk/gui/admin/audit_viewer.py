"""The audit log viewer: who did what, in sentences; filter by person, client, dates and what
was done; export to CSV."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.saving import write_document
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.admin import audit_log
from iopdesk.services.admin import staff as staff_service
from iopdesk.services.admin.audit_sentences import PHRASES

COLUMNS = [
    Column("When", lambda r: formats.show_moment(r.at), sort_key=lambda r: r.at.isoformat()),
    Column("What happened", lambda r: r.sentence, highlight=lambda r: r.outcome != "ok"),
    Column("Client", lambda r: r.client),
    Column("Detail", lambda r: r.detail),
]


def _labelled(text: str, widget: QWidget) -> list[QWidget]:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.rstrip(":"))
    return [label, widget]


def _what_choices() -> QComboBox:
    """Every action, said as what was done ("open the chart of a client"), A to Z."""
    box = QComboBox()
    box.addItem("Anything", "")
    for phrase, action in sorted(
        (p.format(client="a client", staff="a staff member"), a) for a, p in PHRASES.items()
    ):
        box.addItem(phrase[0].upper() + phrase[1:], action)
    box.setMaxVisibleItems(20)
    _narrow(box, 28)
    return box


def _narrow(box: QComboBox, letters: int) -> None:
    """A drop-down as wide as ``letters`` letters, whatever its longest entry (long entries
    must not widen the Administration area past the window)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(letters)


class AuditViewer(QWidget):
    """Newest first; one page at a time so a years-long log opens instantly."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        who, when = QHBoxLayout(), QHBoxLayout()
        self.person = QComboBox()
        _narrow(self.person, 20)
        self.client = QLineEdit()
        self.client.setPlaceholderText("IOP-000123")
        self.client.setMinimumWidth(110)
        self.use_dates = QCheckBox("Between dates")
        self.use_dates.setAccessibleName("Between dates")
        self.date_from = date_edit(dt.date.today() - dt.timedelta(days=30))
        self.date_to = date_edit()
        self.action = _what_choices()
        self.apply_button = name_button(QPushButton("Show"))
        self.export_button = name_button(QPushButton("Export CSV..."))
        for w in (
            *_labelled("Person:", self.person),
            *_labelled("Client record number:", self.client),
            *_labelled("What:", self.action),
        ):
            who.addWidget(w)
        who.addStretch()
        for w in (
            self.use_dates,
            *_labelled("From:", self.date_from),
            *_labelled("To:", self.date_to),
        ):
            when.addWidget(w)
        when.addStretch()
        when.addWidget(self.apply_button)
        when.addWidget(self.export_button)
        col.addLayout(who)
        col.addLayout(when)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        col.addWidget(self.error)
        for box in (self.date_from, self.date_to):
            box.problem_changed.connect(self._date_problem)
        self.table = RowTable(COLUMNS, "Audit log")
        col.addWidget(self.table)
        self.apply_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self._people_loaded = False

    def _date_problem(self, problem: str) -> None:
        if problem:  # a typed date that is not one is said beside the filters at once
            self.error.setText(problem)

    def _load_people(self) -> None:
        people = operations.run(
            self.ctx,
            self,
            lambda: staff_service.list_staff(self.ctx.actor),
            errors=self.error.setText,
        )
        self.person.clear()
        self.person.addItem("Everyone", None)
        for s in people.result if people else []:
            self.person.addItem(f"{s.full_name} ({s.username})", s.id)
        self._people_loaded = bool(people)

    def current_filter(self) -> audit_log.AuditFilter:
        """The filter as set (call it inside an operation: a mistyped date is refused)."""
        return audit_log.AuditFilter(
            staff_id=self.person.currentData(),
            record_number=self.client.text(),
            date_from=date_of(self.date_from) if self.use_dates.isChecked() else None,
            date_to=date_of(self.date_to) if self.use_dates.isChecked() else None,
            action=self.action.currentData() or "",
        )

    def refresh(self) -> None:
        if not self._people_loaded:
            self._load_people()
        found = operations.run(
            self.ctx,
            self,
            lambda: audit_log.search(self.ctx.actor, self.current_filter()),
            errors=self.error.setText,
        )
        self.table.set_rows(found.result if found else [])

    def export(self) -> None:
        path = prompts.save_file(
            self,
            "Export audit log",
            f"audit-log-{dt.date.today().isoformat()}.csv",
            "CSV (*.csv)",
        )
        if path and operations.run(
            self.ctx,
            self,
            lambda: write_document(
                path, audit_log.export_csv(self.ctx.actor, self.current_filter())
            ),
            errors=self.error.setText,
        ):
            prompts.inform(self, "Exported", f"The audit log was saved to {path}.")
