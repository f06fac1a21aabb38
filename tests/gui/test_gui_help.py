"""The Help menu and the keyboard, driven as a person does: menus clicked, keys pressed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMainWindow, QMenu

import iopdesk
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.clients.client_dialog import ClientDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.help import shortcuts as keys
from iopdesk.gui.help.about import LICENSED_TEXT, AboutDialog
from iopdesk.gui.help.guide import GuideWindow
from iopdesk.gui.help.shortcuts import SHORTCUTS, ShortcutsDialog
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.gui.plans.editor import PlanEditor
from tests.factories.clients import make_client
from tests.factories.plans import write_plan

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def modeless(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """Dialogs opened with exec() stay up without blocking, for the test to look and click."""
    opened: list[QDialog] = []

    def show(dialog: QDialog) -> int:
        opened.append(dialog)
        dialog.show()
        return 0

    monkeypatch.setattr(QDialog, "exec", show)
    return opened


@pytest.fixture
def main(qtbot, store, clinician) -> MainWindow:
    window = MainWindow(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def choose(qtbot, window: QMainWindow, menu_title: str, item: str) -> None:
    """Click a menu's title in the menu bar, then one of its items."""
    bar = window.menuBar()
    title = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(title).center())
    menu: QMenu = title.menu()
    qtbot.waitUntil(menu.isVisible)
    entry = next(a for a in menu.actions() if a.text() == item)
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(entry).center())


def press(qtbot, keys_text: str) -> None:
    """Press a shortcut in whichever window is in front."""
    target = QApplication.focusWidget() or QApplication.activeWindow()
    sequence = keys_text.split("+")
    modifiers = Qt.KeyboardModifier.NoModifier
    if "Ctrl" in sequence:
        modifiers = Qt.KeyboardModifier.ControlModifier
    key = getattr(Qt.Key, f"Key_{sequence[-1]}")
    qtbot.keyClick(target, key, modifiers)


def _guide(window: QMainWindow) -> GuideWindow | None:
    return window.findChild(GuideWindow)


def test_help_user_guide_opens_beside_the_work_and_covers_the_day(qtbot, main):
    choose(qtbot, main, "Help", "User guide")
    guide = _guide(main)
    assert guide is not None and guide.isVisible()
    text = guide.text.toPlainText()
    for section in (
        "Signing in",
        "Today",
        "Clients and intake",
        "Treatment plans",
        "Calendar",
        "Groups and attendance",
        "Discharge and aftercare",
        "Backups and restore",
        "Keyboard shortcuts",
        "Who to call",
    ):
        assert section in text
    # The shortcuts in the guide are the ones the windows answer.
    for shortcut in SHORTCUTS:
        assert shortcut.does in text
    qtbot.waitUntil(guide.isActiveWindow)  # it comes to the front, ready for the keyboard
    qtbot.keyClick(guide.text, Qt.Key.Key_Escape)
    assert not guide.isVisible()


def test_f1_opens_the_guide_from_a_chart_window_too(qtbot, main, clinician):
    chart = main.open_chart(make_client())
    chart.activateWindow()
    qtbot.waitUntil(chart.isActiveWindow)
    qtbot.keyClick(chart, Qt.Key.Key_F1)
    guide = _guide(main)
    assert guide is not None and guide.isVisible()
    qtbot.keyClick(guide, Qt.Key.Key_F1)  # open already: the same window, not a second one
    assert len(main.findChildren(GuideWindow)) == 1


def test_help_keyboard_shortcuts_lists_every_key(qtbot, main, modeless):
    choose(qtbot, main, "Help", "Keyboard shortcuts")
    (dialog,) = modeless
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    rows = dialog.table.rows_model.rows
    assert [r.keys for r in rows] == [s.keys for s in SHORTCUTS]
    assert {keys.NEW_CLIENT, keys.FIND_CLIENT, keys.SAVE, keys.PRINT, keys.LOCK, keys.HELP} <= {
        r.keys for r in rows
    }
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, LEFT)
    assert not dialog.isVisible()


def test_help_about_says_version_data_location_and_licences(qtbot, main, store, modeless):
    choose(qtbot, main, "Help", "About IOPdesk")
    (dialog,) = modeless
    assert isinstance(dialog, AboutDialog)
    text = dialog.text.toPlainText()
    assert f"IOPdesk {iopdesk.__version__}" in text
    assert store.location in text and str(store.backups_dir) in text
    for credit in ("PHQ-9", "GAD-7", "AUDIT", "DAST-10", "World Health Organization", "Skinner"):
        assert credit in text
    assert "LGPL" in text


def test_the_about_credits_are_the_readme_licensed_text_word_for_word():
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Licensed text", 1)[1].split("\n## ", 1)[0]
    assert " ".join(section.replace("`", "").split()) == LICENSED_TEXT


def test_help_quit_closes_the_window_after_asking_about_unsaved_work(qtbot, main, answers):
    closed = []
    main.closed.connect(lambda: closed.append(True))
    choose(qtbot, main, "Help", "Quit")
    assert closed and not main.isVisible()


def test_go_keys_switch_areas_and_find_a_client(qtbot, main):
    press(qtbot, keys.CALENDAR)
    assert main.sidebar.currentItem().text() == "Calendar"
    press(qtbot, keys.TODAY)
    assert main.sidebar.currentItem().text() == "Today"
    press(qtbot, keys.CLIENTS)
    assert main.sidebar.currentItem().text() == "Clients"
    press(qtbot, keys.TODAY)
    press(qtbot, keys.FIND_CLIENT)
    clients = main.pages["clients"]
    assert main.sidebar.currentItem().text() == "Clients"
    assert clients.search.hasFocus()


def test_a_click_on_clients_puts_the_cursor_in_the_search(qtbot, main):
    make_client("Kai", "Wilson")
    sidebar = main.sidebar
    row = sidebar.item(main.area_keys().index("clients"))
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton,
                     pos=sidebar.visualItemRect(row).center())  # fmt: skip
    qtbot.keyClicks(QApplication.focusWidget(), "Wilson")
    assert main.pages["clients"].search.text() == "Wilson"
    qtbot.keyClick(sidebar, Qt.Key.Key_Down)  # the arrow keys still walk the sidebar
    assert sidebar.currentItem().text() != "Clients"


def test_ctrl_n_opens_the_new_client_form_and_ctrl_l_locks(qtbot, main, modeless):
    locked = []
    main.lock_requested.connect(lambda: locked.append(True))
    press(qtbot, keys.NEW_CLIENT)
    assert main.sidebar.currentItem().text() == "Clients"
    assert [type(d) for d in modeless] == [ClientDialog]
    modeless[0].reject()
    press(qtbot, keys.LOCK)
    assert locked == [True]


def test_new_client_key_is_not_offered_to_a_role_that_cannot_register(qtbot, store, admin):
    window = MainWindow(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(window)
    go = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    assert "New client..." not in [a.text() for a in go.actions()]


def test_every_listed_key_is_named_the_way_qt_reads_it():
    """A typo in the list would show a key that does nothing."""
    from PySide6.QtGui import QKeySequence

    for shortcut in SHORTCUTS:
        if re.fullmatch(r"(Ctrl\+)?[A-Z0-9]+", shortcut.keys):
            assert QKeySequence(shortcut.keys).toString() == shortcut.keys


def test_ctrl_s_in_a_form_saves_as_its_save_button_does(qtbot, main, monkeypatch):
    chart: ChartWindow = main.open_chart(make_client())
    tab = chart.tab("demographics")
    opened: list[QDialog] = []

    def fill_and_press_ctrl_s(dialog: QDialog) -> int:
        opened.append(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClicks(dialog.form.fields["name"], "Rosa Diaz")
        qtbot.keyClicks(dialog.form.fields["phone"], "507-555-0101")
        qtbot.keyClick(dialog.form.fields["phone"], Qt.Key.Key_S, CTRL)
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", fill_and_press_ctrl_s)
    qtbot.mouseClick(tab.contacts.buttons["Add contact"], LEFT)
    assert opened and not opened[0].isVisible()
    assert [r.name for r in tab.contacts.model.rows] == ["Rosa Diaz"]


def test_ctrl_s_saves_the_plan_header_and_ctrl_p_opens_the_preview(qtbot, store, clinician):
    plan_id = write_plan(clinician, make_client(counselor=clinician))
    editor = PlanEditor(WindowContext(clinician, EventHub(), store), plan_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.header.diagnosis.setFocus()
    editor.header.diagnosis.selectAll()
    qtbot.keyClicks(editor.header.diagnosis, "Opioid use disorder, severe")
    qtbot.keyClick(editor.header.diagnosis, Qt.Key.Key_S, CTRL)
    assert TreatmentPlan.get_by_id(plan_id).diagnosis == "Opioid use disorder, severe"
    qtbot.keyClick(editor.header.diagnosis, Qt.Key.Key_P, CTRL)
    assert editor.preview is not None and editor.preview.isVisible()
    editor.preview.close()
