"""Collateral contact notes: write a draft and sign it, or read a signed one and add an addendum."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.family import CONTACT_METHODS
from iopdesk.gui import operations, prompts
from iopdesk.gui.clients.form_dialog import FormDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import combo, heading, name_button, text_box
from iopdesk.gui.widgets.dates import date_edit
from iopdesk.services.clients import collateral_notes as notes
from iopdesk.services.clients.collateral_notes import CollateralNoteForm, CollateralNoteView
from iopdesk.services.clients.collaterals import CollateralRow

SHARE_HINT = "Tick only if you told them something about the client: signing logs a disclosure."
SIGN = operations.Confirm(
    "Sign contact note",
    "Sign this contact note? A signed note cannot be changed; later corrections are addenda.",
    "Sign",
)


class ContactNoteDialog(FormDialog):
    """Write a new contact note (``note`` None) or continue one's own draft; Save keeps the
    draft, Sign… saves and signs it."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        people: Sequence[CollateralRow],
        note: CollateralNoteView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, "Contact note", parent)
        self.client_id, self.note = client_id, note
        self.people = {p.id: p for p in people}
        self.with_box = QComboBox()
        for p in people:
            if p.active or (note is not None and p.id == note.collateral_id):
                allowed = "contact allowed" if p.contact_allowed else "no consent allows contact"
                self.with_box.addItem(f"{p.label} · {allowed}", p.id)
        self.add("collateral", "Contact with", self.with_box)
        self.add("contact_on", "Date of contact", date_edit(note.contact_on if note else None))
        self.add("method", "How", combo(CONTACT_METHODS, note.method if note else "phone"))
        self.shared = QCheckBox("Information about the client was shared with them")
        self.add("shared_information", "Disclosure", self.shared)
        self.share_hint = QLabel(SHARE_HINT)
        self.share_hint.setObjectName("hint")
        self.share_hint.setWordWrap(True)
        self.share_hint.setAccessibleName("About sharing")
        self.form.layout_.addRow("", self.share_hint)
        self.add("content", "What was said", text_box(note.content if note else "", 160))
        self.form.fields["content"].setMaximumHeight(16777215)  # the note is the point: let it grow
        if note is not None:
            self.with_box.setCurrentIndex(max(0, self.with_box.findData(note.collateral_id)))
            self.shared.setChecked(note.shared_information)
        self.with_box.currentIndexChanged.connect(self._person_chosen)
        self._person_chosen()
        self.sign_button = name_button(QPushButton("Sign…"))
        self.sign_button.setAutoDefault(False)  # Enter saves the draft; it never signs
        self.sign_button.clicked.connect(self.sign)
        self.buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button = name_button(QPushButton("Delete draft"))
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_draft)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        # After addButton, which shows every button it takes.
        self.sign_button.setVisible(ctx.actor.can("clinical.sign"))
        self.delete_button.setVisible(note is not None)
        self.dirty = False
        self.resize(620, 560)

    def _person_chosen(self, *_: object) -> None:
        """Sharing is possible only with someone a consent names: say so before anyone types."""
        person = self.people.get(self.with_box.currentData())
        allowed = person is not None and person.contact_allowed
        self.shared.setEnabled(allowed or self.shared.isChecked())
        self.share_hint.setText(
            SHARE_HINT
            if allowed or person is None
            else f"{person.consent_text} with {person.name}: nothing about the client may be "
            "shared with them."
        )

    def note_form(self) -> CollateralNoteForm:
        """What was typed, as the service's form."""
        return CollateralNoteForm(
            self.with_box.currentData(),
            self.value("contact_on"),
            str(self.value("method")),
            self.text("content"),
            self.shared.isChecked(),
            self.note.row_version if self.note else None,
        )

    def submit(self) -> object:
        saved = notes.save_collateral_note(
            self.ctx.actor, self.client_id, self.note_form(), self.note.id if self.note else None
        )
        self.note = saved
        return saved

    def sign(self) -> None:
        """Save what is typed, then sign it (asked once, naming what signing does)."""

        def save_and_sign() -> CollateralNoteView:
            saved = self.submit()
            assert isinstance(saved, CollateralNoteView)
            return notes.sign_collateral_note(self.ctx.actor, saved.id, saved.row_version)

        if operations.run(self.ctx, self, save_and_sign, errors=self.form, confirm=SIGN):
            self.dirty = False
            self.accept()

    def delete_draft(self) -> None:
        """Throw the draft away (asked first)."""
        if self.note is None:
            return
        note_id = self.note.id
        deleted = operations.run(
            self.ctx,
            self,
            lambda: notes.delete_collateral_note(self.ctx.actor, note_id),
            errors=self.form,
            confirm=operations.Confirm(
                "Delete draft", "Delete this unsigned contact note?", "Delete"
            ),
        )
        if deleted:
            self.dirty = False
            self.accept()


class SignedContactNoteDialog(QDialog):
    """A signed contact note (or a colleague's draft) to read, with its addenda."""

    def __init__(
        self, ctx: WindowContext, note: CollateralNoteView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.note = ctx, note
        self.setWindowTitle("Contact note")
        self.setAccessibleName("Contact note")
        col = QVBoxLayout(self)
        col.addWidget(heading(f"Contact with {note.collateral_label}"))
        self.facts = QLabel()
        self.facts.setAccessibleName("About this contact")
        self.facts.setWordWrap(True)
        col.addWidget(self.facts)
        self.content = QPlainTextEdit()
        self.content.setReadOnly(True)
        self.content.setAccessibleName("What was said")
        col.addWidget(self.content, 1)
        self.addenda = QLabel()
        self.addenda.setAccessibleName("Addenda")
        self.addenda.setWordWrap(True)
        col.addWidget(self.addenda)
        self.problem = QLabel()
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        col.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.addendum_button = name_button(QPushButton("Add addendum…"))
        self.addendum_button.clicked.connect(self.add_addendum)
        buttons.addButton(self.addendum_button, QDialogButtonBox.ButtonRole.ActionRole)
        # After addButton, which shows every button it takes.
        self.addendum_button.setVisible(note.signed and ctx.actor.can("clinical.write"))
        close = name_button(QPushButton("Close"))
        close.clicked.connect(self.accept)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        col.addWidget(buttons)
        self.show_note(note)
        self.resize(620, 480)

    def show_note(self, note: CollateralNoteView) -> None:
        """Show the note as signed, and its addenda below it."""
        self.note = note
        shared = "Information was shared with them." if note.shared_information else (
            "Nothing about the client was shared.")  # fmt: skip
        self.facts.setText(
            f"{note.method_label} on {formats.show_date(note.contact_on)} · {note.state}. {shared}"
        )
        self.content.setPlainText(note.content)
        self.addenda.setText(
            "\n".join(
                f"Addendum, {formats.show_moment(a.at)}, {a.by_name}: {a.text}"
                for a in note.addenda
            )
        )

    def add_addendum(self) -> None:
        """Ask for the addendum's text and add it (dated, with the signed-in name)."""
        text = prompts.ask_text(self, "Add addendum", "Addendum (dated and signed with your name):")
        if not text:
            return
        note_id = self.note.id
        added = operations.run(
            self.ctx,
            self,
            lambda: notes.add_collateral_addendum(self.ctx.actor, note_id, text),
            errors=self.problem.setText,
        )
        if added:
            self.show_note(added.result)
