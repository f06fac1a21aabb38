"""Simple charts for program report PDFs, drawn with ReportLab's own graphics (no extra
dependency): a bar or line chart of one series, with an optional level line."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from iopdesk.domain.report_layout import Chart
from iopdesk.reports.document import INK, MUTED, RULE
from iopdesk.reports.fonts import FONT, FONT_BOLD, register_fonts

BAR = colors.HexColor("#4a6fa5")
LEVEL = colors.HexColor("#c0392b")
HEIGHT = 190
#: At most this many category labels are printed along the bottom (the rest stay blank).
MAX_LABELS = 14


def _top(values: list[float], reference: float | None, unit: str) -> float:
    """A round maximum for the value axis, a little above the highest value (100 for shares)."""
    highest = max([*values, reference or 0.0, 1.0])
    if unit == "%" and highest <= 100:
        return 100.0
    step = 10 ** math.floor(math.log10(highest))
    for nice in (1, 2, 2.5, 5, 10):
        if highest * 1.08 <= nice * step:
            return nice * step
    return 10 * step


def _labels(labels: tuple[str, ...]) -> list[str]:
    every = max(1, math.ceil(len(labels) / MAX_LABELS))
    return [text if n % every == 0 else "" for n, text in enumerate(labels)]


def chart_drawing(chart: Chart, width: float) -> Drawing:
    """The chart as a Drawing flowable ``width`` points wide; hidden values leave gaps."""
    register_fonts()
    drawing = Drawing(width, HEIGHT)
    drawing.add(
        String(0, HEIGHT - 12, chart.title, fontName=FONT_BOLD, fontSize=9.5, fillColor=INK)
    )
    shown = [v for v in chart.values if v is not None]
    top = _top(shown, chart.reference, chart.unit)
    plot = VerticalBarChart() if chart.kind == "bar" else HorizontalLineChart()
    plot.x, plot.y, plot.width, plot.height = 38, 42, width - 48, HEIGHT - 70
    plot.data = [[v for v in chart.values]]
    plot.valueAxis.valueMin, plot.valueAxis.valueMax = 0, top
    plot.valueAxis.valueStep = top / 5
    plot.valueAxis.labels.fontName = FONT
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.strokeColor = RULE
    plot.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    plot.valueAxis.visibleGrid = True
    plot.categoryAxis.categoryNames = _labels(chart.labels)
    plot.categoryAxis.labels.fontName = FONT
    plot.categoryAxis.labels.fontSize = 6.5
    plot.categoryAxis.labels.angle = 30
    plot.categoryAxis.labels.boxAnchor = "ne"
    plot.categoryAxis.strokeColor = RULE
    # A tick per day of a year would draw a solid bar under the axis.
    plot.categoryAxis.visibleTicks = len(chart.labels) <= 4 * MAX_LABELS
    if isinstance(plot, VerticalBarChart):
        plot.bars[0].fillColor = BAR
        plot.bars[0].strokeColor = None
        plot.barSpacing = 1
    else:
        plot.lines[0].strokeColor = BAR
        plot.lines[0].strokeWidth = 1.4
    drawing.add(plot)
    if chart.reference is not None:
        y = plot.y + plot.height * chart.reference / top
        drawing.add(
            Line(
                plot.x,
                y,
                plot.x + plot.width,
                y,
                strokeColor=LEVEL,
                strokeDashArray=[4, 3],
                strokeWidth=1,
            )
        )
        drawing.add(
            String(
                plot.x + plot.width,
                y + 3,
                f"{chart.reference:g} {chart.unit}".strip(),
                fontName=FONT,
                fontSize=7,
                fillColor=LEVEL,
                textAnchor="end",
            )
        )
    if chart.unit:
        drawing.add(String(0, HEIGHT - 24, chart.unit, fontName=FONT, fontSize=7, fillColor=MUTED))
    return drawing
