"""What the aftercare dialogs share: an editable suggestion box, saving a PDF, closing safely."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QWidget

from iopdesk.gui import prompts


def suggestion_box(suggestions: list[str], current: str = "") -> QComboBox:
    """A drop-down of common answers that also accepts any typed text."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(suggestions)
    box.setCurrentText(current)
    return box


def save_pdf(parent: QWidget, title: str, suggested: str, pdf: bytes) -> str:
    """Ask where to save and write the PDF; returns the path ('' when cancelled)."""
    path = prompts.save_file(parent, title, suggested, "PDF files (*.pdf)")
    if not path:
        return ""
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        Path(path).write_bytes(pdf)
    except OSError as exc:
        prompts.error(parent, title, f"The file could not be saved: {exc.strerror or exc}.")
        return ""
    prompts.inform(parent, title, f"Saved to {path}.")
    return path
