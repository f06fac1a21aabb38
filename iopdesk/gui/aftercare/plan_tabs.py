"""The aftercare plan editor's sections: continuing care, support and people to call, relapse
prevention (each a tab of fields and tables of rows)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from iopdesk.domain.aftercare import CRISIS_LINE_TEXT, SUPPORT_GROUP_KINDS, WEEKDAYS
from iopdesk.gui import operations, prompts
from iopdesk.gui.aftercare.rows_editor import RowColumn, RowsEditor
from iopdesk.gui.clients.collateral_picker import CollateralPicker, open_picker
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, name_button, text_box
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


class PlanTabs(QTabWidget):
    """The plan's three sections as tabs; ``touched`` says something was typed or changed."""

    touched = Signal()

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.setAccessibleName("Plan sections")
        self.texts: dict[str, object] = {}
        self._build_care_tab()
        self._build_support_tab()
        self._build_relapse_tab()

    def _text_form(
        self, fields: list[tuple[str, str]], height: int = 60, cap: int = 0
    ) -> FieldForm:
        form = FieldForm()
        for name, label in fields:
            box = text_box("", height)
            if cap:
                box.setMaximumHeight(cap)  # leave room for the appointments above
            box.textChanged.connect(self.touched.emit)
            self.texts[name] = form.add(name, label, box)
        return form

    def _build_care_tab(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        col.addWidget(QLabel("Continuing-care appointments (who, where, when):"))
        self.appointments = RowsEditor(
            "Appointments", "appointment", APPOINTMENT_COLUMNS, "appointments", "Appointment"
        )
        self.appointments.changed.connect(self.touched.emit)
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
        self.addTab(page, "Continuing care")

    def _build_support_tab(self) -> None:
        page = QWidget()
        col = QVBoxLayout(page)
        col.addWidget(QLabel("Support meetings (AA, NA, SMART Recovery, others):"))
        self.groups = RowsEditor(
            "Support groups", "meeting", GROUP_COLUMNS, "support_groups", "Support group"
        )
        self.groups.changed.connect(self.touched.emit)
        col.addWidget(self.groups, 1)
        col.addWidget(QLabel("People to call, with their phone numbers:"))
        self.contacts = RowsEditor(
            "People to call", "person", CONTACT_COLUMNS, "contacts", "Person to call"
        )
        self.contacts.changed.connect(self.touched.emit)
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
        self.addTab(page, "Support and people to call")

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
        self.addTab(page, "Relapse prevention")

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
