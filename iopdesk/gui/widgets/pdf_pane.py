"""A document as it will print (Qt's PDF viewer), and sending PDF bytes to a printer."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from iopdesk.errors import DomainError

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


class PdfPane(QWidget):
    """Every page of a PDF, fitted to the width; ``show_pdf`` swaps what it shows."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The view is made before its document (siblings), so it lets go of it first.
        self.view = QPdfView(self)
        self.view.setAccessibleName(name)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_document = QPdfDocument(self)
        self.view.setDocument(self.pdf_document)
        layout.addWidget(self.view)
        self._buffer: QBuffer | None = None
        self.pdf = b""

    def show_pdf(self, pdf: bytes) -> None:
        """Show these bytes (empty bytes clear the view)."""
        self.pdf = pdf
        self.pdf_document.close()
        self._buffer = load_pdf(self.pdf_document, pdf) if pdf else None

    def page_count(self) -> int:
        return self.pdf_document.pageCount()
