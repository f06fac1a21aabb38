"""Release information…: choose one of the client's documents (and a period for a letter), who
gets it (a recipient a consent names, or the client's own copy), see exactly what will be sent,
then save or print it; a release is checked and logged once, by the shared release path."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, name_button
from iopdesk.gui.saving import write_document
from iopdesk.gui.widgets.dates import date_edit, date_of
from iopdesk.gui.widgets.pdf_pane import PdfPane, print_pdf
from iopdesk.services.clients import consents, releases
from iopdesk.services.clients.consents import ConsentRow
from iopdesk.services.clients.disclosures import Release
from iopdesk.services.clients.releases import ClientDocument


def wrapped_label() -> QLabel:
    """A read-only label that wraps and can be selected (what a consent says)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def choice_box(owner: QWidget, title: str, *labels: str) -> tuple[QGroupBox, list[QRadioButton]]:
    """A titled group of exclusive choices, each named as it reads; the first is chosen."""
    box = QGroupBox(title)
    column = QVBoxLayout(box)
    group = QButtonGroup(owner)
    buttons = []
    for label in labels:
        button = QRadioButton(label)
        button.setAccessibleName(label)
        group.addButton(button)
        column.addWidget(button)
        buttons.append(button)
    buttons[0].setChecked(True)
    return box, buttons


class ReleaseDialog(QDialog):
    """Pick, look, then release: nothing leaves until the person has seen what will be sent."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        document: ClientDocument | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.setWindowTitle("Release information")
        self.setAccessibleName("Release information")
        self.resize(1040, 700)  # fits a 1366×768 screen with its taskbar
        self.shown: Hashable | None = None  # the choices the preview shows
        self.released: tuple[Hashable, bytes] | None = None  # produced once, reused
        outer = QHBoxLayout(self)
        self.view = PdfPane("What will be sent")
        outer.addWidget(self.view, 1)
        side = QVBoxLayout()
        outer.addLayout(side)
        who, (self.to_recipient, self.to_client) = choice_box(
            self, "Give it to", "A recipient named in a consent", "The client (their own copy)"
        )
        side.addWidget(who)
        self.form = FieldForm()
        self.form.setMaximumWidth(430)
        self.document = self.form.add("document", "Document", QComboBox())
        self.start = self.form.add("start", "From", date_edit(dt.date.today() - dt.timedelta(30)))
        self.end = self.form.add("end", "To", date_edit(dt.date.today()))
        self.consent = self.form.add("consent", "Consent", QComboBox())
        self.covers = self.form.add("covers", "It covers", wrapped_label())
        self.recipient = self.form.add(
            "recipient", "Recipient", QComboBox(), "Only a recipient the consent names."
        )
        self.purpose = self.form.add("purpose", "Purpose", wrapped_label())
        side.addWidget(self.form)
        self.preview_button = name_button(QPushButton("Show what will be sent"))
        self.save_button = name_button(QPushButton("Save PDF…"))
        self.print_button = name_button(QPushButton("Print…"))
        self.close_button = name_button(QPushButton("Close"))
        for button in (self.preview_button, self.save_button, self.print_button):
            side.addWidget(button)
        self.status = wrapped_label()
        self.status.setAccessibleName("Release status")
        side.addWidget(self.status)
        side.addStretch()
        side.addWidget(self.close_button)
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(self.save_clicked)
        self.print_button.clicked.connect(self.print_clicked)
        self.close_button.clicked.connect(self.close)
        self._fill(document)
        self.to_recipient.toggled.connect(self._changed)
        self.document.currentIndexChanged.connect(self._changed)
        self.start.dateChanged.connect(self._changed)
        self.end.dateChanged.connect(self._changed)
        self.consent.currentIndexChanged.connect(self._consent_chosen)
        self.recipient.currentIndexChanged.connect(self._changed)
        self._consent_chosen()

    def _fill(self, wanted: ClientDocument | None) -> None:
        actor, client_id = self.ctx.actor, self.client_id
        read = operations.run(
            self.ctx,
            self,
            lambda: (
                releases.client_documents(actor, client_id),
                consents.active_disclosure_consents(actor, client_id),
            ),
            errors=self.form,
        )
        documents, active = read.result if read else ([], [])
        self.documents: list[ClientDocument] = documents
        for doc in documents:
            self.document.addItem(doc.label)
        if wanted is not None:
            same = [i for i, d in enumerate(documents) if (d.kind, d.record_id) == (
                wanted.kind, wanted.record_id)]  # fmt: skip
            if same:
                self.document.setCurrentIndex(same[0])
        self.consents: list[ConsentRow] = active
        for row in active:
            label = f"Consent {row.id} of {row.signed_on} (until {row.expiry})"
            self.consent.addItem(label)
            tip = Qt.ItemDataRole.ToolTipRole
            self.consent.setItemData(self.consent.count() - 1, row.covers, tip)
        if read and not active:
            self.covers.setText(
                "This client has no consent to disclose in force: records can only go to the "
                "client themself."
            )
            self.to_client.setChecked(True)

    def chosen_document(self) -> ClientDocument | None:
        """The document as chosen, with the period for a letter."""
        index = self.document.currentIndex()
        if index < 0:
            return None
        doc = self.documents[index]
        if doc.needs_period:
            doc = dataclasses.replace(doc, start=date_of(self.start), end=date_of(self.end))
        return doc

    def chosen_consent(self) -> ConsentRow | None:
        index = self.consent.currentIndex()
        return self.consents[index] if 0 <= index < len(self.consents) else None

    def chosen_release(self) -> Release | None:
        """The release asked for (None: the client's own copy)."""
        if self.to_client.isChecked():
            return None
        consent = self.chosen_consent()
        return Release(consent.id if consent else None, self.recipient.currentText())

    def _key(self) -> Hashable:
        return (self.chosen_document(), self.chosen_release())

    def _consent_chosen(self) -> None:
        row = self.chosen_consent()
        self.recipient.blockSignals(True)
        self.recipient.clear()
        if row is not None:
            self.covers.setText(f"{row.covers}.\nIn the client's words: {row.information}")
            self.purpose.setText(row.purpose)
            self.recipient.addItems(list(row.recipient_choices))
        self.recipient.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        releasing = self.to_recipient.isChecked()
        for widget in (self.consent, self.recipient):
            widget.setEnabled(releasing and bool(self.consents))
        doc = self.chosen_document()
        for widget in (self.start, self.end):
            widget.setEnabled(bool(doc and doc.needs_period))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.shown is not None and self.shown == self._key()
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)
        if self.shown is not None and not ready:
            self.status.setText("You changed a choice: show what will be sent again.")

    def show_preview(self) -> bool:
        """Render what the current choices would send; refusals show beside the fields."""
        doc, release = self.chosen_document(), self.chosen_release()
        if doc is None:
            self.status.setText("This client has no document you may print yet.")
            return False
        outcome = operations.run(
            self.ctx,
            self,
            lambda: releases.preview_document(self.ctx.actor, self.client_id, doc, release),
            errors=self.form,
        )
        if not outcome:
            self.shown = None
            self.view.show_pdf(b"")
            self._update_buttons()
            return False
        self.view.show_pdf(outcome.result)
        self.shown = self._key()
        whom = f"to {release.recipient}" if release else "as the client's own copy"
        self.status.setText(
            f"This is what will be sent {whom}. Nothing has left the program yet: save or "
            "print it to release it."
        )
        self._update_buttons()
        return True

    def _produce(self) -> bytes | None:
        """The document for the previewed choices: released (and logged) once, then reused."""
        key = self._key()
        if self.released is not None and self.released[0] == key:
            return self.released[1]
        doc, release = self.chosen_document(), self.chosen_release()
        assert doc is not None
        actor, client_id = self.ctx.actor, self.client_id
        if release is None:
            outcome = operations.run(
                self.ctx, self, lambda: releases.print_for_client(actor, client_id, doc),
                errors=self.form,
            )  # fmt: skip
        else:
            outcome = operations.run(
                self.ctx,
                self,
                lambda: releases.release_document(actor, client_id, doc, release),
                errors=self.form,
                confirm=operations.Confirm(
                    "Release information",
                    f"Release “{doc.label}” to {release.recipient}? It will be logged in the "
                    "client's disclosure log.",
                    "Release",
                ),
            )
        if not outcome:
            return None
        printout = outcome.result
        self.released = (key, printout.content)
        self.view.show_pdf(printout.content)
        self.status.setText(
            f"Released to {printout.document.copy.recipient}; logged in the disclosure log."
            if release
            else "Printed as the client's own copy (not a disclosure)."
        )
        return printout.content

    def save_clicked(self) -> str:
        """Ask where, release, save; returns the path written ("" when not done)."""
        doc = self.chosen_document()
        name = f"{doc.label if doc else 'document'}.pdf".replace("/", "-")
        path = prompts.save_file(self, "Save the released document", name, "PDF files (*.pdf)")
        if not path:
            return ""
        pdf = self._produce()
        if pdf is None or not operations.run(
            self.ctx, self, lambda: write_document(path, pdf), title="Save"
        ):
            return ""
        prompts.inform(self, "Saved", f"The document was saved to {path}.")
        return path

    def print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Release (once) and print to a printer already chosen."""
        pdf = self._produce()
        if pdf is None:
            return False
        return operations.run(self.ctx, self, lambda: print_pdf(pdf, printer), title="Print").ok
