"""The small demo clinic's calendar: groups on three tracks, holidays, no double bookings."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.calendar import ClosedDay, Group, Session, SessionSeries
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.services import calendar as cal
from iopdesk.services.admin import auth


def test_small_demo_calendar_is_busy_and_clash_free(demo):
    assert Group.select().count() >= 6
    assert {g.track for g in Group.select()} == {"morning", "afternoon", "evening"}
    assert ClosedDay.select().where(ClosedDay.name == "Thanksgiving").count() >= 1
    assert SessionSeries.select().where(SessionSeries.kind == "individual").count() > 20
    thanksgiving = ClosedDay.get(ClosedDay.name == "Thanksgiving").day
    on_holiday = Session.select().where(Session.day == thanksgiving)
    assert on_holiday.count() and all(s.status == "cancelled" for s in on_holiday)
    desk = auth.sign_in("dmiller", DEMO_PASSWORD)
    today = demo.today
    for weeks in range(3):
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks)
        views = cal.week(desk, monday)
        assert len(views) > 40
        assert not [v for v in views if v.conflicts and not v.cancelled]
