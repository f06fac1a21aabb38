"""Chart section: the client's progress at a glance (screenings on their bands, hours per week
against the minimum, drug tests and plan reviews), one episode at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import ChartTab
from iopdesk.services.clients import progress
from iopdesk.services.clients import records as clients


class ProgressTab(QScrollArea):
    """The Progress charts of the chosen episode (the current one first)."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        # QtCharts loads with the first Progress tab opened, not with the app.
        from iopdesk.gui.widgets.progress_charts import ProgressCharts

        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(8, 4, 8, 4)
        top = QHBoxLayout()
        self.episode_caption = QLabel("Episode")
        self.episode = QComboBox()
        self.episode.setAccessibleName("Episode")
        self.episode_caption.setBuddy(self.episode)
        self.episode.activated.connect(self.refresh)
        top.addWidget(self.episode_caption)
        top.addWidget(self.episode)
        top.addStretch(1)
        col.addLayout(top)
        self.charts = ProgressCharts()
        col.addWidget(self.charts, 1)
        self.setWidget(body)
        ctx.hub.clinical_changed.connect(self._changed)
        ctx.hub.attendance_changed.connect(self._attendance_changed)
        self.refresh()

    def _changed(self, client_id: int) -> None:
        if client_id == self.client_id and self.isVisible():
            self.refresh()

    def _attendance_changed(self) -> None:
        # The chart window refreshes a hidden tab when it is shown again.
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Ask the service again for the chosen episode."""
        actor, client_id = self.ctx.actor, self.client_id
        chosen = self.episode.currentData()
        found = operations.run(
            self.ctx,
            self,
            lambda: (
                clients.episodes(actor, client_id),
                progress.client_progress(actor, client_id, chosen),
            ),
            errors=self.charts.message.setText,
        )
        if not found:
            return
        episodes, data = found.result
        self.episode.clear()
        for e in episodes:
            since = formats.show_date(e.admission_date or e.referral_date)
            self.episode.addItem(f"{e.number} ({e.status_label.lower()}, from {since})", e.id)
        self.episode.setCurrentIndex(max(0, self.episode.findData(data.episode_id)))
        # A first episode needs no choosing.
        self.episode_caption.setVisible(len(episodes) > 1)
        self.episode.setVisible(len(episodes) > 1)
        self.charts.show_progress(data)


CHART_TAB = ChartTab("progress", "Progress", 65, "clinical.read", ProgressTab)
