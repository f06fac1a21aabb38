"""The screen walk's checks can fail: each catches the fault it looks for on a made-up window,
and says nothing about a window without it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tests.gui import screen_checks as checks


def _show(qtbot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda: None)
    return button


@pytest.fixture
def tidy(qtbot) -> QDialog:
    """A small, correct form: every check passes on it."""
    dialog = QDialog()
    col = QVBoxLayout(dialog)
    form = QFormLayout()
    form.addRow("Name", QLineEdit())
    form.addRow("Phone", QLineEdit())
    col.addLayout(form)
    col.addWidget(_button("Save"))
    return _show(qtbot, dialog)


def test_a_tidy_window_passes_every_check(tidy):
    assert checks.check_window(tidy) == []


def test_a_window_larger_than_the_screen_is_caught(qtbot):
    window = QWidget()
    window.setMinimumSize(1500, 900)
    _show(qtbot, window)
    assert "does not fit the available screen" in checks.fits_screen(window)[0]


def test_a_button_cut_off_by_its_box_is_caught(qtbot):
    window = QWidget()
    box = QWidget(window)
    box.setGeometry(0, 0, 120, 40)
    button = _button("Sign")
    button.setParent(box)
    button.setGeometry(90, 5, 80, 30)  # half of it outside the box
    _show(qtbot, window)
    assert checks.buttons_reachable(window) == ["QPushButton 'Sign' is cut off by QWidget ''"]


def test_cut_text_on_labels_buttons_tabs_group_boxes_and_headers_is_caught(qtbot):
    window = QWidget()
    row = QHBoxLayout(window)
    label = QLabel("Program minimum for adolescents")
    label.setFixedWidth(60)
    button = _button("Unexcused absence")
    button.setFixedWidth(50)
    box = QGroupBox("Attendance and notes still missing")
    box.setFixedWidth(90)
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "Discharge and aftercare")
    tabs.setFixedWidth(70)
    table = QTableWidget(1, 2)
    table.setAccessibleName("Hours")
    table.setHorizontalHeaderLabels(["Week", "Program minimum"])
    table.setColumnWidth(1, 40)
    for widget in (label, button, box, tabs, table):
        row.addWidget(widget)
    _show(qtbot, window)
    found = "\n".join(checks.texts_fit(window))
    for cut in (
        "Program minimum for",
        "Unexcused absence",
        "still missing",
        "Discharge and",
        "'Program minimum' needs",
    ):
        assert cut in found


def test_an_input_without_a_name_is_caught(qtbot):
    window = QWidget()
    col = QVBoxLayout(window)
    col.addWidget(QLineEdit())  # no label, no accessible name
    _show(qtbot, window)
    assert checks.names_given(window) == ["QLineEdit '' has no accessible name"]


def test_a_button_connected_to_nothing_is_caught(qtbot):
    window = QWidget()
    col = QVBoxLayout(window)
    col.addWidget(QPushButton("Add staff member..."))
    _show(qtbot, window)
    assert checks.buttons_connected(window) == [
        "QPushButton 'Add staff member...' is connected to nothing"
    ]


def test_tab_jumping_back_up_a_form_is_caught(qtbot):
    window = QWidget()
    # Made in the opposite order to the rows they sit in: Tab follows the making.
    second = QLineEdit(window)
    first = QLineEdit(window)
    form = QFormLayout(window)
    form.addRow("First", first)
    form.addRow("Second", second)
    _show(qtbot, window)
    assert checks.forms_in_reading_order(window) == [
        "Tab goes from QLineEdit 'Second' back to QLineEdit 'First'"
    ]
