"""Small dialogs for a client's emergency contacts and insurance coverages."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import line
from iopdesk.gui.widgets.dates import date_edit
from iopdesk.services.clients import contacts
from iopdesk.services.clients.contacts import EmergencyContactRow, InsuranceRow


class EmergencyContactDialog(FormDialog):
    """Add (``row`` None) or correct an emergency contact."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        row: EmergencyContactRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Emergency contact", parent)
        self.client_id, self.row = client_id, row
        self.add("name", "Contact name", line(row.name if row else ""))
        self.add("relationship", "Relationship", line(row.relationship if row else ""))
        self.add("phone", "Contact phone", line(row.phone if row else "", "555-201-3344"))
        self.dirty = False
        self.resize(460, 260)

    def submit(self) -> object:
        form = contacts.EmergencyContactForm(
            self.text("name"), self.text("relationship"), self.text("phone")
        )
        if self.row is None:
            return contacts.add_emergency_contact(self.ctx.actor, self.client_id, form)
        return contacts.edit_emergency_contact(self.ctx.actor, self.row.id, form)


class InsuranceDialog(FormDialog):
    """Add (``row`` None) or correct a coverage and its authorization."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        row: InsuranceRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Insurance", parent)
        self.client_id, self.row = client_id, row

        def text(value: object) -> str:
            if value is None:
                return ""
            return str(value)

        self.add("payer", "Payer", line(text(row and row.payer)))
        self.add("member_number", "Member number", line(text(row and row.member_number)))
        self.add("group_number", "Group number", line(text(row and row.group_number)))
        self.add(
            "authorization_number",
            "Authorization number",
            line(text(row and row.authorization_number)),
        )
        self.add("auth_start", "Authorization start", date_edit(row and row.auth_start, blank=True))
        self.add("auth_end", "Authorization end", date_edit(row and row.auth_end, blank=True))
        self.add("authorized_hours", "Authorized hours", line(text(row and row.authorized_hours)))
        active = QCheckBox("Coverage is current")
        active.setChecked(row.active if row else True)
        self.add("active", "Current", active)
        self.dirty = False
        self.resize(480, 420)

    def submit(self) -> object:
        form = contacts.InsuranceForm(
            self.text("payer"),
            self.text("member_number"),
            self.text("group_number"),
            self.text("authorization_number"),
            self.text("auth_start").strip() or None,
            self.text("auth_end").strip() or None,
            self.text("authorized_hours").strip() or None,
            bool(self.value("active")),
        )
        if self.row is None:
            return contacts.add_insurance(self.ctx.actor, self.client_id, form)
        return contacts.edit_insurance(self.ctx.actor, self.row.id, form)
