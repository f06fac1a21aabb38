"""The Clients list: search as you type, status and counselor filters, server-side sort, paging."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain.clients import STATUSES
from iopdesk.gui import operations
from iopdesk.gui.clients.client_dialog import ClientDialog, counselor_choices
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, heading, name_button
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column, RowTableModel
from iopdesk.services.clients import records as clients
from iopdesk.services.clients.search import ClientPage, ClientRow

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


def _name_tip(row: ClientRow) -> str:
    """The name, and why it is pink (as much of the reason as this person may see)."""
    if not row.safety_flag:
        return row.list_name
    return f"{row.list_name}\n⚠ {row.safety_flag}"


COLUMNS = [
    Column("Record", lambda r: r.record_number),
    Column("Name", lambda r: r.list_name, highlight=lambda r: bool(r.safety_flag), tip=_name_tip),
    date_column("Date of birth", lambda r: r.date_of_birth),
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
        self.counted_all = True
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
        self.setFocusProxy(self.search)  # opening Clients with a click: type the name at once
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
        bottom.addWidget(self._legend())
        bottom.addWidget(self.more_button)
        outer.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.counselor.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.hub.client_changed.connect(lambda _id: self.refresh())
        ctx.hub.staff_changed.connect(self._fill_counselors)
        self.refresh()

    def _legend(self) -> QWidget:
        """What a pink name means, in the list's own pink."""
        legend = QWidget()
        row = QHBoxLayout(legend)
        row.setContentsMargins(0, 0, 0, 0)
        swatch = QLabel()
        swatch.setFixedSize(14, 14)
        swatch.setStyleSheet(
            f"background: {RowTableModel.HIGHLIGHT.name()}; border: 1px solid #c9a3a0;"
        )
        meaning = (
            "a safety follow-up is waiting (PHQ-9 item 9); the chart shows it"
            if self.ctx.actor.can("clinical.read")
            else "a clinical alert: please see the counselor"
        )
        self.legend = QLabel(f"Pink name: {meaning}.")
        self.legend.setObjectName("hint")
        self.legend.setAccessibleName("Legend")
        row.addWidget(swatch)
        row.addWidget(self.legend)
        return legend

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the search goes into the list; Up from its first row comes back."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.search and event.key() == Qt.Key.Key_Down:
            self._search_now(open_chart=False)
            if self.model.rowCount():
                self.table.setFocus()
            return True
        at_top = self.table.currentIndex().row() <= 0
        if watched is self.table and event.key() == Qt.Key.Key_Up and at_top:
            self.search.setFocus()
            return True
        return False

    def _search_now(self, open_chart: bool = True) -> None:
        """The list for what is typed, without waiting; Enter then opens the highlighted
        client (the first match until another is chosen)."""
        if self.timer.isActive():
            self.timer.stop()
            self.refresh()
        chosen = self.table.selected()
        if open_chart and chosen is not None:
            self.open_client(chosen)

    def _page(self, offset: int = 0) -> ClientPage | None:
        """The page of matches from ``offset`` and how many match, in one service call (None:
        refused, the reason shown in the count's place)."""
        found = operations.run(
            self.ctx,
            self,
            lambda: clients.client_page(
                self.ctx.actor,
                sort=self.sort_key,
                descending=self.descending,
                limit=PAGE,
                offset=offset,
                **self._filters(),
            ),
            errors=self.count_label.setText,
        )
        if not found:
            return None
        page: ClientPage = found.result
        self.total, self.counted_all = page.total, page.counted_all
        return page

    def refresh(self) -> None:
        """Reload the first page for the current search, filters and order."""
        self.timer.stop()
        page = self._page()
        if page is None:
            return
        self.table.set_rows(page.rows)
        self.loaded = len(page.rows)
        self._show_count()
        if page.rows:
            self.table.selectRow(0)

    def load_more(self) -> None:
        """Append the next page (the list never loads every client at once)."""
        page = self._page(self.loaded)
        if page is None:
            return
        self.table.set_rows([*self.model.rows, *page.rows])
        self.loaded += len(page.rows)
        self._show_count()

    def _show_count(self) -> None:
        more = self.loaded < self.total or not self.counted_all
        if self.total == 0:
            text = "No clients match." if self.search.text().strip() else "No clients yet."
        elif not more:
            text = f"{self.total:,} client{'s' if self.total != 1 else ''}"
        elif not self.counted_all:
            # Counting every match of one typed letter would cost more than finding the page.
            text = f"Showing {self.loaded:,} of more than {self.total:,} clients"
        else:
            text = f"Showing {self.loaded:,} of {self.total:,} clients"
        self.count_label.setText(text)
        self.more_button.setVisible(more)

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
