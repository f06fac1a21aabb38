"""The weekly session calendar: one import for every calendar use case (split by responsibility).

Use cases by module:

- ``conflicts``: Double bookings: the same counselor, room or client at overlapping times, and
  room capacity.
- ``export``: Taking the calendar out: a counselor's or client's sessions as .ics, and the
  printed week.
  use cases: _staff_calendar, ics_for_client, print_week
- ``forms``: What the calendar's forms submit, and the checks a series and an appointment share.
- ``ics``: The events of an .ics export: titles that name no client, the Part 2 notice, series
  rules.
- ``queries``: What the calendar shows: sessions in a date range with names, status and conflict
  markers.
  use cases: sessions_for_client, scheduled_hours_per_week
- ``records``: Which sessions already carry records (attendance, notes): those never change
  silently.
- ``series``: Weekly series: create, change from a date on, and materialize their sessions to a
  horizon.
  use cases: create_series, edit_series_from, end_series
- ``sessions``: One session at a time: book a single appointment, cancel, restore or move an
  occurrence.
  use cases: create_appointment, edit_appointment, cancel_occurrence, restore_occurrence,
  move_occurrence
- ``setup``: Calendar set-up for administrators: the clinic's rooms and its closed days
  (holidays).
  use cases: add_room, edit_room, add_closed_day, remove_closed_day
- ``week_rows``: The sessions a calendar period shows, read as plain rows: who is in each and
  what clashes.
"""

from __future__ import annotations

from iopdesk.db.models.calendar import KINDS
from iopdesk.services.calendar.conflicts import Booking, find_conflicts
from iopdesk.services.calendar.export import (
    OWN_CALENDAR_ONLY,
    file_name,
    ics_for_client,
    ics_for_staff,
    may_export_staff_calendar,
    print_week,
    week_schedule,
)
from iopdesk.services.calendar.forms import AppointmentForm, SeriesForm
from iopdesk.services.calendar.queries import (
    CalendarFilter,
    Choice,
    ClientChoice,
    SessionView,
    client_choice,
    client_choices,
    closed_days_between,
    group_choices,
    scheduled_hours_per_week,
    session_view,
    sessions_between,
    sessions_for_client,
    week,
)
from iopdesk.services.calendar.series import (
    HORIZON_WEEKS,
    SeriesDetail,
    create_series,
    edit_series_from,
    end_series,
    ensure_horizon,
    forget_horizon,
    series_detail,
)
from iopdesk.services.calendar.sessions import (
    cancel_future_for_client,
    cancel_occurrence,
    create_appointment,
    edit_appointment,
    move_occurrence,
    restore_occurrence,
)
from iopdesk.services.calendar.setup import (
    ClosedDayRow,
    ClosureResult,
    RoomForm,
    RoomRow,
    add_closed_day,
    add_room,
    closed_days,
    edit_room,
    remove_closed_day,
    rooms,
)

__all__ = [
    "HORIZON_WEEKS",
    "KINDS",
    "OWN_CALENDAR_ONLY",
    "AppointmentForm",
    "Booking",
    "CalendarFilter",
    "Choice",
    "ClientChoice",
    "ClosedDayRow",
    "ClosureResult",
    "RoomForm",
    "RoomRow",
    "SeriesDetail",
    "SeriesForm",
    "SessionView",
    "add_closed_day",
    "add_room",
    "cancel_future_for_client",
    "cancel_occurrence",
    "client_choice",
    "client_choices",
    "closed_days",
    "closed_days_between",
    "create_appointment",
    "create_series",
    "edit_appointment",
    "edit_room",
    "edit_series_from",
    "end_series",
    "ensure_horizon",
    "file_name",
    "find_conflicts",
    "forget_horizon",
    "group_choices",
    "ics_for_client",
    "ics_for_staff",
    "may_export_staff_calendar",
    "move_occurrence",
    "print_week",
    "remove_closed_day",
    "restore_occurrence",
    "rooms",
    "scheduled_hours_per_week",
    "series_detail",
    "session_view",
    "sessions_between",
    "sessions_for_client",
    "week",
    "week_schedule",
]
