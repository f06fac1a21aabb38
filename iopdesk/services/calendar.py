"""The weekly session calendar: one import for every calendar use case (split by responsibility).

- calendar_setup: rooms and closed days (administrators)
- calendar_series: weekly series, materialized sessions, "change from this date on"
- calendar_sessions: single appointments, cancel / restore / move one occurrence
- calendar_records: which sessions already carry attendance or notes
- calendar_conflicts: double bookings and room capacity
- calendar_queries: the week view, a client's sessions, scheduled hours per week
- calendar_export: .ics files and the printed week
- calendar_ics: the events of an .ics file (no client names, the Part 2 notice)
"""

from __future__ import annotations

from iopdesk.db.models.calendar import KINDS
from iopdesk.services.calendar_conflicts import Booking, find_conflicts
from iopdesk.services.calendar_export import (
    OWN_CALENDAR_ONLY,
    file_name,
    ics_for_client,
    ics_for_staff,
    may_export_staff_calendar,
    print_week,
    week_schedule,
)
from iopdesk.services.calendar_forms import AppointmentForm, SeriesForm
from iopdesk.services.calendar_queries import (
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
from iopdesk.services.calendar_series import (
    HORIZON_WEEKS,
    SeriesDetail,
    create_series,
    edit_series_from,
    end_series,
    ensure_horizon,
    forget_horizon,
    series_detail,
)
from iopdesk.services.calendar_sessions import (
    cancel_future_for_client,
    cancel_occurrence,
    create_appointment,
    move_occurrence,
    restore_occurrence,
)
from iopdesk.services.calendar_setup import (
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
