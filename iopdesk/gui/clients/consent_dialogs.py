"""Dialogs to record consents (treatment, notice, 42 CFR 2.31 disclosure, what a consent
covers), revoke them, and log a disclosure made by phone, fax or in person."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from iopdesk.domain.releases import CATEGORIES, MANUAL_METHODS, METHODS, SHORT_NAMES
from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, line, text_box
from iopdesk.gui.widgets.dates import date_edit
from iopdesk.services.admin import clinic
from iopdesk.services.clients import consents, disclosures
from iopdesk.services.clients.consents import ConsentRow


class CategoryChecks(QWidget):
    """One box per category of information; ``chosen()`` gives the ticked keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        # Short captions in three columns fit a narrow dialog; the full words are the tooltip.
        for n, (key, words) in enumerate(CATEGORIES.items()):
            caption = SHORT_NAMES[key].capitalize()
            box = QCheckBox(caption)
            box.setAccessibleName(caption)
            box.setAccessibleDescription(words)
            box.setToolTip(words)
            self.boxes[key] = box
            grid.addWidget(box, n // 3, n % 3)

    def tick(self, *keys: str) -> None:
        """Tick boxes as a click would."""
        for key in keys:
            self.boxes[key].setChecked(True)

    def chosen(self) -> list[str]:
        return [key for key, box in self.boxes.items() if box.isChecked()]


def add_categories(dialog: FormDialog, label: str, hint: str) -> CategoryChecks:
    """The category boxes as a form field, watched for unsaved changes."""
    checks = CategoryChecks()
    dialog.form.add("categories", label, checks, hint)
    for box in checks.boxes.values():
        box.toggled.connect(dialog._mark_dirty)
    return checks


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
        self.categories = add_categories(
            self,
            "It covers",
            "Tick what the client's words above include; only these may be released.",
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
        self.resize(660, 720)

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
            self.categories.chosen(),
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


class ConsentCategoriesDialog(FormDialog):
    """What a consent recorded before IOPdesk kept categories covers, read from the signed form."""

    def __init__(self, ctx: WindowContext, row: ConsentRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "What the consent covers", parent)
        self.row = row
        self.form.add("information", "The client's words", QLabel(row.information))
        self.categories = add_categories(
            self, "It covers", "Read the signed form; once saved this cannot change."
        )
        self.dirty = False
        self.resize(620, 340)

    def submit(self) -> object:
        return consents.record_consent_categories(
            self.ctx.actor, self.row.id, self.categories.chosen()
        )


class DisclosureLogDialog(FormDialog):
    """A disclosure made without printing from IOPdesk: by phone, fax, in person, mail."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        active: list[ConsentRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Log a disclosure", parent, scroll=True)
        self.client_id = client_id
        choices = {
            str(r.id): f"Consent {r.id} of {r.signed_on}: {r.covers_briefly}" for r in active
        }
        self.consent = self.add("consent_id", "Consent", combo(choices))
        self.recipients = {str(r.id): r.recipient_choices for r in active}
        self.recipient = self.add(
            "recipient", "Recipient", combo({}), "Only a recipient the consent names."
        )
        self.consent.currentIndexChanged.connect(self._consent_chosen)
        self._consent_chosen()
        self.add("method", "How", combo({m: METHODS[m] for m in MANUAL_METHODS}))
        self.add("disclosed_on", "Date disclosed", date_edit(dt.date.today()))
        self.add("what", "What was disclosed", line("", "e.g. attendance for March confirmed"))
        self.categories = add_categories(self, "Information", "What the disclosure included.")
        self.add("note", "Details", text_box("", 50))
        self.dirty = False
        self.resize(660, 440)

    def _consent_chosen(self) -> None:
        self.recipient.clear()
        for name in self.recipients.get(self.consent.currentData(), ()):
            self.recipient.addItem(name, name)

    def submit(self) -> object:
        chosen = self.consent.currentData()
        form = disclosures.DisclosureForm(
            int(chosen) if chosen else None,
            self.recipient.currentText(),
            self.text("what"),
            self.categories.chosen(),
            str(self.value("method")),
            self.value("disclosed_on"),  # type: ignore[arg-type]
            note=self.text("note"),
        )
        return disclosures.record_disclosure(self.ctx.actor, self.client_id, form)
