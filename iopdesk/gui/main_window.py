"""The main window: header with the signed-in person and Lock, sidebar of areas, status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui import operations, registry
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.help.shortcuts import LOCK
from iopdesk.gui.menus import build_menus
from iopdesk.gui.today import TodayScreen
from iopdesk.gui.widgets.window_size import keep_size, room_on
from iopdesk.services.admin import backup_history, clinic


class MainWindow(QMainWindow):
    """One per signed-in person; hidden (never destroyed) while the screen is locked."""

    lock_requested = Signal()
    sign_out_requested = Signal()
    closed = Signal()

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__()
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        info = clinic.clinic_info()
        self.setWindowTitle(f"IOPdesk - {info.name}")
        # The whole free area of the screen at first; after that, the size this person left.
        self.resize(room_on(self.screen()))
        self.child_windows: dict[tuple[str, int], QWidget] = {}
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self._header(info.name))
        row = QHBoxLayout()
        row.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Areas")
        self.sidebar.setFixedWidth(200)
        self.stack = QStackedWidget()
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        col.addLayout(row, 1)
        self.setCentralWidget(body)
        #: The areas built so far, by key: each is built the first time it is shown.
        self.pages: dict[str, QWidget] = {}
        self.builders: dict[str, Callable[[WindowContext], QWidget]] = {"today": TodayScreen}
        self._add_page("today", "Today")
        for area in registry.areas():
            if ctx.actor.can(area.permission):
                self.builders[area.key] = area.build
                self._add_page(area.key, area.title)
        self.sidebar.currentRowChanged.connect(self._show_page)
        self.sidebar.itemClicked.connect(lambda _item: self._focus_page())
        self.sidebar.setCurrentRow(0)
        build_menus(self)
        self.location = QLabel()
        self.last_backup = QLabel()
        self.statusBar().addWidget(self.location, 1)
        self.statusBar().addPermanentWidget(self.last_backup)
        self.refresh_status()
        ctx.hub.open_chart_requested.connect(self.open_chart)
        ctx.hub.open_session_requested.connect(self.open_session)
        ctx.hub.backup_done.connect(self.refresh_status)
        ctx.hub.open_place_requested.connect(self.show_place)

    def _header(self, clinic_name: str) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        row = QHBoxLayout(header)
        title = QLabel(f"<b>IOPdesk</b> &nbsp; {clinic_name}")
        title.setTextFormat(Qt.TextFormat.RichText)
        row.addWidget(title)
        row.addStretch()
        self.person = QLabel(f"{self.ctx.actor.full_name} ({self.ctx.actor.role_label})")
        self.person.setAccessibleName("Signed in as")
        row.addWidget(self.person)
        self.lock_button = name_button(QPushButton("Lock"))
        self.lock_button.setToolTip(f"Lock the screen now ({LOCK})")  # the key: File menu
        self.lock_button.clicked.connect(self.lock_requested)
        row.addWidget(self.lock_button)
        return header

    def _add_page(self, key: str, title: str) -> None:
        placeholder = QWidget()
        placeholder.setObjectName(key)
        self.stack.addWidget(placeholder)
        self.sidebar.addItem(title)

    def area_keys(self) -> list[str]:
        """The areas this person may open, in sidebar order (built or not)."""
        return list(self.builders)

    def _build(self, key: str) -> QWidget:
        """The area's widget, built on first use in place of its placeholder."""
        page = self.pages.get(key)
        if page is None:
            page = self.builders[key](self.ctx)
            self.pages[key] = page
            row = self.area_keys().index(key)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(
                row, page if isinstance(page, QScrollArea) else _scrolling(page)
            )
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        key = self.area_keys()[row]
        fresh = key not in self.pages
        page = self._build(key)
        self.stack.setCurrentIndex(row)
        refresh = getattr(page, "refresh", None)
        if not fresh and refresh is not None:
            refresh()  # a page shown again is brought up to date; a new one has just read

    def _focus_page(self) -> None:
        """After a click on an area, the cursor goes where that area starts (its focus proxy,
        e.g. the client search); arrow keys in the sidebar leave the focus in the sidebar."""
        page = self.pages.get(self.area_keys()[self.sidebar.currentRow()])
        if page is not None and page.focusProxy() is not None:
            page.setFocus(Qt.FocusReason.MouseFocusReason)

    def show_area(self, key: str) -> QWidget:
        """Switch to an area by key (tests and shortcuts use it); builds it if needed."""
        self.sidebar.setCurrentRow(self.area_keys().index(key))
        return self._build(key)

    def show_place(self, area: str, part: str = "") -> None:
        """Show an area (and a part of it) that another screen asked for through the hub."""
        if area in self.builders:  # built now if it was not yet
            page = self.show_area(area)
            show_part = getattr(page, "show_part", None)
            if part and show_part is not None:
                show_part(part)

    def refresh_status(self) -> None:
        self.location.setText(f"Data: {self.ctx.store.location}")
        health = backup_history.backup_health(self.ctx.store.backups_dir)
        when = formats.show_moment(health.last_good) if health.last_good else "none yet"
        warn = bool(health.warning) and self.ctx.actor.can("backup.run")
        # Short on the bar (it must not widen the window); the whole sentence in the tooltip.
        self.last_backup.setText(f"⚠ {health.short} · Last backup: {when}" if warn
                                 else f"Last backup: {when}")  # fmt: skip
        self.last_backup.setToolTip(health.warning if warn else "")
        self.last_backup.setObjectName("fieldError" if warn else "")
        self.last_backup.style().unpolish(self.last_backup)  # the name picks its colour
        self.last_backup.style().polish(self.last_backup)

    def _open_child(self, kind: str, key: int, module: str, cls: str) -> QWidget | None:
        window = self.child_windows.get((kind, key))
        if window is None:
            factory = getattr(importlib.import_module(module), cls)
            opened = operations.run(
                self.ctx, self, lambda: factory(self.ctx, key), title="Cannot open"
            )
            if not opened:
                return None
            window = opened.result
            self.child_windows[(kind, key)] = window
            window.destroyed.connect(lambda *_: self.child_windows.pop((kind, key), None))
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_chart(self, client_id: int) -> QWidget | None:
        """The client's chart (one window per client)."""
        return self._open_child("chart", client_id, "iopdesk.gui.clients.chart", "ChartWindow")

    def open_session(self, session_id: int) -> QWidget | None:
        """The attendance sheet of one session."""
        return self._open_child(
            "session", session_id, "iopdesk.gui.attendance.sheet", "AttendanceSheetWindow"
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.child_windows.values()):
            if not window.close():
                event.ignore()
                return
        event.accept()
        self.closed.emit()


def _scrolling(page: QWidget) -> QScrollArea:
    """A page too wide or tall for the window scrolls inside it instead of growing the window
    past the screen (an area sized from a long list cannot push the status bar away)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
