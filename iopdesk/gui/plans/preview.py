"""Preview a plan as it will print (Qt's PDF viewer), then print it to a chosen printer or
save it; the person says whether it is for internal use or released under a consent."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
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

from iopdesk.errors import DomainError, ValidationError
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, name_button
from iopdesk.gui.help import shortcuts as keys
from iopdesk.gui.saving import write_document
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.clients.consents import ConsentRow
from iopdesk.services.plans import printing as plans_printing

#: Pages are drawn for the printer at no more than this many dots per inch (sharp text,
#: bounded memory on 1200-dpi printers).
PRINT_DPI = 200


def load_pdf(document: QPdfDocument, pdf: bytes) -> QBuffer:
    """Load PDF bytes into a QPdfDocument; keep the returned buffer alive while it is shown."""
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Send every page of a PDF to a printer (or a PDF file printer); returns pages printed."""
    document = QPdfDocument()
    _buffer = load_pdf(document, pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise DomainError("The printer could not be started; check that it is on and ready.")
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            target = QRect(0, 0, target.width(), target.height())
            points = document.pagePointSize(page)
            dpi = min(printer.resolution(), PRINT_DPI)
            image = document.render(
                page, QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72))
            )
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
    finally:
        painter.end()
    return document.pageCount()


def _wrapped() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PlanPreview(QDialog):
    """The plan as it will print, with Internal use / Release under a consent, Print, Save."""

    def __init__(self, ctx: WindowContext, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.printout = plans_printing.print_plan(ctx.actor, plan_id)
        self.doc = self.printout.document
        self.setWindowTitle(f"Print treatment plan — {self.doc.client_name}")
        self.resize(1000, 700)  # fits a 1366×768 screen with its taskbar
        self.pdf = b""
        outer = QHBoxLayout(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Plan preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.document = QPdfDocument(self)
        self.view.setDocument(self.document)
        self._buffer: QBuffer | None = None
        outer.addWidget(self.view, 1)
        side = QVBoxLayout()
        use = QGroupBox("This copy is for")
        use_col = QVBoxLayout(use)
        self.internal = QRadioButton("Internal use")
        self.release = QRadioButton("Release under a consent")
        for b in (self.internal, self.release):
            b.setAccessibleName(b.text())
            use_col.addWidget(b)
        self.internal.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.internal)
        group.addButton(self.release)
        self.release.toggled.connect(self._use_changed)
        side.addWidget(use)
        self.form = FieldForm()
        self.form.setMaximumWidth(420)
        self.consents: dict[int, ConsentRow] = {}
        self.consent = self.form.add("consent", "Consent", QComboBox())
        # What the consent covers, word for word, so the person can judge whether this plan
        # is within it.
        self.information = self.form.add("information", "Information it covers", _wrapped())
        self.consent_purpose = self.form.add("purpose", "Purpose", _wrapped())
        self.recipient = self.form.add(
            "recipient", "Recipient", QComboBox(), "Only a recipient the consent names."
        )
        self.covered = self.form.add(
            "covered", "", QCheckBox("The plan is within this information")
        )
        self.covered.setAccessibleName(self.covered.text())
        self.consent.currentIndexChanged.connect(self._consent_chosen)
        self.recipient.currentIndexChanged.connect(self._render)
        side.addWidget(self.form)
        self.print_button = name_button(QPushButton("Print…"))
        self.save_button = name_button(QPushButton("Save PDF…"))
        self.close_button = name_button(QPushButton("Close"))
        self.print_button.clicked.connect(self.print_clicked)
        self.save_button.clicked.connect(self.save_clicked)
        self.close_button.clicked.connect(self.close)
        for b in (self.print_button, self.save_button, self.close_button):
            side.addWidget(b)
        keys.bind(self, keys.PRINT, self.print_button)
        keys.bind(self, keys.SAVE, self.save_button)
        side.addStretch()
        outer.addLayout(side)
        self._use_changed()

    def _use_changed(self) -> None:
        releasing = self.release.isChecked()
        for widget in (self.consent, self.recipient, self.covered):
            widget.setEnabled(releasing)
        self.form.clear_errors()
        if releasing and self.consent.count() == 0:
            read = operations.run(
                self.ctx,
                self,
                lambda: plans_printing.release_consents(self.ctx.actor, self.doc.client_id),
                errors=self.form,
            )
            rows = read.result if read else []
            self.consents = {row.id: row for row in rows}
            self.consent.blockSignals(True)
            for row in rows:
                until = row.expiry
                names = "; ".join(row.recipient_choices)
                label = f"{names} (signed {row.signed_on}, until {until})"
                self.consent.addItem(label, row.id)
                self.consent.setItemData(
                    self.consent.count() - 1, label, Qt.ItemDataRole.ToolTipRole
                )
            self.consent.blockSignals(False)
            self._consent_chosen()
            if read and not rows:
                self.form.show_errors(
                    DomainError(
                        "This client has no consent to disclose in force; the plan can only be "
                        "printed for internal use."
                    )
                )
        self._render()

    def chosen_consent(self) -> ConsentRow | None:
        """The consent the plan would be released under."""
        return self.consents.get(self.consent.currentData())

    def _consent_chosen(self) -> None:
        row = self.chosen_consent()
        self.information.setText(row.information if row else "")
        self.consent_purpose.setText(row.purpose if row else "")
        self.recipient.blockSignals(True)
        self.recipient.clear()
        if row is not None:
            self.recipient.addItems(list(row.recipient_choices))
        self.recipient.blockSignals(False)
        # A judgement about one consent does not carry over to another.
        self.covered.setChecked(False)
        self._render()

    def _render(self) -> None:
        if self.release.isChecked():
            recipient = self.recipient.currentText()
            pdf = plans_printing.preview_release(self.ctx.actor, self.doc.plan_id, recipient)
            self._show_pdf(pdf)
        else:
            self._show_pdf(self.printout.content)

    def _show_pdf(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.document.close()
        self._buffer = load_pdf(self.document, pdf)

    def _final_pdf(self) -> bytes | None:
        """The bytes to print or save; a release is checked and logged first."""
        if not self.release.isChecked():
            return self.printout.content
        consent = self.chosen_consent()
        if consent is not None and not self.covered.isChecked():
            self.form.show_errors(ValidationError({"covered": (
                "Read the information this consent describes; release the plan only if the "
                "plan is within it, and tick the box to say so."
            )}))  # fmt: skip
            return None
        recipient = self.recipient.currentText()
        outcome = operations.run(
            self.ctx,
            self,
            lambda: plans_printing.release_plan(
                self.ctx.actor,
                self.doc.plan_id,
                consent.id if consent else None,
                recipient,
                consent.purpose if consent else "",
            ),
            errors=self.form,
        )
        if not outcome:
            return None
        released = outcome.result
        self._show_pdf(released.content)
        return released.content

    def print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print (after the release check) to a printer already chosen."""
        pdf = self._final_pdf()
        if pdf is None:
            return False
        return operations.run(self.ctx, self, lambda: print_pdf(pdf, printer), title="Print").ok

    def save_clicked(self) -> bool:
        path = prompts.save_file(
            self, "Save treatment plan", self.printout.file_name, "PDF files (*.pdf)"
        )
        if not path:
            return False
        pdf = self._final_pdf()
        if pdf is None or not operations.run(
            self.ctx, self, lambda: write_document(path, pdf), title="Save"
        ):
            return False
        prompts.inform(self, "Saved", f"The plan was saved to {path}.")
        return True
