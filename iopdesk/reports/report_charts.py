"""Simple charts for program report PDFs, drawn with ReportLab's own graphics (no extra
dependency): a bar or line chart of one series, with an optional level line."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from iopdesk.domain.report_layout import Chart
from iopdesk.reports.document import INK, MUTED, RULE
from iopdesk.reports.fonts import FONT, FONT_BOLD, register_fonts

BAR = colors.HexColor("#4a6fa5")
LEVEL = colors.HexColor("#c0392b")
PLOT_HEIGHT = 120
#: Room above the plot for the title and the unit.
HEADROOM = 28
LABEL_SIZE = 6.5
LABEL_ANGLE = 30
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


def _label_room(labels: list[str]) -> float:
    """The height the slanted category labels take below the axis (long discharge types
    would otherwise run into what follows the chart)."""
    widest = max((stringWidth(text, FONT, LABEL_SIZE) for text in labels), default=0.0)
    return 14 + widest * math.sin(math.radians(LABEL_ANGLE)) + LABEL_SIZE


def chart_drawing(chart: Chart, width: float) -> Drawing:
    """The chart as a Drawing flowable ``width`` points wide; hidden values leave gaps."""
    register_fonts()
    names = _labels(chart.labels)
    bottom = _label_room(names)
    height = bottom + PLOT_HEIGHT + HEADROOM
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 12, chart.title, fontName=FONT_BOLD, fontSize=9.5, fillColor=INK)
    )
    shown = [v for v in chart.values if v is not None]
    top = _top(shown, chart.reference, chart.unit)
    plot = VerticalBarChart() if chart.kind == "bar" else HorizontalLineChart()
    plot.x, plot.y, plot.width, plot.height = 38, bottom, width - 48, PLOT_HEIGHT
    plot.data = [[v for v in chart.values]]
    plot.valueAxis.valueMin, plot.valueAxis.valueMax = 0, top
    plot.valueAxis.valueStep = top / 5
    plot.valueAxis.labels.fontName = FONT
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.strokeColor = RULE
    plot.valueAxis.gridStrokeColor = colors.HexColor("#e4e7eb")
    plot.valueAxis.visibleGrid = True
    plot.categoryAxis.categoryNames = names
    plot.categoryAxis.labels.fontName = FONT
    plot.categoryAxis.labels.fontSize = LABEL_SIZE
    plot.categoryAxis.labels.angle = LABEL_ANGLE
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
        drawing.add(String(0, height - 24, chart.unit, fontName=FONT, fontSize=7, fillColor=MUTED))
    return drawing
