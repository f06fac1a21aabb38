"""Windows fit the screen they open on, come back at the size each person left them, and never
grow with what they show."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.gui.plans.editor import PlanEditor
from iopdesk.gui.widgets.window_size import settings
from iopdesk.services.plans import editing as plans_editing
from tests.factories.clients import make_client
from tests.factories.plans import write_plan


def _fits(window) -> bool:
    return window.screen().availableGeometry().contains(window.frameGeometry())


def _chart(qtbot, store, actor, client_id: int) -> ChartWindow:
    chart = ChartWindow(WindowContext(actor, EventHub(), store), client_id)
    qtbot.addWidget(chart)
    chart.show()
    return chart


def test_the_main_window_opens_on_the_whole_free_screen_and_fits(qtbot, store, clinician):
    window = MainWindow(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(window)
    window.show()
    free = window.screen().availableGeometry()
    assert _fits(window)
    assert window.width() >= free.width() - 20 and window.height() >= free.height() - 50


def test_a_window_comes_back_at_the_size_its_person_left_it(qtbot, store, clinician, admin):
    client_id = make_client()
    chart = _chart(qtbot, store, clinician, client_id)
    chart.resize(900, 600)
    chart.close()
    again = _chart(qtbot, store, clinician, client_id)
    assert again.size() == QSize(900, 600) and _fits(again)
    # Someone else at the same PC gets the window's own size, not casey's.
    theirs = _chart(qtbot, store, admin, client_id)
    assert theirs.size() != QSize(900, 600) and _fits(theirs)


def test_a_remembered_size_larger_than_this_screen_is_cut_to_fit(qtbot, store, clinician):
    stored = settings()
    stored.setValue("casey/ChartWindow/size", QSize(2400, 1500))  # left on a bigger screen
    del stored
    chart = _chart(qtbot, store, clinician, make_client())
    assert _fits(chart)
    assert chart.width() > 1000  # as large as this screen allows, not back to a default


def test_a_maximized_window_comes_back_maximized(qtbot, store, clinician):
    client_id = make_client()
    chart = _chart(qtbot, store, clinician, client_id)
    chart.showMaximized()
    QApplication.processEvents()
    chart.close()
    again = _chart(qtbot, store, clinician, client_id)
    assert again.isMaximized() and _fits(again)


def test_the_plan_editor_does_not_grow_when_a_long_plan_reloads(qtbot, store, clinician):
    client_id = make_client(counselor=clinician)
    plan_id = write_plan(clinician, client_id, problems=2)
    editor = PlanEditor(WindowContext(clinician, EventHub(), store), plan_id)
    qtbot.addWidget(editor)
    editor.show()
    size = editor.size()
    assert _fits(editor)
    long_text = "The client's own words about what drinking costs her " * 6
    for _ in range(4):
        plans_editing.add_problem(clinician, plan_id, long_text, 3)
    editor.reload()
    QApplication.processEvents()
    assert editor.size() == size and _fits(editor)
