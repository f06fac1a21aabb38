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
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.errors import ConflictError, DomainError, ValidationError
from iopdesk.gui import operations, prompts
from iopdesk.gui.aftercare.common import KeptDraft, save_pdf
from iopdesk.gui.aftercare.final_plan import MAKE_FINAL, FinalPlanBar
from iopdesk.gui.aftercare.plan_tabs import PlanTabs
from iopdesk.gui.aftercare.rows_editor import RowsEditor
from iopdesk.gui.clients.collateral_picker import CollateralPicker
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, heading, name_button
from iopdesk.gui.help import shortcuts as keys
from iopdesk.gui.widgets.window_size import keep_size
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
        keep_size(self, ctx.actor.username)
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
        self.final_bar = FinalPlanBar(ctx, client_id, self)
        self.final_bar.version_chosen.connect(self.show_version)
        self.final_bar.changed.connect(self.load)
        outer.addWidget(self.final_bar)
        self.form = FieldForm()
        self.status_box = self.form.add("status", "Plan status", combo(PLAN_STATUSES))
        outer.addWidget(self.form)
        self.tabs = PlanTabs(ctx, client_id, self)
        self.tabs.touched.connect(self._touched)
        outer.addWidget(self.tabs, 1)
        # The sections' fields, named as the rest of the dialog (and its tests) use them.
        self.texts = self.tabs.texts
        self.appointments, self.groups = self.tabs.appointments, self.tabs.groups
        self.contacts, self.care_form = self.tabs.contacts, self.tabs.care_form
        self.relapse_form = self.tabs.relapse_form
        self.mat_button, self.pick_button = self.tabs.mat_button, self.tabs.pick_button
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
        keys.bind(self, keys.SAVE, self.save_button)
        keys.bind(self, keys.PRINT, self.print_button)
        # A refused read leaves the dialog unbuilt: whoever opens it shows why.
        self.load(aftercare.get_aftercare_plan(ctx.actor, client_id))
        if self.editable:  # text typed into a plan since made final has nowhere to go
            self._restore_draft()
        if self.row_version == 0 and not self.dirty:
            # A new plan starts from the medication list: nothing typed yet, nothing to ask.
            self.tabs.fill_mat_follow_up(quietly=True)
            self.dirty = False
            self.autosave.stop()

    @property
    def picker(self) -> CollateralPicker | None:
        """The family and collaterals picker the support tab opened last, if any."""
        return self.tabs.picker

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
        """Show a saved plan (or an empty one); a final or replaced one for reading only."""
        self.shown = data
        self.row_version = data.row_version if data else 0
        if data is None:
            self.saved_label.setText("Not started yet: fill in what you know and Save.")
        else:
            when = formats.show_moment(data.updated_at)
            self.saved_label.setText(
                f"Episode {data.episode_number} · version {data.version} · last saved {when} "
                f"by {data.updated_by}"
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
        self.final_bar.show_plan(data)
        self._set_editable(data is None or (data.status != "final" and data.is_current))
        self.dirty = False
        self.autosave.stop()  # filling the fields is not typing: nothing to keep

    def _set_editable(self, editable: bool) -> None:
        """A draft is edited; a final or replaced version is only read (and printed)."""
        self.editable = editable
        for box in self.texts.values():
            box.setReadOnly(not editable)  # type: ignore[attr-defined]
        for _, editor in self._row_editors():
            editor.set_read_only(not editable)
        for widget in (self.status_box, self.save_button, self.mat_button, self.pick_button):
            widget.setEnabled(editable)

    def show_version(self, version: int) -> None:
        """Show another version of the plan (only the newest can change)."""
        if self.dirty and not self.save_plan():
            self.final_bar.show_plan(self.shown)  # the picker goes back to what is shown
            return
        read = operations.run(
            self.ctx,
            self,
            lambda: aftercare.get_aftercare_plan(self.ctx.actor, self.client_id, None, version),
            title="Aftercare plan",
        )
        if read:
            self.load(read.result)

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
        becomes_final = values.status == "final" and (
            self.shown is None or self.shown.status != "final"
        )

        def save(form: AftercarePlanForm) -> AftercarePlanData:
            return aftercare.save_aftercare_plan(self.ctx.actor, self.client_id, form)

        saved = operations.run(
            self.ctx,
            self,
            lambda: save(values),
            errors=self,
            confirm=MAKE_FINAL if becomes_final else None,
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
        shown = self.shown
        if shown is not None and not shown.is_current:
            # A replaced version prints for the record (the client's copy is the current one).
            version = shown.version
            read = operations.run(
                self.ctx,
                self,
                lambda: aftercare.print_aftercare_plan(
                    self.ctx.actor, self.client_id, None, version
                ),
                title="Print aftercare plan",
            )
        else:
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
