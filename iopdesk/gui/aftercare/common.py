"""What the aftercare dialogs share: an editable suggestion box, the draft kept while typing,
saving a PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.saving import write_document
from iopdesk.services.aftercare import drafts as aftercare_drafts

#: Typing is kept this long after the last change: a crash or an idle lock loses little.
KEEP_AFTER_MS = 1500


def suggestion_box(suggestions: list[str], current: str = "") -> QComboBox:
    """A drop-down of common answers that also accepts any typed text."""
    box = QComboBox()
    box.setEditable(True)
    box.addItems(suggestions)
    box.setCurrentText(current)
    return box


class KeptDraft(QObject):
    """What a person types in a dialog, kept (private to them) shortly after each change and
    offered back when the dialog opens again; ``status`` says when it could not be kept."""

    def __init__(
        self,
        ctx: WindowContext,
        key: str,
        payload: Callable[[], dict[str, Any]],
        owner: QWidget,
    ) -> None:
        super().__init__(owner)
        self.ctx, self.key, self.payload, self.owner = ctx, key, payload, owner
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(KEEP_AFTER_MS)
        self.timer.timeout.connect(self.keep)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Draft status")

    def restore(self, title: str, question: str, yes: str) -> dict[str, Any] | None:
        """The payload kept earlier, if the person wants to go on with it (``question`` may
        name ``{when}`` it was kept); declining forgets it. A refused read is the opener's."""
        saved = aftercare_drafts.load_draft(self.ctx.actor, self.key)
        if saved is None:
            return None
        if not prompts.confirm(self.owner, title, question.format(when=saved.updated_at), yes):
            self.drop()
            return None
        return saved.payload

    def keep(self) -> None:
        """Store what is typed now; on a refusal the dialog still holds it and says why (the
        next change tries again)."""
        self.timer.stop()
        payload = self.payload()
        operations.run(
            self.ctx,
            self.owner,
            lambda: aftercare_drafts.keep_draft(self.ctx.actor, self.key, payload),
            errors=self._refused,
        )

    def drop(self) -> None:
        """Forget the kept draft (signed, saved, or discarded)."""
        self.timer.stop()
        operations.run(
            self.ctx, self.owner, lambda: aftercare_drafts.drop_draft(self.ctx.actor, self.key)
        )

    def _refused(self, message: str) -> None:
        self.status.setText(f"What you typed is not kept yet: {message}" if message else "")


def save_pdf(parent: QWidget, title: str, suggested: str, pdf: bytes) -> str:
    """Ask where to save and write the PDF; returns the path ('' when cancelled or refused,
    the reason shown)."""
    path = prompts.save_file(parent, title, suggested, "PDF files (*.pdf)")
    if not path:
        return ""
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    ctx: WindowContext = parent.ctx  # type: ignore[attr-defined]  # every aftercare screen has one
    if not operations.run(ctx, parent, lambda: write_document(path, pdf), title=title):
        return ""
    prompts.inform(parent, title, f"Saved to {path}.")
    return path
