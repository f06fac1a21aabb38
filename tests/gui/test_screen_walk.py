"""The screen walk: every sidebar area, chart tab and Today panel, and every dialog and window
their buttons open, as each role, on a clinic PC's screen (1366x768 less its taskbar), on the
small demo clinic and on the same clinic with long names and long lists.

Each window must fit the screen with every button on it, cut no text, name every input and
button for a screen reader, connect every button to something, keep forms in reading order
for Tab, and let Escape close a dialog (asking first once something was typed). Set
``IOPDESK_SCREENSHOTS=DIR`` to keep a PNG of every window walked.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGroupBox

from iopdesk.gui import registry
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.services import permissions
from tests.gui import walk_clinics
from tests.gui.screen_walk import Walk

CLINICS = ("small", "long")
#: The role each walking person holds in the permission matrix.
HOLDS = {
    "administrator": permissions.ADMIN,
    "clinician": permissions.CLINICIAN,
    "supervisor": permissions.CLINICIAN,
    "front desk": permissions.FRONT_DESK,
}
#: Defects other engineers are fixing, as (clinic or "", role or "", screen) -> reason.
KNOWN: dict[tuple[str, str, str], str] = {}


def _screens(role: str) -> list[str]:
    """What ``role`` can open: Today, the areas, the chart tabs, a session's sheet."""
    holds = HOLDS[role]
    screens = ["area:today"]
    areas = [a.key for a in registry.areas() if permissions.allowed(holds, a.permission)]
    screens += [f"area:{key}" for key in areas]
    tabs = [t.key for t in registry.chart_tabs() if permissions.allowed(holds, t.permission)]
    screens += [f"chart:{key}" for key in tabs]
    if "aftercare" in tabs:
        screens.append("discharged:aftercare")
    screens.append("sheet")
    return screens


def _params() -> list[object]:
    params = []
    for clinic in CLINICS:
        for role in HOLDS:
            for screen in _screens(role):
                reason = next(
                    (
                        why
                        for (c, r, s), why in KNOWN.items()
                        if s == screen and c in ("", clinic) and r in ("", role)
                    ),
                    None,
                )
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                params.append(pytest.param(clinic, role, screen, marks=marks))
    return params


@pytest.fixture(scope="session")
def built_clinics(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], bytes]:
    """Both clinics, built once per test process, and the key that opens them."""
    base = tmp_path_factory.mktemp("walk-clinics")
    small = walk_clinics.build_small(base / "small")
    key = walk_clinics.demo_key(small)
    long = walk_clinics.build_long(small, base / "long", key)
    return {"small": small, "long": long}, key


@pytest.fixture
def walk(qtbot, monkeypatch, request: pytest.FixtureRequest) -> Iterator[Walk]:
    """The walk of one screen; every window it leaves is closed and deleted after it."""
    clinic, role = request.node.callspec.params["clinic"], request.node.callspec.params["role"]
    walking = Walk(qtbot, monkeypatch, f"{clinic} {role}")
    gc.disable()
    try:
        yield walking
    finally:
        walking.finish()
        gc.enable()


def test_the_walk_runs_on_a_clinic_pc_screen(qapp) -> None:
    """The offscreen screen gives windows what a 1366x768 PC with a taskbar gives them."""
    screen = QGuiApplication.primaryScreen()
    assert screen.availableGeometry() == QRect(0, 0, 1366, 728)


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize(("clinic", "role", "screen"), _params())
def test_every_screen_fits_and_works(
    walk, built_clinics, tmp_path, clinic: str, role: str, screen: str
) -> None:
    built, key = built_clinics
    store = walk_clinics.open_copy(built[clinic], tmp_path / "walked", key)
    shown = walk_clinics.showcase()
    ctx = WindowContext(walk_clinics.actor(role), EventHub(), store)
    kind, _, key = screen.partition(":")
    if kind == "area":
        _walk_area(walk, ctx, key)
    elif kind in ("chart", "discharged"):
        client = shown.active_client if kind == "chart" else shown.discharged_client
        _walk_chart(walk, ctx, client, key)
    else:
        sheet = AttendanceSheetWindow(ctx, shown.session)
        sheet.show()
        walk.walk(sheet, "Attendance sheet")
    assert not walk.problems, "\n".join(["What the walk found:", *walk.problems])


def _walk_area(walk: Walk, ctx: WindowContext, key: str) -> None:
    main = MainWindow(ctx)
    main.show()
    page = main.show_area(key)
    title = main.sidebar.currentItem().text()
    if key == "today":
        boxes = {box.title() for box in page.findChildren(QGroupBox)}
        expected = {p.title for p in registry.today_panels() if ctx.actor.can(p.permission)}
        assert expected <= boxes
    walk.walk(main, title, root=page)
    if key == "today":
        walk.menus(main)  # Help and File: the guide, shortcuts, About, the password form
    if key == "calendar":
        # A click on the week grid opens these; no button does.
        walk.depth += 1
        page.new_appointment(dt.date.today(), dt.time(8))
        session = walk_clinics.showcase().session
        page.open_session(session)
        walk.depth -= 1


def _walk_chart(walk: Walk, ctx: WindowContext, client_id: int, key: str) -> None:
    chart = ChartWindow(ctx, client_id)
    chart.show()
    index = [spec.key for spec in chart.tab_specs].index(key)
    chart.tabs.setCurrentIndex(index)
    walk.walk(chart, f"Chart / {chart.tab_titles()[index]}", root=chart.tab(key))
