"""``iopdesk bench`` measures at the screen: every case shows its result on a small demo clinic,
the report judges each budget and the growth from small to large, and the cold start reaches
the first window through the real entry point. (No timing is asserted: speed is the bench's.)"""

from __future__ import annotations

from iopdesk.bench import Case, Trial
from iopdesk.bench.clock import measure
from iopdesk.bench.cold_start import cold_start
from iopdesk.bench.desk import Desk
from iopdesk.bench.runner import all_cases, report
from iopdesk.bench.scale import day_open
from iopdesk.db.connection import close_database
from iopdesk.demo import build_demo

#: The screens of issue 11's table, each measured by some case.
SCREENS = [
    "main window after sign-in",
    "Today: build",
    "Today: refresh",
    "attendance sheet: open",
    "attendance sheet: Save",
    "busiest week",
    "keystroke to painted list",
    "client chart with its first tab",
    "treatment plan PDF",
    "60 treatment plans",
    "sign in",
    "Show to tables",
    "Progress tab clicked",
]


def test_every_case_shows_its_result_on_a_small_demo_clinic(tmp_path):
    folder = tmp_path / "demo"
    build_demo(folder, "small", log=lambda _message: None)
    close_database()
    cases = all_cases()
    desk = Desk(folder)
    try:
        figures = {case.name: measure(case, desk, runs=1, warm_up=False) for case in cases}
        day_open(desk)  # what the memory figure is taken with
        kept = desk.main_window().child_windows
        assert sorted(kind for kind, _ in kept) == ["chart", "session"]
        assert all(window.isVisible() for window in kept.values())
    finally:
        desk.close()
    assert len(figures) == len(cases)  # every name once
    for screen in SCREENS:
        assert any(screen in name for name in figures), screen
    for case in cases:
        figure = figures[case.name]
        assert len(figure.wall_ms) == 1 and figure.wall_ms[0] > 0 and figure.cpu_ms[0] >= 0
        assert (figure.floor_ms > 0) == (case.floor is not None), case.name


def _figures(**medians: float) -> dict[str, object]:
    return {
        name: {"wall_ms": [ms] * 7, "cpu_ms": [ms / 2] * 7, "floor_ms": 1.0}
        for name, ms in medians.items()
    }


def test_the_report_judges_each_budget_and_the_growth_from_small_to_large():
    def nothing(_desk: Desk) -> Trial:
        return Trial([])

    cases = [
        Case("fine", 100, nothing),
        Case("too slow", 100, nothing),
        Case("grows with history", 100, nothing),
        Case("a document", 100, nothing, scaled=False),
    ]
    small = _figures(**{"fine": 50, "too slow": 90, "grows with history": 20, "a document": 20})
    large = _figures(**{"fine": 60, "too slow": 140, "grows with history": 60, "a document": 60})
    lines: list[str] = []
    ok = report(
        cases,
        {
            "small": {"cases": small, "resident_mb": 120},
            "large": {"cases": large, "resident_mb": 320},
        },
        lines.append,
    )
    verdicts = {line.split("  ")[0]: line.split()[-1] for line in lines if "  " in line}
    assert not ok
    assert verdicts["fine"] == "ok" and verdicts["a document"] == "ok"
    assert verdicts["too slow"] == "OVER" and verdicts["grows with history"] == "OVER"
    shown = {line.split("  ")[0]: line for line in lines if "  " in line}
    assert " 1.20  1.20 " in shown["fine"]  # a judged ratio
    assert " (3.0) (3.0) " in shown["a document"]  # shown, in brackets: unlike work, not judged
    assert [line.split()[-1] for line in lines if "resident memory" in line] == ["ok", "OVER"]


def test_the_cold_start_is_timed_through_the_entry_point_to_its_first_window(tmp_path):
    start = cold_start(tmp_path / "new-clinic", pairs=1)
    assert start.ours > 0 and start.bare > 0 and start.ratio > 0 and start.cpu_ratio > 0
    assert (tmp_path / "new-clinic").exists()  # the real app opened the folder (first run)


def test_a_bench_run_leaves_the_persons_window_sizes_alone(qtbot, tmp_path):
    from PySide6.QtCore import QSize

    from iopdesk.bench.scale import settings_apart
    from iopdesk.gui.widgets import window_size

    window_size.settings().setValue("mhernandez/MainWindow/size", QSize(1350, 728))
    with settings_apart():
        window_size.settings().setValue("mhernandez/MainWindow/size", QSize(796, 728))
        assert window_size.settings().value("mhernandez/MainWindow/size") == QSize(796, 728)
    assert window_size.settings().value("mhernandez/MainWindow/size") == QSize(1350, 728)
