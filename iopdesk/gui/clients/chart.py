"""The client chart: a header that always shows who this is, and a tab per section of care."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui import operations, registry
from iopdesk.gui.clients.safety_banner import SafetyBanner
from iopdesk.gui.clients.sobriety_dialog import SobrietyLine
from iopdesk.gui.context import WindowContext
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.clients import records as clients
from iopdesk.services.clients.records import ChartHeader


class ChartHeaderBar(QFrame):
    """Name, record number, age, status, counselor, episode, the week and phase of the program, the
    sobriety date (for clinical readers: ``sobriety`` is None for others), and the safety
    banner."""

    def __init__(
        self,
        safety: SafetyBanner,
        sobriety: SobrietyLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("header")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        left = QVBoxLayout()
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.name.setAccessibleName("Client name")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name.setWordWrap(True)
        left.addWidget(self.name)
        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        self.fields: dict[str, QLabel] = {}
        for column, (key, caption) in enumerate(
            (
                ("record_number", "Record"),
                ("born", "Born"),
                ("status", "Status"),
                ("counselor", "Counselor"),
            )
        ):
            title = QLabel(caption.upper())
            title.setStyleSheet("font-size: 8pt; color: #c9d6e3;")
            value = QLabel()
            value.setAccessibleName(caption)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(title, 0, column)
            facts.addWidget(value, 1, column)
            self.fields[key] = value
        left.addLayout(facts)
        self.episode = QLabel()
        self.episode.setAccessibleName("Current episode")
        self.episode.setStyleSheet("color: #c9d6e3;")
        self.episode.setWordWrap(True)  # with the week beside it, it must not widen the window
        self.week = QLabel()
        self.week.setAccessibleName("Week of the program")
        self.week.setStyleSheet("font-weight: 600;")
        episode_row = QHBoxLayout()
        # The phase is the week's neighbour; the desk sees both (which groups, not why).
        self.phase = QLabel()
        self.phase.setAccessibleName("Program phase")
        self.phase.setStyleSheet("font-weight: 600;")
        episode_row.addWidget(self.episode, 1)
        episode_row.addWidget(self.week)
        episode_row.addWidget(self.phase)
        left.addLayout(episode_row)
        self.sobriety = sobriety
        if sobriety is not None:
            left.addWidget(sobriety)
        outer.addLayout(left, 1)
        # Beside who the client is, on every tab, until a follow-up is recorded.
        self.safety = safety
        outer.addWidget(self.safety, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_header(self, h: ChartHeader) -> None:
        pronouns = f"  ·  {h.pronouns}" if h.pronouns else ""
        self.name.setText(h.display_name + pronouns)
        self.fields["record_number"].setText(h.record_number)
        self.fields["born"].setText(f"{formats.show_date(h.date_of_birth)} (age {h.age})")
        self.fields["status"].setText(h.status_label)
        self.fields["counselor"].setText(h.counselor_name or "Not assigned")
        self.episode.setText(h.episode_summary)
        self.week.setText(h.program_week)
        self.week.setVisible(bool(h.program_week))
        self.phase.setText(f"· {h.program_phase}" if h.program_phase else "")
        self.phase.setVisible(bool(h.program_phase))
        self.safety.show_flag(h.safety_flag)


class ChartWindow(QMainWindow):
    """One window per client; opening it is an audited read."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx, self.client_id = ctx, client_id
        header = clients.chart_header(ctx.actor, client_id)  # raises NotFound / PermissionDenied
        sobriety = SobrietyLine(ctx, client_id) if ctx.actor.can("clinical.read") else None
        self.header = ChartHeaderBar(SafetyBanner(ctx, client_id), sobriety)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Chart sections")
        self.tab_specs = [t for t in registry.chart_tabs() if ctx.actor.can(t.permission)]
        self.built: dict[int, QWidget] = {}
        for spec in self.tab_specs:
            placeholder = QWidget()
            placeholder.setAccessibleName(spec.title)
            self.tabs.addTab(placeholder, spec.title)
        self.tabs.currentChanged.connect(self._tab_shown)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.status = self.statusBar()  # where a refused refresh says why
        # Wide enough for every section's tab (the tabs are fixed, never the data), so none
        # hides behind the tab bar's scroll arrows; a smaller screen still shrinks it.
        bar = self.tabs.tabBar()
        bar.ensurePolished()  # the style sheet's paddings count in the tabs' width
        self.resize(max(1100, bar.sizeHint().width() + 24), 760)
        self._show(header)
        if self.tab_specs:
            self._tab_shown(0)
        ctx.hub.client_changed.connect(self._changed)
        ctx.hub.clinical_changed.connect(self._changed)
        # A new expected program length changes the header's "Week N of 12".
        ctx.hub.settings_changed.connect(self._refresh_header)

    def _show(self, header: ChartHeader) -> None:
        self.header.show_header(header)
        self.setWindowTitle(f"{header.legal_name} — {header.record_number} — IOPdesk")

    def tab_titles(self) -> list[str]:
        """The sections this person may see, in order."""
        return [spec.title for spec in self.tab_specs]

    def tab(self, key: str) -> QWidget:
        """The (built) widget of a section, by its key."""
        index = next(i for i, spec in enumerate(self.tab_specs) if spec.key == key)
        return self._build(index)

    def _build(self, index: int) -> QWidget:
        widget = self.built.get(index)
        if widget is None:
            spec = self.tab_specs[index]
            widget = spec.build(self.ctx, self.client_id)
            self.built[index] = widget
            current = self.tabs.currentIndex()
            self.tabs.blockSignals(True)
            old = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, spec.title)
            old.deleteLater()
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
        return widget

    def _tab_shown(self, index: int) -> None:
        if index < 0:
            return
        fresh = index not in self.built
        widget = self._build(index)
        if not fresh and hasattr(widget, "refresh"):
            widget.refresh()

    def _changed(self, client_id: int) -> None:
        if client_id != self.client_id:
            return
        self._refresh_header()
        widget = self.built.get(self.tabs.currentIndex())
        if widget is not None and hasattr(widget, "refresh"):
            widget.refresh()

    def _refresh_header(self) -> None:
        header = operations.run(
            self.ctx,
            self,
            lambda: clients.header_summary(self.ctx.actor, self.client_id),
            errors=self.status.showMessage,
        )
        if header:
            self._show(header.result)
        if self.header.sobriety is not None:
            self.header.sobriety.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        for widget in self.built.values():
            can_close = getattr(widget, "can_close", None)
            if can_close is not None and not can_close():
                event.ignore()
                return
        event.accept()
