"""Chart section: demographics, emergency contacts, insurance and the episodes of care."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.clients import SEXES
from iopdesk.gui import operations
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.clients.client_dialog import ClientDialog
from iopdesk.gui.clients.contact_dialogs import EmergencyContactDialog, InsuranceDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.section_table import SectionTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.clients import contacts
from iopdesk.services.clients import records as clients
from iopdesk.services.context import Actor

FACTS = (
    ("legal_name", "Legal name"),
    ("preferred_name", "Preferred name"),
    ("pronouns", "Pronouns"),
    ("date_of_birth", "Date of birth"),
    ("sex", "Sex"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("address", "Address"),
)

#: What the section reads: the client's details, contacts, coverages and episodes of care.
Shown = tuple[
    clients.ClientForm,
    list[contacts.EmergencyContactRow],
    list[contacts.InsuranceRow],
    list[clients.EpisodeRow],
]


def _day(value: object) -> str:
    return formats.show_date(value) if value else ""  # type: ignore[arg-type]


class DemographicsTab(ChartSection[Shown], QScrollArea):
    """Who the client is and how to reach them; front desk may edit all of it."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        can_edit = ctx.actor.can("client.edit")
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(heading("Demographics"))
        top.addStretch(1)
        self.edit_button = name_button(QPushButton("Edit demographics"))
        self.edit_button.clicked.connect(self.edit)
        self.edit_button.setVisible(can_edit)
        top.addWidget(self.edit_button)
        layout.addLayout(top)
        self.status = Notice("errorBanner")
        self.status.setAccessibleName("Demographics status")
        layout.addWidget(self.status)
        facts = QFormLayout()
        self.facts: dict[str, QLabel] = {}
        for key, caption in FACTS:
            value = QLabel()
            value.setAccessibleName(caption)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(f"{caption}:", value)
            self.facts[key] = value
        layout.addLayout(facts)

        self.contacts = SectionTable(
            "Emergency contacts",
            [
                Column("Name", lambda r: r.name),
                Column("Relationship", lambda r: r.relationship),
                Column("Phone", lambda r: r.phone),
            ],
            "No emergency contact on file.",
        )
        self.insurance = SectionTable(
            "Insurance",
            [
                Column("Payer", lambda r: r.payer),
                Column("Member", lambda r: r.member_number),
                Column("Group", lambda r: r.group_number),
                Column("Authorization", lambda r: r.authorization),
                Column("Current", lambda r: "Yes" if r.active else "No (ended)"),
            ],
            "No insurance on file (self-pay).",
        )
        if can_edit:
            self.contacts.add_button("Add contact", self.add_contact)
            self.contacts.add_button("Edit contact", self.edit_contact, needs_row=True)
            self.contacts.add_button("Remove contact", self.remove_contact, needs_row=True)
            self.insurance.add_button("Add insurance", self.add_insurance)
            self.insurance.add_button("Edit insurance", self.edit_insurance, needs_row=True)
        self.episodes = SectionTable(
            "Episodes of care",
            [
                Column("Episode", lambda r: f"{r.number}{'  (current)' if r.is_current else ''}"),
                Column("Status", lambda r: r.status_label),
                Column("Level of care", lambda r: r.level_of_care or "—"),
                Column("Counselor", lambda r: r.counselor_name or "—"),
                Column("Referred", lambda r: _day(r.referral_date)),
                Column("Referral source", lambda r: r.referral_source),
                Column("Admitted", lambda r: _day(r.admission_date)),
                Column("Discharged", lambda r: _day(r.discharge_date)),
            ],
            "No episode of care.",
        )
        for section in (self.contacts, self.insurance, self.episodes):
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(body)
        self.keep_current(self.status.say)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> Shown:
        """The client's details, contacts, coverages and episodes of care."""
        return (
            clients.client_form(actor, client_id),
            contacts.emergency_contacts(actor, client_id),
            contacts.insurances(actor, client_id),
            clients.episodes(actor, client_id),
        )

    def fill(self, found: Shown) -> None:
        """The facts and the three lists."""
        form, contact_rows, insurance_rows, episode_rows = found
        values = {
            "legal_name": f"{form.legal_first_name} {form.legal_last_name}",
            "preferred_name": form.preferred_name,
            "pronouns": form.pronouns,
            "date_of_birth": _day(form.date_of_birth),
            "sex": SEXES.get(form.sex, ""),
            "phone": form.phone,
            "email": form.email,
            "address": form.address,
        }
        for key, label in self.facts.items():
            label.setText(values[key] or "—")
        self.contacts.set_rows(contact_rows)
        self.insurance.set_rows(insurance_rows)
        self.episodes.set_rows(episode_rows)

    def edit(self) -> None:
        dialog = operations.run(
            self.ctx,
            self,
            lambda: ClientDialog(self.ctx, self.client_id, self),
            title="Edit demographics",
        )
        if dialog:
            dialog.result.exec()

    def add_contact(self) -> None:
        EmergencyContactDialog(self.ctx, self.client_id, None, self).exec()

    def edit_contact(self) -> None:
        row = self.contacts.selected()
        if row is not None:
            EmergencyContactDialog(self.ctx, self.client_id, row, self).exec()

    def remove_contact(self) -> None:
        row = self.contacts.selected()
        if row is None:
            return
        operations.run(
            self.ctx,
            self,
            lambda: contacts.remove_emergency_contact(self.ctx.actor, row.id),
            confirm=operations.Confirm(
                "Remove contact", f"Remove {row.name} as an emergency contact?", "Remove"
            ),
            title="Remove contact",
        )

    def add_insurance(self) -> None:
        InsuranceDialog(self.ctx, self.client_id, None, self).exec()

    def edit_insurance(self) -> None:
        row = self.insurance.selected()
        if row is not None:
            InsuranceDialog(self.ctx, self.client_id, row, self).exec()


def _build(ctx: WindowContext, client_id: int) -> QWidget:
    return DemographicsTab(ctx, client_id)


CHART_TAB = ChartTab("demographics", "Demographics", 10, "client.view", _build)
