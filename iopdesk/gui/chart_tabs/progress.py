"""Chart section: the client's progress at a glance (screenings on their bands, hours per week
against the minimum, drug tests and plan reviews), one episode at a time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui import operations
from iopdesk.gui.aftercare.common import save_pdf
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.services.clients import progress
from iopdesk.services.clients import records as clients
from iopdesk.services.clients.progress import ProgressData
from iopdesk.services.context import Actor

PRINT_TITLE = "Print progress"
#: What the tab reads: the client's episodes, and the progress of the chosen one.
Shown = tuple[list[clients.EpisodeRow], ProgressData]


class ProgressTab(ChartSection[Shown], QScrollArea):
    """The Progress charts of the chosen episode (the current one first)."""

    refresh_hidden = False

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        # QtCharts loads with the first Progress tab opened, not with the app.
        from iopdesk.gui.widgets.progress_charts import ProgressCharts

        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.setWidgetResizable(True)
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(8, 4, 8, 4)
        self.charts = ProgressCharts()
        col.addWidget(self.charts, 1)
        # Beside the summary: the charts keep the screen's height.
        self.episode_caption = QLabel("Episode")
        self.episode = QComboBox()
        self.episode.setAccessibleName("Episode")
        self.episode_caption.setBuddy(self.episode)
        self.episode.activated.connect(self.refresh)
        self.print_button = QPushButton("Print progress…")
        name_button(self.print_button)
        self.print_button.clicked.connect(self.print_progress)
        for widget in (self.episode_caption, self.episode, self.print_button):
            self.charts.header.addWidget(widget)
        self.setWidget(body)
        self.keep_current(self.charts.message.setText, ctx.hub.clinical_changed)
        ctx.hub.attendance_changed.connect(self._attendance_changed)
        self.refresh()

    def _attendance_changed(self) -> None:
        # The chart window refreshes a hidden tab when it is shown again.
        if self.isVisible():
            self.refresh()

    def read(self, actor: Actor, client_id: int) -> Shown:
        """The client's episodes, and the progress of the chosen one."""
        return (
            clients.episodes(actor, client_id),
            progress.client_progress(actor, client_id, self.episode.currentData()),
        )

    def fill(self, found: Shown) -> None:
        """The episode choice, the charts, and whether there is anything to print."""
        episodes, data = found
        self.episode.clear()
        for e in episodes:
            since = formats.show_date(e.admission_date or e.referral_date)
            self.episode.addItem(f"{e.number} ({e.status_label.lower()}, from {since})", e.id)
        self.episode.setCurrentIndex(max(0, self.episode.findData(data.episode_id)))
        # A first episode needs no choosing.
        self.episode_caption.setVisible(len(episodes) > 1)
        self.episode.setVisible(len(episodes) > 1)
        self.charts.show_progress(data)
        self.print_button.setEnabled(data.has_data)
        self.print_button.setToolTip("" if data.has_data else "Nothing to print yet.")

    def print_progress(self) -> None:
        """Save the shown episode's charts as a PDF."""
        actor, client_id, chosen = self.ctx.actor, self.client_id, self.episode.currentData()
        made = operations.run(
            self.ctx,
            self,
            lambda: progress.print_progress(actor, client_id, chosen),
            title=PRINT_TITLE,
        )
        if made:
            save_pdf(self, PRINT_TITLE, made.result.file_name, made.result.content)


CHART_TAB = ChartTab("progress", "Progress", 65, "clinical.read", ProgressTab)
