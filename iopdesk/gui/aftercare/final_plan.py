"""The aftercare plan's versions and addenda: which version is shown, and the two ways forward
from a final plan (a new version, or an addendum)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.domain import formats
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.services.aftercare import plan_versions
from iopdesk.services.aftercare.plan import AftercarePlanData

ADDENDUM_COLUMNS = [
    Column("Written", lambda a: formats.show_moment(a.written_at)),
    Column("By", lambda a: a.written_by),
    Column("Addendum", lambda a: " ".join(a.text.split())[:200]),
]
#: Asked once, before a plan becomes final.
MAKE_FINAL = operations.Confirm(
    "Make the plan final",
    "Once final, this aftercare plan cannot change: a later change needs a new version or an "
    "addendum. Make it final?",
    "Make it final",
)


def frozen_sentence(data: AftercarePlanData) -> str:
    """What the banner over a plan that cannot change says."""
    if not data.is_current:
        return (
            f"Version {data.version} was replaced by version {data.latest_version}: shown for "
            "reading and printing."
        )
    return (
        f"Version {data.version} is final and cannot change. Start a new version to revise "
        "it, or add an addendum to record something new."
    )


class FinalPlanBar(QWidget):
    """Version picker, "New version" and "Add addendum…", and the plan's addenda."""

    #: A version was chosen to be shown (its number).
    version_chosen = Signal(int)
    #: A new version or an addendum was saved: the plan to show now.
    changed = Signal(object)

    def __init__(self, ctx: WindowContext, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.data: AftercarePlanData | None = None
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel("Version:")
        self.version_box = QComboBox()
        self.version_box.setAccessibleName("Version")
        label.setBuddy(self.version_box)
        self.version_box.activated.connect(
            lambda index: self.version_chosen.emit(self.version_box.itemData(index))
        )
        self.frozen = QLabel()
        self.frozen.setWordWrap(True)
        self.frozen.setAccessibleName("Plan is final")
        self.new_version_button = name_button(QPushButton("New version"))
        self.addendum_button = name_button(QPushButton("Add addendum…"))
        self.new_version_button.clicked.connect(self.new_version)
        self.addendum_button.clicked.connect(self.add_addendum)
        row.addWidget(label)
        row.addWidget(self.version_box)
        row.addWidget(self.frozen, 1)
        row.addWidget(self.new_version_button)
        row.addWidget(self.addendum_button)
        col.addLayout(row)
        self.addenda = RowTable(ADDENDUM_COLUMNS, "Addenda")
        self.addenda.setMaximumHeight(96)
        col.addWidget(self.addenda)

    def show_plan(self, data: AftercarePlanData | None) -> None:
        """Offer what fits the plan shown: its versions, and for a final current one the two
        ways forward; the addenda of a final plan under them."""
        self.data = data
        self.version_box.clear()
        if data is not None:
            for n in range(data.latest_version, 0, -1):
                shown = f"{n} (current)" if n == data.latest_version else str(n)
                self.version_box.addItem(shown, n)
            self.version_box.setCurrentIndex(self.version_box.findData(data.version))
        self.setVisible(data is not None)
        if data is None:
            return
        final = data.status == "final"
        frozen = final or not data.is_current
        self.frozen.setText(frozen_sentence(data) if frozen else "")
        self.new_version_button.setVisible(final and data.is_current)
        self.addendum_button.setVisible(final)
        self.addenda.set_rows(list(data.addenda))
        self.addenda.setVisible(bool(data.addenda))

    def new_version(self) -> None:
        """Copy the final plan into a new draft version to revise."""
        made = operations.run(
            self.ctx,
            self,
            lambda: plan_versions.new_aftercare_version(self.ctx.actor, self.client_id),
            title="New version",
        )
        if made:
            self.changed.emit(made.result)

    def add_addendum(self) -> None:
        """Add a dated addendum to the final plan shown."""
        if self.data is None:
            return
        plan_id, version = self.data.id, self.data.version
        text = prompts.ask_text(
            self,
            "Add addendum",
            f"Addendum to version {version} of the aftercare plan (dated and signed with your "
            "name):",
        )
        if not text:
            return
        added = operations.run(
            self.ctx,
            self,
            lambda: plan_versions.add_aftercare_addendum(self.ctx.actor, plan_id, text),
            title="Add addendum",
        )
        if added:
            self.changed.emit(added.result)
