"""Discharge and aftercare figures: the discharge draft, the chart tab, the plan PDF, Today."""

from __future__ import annotations

import datetime as dt

from iopdesk.bench import BenchCase
from iopdesk.db.models.aftercare import AftercarePlan
from iopdesk.db.models.core import Episode
from iopdesk.services.aftercare import discharge, follow_ups
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.aftercare.overview import aftercare_overview


def _active_client() -> int:
    row = (
        Episode.select(Episode.client)
        .where(Episode.status == "active")
        .order_by(Episode.admission_date)
        .first()
    )
    return row.client_id


def _planned_client() -> int:
    return (
        AftercarePlan.select(AftercarePlan.client)
        .order_by(AftercarePlan.id.desc())
        .first()
        .client_id
    )


def _draft(actors) -> None:
    """Opening the discharge dialog: the episode's facts and the pre-filled summary."""
    discharge.draft_discharge(actors["clinician"], _active_client())


def _chart_tab(actors) -> None:
    client_id = _planned_client()
    aftercare_overview(actors["clinician"], client_id)
    follow_ups.list_follow_ups(actors["clinician"], client_id)


def _plan_pdf(actors) -> None:
    aftercare.print_aftercare_plan(actors["clinician"], _planned_client())


def _due(actors) -> None:
    follow_ups.follow_ups_due(actors["clinician"], dt.date.today())


CASES = [
    BenchCase("discharge dialog (facts + pre-filled summary)", 100, _draft),
    BenchCase("chart: discharge & aftercare tab", 100, _chart_tab),
    BenchCase("aftercare plan PDF", 100, _plan_pdf),
    BenchCase(
        "Today: follow-up check-ins due this week",
        100,
        _due,
        floor_sql="SELECT id FROM follow_up WHERE done_on IS NULL AND due_date BETWEEN "
        "date('now', '-35 days') AND date('now', '+7 days')",
    ),
]
