"""Signing in, the main window opening on Today, and Today refreshing after a save."""

from __future__ import annotations

from iopdesk.bench import Case, Step, Trial, today_filled, today_lists
from iopdesk.bench.desk import ROLE_USERS, Desk, ModelResets
from iopdesk.bench.first_window import after_a_crash, first_windows
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.gui.main_window import MainWindow
from iopdesk.gui.sign_in import SignInScreen
from iopdesk.gui.today import TodayScreen
from iopdesk.services.context import Change

#: Roughly the rows Today's lists read: this week's attendance of the active clients.
_TODAY_FLOOR = (
    "SELECT a.client_id, s.day, SUM(a.minutes) FROM attendance a JOIN session s "
    "ON s.id = a.session_id JOIN client c ON c.id = a.client_id WHERE c.status = 'active' "
    "AND s.day >= date('now', 'weekday 1', '-7 days') GROUP BY a.client_id, s.day"
)


def _sign_in(desk: Desk) -> Trial:
    """Enter on the sign-in screen until the person is let in (argon2id: slow on purpose)."""
    screen = SignInScreen("Bench")
    accepted: list[object] = []
    screen.signed_in.connect(accepted.append)

    def before() -> None:
        screen.show()
        screen.username.setText(ROLE_USERS["clinician"])
        screen.password.setText(DEMO_PASSWORD)

    return Trial([Step(screen.button.click, lambda: bool(accepted))], before, screen.deleteLater)


def _main_window(desk: Desk) -> Trial:
    """Sign-in accepted -> the main window up with every Today list filled and painted."""
    made: list[MainWindow] = []

    def act() -> None:
        window = MainWindow(desk.context("clinician"))
        window.show()
        made.append(window)

    def today() -> TodayScreen:
        return made[0].pages.get("today")  # type: ignore[return-value]

    def after() -> None:
        made[0].close()
        made[0].deleteLater()

    return Trial(
        [Step(act, lambda: today_filled(today()), lambda: today_lists(today())[0].summary)],
        after=after,
    )


def _today_build(desk: Desk) -> Trial:
    """The home page alone: built, every list asked, painted."""
    made: list[TodayScreen] = []

    def act() -> None:
        made.append(TodayScreen(desk.context("clinician")))
        made[0].resize(1100, 700)
        made[0].show()

    def after() -> None:
        made[0].close()
        made[0].deleteLater()

    return Trial(
        [
            Step(
                act,
                lambda: bool(made) and today_filled(made[0]),
                lambda: today_lists(made[0])[0].summary,
            )
        ],
        after=after,
    )


def _today_refresh(desk: Desk) -> Trial:
    """Attendance saved (the sheet announces it) -> Today's lists that show it asked again."""
    window = desk.main_window("clinician")
    today: TodayScreen = window.show_area("today")  # type: ignore[assignment]
    touched = [p for p in today_lists(today) if "attendance" in p.refresh_on]
    resets = [ModelResets(panel.table.rows_model) for panel in touched]

    def after() -> None:
        for counter in resets:
            counter.stop()

    return Trial(
        [
            Step(
                lambda: window.ctx.hub.publish([Change("attendance")]),
                lambda: all(counter.count for counter in resets),
                lambda: touched[0].summary,
            )
        ],
        after=after,
    )


CASES = [
    Case("sign in: password check (argon2id, deliberate)", 600, _sign_in, scaled=False),
    Case(
        "main window after the day's first sign-in (fresh app)",
        300,
        floor=lambda _d: _TODAY_FLOOR,
        fresh=first_windows,
    ),
    Case(
        "main window after a first sign-in, file checked meanwhile (after a crash)",
        300,
        floor=lambda _d: _TODAY_FLOOR,
        fresh=after_a_crash,
    ),
    Case("main window after sign-in (Today filled)", 300, _main_window, lambda _d: _TODAY_FLOOR),
    Case("Today: build the home page", 100, _today_build, lambda _d: _TODAY_FLOOR),
    Case("Today: refresh after attendance is saved", 100, _today_refresh),
]
