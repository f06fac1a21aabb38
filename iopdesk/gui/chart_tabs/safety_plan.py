"""Chart section: the client's safety plan, every version, and the client's printed copy."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations
from iopdesk.gui.aftercare.common import save_pdf
from iopdesk.gui.care.safety_plan_editor import SafetyPlanDialog
from iopdesk.gui.chart_tabs.section import ChartSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import button_row, name_button
from iopdesk.gui.registry import ChartTab
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.context import Actor
from iopdesk.services.safety_plans import printing, records

COLUMNS = [
    Column("Version", lambda v: v.version, sort_key=lambda v: v.version),
    Column("Status", lambda v: v.status_label, highlight=lambda v: v.status == "draft"),
    Column("Last saved", lambda v: f"{formats.show_moment(v.updated_at)} by {v.updated_by}"),
    Column(
        "Signed",
        lambda v: f"{formats.show_moment(v.signed_at)} by {v.signed_by}" if v.signed_at else "",
    ),
]


class SafetyPlanTab(ChartSection[list[records.VersionRow]], QWidget):
    """Versions of the safety plan, newest first; open one, write or print the plan."""

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.dialog: SafetyPlanDialog | None = None
        col = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setAccessibleName("Safety plan summary")
        self.summary.setWordWrap(True)
        col.addWidget(self.summary)
        self.write_button = name_button(QPushButton("Write or continue the plan…"))
        self.write_button.setVisible(ctx.actor.can("clinical.write"))
        self.write_button.clicked.connect(lambda: self.open_plan(None))
        self.open_button = name_button(QPushButton("Open version…"))
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = name_button(QPushButton("Print for the client…"))
        self.print_button.clicked.connect(self.print_plan)
        col.addLayout(button_row(self.write_button, self.open_button, self.print_button))
        self.table = RowTable(COLUMNS, "Safety plan versions")
        self.table.needs_row(self.open_button)
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        col.addWidget(self.table, 1)
        self.keep_current(self.summary.setText, ctx.hub.clinical_changed)
        self.refresh()

    def read(self, actor: Actor, client_id: int) -> list[records.VersionRow]:
        """Every version of the client's safety plan."""
        return records.safety_plan_versions(actor, client_id)

    def fill(self, versions: list[records.VersionRow]) -> None:
        """The versions, and a line on the plan in force and the one being written."""
        self.table.set_rows(versions)
        signed = next((v for v in versions if v.status == "signed"), None)
        draft = next((v for v in versions if v.status == "draft"), None)
        parts = [
            f"In force: version {signed.version}, signed {formats.show_date(signed.signed_at)}"
            if signed
            else "No signed safety plan yet."
        ]
        if draft:
            parts.append(f"Version {draft.version} is being written.")
        self.summary.setText(" ".join(parts))
        self.print_button.setEnabled(signed is not None)

    def open_plan(self, plan_id: int | None) -> SafetyPlanDialog | None:
        """Open the editor (on one version, or on the plan in progress or in force)."""
        opened = operations.run(
            self.ctx,
            self,
            lambda: SafetyPlanDialog(self.ctx, self.client_id, plan_id, self),
            errors=self.summary.setText,
        )
        if not opened:
            return None
        self.dialog = opened.result
        self.dialog.open()
        return self.dialog

    def open_selected(self) -> None:
        version = self.table.selected()
        if version is not None:
            self.open_plan(version.id)

    def print_plan(self) -> None:
        """The client's copy of the plan in force."""
        read = operations.run(
            self.ctx,
            self,
            lambda: printing.print_safety_plan(self.ctx.actor, self.client_id),
            title="Print safety plan",
        )
        if read:
            save_pdf(self, "Print safety plan", read.result.file_name, read.result.content)


CHART_TAB = ChartTab("safety_plan", "Safety plan", 37, "clinical.read", SafetyPlanTab)
