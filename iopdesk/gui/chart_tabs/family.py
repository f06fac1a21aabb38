"""Chart section: family members and other collaterals, contact notes with them (clinicians
only) and the family sessions they came to."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.clients.collateral_dialogs import CollateralDialog
from iopdesk.gui.clients.contact_note_dialogs import ContactNoteDialog, SignedContactNoteDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.dates import date_column
from iopdesk.gui.widgets.notice import Notice
from iopdesk.gui.widgets.section_table import SectionTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.attendance.family_sessions import FamilySessionRow, family_sessions
from iopdesk.services.clients import collateral_notes, collaterals
from iopdesk.services.clients.collateral_notes import CollateralNoteView
from iopdesk.services.clients.collaterals import CollateralRow
from iopdesk.services.context import Actor

PEOPLE_COLUMNS = [
    Column("Name", lambda r: r.name),
    Column("Relationship or role", lambda r: r.relationship),
    Column("Phone", lambda r: r.phone),
    Column("Kind", lambda r: r.kind_label),
    Column("Contact", lambda r: r.consent_text, highlight=lambda r: not r.contact_allowed),
    Column("Involved", lambda r: "Yes" if r.active else "No longer"),
]
NOTE_COLUMNS = [
    date_column("Date", lambda n: n.contact_on),
    Column("With", lambda n: n.collateral_label),
    Column("How", lambda n: n.method_label),
    Column("Shared", lambda n: "Yes" if n.shared_information else "No"),
    Column("Note", lambda n: " ".join(n.content.split())[:140]),
    Column("Status", lambda n: n.state, highlight=lambda n: not n.signed),
]
SESSION_COLUMNS = [
    date_column("Date", lambda s: s.day),
    Column("Session", lambda s: s.title),
    Column("Client", lambda s: s.client_status),
    Column("Family and collaterals who came", lambda s: s.came_text),
]
#: What the tab reads: the people, their family sessions, and the contact notes.
Shown = tuple[list[CollateralRow], list[FamilySessionRow], list[CollateralNoteView]]


class FamilyTab(ChartSection[Shown], QScrollArea):
    """The people around the client: who they are, whether contact is allowed, what was said."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.people_rows: list[CollateralRow] = []
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.problem = Notice("errorBanner")
        layout.addWidget(self.problem)
        self.people = SectionTable(
            "Family members and collaterals",
            PEOPLE_COLUMNS,
            "Nobody recorded yet: add the family members and others involved (a probation "
            "officer, an employer) and the consent that allows contact with them.",
        )
        if ctx.actor.can("client.edit"):
            self.people.add_button("Add person…", self.add_person)
            self.people.add_button("Edit…", self.edit_person, needs_row=True)
        self.people.table.doubleClicked.connect(lambda *_: self.edit_person())
        layout.addWidget(self.people)
        self.may_read_notes = ctx.actor.can("clinical.read")
        self.notes = SectionTable(
            "Contact notes",
            NOTE_COLUMNS,
            "No contact notes yet (a call with a parent, a talk with a probation officer).",
        )
        self.notes.add_button("New contact note…", self.new_note)
        self.notes.add_button("Open…", self.open_note, needs_row=True)
        self.notes.table.doubleClicked.connect(lambda *_: self.open_note())
        # What was said to a collateral is clinical content: the front desk never sees it.
        self.notes.setVisible(self.may_read_notes)
        layout.addWidget(self.notes)
        self.sessions = SectionTable(
            "Family sessions", SESSION_COLUMNS, "No family sessions on the calendar yet."
        )
        layout.addWidget(self.sessions)
        layout.addStretch(1)
        self.setWidget(body)
        self.keep_current(self.problem.say, ctx.hub.client_changed, ctx.hub.clinical_changed)
        ctx.hub.attendance_changed.connect(self.refresh)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> Shown:
        """The people, the family sessions, and (clinicians only) the contact notes."""
        return (
            collaterals.list_collaterals(actor, client_id),
            family_sessions(actor, client_id),
            collateral_notes.collateral_notes(actor, client_id) if self.may_read_notes else [],
        )

    def fill(self, found: Shown) -> None:
        """The three lists."""
        self.people_rows, sessions, notes = found
        self.people.set_rows(self.people_rows)
        self.sessions.set_rows(sessions)
        self.notes.set_rows(notes)

    def add_person(self) -> None:
        CollateralDialog(self.ctx, self.client_id, parent=self).exec()

    def edit_person(self) -> None:
        row = self.people.selected()
        if row is not None and self.ctx.actor.can("client.edit"):
            CollateralDialog(self.ctx, self.client_id, row, self).exec()

    def note_dialog(self, note: CollateralNoteView | None = None) -> QWidget:
        """The dialog a note opens in: one's own draft to edit, anything else to read."""
        if note is not None and (note.signed or note.author_id != self.ctx.actor.staff_id):
            return SignedContactNoteDialog(self.ctx, note, self)
        return ContactNoteDialog(self.ctx, self.client_id, self.people_rows, note, self)

    def new_note(self) -> None:
        if not self.people_rows:
            self.problem.say(
                "Add the person first (under “Family members and collaterals”), then write "
                "the note."
            )
            return
        self.note_dialog().exec()  # type: ignore[attr-defined]

    def open_note(self) -> None:
        note = self.notes.selected()
        if note is not None:
            self.note_dialog(note).exec()  # type: ignore[attr-defined]


CHART_TAB = ChartTab("family", "Family", 25, "client.view", FamilyTab)
