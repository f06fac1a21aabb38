"""A report's chart on screen (QtCharts): the same bar or line chart the PDF draws."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from iopdesk.domain.report_layout import Chart

BAR = QColor("#4a6fa5")
LEVEL = QColor("#c0392b")
#: A bar chart with more categories than this labels only some of them.
MAX_LABELS = 40


def _labels(labels: tuple[str, ...]) -> list[str]:
    every = max(1, -(-len(labels) // MAX_LABELS))
    # Category names must differ: blanks get invisible, distinct widths of spaces.
    return [text if n % every == 0 else " " * (n + 1) for n, text in enumerate(labels)]


class ReportChart(QChartView):
    """Shows one report Chart (or nothing); values hidden as None are left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Chart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.shown: Chart | None = None
        self.show_chart(None)

    def show_chart(self, chart: Chart | None) -> None:
        """Draw ``chart`` (None: an empty area)."""
        self.shown = chart
        plot = QChart()
        plot.legend().hide()
        if chart is not None and chart.values:
            plot.setTitle(f"{chart.title}" + (f" ({chart.unit})" if chart.unit else ""))
            values = [v if v is not None else 0.0 for v in chart.values]
            top = max([*values, chart.reference or 0.0, 1.0]) * 1.1
            if chart.unit == "%" and max(values) <= 100:
                top = 100.0
            x_axis = self._series(plot, chart, values)
            y_axis = QValueAxis()
            y_axis.setRange(0, top)
            y_axis.applyNiceNumbers()
            y_axis.setLabelFormat("%d")
            plot.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
            for series in plot.series():
                series.attachAxis(x_axis)
                series.attachAxis(y_axis)
        replaced = self.chart()
        self.setChart(plot)
        # The view lets go of the chart it showed without deleting it (Qt leaves that to us).
        if replaced is not None:
            replaced.deleteLater()

    def _series(
        self, plot: QChart, chart: Chart, values: list[float]
    ) -> QValueAxis | QBarCategoryAxis:
        count = len(values)
        if chart.kind == "bar":
            bars = QBarSet(chart.title)
            bars.setColor(BAR)
            bars.append(values)
            series = QBarSeries()
            series.append(bars)
            plot.addSeries(series)
            axis: QValueAxis | QBarCategoryAxis = QBarCategoryAxis()
            axis.append(_labels(chart.labels))
            if len(chart.labels) > 8:
                # Many categories: small upright labels, read from the side, none elided.
                small = QFont(axis.labelsFont())
                small.setPointSizeF(7)
                axis.setLabelsFont(small)
                axis.setLabelsAngle(-90)
        else:
            line = QLineSeries()
            line.setColor(BAR)
            line.append([QPointF(n, v) for n, v in enumerate(values)])
            plot.addSeries(line)
            axis = QValueAxis()
            axis.setRange(0, max(1, count - 1))
            axis.setLabelsVisible(False)
            axis.setTitleText(f"{chart.labels[0]} to {chart.labels[-1]}")
        if chart.reference is not None:
            level = QLineSeries()
            level.setPen(QPen(LEVEL, 1.5, Qt.PenStyle.DashLine))
            level.append([QPointF(-0.5, chart.reference), QPointF(count - 0.5, chart.reference)])
            plot.addSeries(level)
        plot.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        return axis
