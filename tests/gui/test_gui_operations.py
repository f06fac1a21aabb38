"""The one way a screen runs an operation: refusals where the person looks, a reason asked for
once, a confirmation before what cannot be undone, and every declared change announced."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.db.models.calendar import Room, RosterMembership
from iopdesk.db.models.core import AuditEvent
from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, line, spin
from iopdesk.gui.hub import EventHub
from iopdesk.services.calendar.setup import RoomForm, add_room
from iopdesk.services.groups import roster
from iopdesk.services.groups.setup import GroupForm, create_group
from tests.conftest import make_staff
from tests.factories import calendar as f
from tests.factories.clients import make_client


class RoomScreen(QWidget):
    """A tiny screen that adds a room through the helper, as real screens do."""

    def __init__(self, ctx: WindowContext, confirm: operations.Confirm | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.form = FieldForm()
        self.name = self.form.add("name", "Room name:", line())
        self.capacity = self.form.add("capacity", "Capacity:", spin(8, 0, 999))
        self.button = QPushButton("Add room")
        self.button.clicked.connect(lambda: self.add(confirm))
        self.status = QLabel()
        col = QVBoxLayout(self)
        col.addWidget(self.form)
        col.addWidget(self.button)
        col.addWidget(self.status)

    def add(self, confirm: operations.Confirm | None) -> None:
        form = RoomForm(self.name.text(), self.capacity.value())
        operations.run(
            self.ctx,
            self,
            lambda: add_room(self.ctx.actor, form),
            errors=self.form,
            confirm=confirm,
        )


@pytest.fixture
def ctx(store, admin) -> WindowContext:
    return WindowContext(admin, EventHub(), store)


def _screen(qtbot, ctx, confirm=None) -> RoomScreen:
    screen = RoomScreen(ctx, confirm)
    qtbot.addWidget(screen)
    screen.show()
    return screen


def test_a_refusal_is_shown_next_to_its_field_and_nothing_is_announced(qtbot, ctx):
    screen = _screen(qtbot, ctx)
    heard: list[str] = []
    ctx.hub.schedule_changed.connect(lambda: heard.append("schedule"))
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert "Room name" in screen.form.error_text("name")
    assert heard == [] and Room.select().count() == 0


def test_success_clears_the_errors_and_announces_the_declared_change(qtbot, ctx):
    screen = _screen(qtbot, ctx)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    heard: list[str] = []
    ctx.hub.schedule_changed.connect(lambda: heard.append("schedule"))
    qtbot.keyClicks(screen.name, "Room B")
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert screen.form.error_text("name") == ""
    assert heard == ["schedule"]
    assert [r.name for r in Room.select()] == ["Room B"]


def test_declining_the_confirmation_runs_nothing(qtbot, ctx, answers):
    answers.queue("confirm", False)
    confirm = operations.Confirm("Add the room?", "Rooms cannot be deleted.", "Add it")
    screen = _screen(qtbot, ctx, confirm)
    qtbot.keyClicks(screen.name, "Room C")
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert [(p.kind, p.text) for p in answers.shown] == [("confirm", "Rooms cannot be deleted.")]
    assert Room.select().count() == 0


def _full_group(admin, capacity: int = 1) -> tuple[int, int]:
    """A group already at capacity, and a client who is not in it yet."""
    facilitator = make_staff(admin, "kim", "clinician")
    form = GroupForm("Evening Skills", capacity=capacity, facilitator_ids=(facilitator.staff_id,))
    group = create_group(admin, form)
    f.member(group.id, make_client("Ana", "Lopez"), dt.date.today())
    return group.id, make_client("Ben", "Okafor")


def test_a_warning_asks_for_a_reason_once_then_retries_with_it(qtbot, store, admin, answers):
    group_id, client_id = _full_group(admin)
    ctx = WindowContext(make_staff(admin, "fran", "front_desk"), EventHub(), store)
    answers.queue("text", "Clinical need: court-ordered start")
    owner = QWidget()
    qtbot.addWidget(owner)
    heard: list[str] = []
    ctx.hub.schedule_changed.connect(lambda: heard.append("schedule"))
    outcome = operations.run_with_reason(
        ctx,
        owner,
        lambda reason: roster.add_member(
            ctx.actor, group_id, client_id, dt.date.today(), reason=reason
        ),
        reason_title="Add to the group anyway?",
    )
    assert answers.kinds() == ["text"] and "already has 1 members" in answers.texts("text")[0]
    assert outcome.ok and heard == ["schedule"]
    assert RosterMembership.select().where(RosterMembership.client == client_id).count() == 1
    audit = AuditEvent.select().where(AuditEvent.action == "roster.add").get()
    assert "court-ordered" in audit.detail


def test_declining_to_give_a_reason_changes_nothing(qtbot, store, admin, answers):
    group_id, client_id = _full_group(admin)
    ctx = WindowContext(make_staff(admin, "fran", "front_desk"), EventHub(), store)
    answers.queue("text", None)
    owner = QWidget()
    qtbot.addWidget(owner)
    outcome = operations.run_with_reason(
        ctx,
        owner,
        lambda reason: roster.add_member(
            ctx.actor, group_id, client_id, dt.date.today(), reason=reason
        ),
        reason_title="Add to the group anyway?",
    )
    assert not outcome.ok and answers.kinds() == ["text"]
    assert RosterMembership.select().where(RosterMembership.client == client_id).count() == 0
