"""A client's progress over one episode as plain data, and its charts drawn with ReportLab's
own graphics (screening totals on their severity bands, hours per week against the program
minimum, drug tests as dots, plan reviews marked) for the discharge summary."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from iopdesk.domain.aftercare import DRUG_TEST_OUTCOMES
from iopdesk.domain.hours import WeekHours, week_start
from iopdesk.domain.screenings import Band
from iopdesk.reports.document import INK, MUTED, RULE
from iopdesk.reports.fonts import FONT, FONT_BOLD, register_fonts


@dataclass(frozen=True)
class ChartColours:
    """The charts' colours, the same on screen and on paper (hex RGB)."""

    #: Severity bands from the mildest up, light to strong (an instrument has at most five).
    band_shades: tuple[str, ...] = ("#e3f2e1", "#f1f4d4", "#fbeccd", "#f9dcc6", "#f4c9c4")
    #: One colour per drug test outcome (a DRUG_TEST_OUTCOMES key).
    outcomes: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType(
            {
                "negative": "#2e7d32",
                "explained": "#d49b00",
                "unexplained": "#c62828",
                "invalid": "#7b8794",
            }
        )
    )
    #: One colour per kind of weekly bar (a ProgressData.BAR_KINDS key).
    bars: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType(
            {"met": "#5b8db8", "short": "#e3a15a", "partial": "#c3cfdb"}
        )
    )
    scores: str = "#1f4e79"
    minimum: str = "#c62828"
    review: str = "#6a1b9a"


COLOURS = ChartColours()
SIX_DAYS = dt.timedelta(days=6)


@dataclass(frozen=True)
class ScreeningTrend:
    """One instrument's complete totals over the episode, with the instrument's own bands."""

    code: str
    name: str
    max_total: int
    bands: tuple[Band, ...]
    points: tuple[tuple[dt.date, int], ...]

    @property
    def first_and_last(self) -> str:
        """``PHQ-9 15 → 4`` (or the one score)."""
        first, last = self.points[0][1], self.points[-1][1]
        return f"{self.name} {first}" if len(self.points) == 1 else f"{self.name} {first} → {last}"


@dataclass(frozen=True)
class DrugTestDot:
    """One drug test: when it was collected and what it came to (a DRUG_TEST_OUTCOMES key)."""

    collected_on: dt.date
    outcome: str


@dataclass(frozen=True)
class ReviewMark:
    """A plan review: its date and how many of the objectives it reviewed were met."""

    reviewed_on: dt.date
    objectives_met: int
    objectives_reviewed: int

    @property
    def tally(self) -> str:
        """``2/5 met`` over the review's line (blank when it reviewed no objective)."""
        if not self.objectives_reviewed:
            return ""
        return f"{self.objectives_met}/{self.objectives_reviewed} met"

    @property
    def sentence(self) -> str:
        """``2 of 5 on Jun 22`` (blank when it reviewed no objective)."""
        if not self.objectives_reviewed:
            return ""
        day = f"{self.reviewed_on:%b} {self.reviewed_on.day}"
        return f"{self.objectives_met} of {self.objectives_reviewed} on {day}"


@dataclass(frozen=True)
class ProgressData:
    """Everything the Progress charts show for one episode of care."""

    client_id: int
    episode_id: int
    episode_number: int
    #: Admission (None before one), the first and last day the charts show: ``start`` is the
    #: admission or referral, or an intake screening given before it; ``end`` is the
    #: discharge, or today.
    admitted_on: dt.date | None
    start: dt.date
    end: dt.date
    minimum_hours: int
    screenings: tuple[ScreeningTrend, ...]
    #: Every ISO week from the one holding ``start`` to the one holding ``end``, oldest first.
    weeks: tuple[WeekHours, ...]
    drug_tests: tuple[DrugTestDot, ...]
    reviews: tuple[ReviewMark, ...]
    #: The colours both the screen and the paper draw with.
    colours: ClassVar[ChartColours] = COLOURS
    #: What the charts say when the episode has nothing to show yet.
    NOTHING_RECORDED: ClassVar[str] = (
        "Nothing is recorded for this episode yet: no screenings, attendance, drug tests or "
        "plan reviews."
    )
    #: The legend's words for a plan review's line.
    REVIEW_CAPTION: ClassVar[str] = "Plan review (objectives met)"
    #: The kinds of weekly bar, with their legend words.
    BAR_KINDS: ClassVar[dict[str, str]] = {
        "met": "Hours attended",
        "short": "Below the minimum",
        "partial": "Part week (care began or ended in it)",
    }

    @property
    def has_data(self) -> bool:
        """Anything to chart: a score, a test, a review, minutes attended, or a whole week of
        care (attending nothing in it is worth seeing)."""
        if self.screenings or self.drug_tests or self.reviews:
            return True
        return any(w.minutes or self.bar_kind(w) != "partial" for w in self.weeks)

    def week_position(self, day: dt.date) -> float:
        """Where ``day`` falls on the weekly axis: week ``i``'s bar is centred on ``i``, its
        Monday a little left of the centre and its Sunday a little right (Thursday on it)."""
        return (day - week_start(self.start)).days / 7 - 3 / 7

    def partial_week(self, week: WeekHours) -> bool:
        """Not a whole week of care (before admission, the week care began after its Monday or
        ended before its Sunday, this week so far): the weekly minimum cannot be judged."""
        if self.admitted_on is None or week.week_start < self.admitted_on:
            return True
        return week.week_start + SIX_DAYS > self.end

    def bar_kind(self, week: WeekHours) -> str:
        """How the week's bar is drawn (a BAR_KINDS key): only a whole week of care is held
        to the minimum."""
        if self.partial_week(week):
            return "partial"
        return "short" if week.below_minimum else "met"

    @property
    def hours_ceiling(self) -> int:
        """The top of the hours axis, in hours: room above the bars and the minimum line for
        the row of drug-test dots."""
        tallest = max([w.minutes / 60 for w in self.weeks] + [self.minimum_hours])
        return int(math.ceil(tallest * 1.35 / 3) * 3)

    @property
    def dot_row(self) -> float:
        """The height (in hours) of the drug-test row, above anything the bars reach."""
        return self.hours_ceiling * 0.9

    def week_labels(self, most: int = 24) -> tuple[str, ...]:
        """Each week's axis label (its Monday, ``Mar 2``); blank between labelled weeks on a
        long episode, so about ``most`` labels at most share an axis."""
        every = max(1, math.ceil(len(self.weeks) / most))
        return tuple(
            f"{w.week_start:%b} {w.week_start.day}" if i % every == 0 else ""
            for i, w in enumerate(self.weeks)
        )

    @property
    def minimum_caption(self) -> str:
        """The legend's words for the program-minimum line."""
        return f"Program minimum ({self.minimum_hours} h a week)"

    @property
    def reviews_sentence(self) -> str:
        """``Objectives met at plan reviews: 1 of 3 on Jun 22, 3 of 3 on Jul 20.`` (blank
        when no review counted objectives)."""
        met = [mark.sentence for mark in self.reviews if mark.sentence]
        return f"Objectives met at plan reviews: {', '.join(met)}." if met else ""

    @property
    def hours_legend(self) -> tuple[tuple[str, str, str], ...]:
        """The weekly chart's legend: (swatch ``bar``/``line``/``dash``/``dot``, colour,
        words), the bars and the minimum first, then reviews and drug tests."""
        colours = self.colours
        return (
            *[("bar", colours.bars[kind], words) for kind, words in self.BAR_KINDS.items()],
            ("line", colours.minimum, self.minimum_caption),
            ("dash", colours.review, self.REVIEW_CAPTION),
            *[("dot", colours.outcomes[key], words) for key, words in self.drug_test_captions],
        )

    @property
    def drug_test_captions(self) -> tuple[tuple[str, str], ...]:
        """(outcome, legend words with the count) for each outcome shown; invalid only when a
        test was."""
        counts = Counter(t.outcome for t in self.drug_tests)
        return tuple(
            (key, f"{label} test ({counts[key]})")
            for key, label in DRUG_TEST_OUTCOMES.items()
            if key != "invalid" or counts[key]
        )


# --- ReportLab drawings ------------------------------------------------------------------------


class _FullWidth(Flowable):
    """A drawing built for the width of the frame it lands in."""

    def __init__(self, build: Callable[[float], Drawing]) -> None:
        super().__init__()
        self.build = build
        self.drawing: Drawing | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Platypus asks more than once (keep-with-next, then the frame): build once per width.
        if self.drawing is None or self.drawing.width != avail_width:
            self.drawing = self.build(avail_width)
        return self.drawing.width, self.drawing.height

    def draw(self) -> None:
        assert self.drawing is not None
        self.drawing.drawOn(self.canv, 0, 0)


def progress_flowables(data: ProgressData) -> list[Flowable]:
    """The episode's charts as flowables (none when the episode has nothing recorded)."""
    if not data.has_data:
        return []
    register_fonts()
    charts: list[Flowable] = []
    if data.screenings:
        charts.append(_FullWidth(lambda width: screenings_drawing(data, width)))
    charts.append(_FullWidth(lambda width: hours_drawing(data, width)))
    return charts


def _day_label(day: dt.date) -> str:
    return f"{day:%b} {day.day}"


def _text(drawing: Drawing, x: float, y: float, text: str, size: float = 7, **kw: object) -> None:
    drawing.add(String(x, y, text, fontName=kw.pop("font", FONT), fontSize=size,
                       fillColor=kw.pop("colour", MUTED), **kw))  # fmt: skip


def _elided(text: str, size: float, width: float) -> str:
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"


def _style_axes(*axes: object) -> None:
    for axis in axes:
        axis.labels.fontName, axis.labels.fontSize = FONT, 7  # type: ignore[attr-defined]
        axis.strokeColor = RULE  # type: ignore[attr-defined]


def screenings_drawing(data: ProgressData, width: float) -> Drawing:
    """Small charts, two to a row, one per instrument, each on its own severity bands."""
    per_row = 2  # one instrument keeps a half-width chart rather than a long flat one
    rows = math.ceil(len(data.screenings) / per_row)
    cell_w, cell_h = width / per_row, 125.0
    drawing = Drawing(width, cell_h * rows)
    for index, trend in enumerate(data.screenings):
        x0 = (index % per_row) * cell_w
        y0 = (rows - 1 - index // per_row) * cell_h
        _screening_cell(drawing, data, trend, (x0, y0, cell_w - 10, cell_h))
    return drawing


def _screening_cell(
    drawing: Drawing,
    data: ProgressData,
    trend: ScreeningTrend,
    box: tuple[float, float, float, float],
) -> None:
    x0, y0, w, h = box
    _text(drawing, x0, y0 + h - 12, f"{trend.first_and_last} (total)", 9, font=FONT_BOLD,
          colour=INK)  # fmt: skip
    label_w = 78
    plot_x, plot_y, plot_w, plot_h = x0 + 22, y0 + 20, w - 22 - label_w, h - 42
    for shade, band in zip(COLOURS.band_shades, trend.bands, strict=False):
        low = plot_y + plot_h * band.low / trend.max_total
        high = plot_y + plot_h * min(trend.max_total, band.high + 1) / trend.max_total
        drawing.add(Rect(plot_x, low, plot_w, high - low, fillColor=colors.HexColor(shade),
                         strokeColor=None))  # fmt: skip
        label = _elided(band.label, 6.3, label_w - 4)
        _text(drawing, plot_x + plot_w + 4, (low + high) / 2 - 2.5, label, 6.3)
    span = max(1, (data.end - data.start).days)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = plot_x, plot_y, plot_w, plot_h
    plot.data = [[((day - data.start).days, total) for day, total in trend.points]]
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, span
    plot.xValueAxis.valueSteps = [0, span // 2, span]
    plot.xValueAxis.labelTextFormat = lambda days: _day_label(
        data.start + dt.timedelta(days=int(days))
    )
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = 0, trend.max_total
    plot.yValueAxis.valueSteps = sorted({b.low for b in trend.bands} | {trend.max_total})
    _style_axes(plot.xValueAxis, plot.yValueAxis)
    line = plot.lines[0]
    line.strokeColor, line.strokeWidth = colors.HexColor(COLOURS.scores), 1.6
    line.symbol = makeMarker("FilledCircle", size=4.5)
    line.symbol.fillColor = colors.HexColor(COLOURS.scores)
    drawing.add(plot)


def hours_drawing(data: ProgressData, width: float) -> Drawing:
    """Hours attended per week as bars, the program minimum as a line, plan reviews as dashed
    lines and drug tests as dots along the top, with a legend underneath."""
    height = 200.0
    drawing = Drawing(width, height)
    _text(drawing, 0, height - 12, "Attended hours per week, drug tests and plan reviews", 9,
          font=FONT_BOLD, colour=INK)  # fmt: skip
    # Below the title, a row for each review's "2/5 met" over its line.
    plot_x, plot_y, plot_w, plot_h = 26.0, 58.0, width - 34, height - 88
    n = len(data.weeks)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = plot_x, plot_y, plot_w, plot_h
    chart.data = [[round(w.minutes / 60, 2) for w in data.weeks]]
    # A label about every 36 points: "Aug 10" is 22 wide at 7 points.
    chart.categoryAxis.categoryNames = list(data.week_labels(max(2, int(plot_w // 36))))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, data.hours_ceiling
    chart.valueAxis.valueStep = 3
    _style_axes(chart.categoryAxis, chart.valueAxis)
    chart.barWidth, chart.groupSpacing = 6, 3
    chart.bars[0].strokeColor = None
    for i, week in enumerate(data.weeks):
        chart.bars[(0, i)].fillColor = colors.HexColor(COLOURS.bars[data.bar_kind(week)])
    drawing.add(chart)

    def x_of(position: float) -> float:
        return plot_x + (position + 0.5) * plot_w / n

    def y_of(hours: float) -> float:
        return plot_y + plot_h * hours / data.hours_ceiling

    review_colour = colors.HexColor(COLOURS.review)
    for review in data.reviews:
        x = x_of(data.week_position(review.reviewed_on))
        drawing.add(Line(x, plot_y, x, plot_y + plot_h, strokeColor=review_colour,
                         strokeWidth=1, strokeDashArray=[3, 2]))  # fmt: skip
        _text(drawing, x, plot_y + plot_h + 2, review.tally, 6.5, colour=review_colour,
              textAnchor="middle")  # fmt: skip
    floor = y_of(data.minimum_hours)
    drawing.add(Line(plot_x, floor, plot_x + plot_w, floor,
                     strokeColor=colors.HexColor(COLOURS.minimum), strokeWidth=1.4))  # fmt: skip
    for test in data.drug_tests:
        drawing.add(Circle(x_of(data.week_position(test.collected_on)), y_of(data.dot_row), 3,
                           fillColor=colors.HexColor(COLOURS.outcomes[test.outcome]),
                           strokeColor=colors.white, strokeWidth=0.5))  # fmt: skip
    _legend(drawing, data)
    return drawing


def _legend(drawing: Drawing, data: ProgressData) -> None:
    """Swatches and words in two rows under the hours chart (weeks, then marks)."""
    entries = data.hours_legend
    first, second = entries[: len(data.BAR_KINDS) + 1], entries[len(data.BAR_KINDS) + 1 :]
    for row, items in ((18.0, first), (4.0, second)):
        x = 0.0
        for kind, colour, words in items:
            fill = colors.HexColor(colour)
            if kind == "bar":
                drawing.add(Rect(x, row, 9, 7, fillColor=fill, strokeColor=None))
            elif kind == "dot":
                drawing.add(Circle(x + 4.5, row + 3.5, 3, fillColor=fill, strokeColor=None))
            else:
                dash = [3, 2] if kind == "dash" else None
                drawing.add(Line(x, row + 3.5, x + 10, row + 3.5, strokeColor=fill,
                                 strokeWidth=1.4, strokeDashArray=dash))  # fmt: skip
            _text(drawing, x + 13, row, words, 7.5, colour=INK)
            x += 13 + stringWidth(words, FONT, 7.5) + 14
