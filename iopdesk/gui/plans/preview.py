"""Preview a plan as it will print (Qt's PDF viewer), then print it to a chosen printer or save
it, for internal use or as the client's own copy; a release under a consent opens the shared
"Release information" dialog on this plan."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.clients.release_dialog import ReleaseDialog, choice_box
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.saving import write_document
from iopdesk.gui.widgets.pdf_pane import PdfPane, print_pdf
from iopdesk.services.clients import releases
from iopdesk.services.plans import printing as plans_printing


class PlanPreview(QDialog):
    """The plan as it will print: Internal use / The client's own copy, Print, Save, and
    Release under a consent…"""

    def __init__(self, ctx: WindowContext, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printout = plans_printing.print_plan(ctx.actor, plan_id)
        self.doc = self.printout.document
        self.client_document = releases.ClientDocument(
            "treatment_plan", plan_id, plans_printing.document_name(self.doc)
        )
        self.setWindowTitle(f"Print treatment plan — {self.doc.client_name}")
        self.resize(1000, 700)  # fits a 1366×768 screen with its taskbar
        outer = QHBoxLayout(self)
        self.view = PdfPane("Plan preview")
        self.document = self.view.pdf_document
        outer.addWidget(self.view, 1)
        side = QVBoxLayout()
        use, (self.internal, self.client_copy) = choice_box(
            self, "This copy is for", "Internal use", "The client's own copy"
        )
        self.client_copy.toggled.connect(self._use_changed)
        side.addWidget(use)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Print status")
        self.print_button = name_button(QPushButton("Print…"))
        self.save_button = name_button(QPushButton("Save PDF…"))
        self.release_button = name_button(QPushButton("Release under a consent…"))
        self.close_button = name_button(QPushButton("Close"))
        self.print_button.clicked.connect(self.print_clicked)
        self.save_button.clicked.connect(self.save_clicked)
        self.release_button.clicked.connect(self.release_clicked)
        self.close_button.clicked.connect(self.close)
        for b in (self.print_button, self.save_button, self.release_button):
            side.addWidget(b)
        side.addWidget(self.status)
        side.addStretch()
        side.addWidget(self.close_button)
        outer.addLayout(side)
        self.release_dialog: ReleaseDialog | None = None
        self._use_changed()

    def _use_changed(self) -> None:
        if not self.client_copy.isChecked():
            self.view.show_pdf(self.printout.content)
            return
        shown = operations.run(
            self.ctx,
            self,
            lambda: releases.preview_document(
                self.ctx.actor, self.doc.client_id, self.client_document, None
            ),
            errors=self.status.setText,
        )
        if shown:
            self.view.show_pdf(shown.result)

    def _final_pdf(self) -> bytes | None:
        """The bytes to print or save; the client's own copy is printed (and audited) now."""
        if not self.client_copy.isChecked():
            return self.printout.content
        outcome = operations.run(
            self.ctx,
            self,
            lambda: releases.print_for_client(
                self.ctx.actor, self.doc.client_id, self.client_document
            ),
            errors=self.status.setText,
        )
        return outcome.result.content if outcome else None

    def release_clicked(self) -> None:
        """Open "Release information" on this plan (it checks, logs and prints the release)."""
        self.release_dialog = ReleaseDialog(
            self.ctx, self.doc.client_id, self.client_document, self
        )
        self.release_dialog.show()

    def print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print to a printer already chosen."""
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
