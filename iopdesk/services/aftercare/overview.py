"""The chart's discharge and aftercare section in one read: episodes, discharge, plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.db.models.aftercare import AftercarePlan, Discharge
from iopdesk.db.models.core import Episode
from iopdesk.domain import formats
from iopdesk.domain.aftercare import DISCHARGE_TYPES
from iopdesk.reports.discharge_summary import Addendum
from iopdesk.services.aftercare.discharge import client_or_404, discharge_addenda
from iopdesk.services.context import Actor, describe, use_case

EPISODE_STATUSES = {
    "referred": "Referred",
    "intake": "In intake",
    "active": "Active",
    "discharged": "Discharged",
}


@dataclass(frozen=True)
class EpisodeLine:
    """One episode of care, as the chart lists it."""

    id: int
    number: int
    status: str
    referral_date: dt.date | None
    admission_date: dt.date | None
    discharge_date: dt.date | None
    discharge_type: str
    has_discharge: bool
    plan_status: str
    discharge_id: int | None = None

    @property
    def status_label(self) -> str:
        return EPISODE_STATUSES.get(self.status, self.status.title())


@dataclass(frozen=True)
class AddendumLine:
    """An addendum to one episode's signed discharge, as the chart lists it."""

    episode_number: int
    addendum: Addendum


@dataclass(frozen=True)
class AftercareOverview:
    """The client's episodes, newest first; ``current`` is the newest one."""

    client_id: int
    client_name: str
    episodes: tuple[EpisodeLine, ...]
    #: Addenda to the signed discharges, newest episode first, oldest addendum first.
    addenda: tuple[AddendumLine, ...] = ()

    @property
    def current(self) -> EpisodeLine | None:
        return self.episodes[0] if self.episodes else None

    @property
    def can_discharge(self) -> bool:
        return (
            self.current is not None
            and not self.current.has_discharge
            and (self.current.status != "discharged")
        )

    @property
    def can_readmit(self) -> bool:
        return self.current is not None and self.current.status == "discharged"

    def headline(self) -> str:
        ep = self.current
        if ep is None:
            return "No episode of care yet."
        if ep.status == "discharged":
            text = f"Episode {ep.number}: discharged on {ep.discharge_date or '—'}"
            if ep.discharge_type:
                text += f" ({DISCHARGE_TYPES.get(ep.discharge_type, ep.discharge_type)})"
            return text + "."
        if ep.admission_date:
            admitted = formats.show_date(ep.admission_date)
            return f"Episode {ep.number}: {ep.status_label.lower()}, admitted {admitted}."
        return f"Episode {ep.number}: {ep.status_label.lower()}, not yet admitted."


@use_case("aftercare.overview", "clinical.read", kind="read")
def aftercare_overview(actor: Actor, client_id: int) -> AftercareOverview:
    """Everything the chart's Discharge & aftercare tab shows at the top."""
    client = client_or_404(client_id)
    episodes = list(
        Episode.select().where(Episode.client == client_id).order_by(Episode.number.desc())
    )
    ids = [e.id for e in episodes]
    discharges = {d.episode_id: d for d in Discharge.select().where(Discharge.episode.in_(ids))}
    # Each episode's newest version is its plan; ascending order leaves the newest last.
    plans = {
        p.episode_id: p.status
        for p in AftercarePlan.select(AftercarePlan.episode, AftercarePlan.status)
        .where(AftercarePlan.episode.in_(ids))
        .order_by(AftercarePlan.version)
    }
    lines = tuple(
        EpisodeLine(
            e.id,
            e.number,
            e.status,
            e.referral_date,
            e.admission_date,
            e.discharge_date,
            discharges[e.id].discharge_type if e.id in discharges else "",
            e.id in discharges,
            plans.get(e.id, ""),
            discharges[e.id].id if e.id in discharges else None,
        )
        for e in episodes
    )
    addenda = tuple(
        AddendumLine(e.number, a)
        for e in episodes
        if e.id in discharges
        for a in discharge_addenda(discharges[e.id].id)
    )
    describe(client_id=client_id, record_type="episode")
    return AftercareOverview(client_id, client.full_name, lines, addenda)
