"""What a new clinic still has to set up before its first client: colleagues, rooms, groups and
a folder for backups (the checklist an administrator sees on Today until it is done)."""

from __future__ import annotations

from dataclasses import dataclass

from iopdesk.db.models.calendar import Group, Room
from iopdesk.db.models.core import Client, Staff
from iopdesk.services.admin import clinic
from iopdesk.services.context import Actor, use_case


@dataclass(frozen=True)
class SetupStep:
    """One line of the checklist: what to do, whether it is done, and where it is done
    (``area`` and ``part`` name the screen: an area of the main window and a part of it)."""

    key: str
    title: str
    explanation: str
    done: bool
    area: str
    part: str = ""


@use_case("setup.checklist", "settings.manage", kind="read", audited=False)
def setup_checklist(actor: Actor) -> list[SetupStep]:
    """The set-up steps of this clinic, in the order they are best done; none once the clinic
    has registered its first client (it is running: a missing backup is warned about anyway)."""
    if Client.select().exists():
        return []
    colleagues = Staff.select().where(Staff.active & (Staff.id != actor.staff_id)).exists()
    return [
        SetupStep(
            "staff",
            "Add your staff",
            "Give each counselor and front-desk colleague their own account.",
            colleagues,
            "administration",
            "staff",
        ),
        SetupStep(
            "rooms",
            "Add your rooms",
            "The rooms where groups and individual sessions meet.",
            Room.select().where(Room.active).exists(),
            "calendar",
            "setup",
        ),
        SetupStep(
            "groups",
            "Set up your groups",
            "Each group's track, facilitators and weekly schedule.",
            Group.select().where(Group.active).exists(),
            "groups",
        ),
        SetupStep(
            "backup_folder",
            "Choose the backup folder",
            "A USB stick or network drive for backups kept away from this computer.",
            bool(clinic.get_setting("backup_folder")),
            "administration",
            "backups",
        ),
    ]
