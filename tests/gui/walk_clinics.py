"""The clinics the screen walk opens: the small demo, and the same clinic with long names and
long lists (60-character names, 50 staff, a group of 45, a draft left by a former colleague)
that must not widen any window.

Both are built once per test process (the small demo takes seconds, never the large one) and
copied into each test's own folder, so what one walk clicks cannot change the next one's
screens. Both are encrypted with the same key (one is a copy of the other), unlocked once.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from iopdesk.db.connection import close_database, database
from iopdesk.db.models.aftercare import AftercarePlan
from iopdesk.db.models.attendance import DrugTest
from iopdesk.db.models.calendar import Group, Room, RosterMembership, Session
from iopdesk.db.models.core import Client, Draft, Staff
from iopdesk.db.models.intake import IntakeAssessment
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.demo import DEMO_PASSWORD, build_demo
from iopdesk.services.admin.auth import actor_for
from iopdesk.services.aftercare.drafts import plan_key
from iopdesk.services.clients.search import index_all_clients
from iopdesk.services.context import Actor
from iopdesk.services.store import ClinicStore, Credential, open_clinic, unlock_key

#: The person the walk signs in as for each role (the demo's own sign-ins).
ROLES = {
    "administrator": "admin",
    "clinician": "jcarter",
    "supervisor": "mhernandez",
    "front desk": "dmiller",
}
LONG_GROUP = "Relapse Prevention and Early Recovery Skills for Working Adults"
LONG_ROOM = "Conference Room B, second floor, east wing (next to the lift)"
#: A roster this long, with names this long, is what a busy group's sheet must show.
GROUP_SIZE = 45
STAFF_COUNT = 50


def build_small(folder: Path) -> Path:
    """The small demo clinic, built in ``folder``."""
    build_demo(folder, "small", log=lambda _line: None)
    close_database()
    return folder


def demo_key(folder: Path) -> bytes:
    """The key of the demo clinic in ``folder``, from the administrator's password (the slow
    part of unlocking, done once)."""
    return unlock_key(folder, Credential("admin", DEMO_PASSWORD))


def open_copy(built: Path, folder: Path, key: bytes) -> ClinicStore:
    """A copy of a built clinic in ``folder``, opened (checked when it was built)."""
    shutil.copytree(built, folder)
    return open_clinic(folder, key=key, structure_checked=True)


def build_long(small: Path, folder: Path, key: bytes) -> Path:
    """A copy of the small demo where every name is long and the lists are long."""
    open_copy(small, folder, key)
    with database.atomic():
        _long_client_names()
        _long_staff()
        _long_group()
        _left_draft()
    index_all_clients()
    close_database()
    return folder


def _long_client_names() -> None:
    for client in Client.select():
        client.legal_first_name = f"{client.legal_first_name} Maximiliana-Josefina"
        client.legal_last_name = f"{client.legal_last_name}-Wojciechowska de la Villaseñor"
        client.save()


def _long_staff() -> None:
    for staff in Staff.select():
        staff.full_name = f"{staff.full_name} Montgomery-Villanueva Okonkwo"
        staff.credentials = "LADC, LPC, CADC, MSW" if staff.role == "clinician" else ""
        staff.save()
    known = Staff.get(Staff.username == ROLES["clinician"])
    Staff.insert_many(
        {
            "username": f"counselor{n:02d}",
            "full_name": f"Counselor Number {n:02d} Alexandrina Montgomery-Villanueva",
            "credentials": "LADC, LPC",
            "role": "clinician" if n % 5 else "front_desk",
            "password_hash": known.password_hash,
        }
        for n in range(Staff.select().count(), STAFF_COUNT)
    ).execute()


def _long_group() -> None:
    group = Group.select().order_by(Group.id).first()
    group.name, group.topic = LONG_GROUP, f"{group.topic}; {LONG_GROUP.lower()}"
    group.save()
    Room.update(name=LONG_ROOM).where(Room.id == group.room_id).execute()
    members = {m.client_id for m in group.memberships if m.end_date is None}
    start = dt.date.today() - dt.timedelta(days=40)
    active = Client.select(Client.id).where(Client.status == "active").order_by(Client.id)
    joining = [c.id for c in active if c.id not in members][: GROUP_SIZE - len(members)]
    RosterMembership.insert_many(
        {"group": group.id, "client": client_id, "start_date": start} for client_id in joining
    ).execute()


def _left_draft() -> None:
    """A colleague who left with unsaved aftercare text: the supervisor's Today lists it."""
    former = Staff.select().where(Staff.role == "clinician").order_by(Staff.id.desc()).first()
    Staff.update(active=False).where(Staff.id == former.id).execute()
    client = Client.select().where(Client.status == "active").order_by(Client.id).first()
    Draft.create(staff=former.id, key=plan_key(client.id), payload='{"triggers": "Payday"}')


@dataclass(frozen=True)
class Showcase:
    """What the walk opens in a clinic beyond the sidebar: charts, a session."""

    active_client: int
    discharged_client: int
    session: int


def showcase() -> Showcase:
    """The active client with the most kinds of records, a discharged client with an
    aftercare plan, and the first group's latest session up to today."""
    planned = TreatmentPlan.select(TreatmentPlan.client)
    assessed = IntakeAssessment.select(IntakeAssessment.client)
    tested = DrugTest.select(DrugTest.client)
    active = (
        Client.select(Client.id)
        .where(
            (Client.status == "active")
            & Client.id.in_(planned)
            & Client.id.in_(assessed)
            & Client.id.in_(tested)
        )
        .order_by(Client.id)
        .first()
    )
    with_plan = AftercarePlan.select(AftercarePlan.client)
    discharged = (
        Client.select(Client.id)
        .where((Client.status == "discharged") & Client.id.in_(with_plan))
        .order_by(Client.id.desc())
        .first()
    )
    group = Group.select().order_by(Group.id).first()
    session = (
        Session.select()
        .where((Session.group == group.id) & (Session.day <= dt.date.today()))
        .order_by(Session.day.desc())
        .first()
    )
    return Showcase(active.id, discharged.id, session.id)


def actor(role: str) -> Actor:
    """The demo's person for a role (see ``ROLES``)."""
    return actor_for(Staff.get(Staff.username == ROLES[role]))
