"""Dialogs to record consents (treatment, notice, 42 CFR 2.31 disclosure) and revoke them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QWidget

from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import line, text_box
from iopdesk.gui.widgets.dates import date_edit
from iopdesk.services.admin import clinic
from iopdesk.services.clients import consents
from iopdesk.services.clients.consents import ConsentRow


class SimpleConsentDialog(FormDialog):
    """Consent to treatment (date signed) or the confidentiality notice (date given)."""

    def __init__(
        self, ctx: WindowContext, client_id: int, kind: str, parent: QWidget | None = None
    ) -> None:
        title = "Consent to treatment" if kind == "treatment" else "Confidentiality notice given"
        super().__init__(ctx, title, parent)
        self.client_id, self.kind = client_id, kind
        self.date_name = "signed_on" if kind == "treatment" else "given_on"
        label = "Date signed" if kind == "treatment" else "Date given"
        self.add(self.date_name, label, date_edit(dt.date.today()))
        self.add("note", "Note", text_box("", 60))
        self.dirty = False
        self.resize(460, 280)

    def submit(self) -> object:
        day, note = self.value(self.date_name), self.text("note")
        if self.kind == "treatment":
            return consents.record_treatment_consent(self.ctx.actor, self.client_id, day, note)
        return consents.record_notice_given(self.ctx.actor, self.client_id, day, note)


class DisclosureConsentDialog(FormDialog):
    """Every element 42 CFR 2.31 requires; the client's name is printed from the chart."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Consent to disclose", parent, scroll=True)
        self.client_id = client_id
        self.add("discloser", "Who may disclose", line(clinic.clinic_info().name))
        self.add(
            "information",
            "Information to disclose",
            text_box("", 60),
            "Be specific: e.g. attendance dates and drug test results from this episode.",
        )
        self.add(
            "recipients",
            "Recipients",
            text_box("", 50),
            "One person or organization per line; records go only to a recipient named here.",
        )
        self.add("purpose", "Purpose", text_box("", 50))
        self.add(
            "revocation_text", "Right to revoke", text_box(consents.DEFAULT_REVOCATION_TEXT, 70)
        )
        self.add("expires_on", "Expiry date", date_edit(blank=True))
        self.add(
            "expiry_event",
            "Expiry event",
            line("", "e.g. end of probation"),
            "Give an expiry date, an event, or both.",
        )
        signed = QCheckBox("The client signed this consent")
        self.add("client_signed", "Client signature", signed)
        self.add("signed_on", "Date signed", date_edit(dt.date.today()))
        self.add("note", "Note", text_box("", 50))
        self.dirty = False
        self.resize(620, 720)

    def submit(self) -> object:
        form = consents.DisclosureConsentForm(
            self.text("discloser"),
            self.text("information"),
            self.text("recipients"),
            self.text("purpose"),
            self.text("revocation_text"),
            self.text("expires_on").strip() or None,
            self.text("expiry_event"),
            bool(self.value("client_signed")),
            self.value("signed_on"),  # type: ignore[arg-type]
            self.text("note"),
        )
        return consents.add_disclosure_consent(self.ctx.actor, self.client_id, form)


class RevokeConsentDialog(FormDialog):
    """The client revoked a consent in writing: the date and what they said."""

    def __init__(self, ctx: WindowContext, row: ConsentRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Revoke consent", parent)
        self.row = row
        self.add("revoked_on", "Date revoked", date_edit(dt.date.today()))
        self.add("reason", "Reason", text_box("", 60), "e.g. the client's signed note of today.")
        self.save_button.setText("Revoke")
        self.save_button.setAccessibleName("Revoke")
        self.dirty = False
        self.resize(460, 280)

    def submit(self) -> object:
        return consents.revoke_consent(
            self.ctx.actor, self.row.id, self.value("revoked_on"), self.text("reason")
        )
