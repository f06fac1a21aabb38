"""The aftercare plan editor: appointments, meetings, people to call, relapse prevention."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.aftercare import CRISIS_LINE_TEXT, SUPPORT_GROUP_KINDS, WEEKDAYS
from iopdesk.errors import ConflictError, DomainError, ValidationError
from iopdesk.gui import operations, prompts
from iopdesk.gui.aftercare.common import KeptDraft, save_pdf
from iopdesk.gui.aftercare.rows_editor import RowColumn, RowsEditor
from iopdesk.gui.clients.collateral_picker import CollateralPicker, open_picker
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, heading, name_button, text_box
from iopdesk.services.aftercare import drafts as aftercare_drafts
from iopdesk.services.aftercare import plan as aftercare
from iopdesk.services.aftercare.plan import (
    PLAN_STATUSES,
    AftercarePlanData,
    AftercarePlanForm,
    AppointmentEntry,
    ContactEntry,
    SupportGroupEntry,
)
from iopdesk.services.clients import releases
from iopdesk.services.clients.releases import ClientDocument
from iopdesk.services.medications import medication_list

APPOINTMENT_COLUMNS = [
    RowColumn("Provider", stretch=True),
    RowColumn("Address", stretch=True),
    RowColumn("Phone"),
    RowColumn("Date"),
    RowColumn("Time"),
]
GROUP_COLUMNS = [
    RowColumn("Kind", {k: k if k != "other" else "Other" for k in SUPPORT_GROUP_KINDS}),
    RowColumn("Name", stretch=True),
    RowColumn("Day", {"": "—", **{d: d for d in WEEKDAYS}}),
    RowColumn("Time"),
    RowColumn("Place", stretch=True),
]
CONTACT_COLUMNS = [RowColumn("Name", stretch=True), RowColumn("Relationship"), RowColumn("Phone")]


def _time_text(value: dt.time | str | None) -> str:
    if isinstance(value, dt.time):
        return formats.show_time(value)
    return str(value or "")


def _date_text(value: dt.date | str | None) -> str:
    return formats.show_date(value) if isinstance(value, dt.date) else str(value or "")


class AftercarePlanDialog(QDialog):
    """Write or update the current episode's aftercare plan, and print it for the client."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.setWindowTitle("Aftercare plan")
        self.setAccessibleName("Aftercare plan")
        self.resize(980, 720)
        outer = QVBoxLayout(self)
        self.title = heading("Aftercare plan")
        outer.addWidget(self.title)
        self.saved_label = QLabel()
        self.saved_label.setAccessibleName("Last saved")
        outer.addWidget(self.saved_label)
        self.form = FieldForm()
        self.status_box = self.form.add("status", "Plan status", combo(PLAN_STATUSES))
        outer.addWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Plan sections")
        outer.addWidget(self.tabs, 1)
        self.texts: dict[str, object] = {}
        self._build_care_tab()
        self._build_support_tab()
        self._build_relapse_tab()
        buttons = QHBoxLayout()
        self.print_button = name_button(QPushButton("Print for the client…"))
        self.save_button = name_button(QPushButton("Save"))
        self.close_button = name_button(QPushButton("Close"))
        self.save_button.setDefault(True)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        # Typed text is kept a moment after each change, so a crash or a lock loses nothing.
        self.kept = KeptDraft(ctx, aftercare_drafts.plan_key(client_id), self._payload, self)
        self.autosave = self.kept.timer
        outer.addWidget(self.kept.status)
        outer.addLayout(buttons)
        self.save_button.clicked.connect(self.save_plan)
        self.print_button.clicked.connect(self.print_plan)
        self.close_button.clicked.connect(self.close)
        # A refused read leaves the dialog unbuilt: whoever opens it shows why.
        self.load(aftercare.get_aftercare_plan(ctx.actor, client_id))
        self._restore_draft()
        if self.row_version == 0 and not self.dirty:
            # A new plan starts from the medication list: nothing typed yet, nothing to ask.
            self.fill_mat_follow_up(quietly=True)
            self.dirty = False
            self.autosave.stop()

    def _text_form(
        self, fields: list[tuple[str, str]], height: int = 60, cap: int = 0
    ) -> FieldForm:
        form = FieldForm()
        for name, label in fields:
            box = text_box("", height)
            if cap:
                box.setMaximumHeight(cap)  # leave room for the appointments above
            box.textChanged.connect(self._touched)
            self.texts[name] = form.add(name, label, box)
        return form

    def _build_care_tab(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        col.addWidget(QLabel("Continuing-care appointments (who, where, when):"))
        self.appointments = RowsEditor(
            "Appointments", "appointment", APPOINTMENT_COLUMNS, "appointments", "Appointment"
        )
        self.appointments.changed.connect(self._touched)
        col.addWidget(self.appointments, 1)
        self.care_form = self._text_form(
            [
                ("sober_living", "Sober living"),
                ("mat_follow_up", "Medication (MAT) follow-up"),
                ("vocational_referral", "Vocational referral"),
                ("education_referral", "Education referral"),
                ("housing_referral", "Housing referral"),
            ],
            44,
            62,
        )
        col.addWidget(self.care_form)
        self.mat_button = name_button(QPushButton("Fill MAT follow-up from the medication list"))
        self.mat_button.clicked.connect(lambda: self.fill_mat_follow_up())
        mat_row = QHBoxLayout()
        mat_row.addWidget(self.mat_button)
        mat_row.addStretch()
        col.addLayout(mat_row)
        self.tabs.addTab(page, "Continuing care")

    def _build_support_tab(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        col.addWidget(QLabel("Support meetings (AA, NA, SMART Recovery, others):"))
        self.groups = RowsEditor(
            "Support groups", "meeting", GROUP_COLUMNS, "support_groups", "Support group"
        )
        self.groups.changed.connect(self._touched)
        col.addWidget(self.groups, 1)
        col.addWidget(QLabel("People to call, with their phone numbers:"))
        self.contacts = RowsEditor(
            "People to call", "person", CONTACT_COLUMNS, "contacts", "Person to call"
        )
        self.contacts.changed.connect(self._touched)
        col.addWidget(self.contacts, 1)
        self.pick_button = name_button(QPushButton("Add from family and collaterals…"))
        self.pick_button.clicked.connect(self.pick_contacts)
        self.picker: CollateralPicker | None = None
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.pick_button)
        pick_row.addStretch()
        col.addLayout(pick_row)
        crisis = QLabel(f"Printed on every plan: {CRISIS_LINE_TEXT}")
        crisis.setWordWrap(True)
        col.addWidget(crisis)
        self.tabs.addTab(page, "Support and people to call")

    def _build_relapse_tab(self) -> None:
        self.relapse_form = self._text_form(
            [
                ("triggers", "Personal triggers"),
                ("warning_signs", "Early warning signs"),
                ("coping_strategies", "Coping strategies"),
            ],
            120,
        )
        hint = QLabel("One item per line; each prints as a bullet in the client's words.")
        page = QWidget()
        col = QVBoxLayout(page)
        col.addWidget(hint)
        col.addWidget(self.relapse_form, 1)
        self.tabs.addTab(page, "Relapse prevention")

    def pick_contacts(self) -> None:
        """Copy people from the client's family and collaterals into "people to call"."""
        self.picker = open_picker(self.ctx, self.client_id, self)
        if self.picker is not None:
            self.picker.picked.connect(lambda chosen: [self.contacts.add_row(p) for p in chosen])

    def fill_mat_follow_up(self, *, quietly: bool = False) -> None:
        """Add the current MAT medications on the medication list to the MAT follow-up."""
        found = operations.run(
            self.ctx,
            self,
            lambda: medication_list.mat_follow_up_text(self.ctx.actor, self.client_id),
            title="MAT follow-up",
        )
        if not found:
            return
        box = self.texts["mat_follow_up"]
        typed = box.toPlainText()  # type: ignore[attr-defined]
        missing = [line for line in found.result.splitlines() if line not in typed]
        if missing:
            box.setPlainText("\n".join(filter(None, [typed.rstrip(), *missing])))  # type: ignore[attr-defined]
        elif not quietly:
            prompts.inform(
                self,
                "MAT follow-up",
                "The medication list has no current MAT medication that is not already here.",
            )

    def _touched(self, *_: object) -> None:
        self.dirty = True
        self.autosave.start()

    def _payload(self) -> dict[str, object]:
        """The unsaved plan as typed, as the kept draft stores it (private to this clinician)."""
        return dataclasses.asdict(self.form_values())

    def _restore_draft(self) -> None:
        p = self.kept.restore(
            "Unsaved aftercare plan",
            "You changed this plan on {when} without saving. Continue with those changes?",
            "Continue them",
        )
        if p is None:
            return
        # The plan as it was when this typing began: saving it over a newer one is asked.
        self.row_version = p.get("row_version", self.row_version)
        self.status_box.setCurrentIndex(max(0, self.status_box.findData(p.get("status"))))
        for name, box in self.texts.items():
            box.setPlainText(str(p.get(name, "")))  # type: ignore[attr-defined]
        for editor, key, fields in (
            (self.appointments, "appointments", ("provider", "address", "phone", "day", "time")),
            (self.groups, "support_groups", ("kind", "name", "meeting_day", "time", "place")),
            (self.contacts, "contacts", ("name", "relationship", "phone")),
        ):
            editor.set_rows([[str(r.get(f) or "") for f in fields] for r in p.get(key, [])])
        self.dirty = True

    def load(self, data: AftercarePlanData | None) -> None:
        """Show a saved plan (or an empty one)."""
        self.row_version = data.row_version if data else 0
        if data is None:
            self.saved_label.setText("Not started yet: fill in what you know and Save.")
        else:
            when = formats.show_moment(data.updated_at)
            self.saved_label.setText(
                f"Episode {data.episode_number} · last saved {when} by {data.updated_by}"
            )
            self.status_box.setCurrentIndex(max(0, self.status_box.findData(data.status)))
            for name, box in self.texts.items():
                box.setPlainText(getattr(data, name))  # type: ignore[attr-defined]
            self.appointments.set_rows(
                [[a.provider, a.address, a.phone, _date_text(a.day), _time_text(a.time)]
                 for a in data.appointments]
            )  # fmt: skip
            self.groups.set_rows(
                [[g.kind, g.name, g.meeting_day, _time_text(g.time), g.place]
                 for g in data.support_groups]
            )  # fmt: skip
            self.contacts.set_rows([[c.name, c.relationship, c.phone] for c in data.contacts])
        self.dirty = False
        self.autosave.stop()  # filling the fields is not typing: nothing to keep

    def form_values(self) -> AftercarePlanForm:
        """The plan as typed, for the service."""
        texts = {name: box.toPlainText() for name, box in self.texts.items()}  # type: ignore[attr-defined]
        return AftercarePlanForm(
            status=self.status_box.currentData(),
            appointments=tuple(AppointmentEntry(*r) for r in self.appointments.rows()),
            support_groups=tuple(SupportGroupEntry(*r) for r in self.groups.rows()),
            contacts=tuple(ContactEntry(*r) for r in self.contacts.rows()),
            row_version=self.row_version,
            **texts,
        )

    def _row_editors(self) -> list[tuple[int, RowsEditor]]:
        """Each table of rows with the tab it is on."""
        return [(0, self.appointments), (1, self.groups), (1, self.contacts)]

    def _show_row_problems(self, found: list[RowsEditor]) -> None:
        """Bring the first table with a problem forward, the cursor on its row."""
        tab = next(t for t, editor in self._row_editors() if editor is found[0])
        self.tabs.setCurrentIndex(tab)
        found[0].table.setFocus()

    def save_plan(self) -> bool:
        """Save the plan; problems are shown next to their field or rows, or above the form.
        A blank row is pointed out rather than saved or dropped."""
        self.clear_errors()
        blank = [editor for _, editor in self._row_editors() if editor.point_out_blank()]
        if blank:
            self._show_row_problems(blank)
            return False
        values = self.form_values()

        def save(form: AftercarePlanForm) -> AftercarePlanData:
            return aftercare.save_aftercare_plan(self.ctx.actor, self.client_id, form)

        saved = operations.run(
            self.ctx,
            self,
            lambda: save(values),
            errors=self,
            conflict=operations.Conflict(
                reload=self._take_theirs,
                overwrite=lambda c: save(
                    dataclasses.replace(values, row_version=c.current_version)
                ),
            ),
        )
        if not saved:
            return False
        self.load(saved.result)
        self.kept.drop()
        return True

    def _take_theirs(self, _conflict: ConflictError) -> None:
        """Show the plan as saved elsewhere; what was typed here (and kept) is dropped."""
        self.load(aftercare.get_aftercare_plan(self.ctx.actor, self.client_id))
        self.kept.drop()

    def clear_errors(self) -> None:
        """No problem shown on any tab."""
        for form in (self.form, self.care_form, self.relapse_form):
            form.clear_errors()
        for _, editor in self._row_editors():
            editor.point_out({})

    def show_errors(self, exc: DomainError) -> None:
        """Each problem next to its field or row, the rest above the tabs; the first tab with
        a problem is brought forward."""
        self.clear_errors()
        fields = exc.fields if isinstance(exc, ValidationError) else {"": exc.message}
        for form in (self.care_form, self.relapse_form):
            mine = {k: v for k, v in fields.items() if k in form.errors}
            if mine:
                form.show_errors(ValidationError(mine))
        rest = {k: v for k, v in fields.items() if k not in self.texts}
        refused = []
        for _, editor in self._row_editors():
            left = editor.point_out_refusal(rest)
            if left != rest:
                refused.append(editor)
            rest = left
        if rest:  # the status, too many rows, or a refusal about the whole plan
            self.form.banner.setText("\n".join(rest.values()))
            self.form.banner.show()
        if refused:
            self._show_row_problems(refused)
            return
        for index, form in ((0, self.care_form), (2, self.relapse_form)):
            if any(k in form.errors for k in fields):
                self.tabs.setCurrentIndex(index)
                break

    def print_plan(self) -> None:
        """Save if needed, then write the client's own copy (audited as such, not a
        disclosure) where the user chooses."""
        if self.dirty and not self.save_plan():
            return
        plan = ClientDocument("aftercare_plan")  # the current episode's
        read = operations.run(
            self.ctx,
            self,
            lambda: releases.print_for_client(self.ctx.actor, self.client_id, plan),
            title="Print aftercare plan",
        )
        if read:
            printout = read.result
            save_pdf(self, "Print aftercare plan", printout.file_name, printout.content)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty:
            answer = prompts.save_discard_cancel(
                self, "Aftercare plan", "Save the changes to the aftercare plan?"
            )
            if answer == "cancel" or (answer == "save" and not self.save_plan()):
                event.ignore()
                return
            if answer == "discard":
                self.kept.drop()
        self.dirty = False
        event.accept()

    def reject(self) -> None:
        self.close()
