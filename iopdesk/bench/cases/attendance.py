"""The attendance sheet: opening a full group's sheet from Today, and pressing Save on it."""

from __future__ import annotations

from iopdesk.bench import Case, Step, Trial, today_lists
from iopdesk.bench.desk import Desk, ModelResets
from iopdesk.gui.attendance.sheet import AttendanceSheetWindow
from iopdesk.gui.today import TodayScreen

#: The recent group session with the most people marked (a full group, this fortnight).
BUSIEST_GROUP = (
    "SELECT a.session_id FROM attendance a JOIN session s ON s.id = a.session_id "
    "WHERE s.kind = 'group' AND s.status != 'cancelled' "
    "AND s.day BETWEEN date('now', '-14 days') AND date('now', '-1 day') "
    "GROUP BY a.session_id ORDER BY COUNT(*) DESC, a.session_id LIMIT 1"
)


def _sheet_rows(desk: Desk) -> str:
    return (
        "SELECT c.id, c.legal_first_name, c.legal_last_name, c.record_number, a.status, "
        "a.minutes FROM attendance a JOIN client c ON c.id = a.client_id "
        f"WHERE a.session_id = {int(desk.one(BUSIEST_GROUP))}"
    )


def _sheet_of(desk: Desk, session_id: int) -> AttendanceSheetWindow | None:
    return desk.main_window().child_windows.get(("session", session_id))  # type: ignore[return-value]


def _on_screen(sheet: AttendanceSheetWindow | None) -> bool:
    return sheet is not None and len(sheet.rows) == len(sheet.sheet.rows) > 0


def _open(desk: Desk) -> Trial:
    """Double-click on Today's list -> the sheet up, every line filled, painted."""
    session_id = int(desk.one(BUSIEST_GROUP))
    window = desk.main_window()

    def sheet() -> AttendanceSheetWindow:
        return _sheet_of(desk, session_id)  # type: ignore[return-value]

    return Trial(
        [
            Step(
                lambda: window.open_session(session_id),
                lambda: _on_screen(sheet()),
                lambda: next(iter(sheet().rows.values())),
            )
        ],
        before=lambda: window.show_area("today"),
        after=lambda: sheet().close(),
    )


def _save(desk: Desk) -> Trial:
    """One mark changed, Save pressed -> "Saved." with the sheet showing what was recorded,
    and every Today list that shows attendance asked again (the main window is open behind)."""
    session_id = int(desk.one(BUSIEST_GROUP))
    window = desk.main_window()
    today: TodayScreen = window.show_area("today")  # type: ignore[assignment]
    opened: list[AttendanceSheetWindow] = []
    resets: list[ModelResets] = []

    def before() -> None:
        window.show_area("today")
        opened.append(window.open_session(session_id))  # type: ignore[arg-type]
        row = next(iter(opened[0].rows.values()))
        if row.status == "present":
            row.set_status("late")
            row.minutes.setValue(row.length - 15)
        else:
            row.set_status("present")
        resets.extend(
            ModelResets(panel.table.rows_model)
            for panel in today_lists(today)
            if "attendance" in panel.refresh_on
        )

    def saved() -> bool:
        sheet = opened[0]
        return (
            not sheet.dirty
            and sheet.statusBar().currentMessage() == "Saved."
            and all(counter.count for counter in resets)
        )

    def after() -> None:
        for counter in resets:
            counter.stop()
        opened[0].statusBar().clearMessage()
        opened[0].close()

    return Trial(
        [
            Step(
                lambda: opened[0].save_button.click(),
                saved,
                lambda: next(iter(opened[0].rows.values())),
            )
        ],
        before,
        after,
    )


CASES = [
    Case("attendance sheet: open a full group's sheet", 100, _open, _sheet_rows),
    Case("attendance sheet: Save (incl. every refresh)", 100, _save, _sheet_rows),
]
