"""The Clients list: search as you type, status and counselor filters, server-side sort, paging."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain.clients import STATUSES
from iopdesk.gui import operations
from iopdesk.gui.clients.client_dialog import ClientDialog, counselor_choices
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, heading, name_button
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients import records as clients
from iopdesk.services.clients.search import ClientRow

PAGE = 100
#: Keys typed before the list is asked again make one search, without any waiting: a search
#: over 50,000 clients takes a few milliseconds, so each key shows its matches at once.
DEBOUNCE_MS = 0
#: column index -> the service's sort key
SORT_KEYS = {
    0: "record_number",
    1: "name",
    2: "date_of_birth",
    3: "date_of_birth",
    4: "status",
    5: "counselor",
}


COLUMNS = [
    Column("Record", lambda r: r.record_number),
    Column("Name", lambda r: r.list_name, highlight=lambda r: bool(r.safety_flag)),
    Column("Date of birth", lambda r: r.date_of_birth.isoformat()),
    Column("Age", lambda r: r.age),
    Column("Status", lambda r: r.status_label),
    Column("Counselor", lambda r: r.counselor_name or "—"),
    Column("Phone", lambda r: r.phone),
]


class ClientList(QWidget):
    """Find a client and open their chart, or register a new one."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sort_key, self.descending = "name", False
        self.loaded = self.total = 0
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("Clients"))
        top.addStretch(1)
        self.new_button = name_button(QPushButton("New client"))
        self.new_button.setObjectName("primary")
        self.new_button.setVisible(ctx.actor.can("client.register"))
        self.new_button.clicked.connect(self.new_client)
        top.addWidget(self.new_button)
        outer.addLayout(top)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Name, preferred name, record number or birth date")
        self.search.setAccessibleName("Search clients")
        self.search.setClearButtonEnabled(True)
        self.status = combo({"": "All statuses", **STATUSES})
        self.status.setAccessibleName("Status")
        self.counselor = combo({0: "All counselors"})
        self.counselor.setAccessibleName("Counselor")
        self._fill_counselors()
        for caption, widget, stretch in (
            ("&Search:", self.search, 3),
            ("S&tatus:", self.status, 1),
            ("C&ounselor:", self.counselor, 1),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, stretch)
        outer.addLayout(filters)

        # The service sorts (a page of 50,000 cannot be sorted here); Enter opens the chart.
        self.table = RowTable(COLUMNS, "Clients", sort_locally=False)
        self.model = self.table.rows_model
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.sectionClicked.connect(self._header_clicked)
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.row_opened.connect(self.open_client)
        outer.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Clients shown")
        self.more_button = name_button(QPushButton("Show more"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.more_button)
        outer.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.counselor.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.hub.client_changed.connect(lambda _id: self.refresh())
        ctx.hub.staff_changed.connect(self._fill_counselors)
        self.refresh()

    def _fill_counselors(self) -> None:
        current = self.counselor.currentData()
        self.counselor.blockSignals(True)
        self.counselor.clear()
        self.counselor.addItem("All counselors", 0)
        for staff_id, label in counselor_choices().items():
            if staff_id is not None:
                self.counselor.addItem(label, staff_id)
        self.counselor.setCurrentIndex(max(0, self.counselor.findData(current)))
        self.counselor.blockSignals(False)

    def _filters(self) -> dict[str, object]:
        return {
            "query": self.search.text(),
            "status": self.status.currentData() or "",
            "counselor_id": self.counselor.currentData() or None,
        }

    def _search_now(self) -> None:
        self.timer.stop()
        self.refresh()
        if self.model.rowCount() == 1:
            self.open_client(self.model.row_at(0))

    def _page(self, offset: int = 0) -> list[ClientRow]:
        return clients.list_clients(
            self.ctx.actor,
            sort=self.sort_key,
            descending=self.descending,
            limit=PAGE,
            offset=offset,
            **self._filters(),
        )

    def refresh(self) -> None:
        """Reload the first page for the current search, filters and order."""
        self.timer.stop()
        found = operations.run(
            self.ctx,
            self,
            lambda: (self._page(), clients.client_count(self.ctx.actor, **self._filters())),
            errors=self.count_label.setText,
        )
        if not found:
            return
        rows, self.total = found.result
        self.table.set_rows(rows)
        self.loaded = len(rows)
        self._show_count()
        if rows:
            self.table.selectRow(0)

    def load_more(self) -> None:
        """Append the next page (the list never loads every client at once)."""
        more = operations.run(
            self.ctx, self, lambda: self._page(self.loaded), errors=self.count_label.setText
        )
        if not more:
            return
        self.table.set_rows([*self.model.rows, *more.result])
        self.loaded += len(more.result)
        self._show_count()

    def _show_count(self) -> None:
        if self.total == 0:
            text = "No clients match." if self.search.text().strip() else "No clients yet."
        elif self.loaded >= self.total:
            text = f"{self.total:,} client{'s' if self.total != 1 else ''}"
        else:
            text = f"Showing {self.loaded:,} of {self.total:,} clients"
        self.count_label.setText(text)
        self.more_button.setVisible(self.loaded < self.total)

    def _header_clicked(self, column: int) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.descending = self.table.horizontalHeader().sortIndicatorOrder() == (
            Qt.SortOrder.DescendingOrder
        )
        # Age sorts the opposite way to birth date: the oldest first when ascending.
        if column == 3:
            self.descending = not self.descending
        self.sort_key = key
        self.refresh()

    def open_client(self, row: ClientRow) -> None:
        """Open the client's chart."""
        self.ctx.hub.open_chart(row.id)

    def new_client(self) -> None:
        """Register a new client, then open their chart."""
        dialog = ClientDialog(self.ctx, None, self)
        if dialog.exec() and dialog.result_value:
            self.search.clear()
            self.refresh()
            self.ctx.hub.open_chart(int(dialog.result_value))
