"""New client and Edit demographics: one form, inline errors, a duplicate warning first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from iopdesk.domain import formats
from iopdesk.domain.clients import SEXES
from iopdesk.errors import ConflictError
from iopdesk.gui import operations, prompts
from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, line, text_box
from iopdesk.gui.widgets.dates import date_edit
from iopdesk.services.admin import staff
from iopdesk.services.clients import records as clients
from iopdesk.services.clients.contacts import EmergencyContactForm, InsuranceForm

#: The one-line fields of the details, named as in ClientForm.
_LINES = ("legal_first_name", "legal_last_name", "preferred_name", "pronouns", "phone", "email")
_INSURANCE_FIELDS = (
    "insurance_payer",
    "insurance_member_number",
    "insurance_group_number",
    "insurance_authorization_number",
    "insurance_auth_start",
    "insurance_auth_end",
    "insurance_authorized_hours",
)


def counselor_choices(include: int | None = None) -> dict[object, str]:
    """ "Not assigned yet" plus the active clinicians (and the current one, if inactive)."""
    choices: dict[object, str] = {None: "Not assigned yet"}
    for row in staff.clinicians(include_inactive=True):
        if row.active or row.id == include:
            choices[row.id] = row.full_name + (f", {row.credentials}" if row.credentials else "")
    return choices


class ClientDialog(FormDialog):
    """Registers a new client (``client_id`` None) or edits one's demographics."""

    def __init__(
        self, ctx: WindowContext, client_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        self.client_id = client_id
        new = client_id is None
        super().__init__(ctx, "New client" if new else "Edit demographics", parent, scroll=True)
        self.resize(640, 760 if new else 560)
        c = (
            clients.client_form(ctx.actor, client_id)
            if client_id
            else clients.ClientForm("", "", "")
        )
        self.section("Name and identity")
        self.add("legal_first_name", "Legal first name", line())
        self.add("legal_last_name", "Legal last name", line())
        self.add("preferred_name", "Preferred name", line())
        self.add("pronouns", "Pronouns", line("", "she/her, he/him, they/them"))
        self.add("date_of_birth", "Date of birth", date_edit(blank=True))
        sexes = {"": "Not recorded", **{k: v for k, v in SEXES.items() if k != "unknown"}}
        self.add("sex", "Sex", combo(sexes))
        self.section("Contact")
        self.add("phone", "Phone", line("", "555-201-3344"))
        self.add("email", "Email", line())
        self.add("address", "Address", text_box("", 56))
        self.section("Care")
        self.add("counselor", "Counselor", combo(counselor_choices(c.counselor_id)))
        self.fill(c)
        if new:
            self.add("program", "Program", combo(clients.PROGRAMS, "adult"))
            self.add("referral_date", "Referral date", date_edit(dt.date.today()))
            self.add(
                "referral_source", "Referral source", line("", "Self, drug court, primary care...")
            )
            self.add("referral_reason", "Referral reason", text_box("", 56))
            self.section("Emergency contact")
            self.add("emergency_name", "Contact name", line())
            self.add("emergency_relationship", "Relationship", line())
            self.add("emergency_phone", "Contact phone", line())
            self.section("Insurance")
            self.add("insurance_payer", "Payer", line("", "Leave empty if self-pay"))
            self.add("insurance_member_number", "Member number", line())
            self.add("insurance_group_number", "Group number", line())
            self.add("insurance_authorization_number", "Authorization number", line())
            self.add("insurance_auth_start", "Authorization start", date_edit(blank=True))
            self.add("insurance_auth_end", "Authorization end", date_edit(blank=True))
            self.add("insurance_authorized_hours", "Authorized hours", line("", "e.g. 90"))
        self.dirty = False
        self.form.fields["legal_first_name"].setFocus()

    def fill(self, c: clients.ClientForm) -> None:
        """Show the stored details (on opening, and after taking a colleague's newer ones);
        saving then goes over the version they were read at."""
        fields = self.form.fields
        for name in _LINES:
            fields[name].setText(getattr(c, name))  # type: ignore[attr-defined]
        dob = c.date_of_birth if isinstance(c.date_of_birth, dt.date) else None
        fields["date_of_birth"].set_day(dob)  # type: ignore[attr-defined]
        fields["address"].setPlainText(c.address)  # type: ignore[attr-defined]
        for name, value in (("sex", c.sex), ("counselor", c.counselor_id)):
            box = fields[name]
            box.setCurrentIndex(max(0, box.findData(value)))  # type: ignore[attr-defined]
        self.row_version = c.row_version
        self.dirty = False

    def conflict(self) -> operations.Conflict | None:
        """Someone saved these details since the dialog opened: show theirs, or save over."""
        if self.client_id is None:
            return None
        return operations.Conflict(reload=self._take_theirs, overwrite=self._keep_mine)

    def _take_theirs(self, _conflict: ConflictError) -> None:
        self.fill(clients.client_form(self.ctx.actor, self.client_id))

    def _keep_mine(self, conflict: ConflictError) -> object:
        self.row_version = conflict.current_version
        return self.submit()

    def client_form(self) -> clients.ClientForm:
        """What was typed, as the service's form."""
        new = self.client_id is None
        emergency = insurance = None
        if new and any(
            self.text(f"emergency_{n}").strip() for n in ("name", "relationship", "phone")
        ):
            emergency = EmergencyContactForm(
                self.text("emergency_name"),
                self.text("emergency_relationship"),
                self.text("emergency_phone"),
            )
        if new and any(self.text(name).strip() for name in _INSURANCE_FIELDS):
            insurance = InsuranceForm(*(self.text(name) for name in _INSURANCE_FIELDS))
        return clients.ClientForm(
            self.text("legal_first_name"),
            self.text("legal_last_name"),
            self.text("date_of_birth").strip(),
            self.text("preferred_name"),
            self.text("pronouns"),
            self.text("sex"),
            self.text("phone"),
            self.text("email"),
            self.text("address"),
            self.value("counselor"),  # type: ignore[arg-type]
            self.text("program") if new else "adult",
            self.value("referral_date") if new else None,  # type: ignore[arg-type]
            self.text("referral_source") if new else "",
            self.text("referral_reason") if new else "",
            emergency,
            insurance,
            self.row_version,
        )

    def submit(self) -> object:
        form = self.client_form()
        if self.client_id is not None:
            return clients.edit_demographics(self.ctx.actor, self.client_id, form).id
        if not self._not_a_duplicate(form):
            return False
        return clients.register_client(self.ctx.actor, form).id

    def _not_a_duplicate(self, form: clients.ClientForm) -> bool:
        """Point out people who may already be registered; True to register anyway."""
        duplicates = clients.find_possible_duplicates(self.ctx.actor, form)
        if not duplicates:
            return True
        lines = "\n".join(
            f"• {r.list_name}, born {formats.show_date(r.date_of_birth)}, {r.record_number} "
            f"({r.status_label})"
            for r in duplicates[:8]
        )
        return prompts.confirm(
            self,
            "Possible duplicate",
            "This person may already be registered (same name and date of birth, or same "
            f"phone):\n\n{lines}\n\nRegister a new client anyway?",
            yes="Register anyway",
        )
