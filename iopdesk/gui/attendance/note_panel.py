"""The notes side of the attendance sheet: the group note and one client's DAP/BIRP note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.gui.attendance.objective_picker import NAME, ObjectivePicker
from iopdesk.gui.forms import FieldForm, line, name_button, text_box
from iopdesk.services.attendance.note_objectives import FIELD, NoteObjectiveChoices
from iopdesk.services.attendance.note_views import FIELD_LABELS, NoteView
from iopdesk.services.attendance.notes import NOTE_FORMATS, SessionNotes


def _signed_text(view: NoteView | None) -> str:
    if view is None or not view.signed:
        return ""
    text = f"Signed by {view.signed_by_name} on {formats.show_moment(view.signed_at)}."
    text += " Frozen: corrections are addenda."
    for a in view.addenda:
        text += f"\nAddendum {formats.show_moment(a.at)} ({a.by_name}): {a.text}"
    return text


class NotesPanel(QWidget):
    """Edits are kept per client in memory until the sheet's Save sends them all."""

    changed = Signal()
    addendum_requested = Signal(str, int)  # note kind, note id

    #: A client's note is shown: the window answers at once with ``set_objective_choices``
    #: (a signal, not a callback kept here, so the window is not kept alive by its own panel).
    objectives_wanted = Signal(int)

    def __init__(self, note_format: str, staff_id: int, parent=None) -> None:
        super().__init__(parent)
        self.note_format = note_format
        self.staff_id = staff_id  # the signed-in clinician: their drafts are theirs to edit
        self.choices: dict[int, NoteObjectiveChoices | None] = {}
        self.notes = SessionNotes(None, {})
        self.edited: dict[int, dict[str, str]] = {}
        #: the objectives ticked per client whose note changed
        self.edited_objectives: dict[int, tuple[int, ...]] = {}
        self.group_edited = False
        #: each note's version when typing in it began (0: it was not written yet), so a save
        #: over someone else's newer text is asked, never silent
        self.edit_versions: dict[int, int] = {}
        self.group_version: int | None = None
        self.current_client: int | None = None
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox("Group note")
        col = QVBoxLayout(box)
        self.group_form = FieldForm()
        self.topic = self.group_form.add("group:topic", "Topic", line())
        self.content = self.group_form.add("group:content", "What was covered", text_box(height=90))
        col.addWidget(self.group_form)
        self.group_owner = QLabel()
        self.group_owner.setWordWrap(True)
        col.addWidget(self.group_owner)
        self.group_signed = QLabel()
        self.group_signed.setWordWrap(True)
        col.addWidget(self.group_signed)
        self.group_addendum = name_button(QPushButton("Add addendum to group note"))
        self.group_addendum.clicked.connect(self._group_addendum)
        col.addWidget(self.group_addendum)
        outer.addWidget(box)
        self.client_box = QGroupBox("Individual note")
        col = QVBoxLayout(self.client_box)
        self.client_hint = QLabel("Choose Note on a present client's line to write their note.")
        self.client_hint.setWordWrap(True)
        col.addWidget(self.client_hint)
        self.client_form = FieldForm()
        self.fields: dict[str, QPlainTextEdit] = {}
        for key in NOTE_FORMATS[note_format]:
            self.fields[key] = self.client_form.add(key, FIELD_LABELS[key], text_box(height=60))
        self.objectives = ObjectivePicker()
        self.client_form.add(FIELD, NAME, self.objectives)
        self.objectives.tree.setAccessibleName(NAME)  # the form names the frame, not the list
        self.objectives.changed.connect(self._client_changed)
        col.addWidget(self.client_form, 1)
        self.client_owner = QLabel()
        self.client_owner.setWordWrap(True)
        col.addWidget(self.client_owner)
        self.client_signed = QLabel()
        self.client_signed.setWordWrap(True)
        col.addWidget(self.client_signed)
        self.client_addendum = name_button(QPushButton("Add addendum to this note"))
        self.client_addendum.clicked.connect(self._client_addendum)
        col.addWidget(self.client_addendum)
        outer.addWidget(self.client_box, 1)
        self.topic.textChanged.connect(self._group_changed)
        self.content.textChanged.connect(self._group_changed)
        for edit in self.fields.values():
            edit.textChanged.connect(self._client_changed)
        self.show_client(None, "")

    def load(self, notes: SessionNotes) -> None:
        """Show saved notes; forget in-memory edits (they were just saved)."""
        self.notes = notes
        self.edited.clear()
        self.edited_objectives.clear()
        self.edit_versions.clear()
        self.group_edited, self.group_version = False, None
        self._loading = True
        g = notes.group
        self.topic.setText(g.fields.get("topic", "") if g else "")
        self.content.setPlainText(g.fields.get("content", "") if g else "")
        signed = bool(g and g.signed)
        self.topic.setReadOnly(signed)
        self.content.setReadOnly(signed)
        others = bool(g and not signed and g.author_id != self.staff_id)
        self.group_owner.setText(
            f"The current text was last changed by {g.author_name}, so only they can sign it. "
            "If you save changes to it, you become its writer and sign it yourself."
            if g and others
            else ""
        )
        self.group_owner.setVisible(others)
        self.group_signed.setText(_signed_text(g))
        self.group_signed.setVisible(signed)
        self.group_addendum.setVisible(signed)
        self._loading = False
        self._show_current()

    def _show_current(self) -> None:
        current = self.current_client
        self.current_client = None
        if current is not None:
            self.show_client(current, self.client_box.title().removeprefix("Individual note – "))

    def take_theirs(self, notes: SessionNotes, client_id: int | None) -> None:
        """Show ``notes`` after one was saved elsewhere: that note (the group note when
        ``client_id`` is None) loses what was typed here; other typing stays, with the
        versions it began from."""
        group = self.group_change() if client_id is not None else None
        group_version = self.group_version
        kept = {cid: v for cid, v in self.edited.items() if cid != client_id}
        ticked = {cid: v for cid, v in self.edited_objectives.items() if cid != client_id}
        versions = {cid: v for cid, v in self.edit_versions.items() if cid != client_id}
        self.load(notes)
        self.edited.update(kept)
        self.edited_objectives.update(ticked)
        self.edit_versions.update(versions)
        if group is not None:
            self._loading = True
            self.topic.setText(group[0])
            self.content.setPlainText(group[1])
            self._loading = False
            self.group_edited, self.group_version = True, group_version
        self._show_current()

    def versions(self) -> tuple[int | None, dict[int, int]]:
        """The versions the changed notes began from: the group note's, and by client."""
        return self.group_version, dict(self.edit_versions)

    def show_client(self, client_id: int | None, name: str) -> None:
        """Switch the individual note to another client (edits so far are kept)."""
        self._loading = True
        self.current_client = client_id
        view = self.notes.progress.get(client_id) if client_id is not None else None
        values = self.edited.get(client_id) if client_id is not None else None
        if values is None:
            values = view.fields if view else {}
        fmt_keys = NOTE_FORMATS[view.format] if view else NOTE_FORMATS[self.note_format]
        # Someone else's unsigned draft stays theirs: only its author may change it.
        others = bool(view and not view.signed and view.author_id != self.staff_id)
        frozen = client_id is None or bool(view and view.signed) or others
        for key, edit in self.fields.items():
            edit.setPlainText(values.get(key, ""))
            edit.setReadOnly(frozen or key not in fmt_keys)
        if client_id is not None:
            ticked = self.edited_objectives.get(client_id, view.objective_ids if view else ())
            self.choices.pop(client_id, None)
            if not frozen:
                self.objectives_wanted.emit(client_id)
            self.objectives.show_objectives(
                self.choices.get(client_id),
                view.objectives if view else (),
                ticked,
                read_only=frozen,
            )
        self.client_owner.setText(
            f"This note is a draft by {view.author_name}; only its author can change it."
            if view and others
            else ""
        )
        self.client_owner.setVisible(others)
        self.client_form.setVisible(client_id is not None)
        self.client_hint.setVisible(client_id is None)
        title = f"Individual note – {name}" if client_id is not None else "Individual note"
        self.client_box.setTitle(title)
        self.client_box.setAccessibleName(title)
        signed = bool(view and view.signed)
        self.client_signed.setText(_signed_text(view))
        self.client_signed.setVisible(signed)
        self.client_addendum.setVisible(signed)
        self._loading = False

    def set_objective_choices(self, client_id: int, choices: NoteObjectiveChoices | None) -> None:
        """What the client's note can address (None: the service refused, and said why)."""
        self.choices[client_id] = choices

    def _group_changed(self) -> None:
        if not self._loading:
            if not self.group_edited:
                group = self.notes.group
                self.group_version = group.row_version if group else 0
            self.group_edited = True
            self.changed.emit()

    def _client_changed(self) -> None:
        if self._loading or self.current_client is None:
            return
        view = self.notes.progress.get(self.current_client)
        self.edit_versions.setdefault(self.current_client, view.row_version if view else 0)
        self.edited[self.current_client] = {k: e.toPlainText() for k, e in self.fields.items()}
        self.edited_objectives[self.current_client] = self.objectives.chosen()
        self.changed.emit()

    def group_change(self) -> tuple[str, str] | None:
        if not self.group_edited:
            return None
        return self.topic.text(), self.content.toPlainText()

    def progress_changes(self) -> dict[int, dict[str, str]]:
        """Changed notes that say something, in the format each note is written in."""
        out = {}
        for cid, values in self.edited.items():
            view = self.notes.progress.get(cid)
            keys = NOTE_FORMATS[view.format] if view else NOTE_FORMATS[self.note_format]
            picked = {k: values.get(k, "") for k in keys}
            ticked = bool(self.edited_objectives.get(cid))
            if any(v.strip() for v in picked.values()) or ticked or view is not None:
                out[cid] = picked
        return out

    def objective_changes(self) -> dict[int, tuple[int, ...]]:
        """The objectives ticked on each changed note (saved with it)."""
        return {cid: self.edited_objectives.get(cid, ()) for cid in self.progress_changes()}

    def _group_addendum(self) -> None:
        if self.notes.group is not None:
            self.addendum_requested.emit("group", self.notes.group.id)

    def _client_addendum(self) -> None:
        view = self.notes.progress.get(self.current_client or -1)
        if view is not None:
            self.addendum_requested.emit("progress", view.id)
