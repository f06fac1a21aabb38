"""What the appointment and weekly-series dialogs share: who the booking is for (kind, group
or clients, counselor, room), Save and Cancel under the form, and a question before closing
away a booking not saved."""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from iopdesk.gui import prompts
from iopdesk.gui.calendar.widgets import ClientPicker, counselor_combo, group_combo, room_combo
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, heading, name_button
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.calendar import KINDS


class BookingDialog(QDialog):
    """A booking form above Save and Cancel; a subclass adds its fields, writes
    ``save_changes`` and says what closing with changes asks (``closing_question``)."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.form = FieldForm()
        self._dirty = False

    def add_who(
        self,
        kind: str,
        group_id: int | None,
        clients: ClientPicker,
        clients_label: str,
        counselor_id: int | None,
        room_id: int | None,
    ) -> None:
        """The kind, the group (for a group session) or the clients, the counselor, the room."""
        self.kind = self.form.add("kind", "Kind", combo(KINDS, kind))
        self.group = self.form.add("group", "Group", group_combo(group_id))
        self.clients = self.form.add("clients", clients_label, clients)
        self.counselor = self.form.add("counselor", "Counselor", counselor_combo(counselor_id))
        self.room = self.form.add("room", "Room", room_combo(room_id))
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def lay_out(self, title: str, save_text: str) -> None:
        """The heading, the form, and the Save and Cancel buttons under it."""
        buttons = QDialogButtonBox()
        self.save_button = name_button(
            buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        )
        self.save_button.setObjectName("primary")
        self.cancel_button = name_button(
            buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        )
        self.save_button.clicked.connect(self.save_changes)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def track_changes(self, *signals: SignalInstance) -> None:
        """Count what a person changes from now on (the fields the subclass adds besides
        these): closing then asks first."""
        self._dirty = False
        for signal in (
            self.kind.currentIndexChanged,
            self.group.currentIndexChanged,
            self.counselor.currentIndexChanged,
            self.room.currentIndexChanged,
            *signals,
        ):
            signal.connect(self._touch)

    def _touch(self, *_args: object) -> None:
        self._dirty = True

    def _kind_changed(self) -> None:
        is_group = self.kind.currentData() == "group"
        self.group.setEnabled(is_group)
        self.clients.setEnabled(not is_group)

    def saved(self) -> None:
        """The booking is saved: nothing is left to ask about; close."""
        self._dirty = False
        self.accept()

    def save_changes(self) -> None:
        """Save the booking (the subclass's service call)."""
        raise NotImplementedError

    def closing_question(self) -> tuple[str, str]:
        """The title and question of the prompt when closing with changes."""
        raise NotImplementedError

    def reject(self) -> None:
        if self._dirty:
            answer = prompts.save_discard_cancel(self, *self.closing_question())
            if answer == "cancel":
                return
            if answer == "save":
                self.save_changes()
                return
        super().reject()
