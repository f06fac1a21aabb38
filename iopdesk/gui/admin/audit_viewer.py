"""The audit log viewer: filter by person, client and dates; export to CSV."""

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

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.saving import write_document
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.admin import audit_log
from iopdesk.services.admin import staff as staff_service


def _labelled(text: str, widget: QWidget) -> list[QWidget]:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.rstrip(":"))
    return [label, widget]


class AuditViewer(QWidget):
    """Newest first; one page at a time so a years-long log opens instantly."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        col = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.person = QComboBox()
        self.client = QLineEdit()
        self.client.setPlaceholderText("record number")
        self.use_dates = QCheckBox("Between dates")
        self.use_dates.setAccessibleName("Between dates")
        self.date_from = date_edit(dt.date.today() - dt.timedelta(days=30))
        self.date_to = date_edit()
        self.action = QLineEdit()
        self.action.setPlaceholderText("e.g. client.open")
        for w in (
            *_labelled("Person:", self.person),
            *_labelled("Client record number:", self.client),
            self.use_dates,
            *_labelled("From:", self.date_from),
            *_labelled("To:", self.date_to),
            *_labelled("Action:", self.action),
        ):
            filters.addWidget(w)
        self.apply_button = name_button(QPushButton("Show"))
        self.export_button = name_button(QPushButton("Export CSV..."))
        filters.addWidget(self.apply_button)
        filters.addWidget(self.export_button)
        col.addLayout(filters)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        col.addWidget(self.error)
        self.table = RowTable(
            [
                Column(
                    title,
                    (lambda i: lambda r: r.as_list()[i])(n),
                    highlight=lambda r: r.outcome != "ok",
                )
                for n, title in enumerate(audit_log.COLUMNS)
            ],
            "Audit log",
        )
        col.addWidget(self.table)
        self.apply_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self._people_loaded = False

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
        return audit_log.AuditFilter(
            staff_id=self.person.currentData(),
            record_number=self.client.text(),
            date_from=date_of(self.date_from) if self.use_dates.isChecked() else None,
            date_to=date_of(self.date_to) if self.use_dates.isChecked() else None,
            action_contains=self.action.text(),
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
        flt = self.current_filter()
        path = prompts.save_file(
            self, "Export audit log", f"audit-log-{dt.date.today():%Y-%m-%d}.csv", "CSV (*.csv)"
        )
        if path and operations.run(
            self.ctx,
            self,
            lambda: write_document(path, audit_log.export_csv(self.ctx.actor, flt)),
            errors=self.error.setText,
        ):
            prompts.inform(self, "Exported", f"The audit log was saved to {path}.")
