"""The attendance sheet window for one session: marks, minutes, guests, notes, sign, print."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.errors import ConflictError, DomainError, ValidationError
from iopdesk.gui import operations, prompts
from iopdesk.gui.attendance.family_present import FamilyPresent
from iopdesk.gui.attendance.note_panel import NotesPanel
from iopdesk.gui.attendance.rows import STYLE, AttendanceRow
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, line, name_button
from iopdesk.gui.help import shortcuts as keys
from iopdesk.gui.saving import save_to_file
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.attendance import family_sessions, note_objectives, notes
from iopdesk.services.attendance import sheet as attendance
from iopdesk.services.attendance import signin_sheet as signin
from iopdesk.services.attendance.session_record import SessionChanges, save_session
from iopdesk.services.groups import roster

R = TypeVar("R")


class AttendanceSheetWindow(QMainWindow):
    """One session's sheet; Save records everything in one transaction.

    Opening a session that cannot be shown raises its DomainError (the opener says why).
    """

    def __init__(self, ctx: WindowContext, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx = ctx
        self.session_id = session_id
        self.dirty = False
        self.rows: dict[int, AttendanceRow] = {}
        self.can_record = ctx.actor.can("attendance.record")
        self.can_note = ctx.actor.can("clinical.write")
        self.sheet = attendance.sheet(ctx.actor, session_id)
        self.setWindowTitle(
            f"Attendance – {self.sheet.title} – {formats.show_date(self.sheet.day)}"
        )
        self.resize(1280, 800)
        central = QWidget()
        outer = QVBoxLayout(central)
        self.title = heading(self.sheet.title)
        outer.addWidget(self.title)
        staff = ", ".join(self.sheet.staff_names) or "no facilitator set"
        self.when = QLabel(
            f"{self.sheet.kind_label} session · {self.sheet.when} · {self.sheet.length} min · "
            f"{staff}"
        )
        outer.addWidget(self.when)
        self.banner = Notice("errorBanner")
        outer.addWidget(self.banner)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_roster())
        self.notes_panel = NotesPanel(self.sheet.note_format, ctx.actor.staff_id)
        self.notes_panel.objectives_wanted.connect(self._objective_choices)
        self.notes_panel.setVisible(self.can_note)
        self.notes_panel.changed.connect(self._mark_dirty)
        self.notes_panel.addendum_requested.connect(self._add_addendum)
        split.addWidget(self.notes_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([860, 420])
        outer.addWidget(split, 1)
        outer.addLayout(self._build_buttons())
        self.setCentralWidget(central)
        self._fill(self.sheet)
        self._reload_notes()
        if self.sheet.cancelled:
            self.banner.say(
                f"This session was cancelled ({self.sheet.cancel_reason or 'no reason given'}); "
                "attendance cannot be recorded."
            )
        self.dirty = False
        self._update_buttons()
        keys.bind(self, keys.SAVE, self.save_button)
        keys.bind(self, keys.PRINT, self.print_button)

    # --- building -------------------------------------------------------------------------
    def _build_roster(self) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.count = QLabel()
        top.addWidget(self.count, 1)
        self.all_present = name_button(QPushButton("Mark the rest present"))
        self.all_present.clicked.connect(self.mark_rest_present)
        top.addWidget(self.all_present)
        col.addLayout(top)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_widget = QWidget()
        self.list_widget.setStyleSheet(STYLE)
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setSpacing(0)
        self.list_layout.addStretch(1)
        self.scroll.setWidget(self.list_widget)
        col.addWidget(self.scroll, 1)
        self.family: FamilyPresent | None = None
        if self.sheet.kind == family_sessions.FAMILY:
            self.family = FamilyPresent()
            self.family.setEnabled(self.can_record and not self.sheet.cancelled)
            self.family.changed.connect(self._mark_dirty)
            col.addWidget(self.family)
            self._reload_family()
        guest = QHBoxLayout()
        self.guest_search = line(placeholder="Name or record number")
        self.guest_search.setAccessibleName("Find a guest")
        self.guest_search.textChanged.connect(self._find_guests)
        guest.addWidget(QLabel("Guest:"))
        guest.addWidget(self.guest_search, 1)
        self.guest_choice = QComboBox()
        self.guest_choice.setAccessibleName("Guest to add")
        self.guest_choice.setMinimumWidth(220)
        guest.addWidget(self.guest_choice, 1)
        self.add_guest_button = name_button(QPushButton("Add guest"))
        self.add_guest_button.clicked.connect(self.add_guest)
        guest.addWidget(self.add_guest_button)
        col.addLayout(guest)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.print_button = name_button(QPushButton("Print sign-in sheet"))
        self.print_button.clicked.connect(self.print_signin)
        bar.addWidget(self.print_button)
        bar.addStretch(1)
        self.sign_button = name_button(QPushButton("Sign notes"))
        self.sign_button.setVisible(self.ctx.actor.can("clinical.sign"))
        self.sign_button.clicked.connect(self.sign_notes)
        bar.addWidget(self.sign_button)
        self.save_button = name_button(QPushButton("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save_clicked)
        bar.addWidget(self.save_button)
        self.close_button = name_button(QPushButton("Close"))
        self.close_button.clicked.connect(self.close)
        bar.addWidget(self.close_button)
        return bar

    def _fill(self, sheet: attendance.Sheet) -> None:
        """Show the sheet's rows (after open and after every save): a line already on the
        sheet takes its new values in place; lines come and go only with the people."""
        self.sheet = sheet
        wanted = [data.client_id for data in sheet.rows]
        for client_id in set(self.rows) - set(wanted):
            self._drop_row(client_id)
        for data in sheet.rows:
            row = self.rows.get(data.client_id)
            if row is None:
                self._add_row(data)
            else:
                row.show_row(data)
        if list(self.rows) != wanted:
            self._reorder(wanted)
        self._update_count()

    def _reorder(self, order: list[int]) -> None:
        """Lines in the sheet's order (a guest added at the bottom takes their place by name)."""
        self.rows = {client_id: self.rows[client_id] for client_id in order}
        for row in self.rows.values():
            self.list_layout.removeWidget(row)
            self.list_layout.removeWidget(row.error)
        for at, row in enumerate(self.rows.values()):
            self.list_layout.insertWidget(2 * at, row)
            self.list_layout.insertWidget(2 * at + 1, row.error)

    def _add_row(self, data: attendance.SheetRow) -> AttendanceRow:
        row = AttendanceRow(data, self.sheet.length, self.can_note)
        row.setEnabled(self.can_record and not self.sheet.cancelled)
        row.changed.connect(self._mark_dirty)
        row.note_requested.connect(self._open_note)
        row.remove_requested.connect(self.remove_guest)
        at = self.list_layout.count() - 1
        self.list_layout.insertWidget(at, row)
        self.list_layout.insertWidget(at + 1, row.error)
        self.rows[data.client_id] = row
        return row

    def _drop_row(self, client_id: int) -> None:
        gone = self.rows.pop(client_id)
        for widget in (gone, gone.error):
            widget.hide()
            widget.deleteLater()

    # --- actions --------------------------------------------------------------------------
    def mark_rest_present(self) -> None:
        for row in self.rows.values():
            if row.status is None:
                row.set_status("present")

    def _find_guests(self, text: str) -> None:
        self.guest_choice.clear()
        if len(text.strip()) < 2 or not self.can_record:
            return
        found = operations.run(
            self.ctx,
            self,
            lambda: roster.clients_to_add(self.ctx.actor, text, 20),
            errors=self.statusBar().showMessage,
        )
        for cid, name, number in found.result if found else []:
            if cid not in self.rows:
                self.guest_choice.addItem(f"{name} · {number}", cid)

    def add_guest(self) -> None:
        cid = self.guest_choice.currentData()
        if cid is None:
            prompts.inform(self, "Add guest", "Type a name and choose the client to add first.")
            return
        name = self.guest_choice.currentText().split(" · ")[0]
        row = self._add_row(
            attendance.SheetRow(cid, name, "", False, True, None, self.sheet.length, False, "")
        )
        row.set_status("present")
        self.guest_search.clear()
        self._mark_dirty()

    def remove_guest(self, client_id: int) -> None:
        """Take a wrongly added guest off the sheet (a line never saved just goes away)."""
        row = self.rows[client_id]
        if row.recorded:
            actor, session_id = self.ctx.actor, self.session_id
            removed = operations.run(
                self.ctx,
                self,
                lambda: attendance.remove_entry(actor, session_id, client_id),
                errors=self.banner.say,
                confirm=operations.Confirm(
                    "Remove guest", f"Take {row.client_name} off this session's sheet?", "Remove"
                ),
            )
            if not removed:
                return
            # Only this line goes: what is typed on the other lines stays as it is.
            self.sheet = removed.result
        self._drop_row(client_id)
        self._update_count()
        self.statusBar().showMessage(f"{row.client_name} is off the sheet.", 5000)

    def _open_note(self, client_id: int) -> None:
        self.notes_panel.show_client(client_id, self.rows[client_id].client_name)
        first = next(iter(self.notes_panel.fields.values()))
        first.setFocus()

    def _save_clicked(self) -> None:
        # Slots return None: PySide mishandles a bool returned to a signal connection.
        self.save_sheet()

    def save_sheet(self) -> bool:
        """Save marks and notes together; errors go next to the line they concern."""
        entries = tuple(e for row in self.rows.values() if (e := row.entry()) is not None)
        changes = SessionChanges(
            entries if self.can_record else (),
            self.notes_panel.group_change() if self.can_note else None,
            self.notes_panel.progress_changes() if self.can_note else {},
            *(self.notes_panel.versions() if self.can_note else (None, {})),
            collaterals=self.family.chosen() if self.family and self.can_record else None,
            progress_objectives=self.notes_panel.objective_changes() if self.can_note else {},
        )

        def keep_mine(conflict: ConflictError) -> attendance.Sheet:
            nonlocal changes
            changes = changes.over(conflict)
            return save_session(self.ctx.actor, self.session_id, changes)

        saved = operations.run(
            self.ctx,
            self,
            lambda: save_session(self.ctx.actor, self.session_id, changes),
            errors=self,
            conflict=operations.Conflict(reload=self._take_their_note, overwrite=keep_mine),
        )
        if not saved:
            return False
        self._fill(saved.result)
        self._reload_notes()
        self._reload_family()
        self.dirty = False
        self._update_buttons()
        self.statusBar().showMessage("Saved.", 5000)
        return True

    def show_errors(self, exc: DomainError) -> None:
        """A refused save: each problem next to the line or note it concerns, the rest on top."""
        self.clear_errors()
        if isinstance(exc, ValidationError):
            self._place_errors(exc)
        else:
            self.banner.say(exc.message)

    def clear_errors(self) -> None:
        """Forget the refusal shown by the last save."""
        for row in self.rows.values():
            row.show_error("")
        self.banner.say("")
        self.notes_panel.group_form.clear_errors()
        self.notes_panel.client_form.clear_errors()

    def _place_errors(self, exc: ValidationError) -> None:
        loose = []
        for key, message in exc.fields.items():
            kind, _, rest = key.partition(":")
            if kind == "client" and rest.isdigit() and int(rest) in self.rows:
                self.rows[int(rest)].show_error(message)
                self.scroll.ensureWidgetVisible(self.rows[int(rest)])
            elif kind == "group":
                self.notes_panel.group_form.show_errors(ValidationError({key: message}))
            elif kind == "note":
                cid, _, field = rest.partition(":")
                if cid.isdigit() and int(cid) in self.rows:
                    self._open_note(int(cid))
                    self.notes_panel.client_form.show_errors(ValidationError({field: message}))
                loose.append(message)
            else:
                loose.append(message)
        if loose:
            self.banner.say("\n".join(loose))

    def sign_notes(self) -> None:
        if self.dirty and not self.save_sheet():
            return
        signed = operations.run(
            self.ctx,
            self,
            lambda: notes.sign_session_notes(self.ctx.actor, self.session_id),
            errors=self.banner.say,
            confirm=operations.Confirm(
                "Sign notes",
                "Sign your notes for this session? Signed notes cannot be "
                "changed; later corrections are addenda.",
                "Sign",
            ),
        )
        if not signed:
            return
        self._reload_notes()
        found = self._run(lambda: attendance.sheet(self.ctx.actor, self.session_id))
        if found:
            self._fill(found.result)
        self.dirty = False
        self.statusBar().showMessage(f"Signed {signed.result} note(s).", 5000)

    def _add_addendum(self, kind: str, note_id: int) -> None:
        text = prompts.ask_text(self, "Add addendum", "Addendum (dated and signed with your name):")
        if not text:
            return
        if self._run(lambda: notes.add_addendum(self.ctx.actor, kind, note_id, text)):
            self._reload_notes()

    def _take_their_note(self, conflict: ConflictError) -> None:
        """Show the note saved elsewhere; only that note's typing here is dropped."""
        found = self._run(lambda: notes.session_notes(self.ctx.actor, self.session_id))
        if found:
            self.notes_panel.take_theirs(found.result, conflict.client_id)

    def _objective_choices(self, client_id: int) -> None:
        """Tell the notes what the client's note can address (a refusal is said in the banner)."""
        actor = self.ctx.actor
        found = self._run(lambda: note_objectives.note_objective_choices(actor, client_id))
        self.notes_panel.set_objective_choices(client_id, found.result if found else None)

    def _reload_family(self) -> None:
        """Who may come to a family session, and who is recorded as having come."""
        if self.family is None:
            return
        actor, session_id = self.ctx.actor, self.session_id
        found = self._run(lambda: family_sessions.family_attendance(actor, session_id))
        if found:
            self.family.set_members(found.result)

    def _reload_notes(self) -> None:
        if not self.can_note:
            return
        found = self._run(lambda: notes.session_notes(self.ctx.actor, self.session_id))
        if found:
            self.notes_panel.load(found.result)

    def _run(self, op: Callable[[], R]) -> operations.Outcome[R]:
        """Run a service call whose refusal is said in the banner over the sheet."""
        return operations.run(self.ctx, self, op, errors=self.banner.say)

    def print_signin(self) -> None:
        path = save_to_file(
            self.ctx,
            self,
            lambda: signin.signin_sheet(self.ctx.actor, self.session_id),
            title="Save sign-in sheet",
            suggested=signin.suggested_file_name(self.sheet.title, self.sheet.day),
            file_filter="PDF files (*.pdf)",
        )
        if path:
            self.statusBar().showMessage(f"Sign-in sheet saved to {path}.", 8000)

    # --- state ----------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self.dirty = True
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        marked = sum(1 for r in self.rows.values() if r.status is not None)
        self.count.setText(f"{len(self.rows)} on the sheet · {marked} marked")

    def _update_buttons(self) -> None:
        open_ = not self.sheet.cancelled
        self.save_button.setEnabled(open_ and (self.can_record or self.can_note))
        self.all_present.setEnabled(open_ and self.can_record)
        self.add_guest_button.setEnabled(open_ and self.can_record)
        self.sign_button.setEnabled(open_)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty:
            answer = prompts.save_discard_cancel(
                self, "Unsaved attendance", "Save the changes to this sheet before closing?"
            )
            if answer == "cancel" or (answer == "save" and not self.save_sheet()):
                event.ignore()
                return
        event.accept()
