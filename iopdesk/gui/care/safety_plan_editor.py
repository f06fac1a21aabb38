"""The safety plan editor: the six steps and the client's reasons for living, written with the
client; Save keeps the draft, Sign… freezes it, a signed plan changes only as a new version."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.domain import formats
from iopdesk.domain.safety import CRISIS_LINES, DRAFT, SIGNED, STATUSES, STEPS, Step
from iopdesk.errors import ConflictError, DomainError, ValidationError
from iopdesk.gui import operations, prompts
from iopdesk.gui.aftercare.common import save_pdf
from iopdesk.gui.aftercare.rows_editor import RowColumn, RowsEditor
from iopdesk.gui.clients.collateral_picker import CollateralPicker, open_picker
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import heading, name_button, subheading, text_box
from iopdesk.gui.widgets.notice import Notice
from iopdesk.services.safety_plans import printing, records
from iopdesk.services.safety_plans.records import ContactEntry, SafetyPlanData, SafetyPlanForm

TITLE = "Safety plan"
#: The most a step's box or table grows to, in pixels.
STEP_HEIGHT = 128
PEOPLE_COLUMNS = {
    "helpers": [RowColumn("Name", stretch=True), RowColumn("Relationship"), RowColumn("Phone")],
    "professionals": [RowColumn("Name", stretch=True), RowColumn("Role"), RowColumn("Phone")],
}
#: Where each step sits: (row, column); the reasons for living span the last row.
PLACES = {
    "warning_signs": (0, 0),
    "coping_strategies": (1, 0),
    "distractions": (2, 0),
    "helpers": (0, 1),
    "professionals": (1, 1),
    "safe_environment": (2, 1),
    "reasons_for_living": (3, 0),
}
SIGN = operations.Confirm(
    "Sign safety plan",
    "Sign this safety plan? It becomes the plan in force and cannot be changed; a later "
    "change is a new version.",
    "Sign",
)


class SafetyPlanDialog(QDialog):
    """One client's safety plan: the version in progress (or in force), or one chosen version."""

    def __init__(
        self,
        ctx: WindowContext,
        client_id: int,
        plan_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.data: SafetyPlanData | None = None
        self.picker: CollateralPicker | None = None
        self.dirty = False
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        outer = QVBoxLayout(self)
        outer.addWidget(heading(TITLE))
        self.state = QLabel()
        self.state.setAccessibleName("Plan status")
        outer.addWidget(self.state)
        self.banner = Notice("errorBanner")
        outer.addWidget(self.banner)
        self.texts: dict[str, QPlainTextEdit] = {}
        self.people: dict[str, RowsEditor] = {}
        self.errors: dict[str, Notice] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(18)
        for step in STEPS:
            row, column = PLACES[step.key]
            span = 2 if step.key == "reasons_for_living" else 1
            grid.addWidget(self._step_block(step), row, column, 1, span)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        outer.addLayout(self._buttons())
        self.resize(1040, 700)
        # A refused read leaves the dialog unbuilt: whoever opens it shows why.
        self.load(records.open_safety_plan(ctx.actor, client_id, plan_id))

    # --- building -------------------------------------------------------------------------
    def _step_block(self, step: Step) -> QWidget:
        block = QWidget()
        col = QVBoxLayout(block)
        col.setContentsMargins(0, 4, 0, 4)
        title = subheading(step.title)
        col.addWidget(title)
        hint = QLabel(step.prompt)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        col.addWidget(hint)
        if step.people:
            noun = "person" if step.key == "helpers" else "professional"
            editor = RowsEditor(step.title, noun, PEOPLE_COLUMNS[step.key], step.key, step.title)
            # Room for four people without scrolling; the whole plan then fits a laptop screen.
            editor.table.setMinimumHeight(96)
            editor.table.setMaximumHeight(STEP_HEIGHT)
            editor.changed.connect(self._touched)
            self.people[step.key] = editor
            col.addWidget(editor)
            if step.key == "helpers":
                self.pick_button = name_button(QPushButton("Add from family and collaterals…"))
                self.pick_button.clicked.connect(self.pick_people)
                col.addWidget(self.pick_button)
            else:
                lines = QLabel(
                    "Printed on every plan: "
                    + "; ".join(f"{name}: {how.rstrip('.')}" for name, how in CRISIS_LINES)
                    + "; and the clinic's phone."
                )
                lines.setWordWrap(True)
                lines.setAccessibleName("Crisis lines")
                col.addWidget(lines)
        else:
            box = text_box("", 84)
            box.setMaximumHeight(STEP_HEIGHT)
            box.setAccessibleName(step.title)
            box.textChanged.connect(self._touched)
            self.texts[step.key] = box
            col.addWidget(box)
        error = Notice()
        error.setAccessibleName(f"{step.title} problem")
        self.errors[step.key] = error
        col.addWidget(error)
        col.addStretch(1)  # a step beside a taller one keeps its parts together at the top
        return block

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.print_button = name_button(QPushButton("Print for the client…"))
        self.print_button.clicked.connect(self.print_plan)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.revise_button = name_button(QPushButton("Change it (new version)"))
        self.revise_button.clicked.connect(self.revise)
        self.sign_button = name_button(QPushButton("Sign…"))
        self.sign_button.setAutoDefault(False)  # Enter saves; it never signs
        self.sign_button.clicked.connect(self.sign)
        self.close_button = name_button(QPushButton("Close"))
        self.close_button.clicked.connect(self.close)
        self.save_button = name_button(QPushButton("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_plan)
        for button in (self.revise_button, self.sign_button, self.close_button, self.save_button):
            row.addWidget(button)
        return row

    # --- showing --------------------------------------------------------------------------
    def load(self, data: SafetyPlanData | None) -> None:
        """Show a version (or a blank new plan): a draft to edit, a signed one to read."""
        self.data = data
        editable = data is None or data.status == DRAFT
        for key, box in self.texts.items():
            box.setPlainText(getattr(data, key) if data else "")
            box.setReadOnly(not editable)
        for key, editor in self.people.items():
            people = getattr(data, key) if data else ()
            editor.set_rows([[p.name, p.relationship, p.phone] for p in people])
            editor.table.setEditTriggers(
                QAbstractItemView.EditTrigger.AllEditTriggers
                if editable
                else QAbstractItemView.EditTrigger.NoEditTriggers
            )
            editor.add_button.setVisible(editable)
            editor.remove_button.setVisible(editable)
        self.pick_button.setVisible(editable)
        actor = self.ctx.actor
        may_write, may_sign = actor.can("clinical.write"), actor.can("clinical.sign")
        self.save_button.setVisible(editable and may_write)
        self.sign_button.setVisible(editable and may_sign)
        self.revise_button.setVisible(bool(data and data.status == SIGNED and may_write))
        self.state.setText(self._state_text(data))
        self.clear_errors()
        self.dirty = False

    def _state_text(self, data: SafetyPlanData | None) -> str:
        if data is None:
            return "No safety plan yet: write it with the client, Save, then Sign."
        said = f"Version {data.version} · {STATUSES.get(data.status, data.status)}"
        if data.signed_at:
            said += f" · signed {formats.show_moment(data.signed_at)} by {data.signed_by}"
        else:
            said += f" · last saved {formats.show_moment(data.updated_at)} by {data.updated_by}"
        return said

    def _touched(self, *_: object) -> None:
        self.dirty = True

    # --- the form -------------------------------------------------------------------------
    def plan_form(self) -> SafetyPlanForm:
        """The plan as typed, for the service."""
        texts = {key: box.toPlainText() for key, box in self.texts.items()}
        people = {
            key: tuple(ContactEntry(*row) for row in editor.rows())
            for key, editor in self.people.items()
        }
        version = self.data.row_version if self.data and self.data.status == DRAFT else 0
        return SafetyPlanForm(**texts, **people, row_version=version)  # type: ignore[arg-type]

    def pick_people(self) -> None:
        """Copy people from the client's family and collaterals into "people to ask"."""
        self.picker = open_picker(self.ctx, self.client_id, self)
        if self.picker is not None:
            helpers = self.people["helpers"]
            self.picker.picked.connect(lambda chosen: [helpers.add_row(p) for p in chosen])

    def save_plan(self) -> bool:
        """Save the draft; problems are shown next to their step or row."""
        blank = [editor for editor in self.people.values() if editor.point_out_blank()]
        if blank:
            return False
        form = self.plan_form()

        def save(f: SafetyPlanForm) -> SafetyPlanData:
            return records.save_safety_plan(self.ctx.actor, self.client_id, f)

        saved = operations.run(
            self.ctx,
            self,
            lambda: save(form),
            errors=self,
            conflict=operations.Conflict(
                reload=self._take_theirs,
                overwrite=lambda c: save(dataclasses.replace(form, row_version=c.current_version)),
            ),
        )
        if saved:
            self.load(saved.result)
        return bool(saved)

    def _take_theirs(self, _conflict: ConflictError) -> None:
        self.load(records.open_safety_plan(self.ctx.actor, self.client_id))

    def clear_errors(self) -> None:
        self.banner.say("")
        for notice in self.errors.values():
            notice.say("")
        for editor in self.people.values():
            editor.point_out({})

    def show_errors(self, exc: DomainError) -> None:
        """Each problem under its step or on its row; anything else over the plan."""
        self.clear_errors()
        fields = exc.fields if isinstance(exc, ValidationError) else {"": exc.message}
        rest = {}
        for key, message in fields.items():
            if key in self.texts or key in self.people:
                self.errors[key].say(message)
            else:
                rest[key] = message
        for editor in self.people.values():
            rest = editor.point_out_refusal(rest)
        self.banner.say("\n".join(rest.values()))

    # --- signing, revising, printing ------------------------------------------------------
    def sign(self) -> None:
        """Save what is typed, then sign (asked once, naming what signing does)."""
        if not prompts.confirm(self, SIGN.title, SIGN.text, SIGN.yes):
            return
        if (self.dirty or self.data is None) and not self.save_plan():
            return
        assert self.data is not None
        plan_id, version = self.data.id, self.data.row_version
        signed = operations.run(
            self.ctx,
            self,
            lambda: records.sign_safety_plan(self.ctx.actor, plan_id, version),
            errors=self,
        )
        if signed:
            self.load(signed.result)

    def revise(self) -> None:
        """Start a new version from the signed plan, to change it with the client."""
        if self.data is None:
            return
        plan_id = self.data.id
        revised = operations.run(
            self.ctx,
            self,
            lambda: records.revise_safety_plan(self.ctx.actor, plan_id),
            errors=self,
        )
        if revised:
            self.load(revised.result)

    def print_plan(self) -> None:
        """Write the client's copy (of the version shown when signed, else the plan in force)."""
        if self.dirty and not self.save_plan():
            return
        shown = self.data.id if self.data and self.data.status != DRAFT else None
        read = operations.run(
            self.ctx,
            self,
            lambda: printing.print_safety_plan(self.ctx.actor, self.client_id, shown),
            title="Print safety plan",
        )
        if read:
            save_pdf(self, "Print safety plan", read.result.file_name, read.result.content)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty:
            question = "Save the changes to the safety plan?"
            answer = prompts.save_discard_cancel(self, TITLE, question)
            if answer == "cancel" or (answer == "save" and not self.save_plan()):
                event.ignore()
                return
        self.dirty = False
        event.accept()

    def reject(self) -> None:
        self.close()
