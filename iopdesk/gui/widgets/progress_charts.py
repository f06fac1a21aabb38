"""The Progress charts on screen (QtCharts): each instrument's totals on its severity bands, and
hours per week against the program minimum with drug tests and plan reviews on the same weeks.

Shared by the chart's Progress tab and the plan review dialog; both feed it the one
``ProgressData`` the progress service returns.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCharts import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsSimpleTextItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.services.clients.progress import ProgressData, ScreeningTrend


def _moment(day: dt.date) -> float:
    """A date as the milliseconds QDateTimeAxis plots (noon, so a point sits mid-day)."""
    return float(QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch())


def _small_font(size: float = 8, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(_small_font(9, bold=True))
    chart.setMargins(QMargins(0, 0, 0, 0))
    chart.layout().setContentsMargins(2, 0, 2, 0)
    chart.setBackgroundRoundness(0)
    chart.legend().setFont(_small_font(8))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _view(chart: QChart, name: str, height: int) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setAccessibleName(name)
    view.setMinimumHeight(height)
    return view


def _line(
    name: str, points: list[tuple[float, float]], colour: str, width: float = 2
) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    series.append([QPointF(x, y) for x, y in points])
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    series.setPen(pen)
    return series


def screening_chart(data: ProgressData, trend: ScreeningTrend) -> QChart:
    """One instrument's totals as a line over its severity bands (band names on the right)."""
    chart = _chart(trend.first_and_last)
    chart.legend().setVisible(False)
    # A little air either side, so the first and last scores are not cut by the frame.
    air = max(2, (data.end - data.start).days // 25)
    left = _moment(data.start - dt.timedelta(days=air))
    right = _moment(data.end + dt.timedelta(days=air))
    x_axis = QDateTimeAxis()
    x_axis.setFormat("MMM d")
    x_axis.setTickCount(3)
    x_axis.setRange(
        QDateTime.fromMSecsSinceEpoch(int(left)), QDateTime.fromMSecsSinceEpoch(int(right))
    )
    y_axis = QValueAxis()
    y_axis.setRange(0, trend.max_total)
    y_axis.setLabelFormat("%d")
    y_axis.setTickCount(2)
    bands = QCategoryAxis()
    bands.setRange(0, trend.max_total)
    bands.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
    for axis in (x_axis, y_axis, bands):
        axis.setLabelsFont(_small_font(7.5))
        axis.setGridLineVisible(False)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(bands, Qt.AlignmentFlag.AlignRight)
    for shade, band in zip(data.colours.band_shades, trend.bands, strict=False):
        top = min(trend.max_total, band.high + 1)
        bands.append(band.label, top)
        upper = _line(band.label, [(left, top), (right, top)], shade, 0)
        lower = _line("", [(left, band.low), (right, band.low)], shade, 0)
        area = QAreaSeries(upper, lower)
        for edge in (upper, lower):  # the area does not own its edges; Python would free them
            edge.setParent(area)
        area.setName(band.label)
        area.setBrush(QBrush(QColor(shade)))
        area.setPen(QPen(Qt.PenStyle.NoPen))
        chart.addSeries(area)
        area.attachAxis(x_axis)
        area.attachAxis(y_axis)
    scores = _line(trend.name, [(_moment(day), total) for day, total in trend.points],
                   data.colours.scores, 2.5)  # fmt: skip
    scores.setPointsVisible(True)
    scores.setPointLabelsVisible(True)
    scores.setPointLabelsFormat("@yPoint")
    scores.setPointLabelsFont(_small_font(8, bold=True))
    scores.setPointLabelsClipping(False)
    chart.addSeries(scores)
    scores.attachAxis(x_axis)
    scores.attachAxis(y_axis)
    scores.attachAxis(bands)
    return chart


def hours_chart(data: ProgressData, compact: bool = False) -> QChart:
    """Hours per week as bars, the program minimum as a line, drug tests as dots along the top
    and plan reviews as dashed lines with the objectives met, all on the episode's weeks;
    ``compact`` (a side panel) has no legend of its own and labels fewer weeks, upright."""
    chart = _chart("Attended hours per week, drug tests and plan reviews")
    if not compact:
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    n = len(data.weeks)
    x_axis = QBarCategoryAxis()
    # A category axis needs each label once: the unlabelled weeks get distinct invisible ones.
    labels = data.week_labels(8 if compact else 24)
    x_axis.append([text or "\u200b" * (i + 1) for i, text in enumerate(labels)])
    x_axis.setLabelsFont(_small_font(7.5))
    if compact:  # upright, a label is cut to its week's narrow width
        x_axis.setLabelsAngle(-90)
        chart.legend().setVisible(False)
    y_axis = QValueAxis()
    y_axis.setRange(0, data.hours_ceiling)
    y_axis.setTickCount(data.hours_ceiling // 3 + 1)
    y_axis.setLabelFormat("%d h")
    y_axis.setLabelsFont(_small_font(7.5))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    # One set per kind of week, stacked: each week has its hours in exactly one of them.
    sets = []
    for kind, caption in data.BAR_KINDS.items():
        bar_set = QBarSet(caption)
        bar_set.append([w.minutes / 60 if data.bar_kind(w) == kind else 0 for w in data.weeks])
        bar_set.setColor(QColor(data.colours.bars[kind]))
        bar_set.setBorderColor(QColor(data.colours.bars[kind]))
        sets.append(bar_set)
    bars = QStackedBarSeries()
    bars.append(sets)
    bars.setBarWidth(0.7)
    _add(chart, bars, x_axis, y_axis)
    edge = (-0.5, n - 0.5)
    minimum = _line(data.minimum_caption,
                    [(edge[0], data.minimum_hours), (edge[1], data.minimum_hours)],
                    data.colours.minimum, 2)  # fmt: skip
    _add(chart, minimum, x_axis, y_axis)
    for number, mark in enumerate(data.reviews):
        x = data.week_position(mark.reviewed_on)
        review = _line(
            data.REVIEW_CAPTION, [(x, 0), (x, data.hours_ceiling)], data.colours.review, 1.5
        )
        pen = review.pen()
        pen.setStyle(Qt.PenStyle.DashLine)
        review.setPen(pen)
        _add(chart, review, x_axis, y_axis)
        if number:  # one legend entry for all the reviews
            chart.legend().markers(review)[0].setVisible(False)
        if mark.tally:
            _tally(chart, review, mark.tally, QPointF(x, data.hours_ceiling))
    for outcome, caption in data.drug_test_captions:
        days = [t.collected_on for t in data.drug_tests if t.outcome == outcome]
        dots = QScatterSeries()
        dots.setName(caption)
        dots.setMarkerSize(11)
        dots.setColor(QColor(data.colours.outcomes[outcome]))
        dots.setBorderColor(QColor(Qt.GlobalColor.white))
        dots.append([QPointF(data.week_position(day), data.dot_row) for day in days])
        _add(chart, dots, x_axis, y_axis)
    # Bars keep square swatches; lines and dots are shown as drawn.
    for marker in chart.legend().markers():
        if not isinstance(marker.series(), QStackedBarSeries):
            marker.setShape(QLegend.MarkerShape.MarkerShapeFromSeries)
    return chart


def _tally(chart: QChart, line: QLineSeries, text: str, top: QPointF) -> None:
    """``2/5 met`` just right of the top of a review's line, kept there as the chart resizes."""
    label = QGraphicsSimpleTextItem(text, chart)
    label.setFont(_small_font(7.5, bold=True))
    label.setBrush(line.pen().color())
    label.setZValue(10)

    def place() -> None:
        at = chart.mapToPosition(top, line)
        width = label.boundingRect().width()
        # Left of the line when the right would run past the plot (a review in the last week).
        right = at.x() + 3 + width <= chart.plotArea().right()
        label.setPos(at.x() + 3 if right else at.x() - 3 - width, at.y() + 1)

    chart.plotAreaChanged.connect(place)
    place()


def _add(chart: QChart, series: object, x_axis: object, y_axis: object) -> None:
    chart.addSeries(series)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)


class ProgressCharts(QWidget):
    """Screening charts in rows, the weekly chart under them: three screening charts share a
    chart tab's row; ``compact`` (a dialog's side panel) fits two and a narrower weekly chart."""

    def __init__(self, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        self.most_per_row = 2 if compact else 3
        self.setAccessibleName("Progress charts")
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Progress summary")
        #: The summary's row; a screen adds its own controls at the right end.
        self.header = QHBoxLayout()
        self.header.addWidget(self.message, 1)
        self.col.addLayout(self.header)
        self.screenings = QGridLayout()
        self.col.addLayout(self.screenings)
        self.screening_views: list[QChartView] = []
        self.hours_view: QChartView | None = None
        self.hours_slot = QVBoxLayout()
        self.col.addLayout(self.hours_slot, 1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("Legend")
        self.legend.hide()
        self.col.addWidget(self.legend)
        self.data: ProgressData | None = None

    def show_progress(self, data: ProgressData) -> None:
        """Replace the charts with ``data``'s (or say there is nothing to show)."""
        for view in [*self.screening_views, self.hours_view]:
            if view is not None:
                view.setParent(None)
                view.deleteLater()
        self.screening_views, self.hours_view = [], None
        self.data = data
        self.legend.hide()
        if not data.has_data:
            self.message.setText(data.NOTHING_RECORDED)
            return
        self.message.setText(_summary(data))
        # Four instruments go two by two rather than four narrow charts with cut band names;
        # one keeps a half-width chart rather than a long flat one.
        count = len(data.screenings)
        per_row = count if 2 <= count <= self.most_per_row else 2
        for index, trend in enumerate(data.screenings):
            view = _view(screening_chart(data, trend), f"{trend.name} scores", 140)
            self.screenings.addWidget(view, index // per_row, index % per_row)
            self.screening_views.append(view)
        self.hours_view = _view(hours_chart(data, self.compact), "Hours per week", 235)
        self.hours_slot.addWidget(self.hours_view)
        # A narrow panel cuts the chart's own legend: words that wrap, under it.
        self.legend.setText(_legend_html(data) if self.compact else "")
        self.legend.setVisible(self.compact)


#: How each kind of legend swatch is written in text.
SWATCHES = {"bar": "\u25a0", "line": "\u2501", "dash": "\u2505", "dot": "\u25cf"}


def _legend_html(data: ProgressData) -> str:
    """The weekly chart's legend as coloured symbols and words; a line breaks only between
    entries."""
    return " &nbsp; ".join(
        f'<span style="color:{colour}">{SWATCHES[swatch]}</span>&nbsp;'
        + html.escape(words).replace(" ", "&nbsp;")
        for swatch, colour, words in data.hours_legend
    )


def _summary(data: ProgressData) -> str:
    """``Episode 1: in care from 10/07/2026 to today (9 weeks).``"""
    until = "today" if data.end == dt.date.today() else formats.show_date(data.end)
    if data.admitted_on is None:
        text = f"Episode {data.episode_number}: not admitted yet."
    else:
        weeks = (data.end - data.admitted_on).days // 7 + 1
        text = (
            f"Episode {data.episode_number}: in care from {formats.show_date(data.admitted_on)} "
            f"to {until} ({weeks} week{'s' if weeks != 1 else ''})."
        )
    if not data.screenings:
        text += " No screening scores in this episode."
    return f"{text} {data.reviews_sentence}".rstrip()
