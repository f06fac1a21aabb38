"""The attendance sheet as it looks with the app's style: the status buttons stand in columns
down the sheet, and a chosen status's bold caption is never clipped."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from iopdesk.gui.attendance.rows import CAPTIONS, AttendanceRow
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.attendance import notes
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance.sheet import AttendanceEntry as E
from iopdesk.services.groups import roster
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_client

DAY = dt.date.today() - dt.timedelta(days=1)
LEFT = Qt.MouseButton.LeftButton
MNEMONIC = Qt.TextFlag.TextShowMnemonic
NAMES = [
    ("Ana", "Lee"),
    ("Maximiliana-Esperanza", "Quiñones-O'Brien de la Torre y Villanueva"),
    ("Bo", "Wu"),
    ("Keiko", "Yamamoto-Richardson"),
    ("Sven", "Ek"),
]


def _sheet(qtbot, clinician, store) -> AttendanceSheetWindow:
    group = make_group("Relapse Prevention", facilitator=clinician)
    ids = [make_client(first, last) for first, last in NAMES]
    for cid in ids:
        roster.add_member(clinician, group, cid, DAY - dt.timedelta(days=7))
    make_client("Gustavo", "Guest-Visitor")
    session = make_session(group, DAY, title="Relapse Prevention")
    attendance.save_sheet(clinician, session, [E(ids[0], "present")])
    notes.save_progress_note(clinician, session, ids[0], {"data": "Engaged, shared twice."})
    window = AttendanceSheetWindow(WindowContext(clinician, EventHub(), store), session)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    return window


def _column(rows: list[AttendanceRow], part: str | QWidget) -> set[tuple[int, int]]:
    """Where one part of each line sits: (x within the sheet, width), per row."""
    found = set()
    for row in rows:
        widget = row.by_status[part] if isinstance(part, str) else part
        found.add((widget.mapTo(row.parentWidget(), QPoint(0, 0)).x(), widget.width()))
    return found


def _clipped(button: QPushButton) -> bool:
    """A checked button draws its caption bold: does the bold caption fit in the button?"""
    bold = QFont(button.font())
    bold.setBold(True)
    caption = QFontMetrics(bold).size(MNEMONIC, button.text()).width()
    normal = button.fontMetrics().size(MNEMONIC, button.text()).width()
    chrome = QPushButton.sizeHint(button).width() - normal  # padding, border, as Qt lays it
    return caption + chrome > button.width()


def test_status_buttons_line_up_and_chosen_captions_fit(
    qtbot, clinician, store, answers, clinic_style
):
    window = _sheet(qtbot, clinician, store)
    qtbot.keyClicks(window.guest_search, "Gustavo")
    assert window.guest_choice.count() == 1
    qtbot.mouseClick(window.add_guest_button, LEFT)
    rows = list(window.rows.values())
    assert len(rows) == len(NAMES) + 1 and rows[-1].guest
    for row, status in zip(rows, [*CAPTIONS, "present"], strict=False):
        qtbot.mouseClick(row.by_status[status], LEFT)
    QApplication.processEvents()
    assert rows[0].note_state.text() == "Note: draft" and rows[1].note_state.text() == ""

    for status in CAPTIONS:
        assert len(_column(rows, status)) == 1, f"{CAPTIONS[status]} buttons out of line"
    assert len({_column([r], r.minutes).pop() for r in rows}) == 1
    assert len({_column([r], r.note_button).pop() for r in rows}) == 1

    for row in rows:
        chosen = row.by_status[row.status]
        assert chosen.isChecked() and not _clipped(chosen), chosen.text()
    # A long name wraps in its own column instead of pushing its buttons along.
    for row in rows:
        name = row.name
        fits = name.fontMetrics().horizontalAdvance(name.text()) <= name.width()
        assert fits or (name.wordWrap() and name.height() >= name.heightForWidth(name.width()))
    longest = max((r.name for r in rows), key=lambda n: len(n.text()))
    assert longest.height() > min(r.name.height() for r in rows)
    # The whole line fits the sheet: nothing is cut off at its right edge.
    right = max(r.note_state.mapTo(window.list_widget, QPoint(r.note_state.width(), 0)).x()
                for r in rows)  # fmt: skip
    assert right <= window.scroll.viewport().width()
    answers.queue("unsaved", "discard")
    window.close()
