"""The chart's Progress tab and the plan review's charts, as a counselor sees them."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCharts import QAreaSeries, QLineSeries, QScatterSeries, QStackedBarSeries
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from iopdesk.db.models.core import Episode
from iopdesk.gui import operations
from iopdesk.gui.chart_tabs.progress import ProgressTab
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.plans.review_dialog import ReviewDialog
from iopdesk.services.attendance.drug_tests import DrugTestForm, ResultEntry, record_drug_test
from iopdesk.services.clients.progress import ProgressData
from iopdesk.services.plans import records as plans
from tests.factories.clients import make_client
from tests.factories.progress import MONDAY, TODAY, build_progress
from tests.gui.fitting import open_chart

LEFT = Qt.MouseButton.LeftButton


def _series(chart, kind):
    return [s for s in chart.series() if isinstance(s, kind)]


def _points(series) -> list[tuple[float, float]]:
    return [(p.x(), p.y()) for p in series.points()]


def _tab(qtbot, actor, store, client_id) -> ProgressTab:
    tab = ProgressTab(WindowContext(actor, EventHub(), store), client_id)
    qtbot.addWidget(tab)
    tab.resize(1080, 600)
    tab.show()
    return tab


def test_progress_tab_draws_scores_hours_tests_and_reviews(qtbot, store, clinician, supervisor):
    built = build_progress(clinician, supervisor)
    tab = _tab(qtbot, clinician, store, built.client_id)
    charts = tab.charts
    assert charts.message.text().startswith("Episode 1: in care from")
    assert tab.episode.isHidden()  # one episode: nothing to choose
    assert charts.legend.isHidden()  # the chart's own legend fits a tab

    (phq_view,) = charts.screening_views
    phq = phq_view.chart()
    assert phq.title() == "PHQ-9 15 → 4"
    assert len(_series(phq, QAreaSeries)) == 5  # minimal .. severe shaded
    (scores,) = _series(phq, QLineSeries)
    assert [y for _, y in _points(scores)] == [15, 4]
    left, bands = phq.axes(Qt.Orientation.Vertical)
    assert (left.min(), left.max()) == (0, 27)
    assert bands.categoriesLabels() == ["minimal", "mild", "moderate", "moderately severe",
                                        "severe"]  # fmt: skip

    hours = charts.hours_view.chart()
    (bars,) = _series(hours, QStackedBarSeries)
    met, short, partial = bars.barSets()
    weeks = len(tab.charts.data.weeks)
    assert [s.count() for s in (met, short, partial)] == [weeks] * 3
    assert (met.at(1), short.at(2), partial.at(0)) == (9, 8, 0)  # 540 and 480 minutes
    assert short.at(1) == 0 and met.at(2) == 0
    minimum, review = _series(hours, QLineSeries)
    assert minimum.name() == "Program minimum (9 h a week)"
    assert {y for _, y in _points(minimum)} == {9}
    reviewed = tab.charts.data.week_position(MONDAY + dt.timedelta(14))
    assert [x for x, _ in _points(review)] == [reviewed, reviewed]
    (tally,) = [i for i in hours.childItems() if isinstance(i, QGraphicsSimpleTextItem)]
    assert tally.text() == "1/2 met" and tally.isVisible()
    top = hours.mapToPosition(QPointF(reviewed, 15), review)
    assert abs(tally.pos().x() - top.x()) < 10 and hours.plotArea().contains(tally.pos())
    day = MONDAY + dt.timedelta(14)
    assert charts.message.text().endswith(
        f"Objectives met at plan reviews: 1 of 2 on {day:%b} {day.day}."
    )
    dots = {s.name(): len(s.points()) for s in _series(hours, QScatterSeries)}
    assert dots == {
        "Negative test (1)": 1,
        "Explained positive test (1)": 1,
        "Unexplained positive test (1)": 1,
    }
    (x_axis,) = hours.axes(Qt.Orientation.Horizontal)
    (y_axis,) = hours.axes(Qt.Orientation.Vertical)
    assert x_axis.count() == weeks and x_axis.at(1) == f"{MONDAY:%b} {MONDAY.day}"
    assert (y_axis.min(), y_axis.max()) == (0, 15)


def test_a_new_test_shows_up_without_reopening(qtbot, store, clinician, supervisor):
    built = build_progress(clinician, supervisor)
    tab = _tab(qtbot, clinician, store, built.client_id)
    form = DrugTestForm(built.client_id, TODAY, "urine", observed=False,
                        results=(ResultEntry("Cocaine", "positive"),))  # fmt: skip
    assert operations.run(tab.ctx, tab, lambda: record_drug_test(clinician, form))
    names = [s.name() for s in _series(tab.charts.hours_view.chart(), QScatterSeries)]
    assert "Unexplained positive test (2)" in names


def test_nothing_recorded_says_so(qtbot, store, clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY)
    tab = _tab(qtbot, clinician, store, client_id)
    assert tab.charts.message.text() == ProgressData.NOTHING_RECORDED
    assert tab.charts.screening_views == [] and tab.charts.hours_view is None
    assert not tab.print_button.isEnabled()
    assert tab.print_button.toolTip() == "Nothing to print yet."


def test_print_progress_saves_the_charts(qtbot, store, clinician, supervisor, answers, tmp_path):
    built = build_progress(clinician, supervisor)
    tab = _tab(qtbot, clinician, store, built.client_id)
    target = tmp_path / "progress.pdf"
    answers.queue("save_file", str(target))
    answers.queue("inform")
    qtbot.mouseClick(tab.print_button, LEFT)
    assert answers.texts("inform") == [f"Saved to {target}."]
    text = " ".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert "Progress" in text and "PHQ-9 15 → 4 (total)" in text
    assert "Objectives met at plan reviews: 1 of 2 on" in text


def test_a_readmitted_client_chooses_the_episode(qtbot, store, clinician, supervisor):
    built = build_progress(clinician, supervisor)
    Episode.update(status="discharged", discharge_date=MONDAY + dt.timedelta(days=20)).where(
        Episode.id == built.episode_id
    ).execute()
    Episode.create(client=built.client_id, number=2, status="active", admission_date=TODAY)
    tab = _tab(qtbot, clinician, store, built.client_id)
    assert tab.charts.message.text() == ProgressData.NOTHING_RECORDED  # episode 2 has just begun
    assert tab.episode.isVisible() and tab.episode.count() == 2
    tab.episode.setCurrentIndex(1)
    tab.episode.activated.emit(1)
    assert tab.charts.message.text().startswith("Episode 1: in care from")
    assert len(tab.charts.screening_views) == 1


def test_front_desk_has_no_progress_tab(qtbot, store, clinician, supervisor, front_desk):
    client_id = make_client(counselor=clinician)
    assert "Progress" not in open_chart(qtbot, front_desk, store, client_id).tab_titles()
    chart = open_chart(qtbot, clinician, store, client_id)
    index = chart.tab_titles().index("Progress")
    bar = chart.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert isinstance(chart.tabs.currentWidget(), ProgressTab)


def test_review_dialog_shows_the_charts_beside_the_objectives(qtbot, store, clinician, supervisor):
    built = build_progress(clinician, supervisor)
    dialog = ReviewDialog(WindowContext(clinician, EventHub(), store),
                          plans.open_plan(clinician, built.plan_id))  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 700  # a 1366x768 screen, title bar
    assert dialog.charts.hours_view is not None and len(dialog.charts.screening_views) == 1
    hours = dialog.charts.hours_view.chart()
    # The panel is narrow: the legend is words that wrap under the chart, not the chart's own.
    assert not hours.legend().isVisible() and dialog.charts.legend.isVisible()
    shown = QTextDocumentFragment.fromHtml(dialog.charts.legend.text()).toPlainText()
    legend = shown.replace("\xa0", " ")
    for words in ("Below the minimum", "Plan review (objectives met)", "Negative test (1)"):
        assert words in legend
    (x_axis,) = hours.axes(Qt.Orientation.Horizontal)
    assert sum(1 for label in x_axis.categories() if label.strip("\u200b")) <= 8
    table = dialog.table.mapTo(dialog, dialog.table.rect().topRight())
    charts = dialog.charts.mapTo(dialog, dialog.charts.rect().topLeft())
    assert charts.x() > table.x()
