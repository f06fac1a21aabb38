"""Dialogs for family members and collaterals: who they are, and the consent that allows contact."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from iopdesk.domain.family import COLLATERAL_KINDS
from iopdesk.domain.validators import fold
from iopdesk.gui import operations
from iopdesk.gui.clients.versioned_dialog import VersionedFormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, line
from iopdesk.services.clients import collaterals
from iopdesk.services.clients.collaterals import NO_CONSENT, CollateralForm, CollateralRow

#: The consent box's first choice: contact is not allowed by any consent.
NO_CONSENT_CHOICE = f"None — {NO_CONSENT.lower()}"


class CollateralDialog(VersionedFormDialog):
    """Add (``row`` None) or correct a family member or collateral; link the consent to
    disclose that names them (the choices are the recipients of the consents in force)."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        row: CollateralRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Family member or collateral", parent)
        self.client_id, self.row = client_id, row
        self.row_version = row.row_version if row else None
        self.add("name", "Name", line())
        self.add("relationship", "Relationship or role",
                 line(placeholder="Mother, spouse, probation officer..."))  # fmt: skip
        self.add("phone", "Phone", line(placeholder="555-201-3344"))
        self.add("kind", "Kind", combo(COLLATERAL_KINDS, "family"))
        self.consent_box = QComboBox()
        self.add(
            "consent",
            "Contact allowed by",
            self.consent_box,
            "Only a consent to disclose in force that names this person allows contact.",
        )
        self.active_box = QCheckBox("Still involved in the client's life or care")
        self.active_box.setChecked(True)
        if row is not None:
            self.add("active", "Involved", self.active_box)
        self.form.fields["name"].editingFinished.connect(self._suggest_consent)  # type: ignore[attr-defined]
        self.show_row(row)
        self.resize(560, 400)

    def show_row(self, row: CollateralRow | None) -> None:
        """Fill the fields from a saved collateral (or leave a new one blank)."""
        if row is not None:
            self.row, self.row_version = row, row.row_version
            for name in ("name", "relationship", "phone"):
                self.form.fields[name].setText(getattr(row, name))  # type: ignore[attr-defined]
            kind = self.form.fields["kind"]
            kind.setCurrentIndex(max(0, kind.findData(row.kind)))  # type: ignore[attr-defined]
            self.active_box.setChecked(row.active)
        self._fill_consents()
        self.dirty = False

    def _fill_consents(self) -> None:
        """The recipients of the client's consents in force (and the one linked now)."""
        box = self.consent_box
        box.clear()
        box.addItem(NO_CONSENT_CHOICE, None)
        found = operations.run(
            self.ctx,
            self,
            lambda: collaterals.consent_choices(self.ctx.actor, self.client_id),
            errors=self.form.banner.setText,
        )
        for choice in found.result if found else []:
            box.addItem(choice.label, (choice.consent_id, choice.recipient))
        if self.row is not None and self.row.consent_id:
            linked = (self.row.consent_id, self.row.consent_recipient)
            # findData cannot match a Python tuple: compare each choice's data instead.
            found_at = [n for n in range(box.count()) if box.itemData(n) == linked]
            if not found_at:  # no longer in force: shown, so nothing changes unseen
                box.addItem(f"{self.row.consent_recipient} — {self.row.consent_text}", linked)
                found_at = [box.count() - 1]
            box.setCurrentIndex(found_at[0])

    def _suggest_consent(self) -> None:
        """A new person whose name a consent's recipient mentions: choose that consent."""
        name = fold(self.text("name").strip())
        if self.row is not None or not name or self.consent_box.currentIndex() > 0:
            return
        for index in range(1, self.consent_box.count()):
            _, recipient = self.consent_box.itemData(index)
            if name in fold(recipient):
                self.consent_box.setCurrentIndex(index)
                return

    def collateral_form(self) -> CollateralForm:
        """What was typed, as the service's form."""
        linked = self.consent_box.currentData()
        consent_id, recipient = linked if linked else (None, "")
        return CollateralForm(
            self.text("name"),
            self.text("relationship"),
            self.text("phone"),
            str(self.value("kind")),
            consent_id,
            recipient,
            self.active_box.isChecked(),
            self.row_version,
        )

    def submit(self) -> object:
        form = self.collateral_form()
        if self.row is None:
            return collaterals.add_collateral(self.ctx.actor, self.client_id, form)
        return collaterals.edit_collateral(self.ctx.actor, self.row.id, form)

    def stored_rows(self) -> list[CollateralRow]:
        return collaterals.list_collaterals(self.ctx.actor, self.client_id)
