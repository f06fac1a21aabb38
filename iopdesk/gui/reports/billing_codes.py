"""The billing code table, for administrators: the IOP day's code (H0015 by default) and the
clinic's own codes for individual and family sessions."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, line, name_button
from iopdesk.services.reports import billing_codes as codes


class BillingCodesDialog(QDialog):
    """Edit the codes the billing worksheet writes (no CPT descriptor text is kept)."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Billing codes")
        self.setAccessibleName("Billing codes")
        current = codes.billing_codes(ctx.actor)
        column = QVBoxLayout(self)
        note = QLabel(
            "The codes the billing worksheet writes. Use your payers' codes; IOPdesk keeps no "
            "code descriptions."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        column.addWidget(note)
        self.form = FieldForm()
        self.boxes = {
            key: self.form.add(key, label, line(getattr(current, key)))
            for key, label in codes.LABELS.items()
        }
        column.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = name_button(QPushButton("Cancel"))
        self.save_button = name_button(QPushButton("Save codes"))
        self.save_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        chosen = codes.BillingCodes(**{key: box.text() for key, box in self.boxes.items()})
        if operations.run(
            self.ctx,
            self,
            lambda: codes.change_billing_codes(self.ctx.actor, chosen),
            errors=self.form,
        ):
            self.accept()
