"""Pick people from the client's family and collaterals to copy into a plan's list of people to
call (the aftercare plan, the safety plan): their name, relationship and phone."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import name_button
from iopdesk.services.clients import collaterals
from iopdesk.services.clients.collaterals import CollateralRow

TITLE = "Add from family and collaterals"


class CollateralPicker(QDialog):
    """Tick the people to copy; ``picked`` carries (name, relationship, phone) for each."""

    picked = Signal(list)

    def __init__(self, people: Sequence[CollateralRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        col = QVBoxLayout(self)
        col.addWidget(QLabel("Tick the people to copy (name, relationship and phone):"))
        self.boxes: list[tuple[QCheckBox, tuple[str, str, str]]] = []
        for person in people:
            phone = person.phone or "no phone recorded"
            box = QCheckBox(f"{person.label} · {phone}")
            box.setAccessibleName(person.label)
            self.boxes.append((box, (person.name, person.relationship, person.phone)))
            col.addWidget(box)
        col.addStretch(1)
        buttons = QDialogButtonBox()
        self.add_button = name_button(QPushButton("Add the ticked people"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self._add)
        cancel = name_button(QPushButton("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        col.addWidget(buttons)
        self.resize(460, 120 + 28 * len(self.boxes))

    def ticked(self) -> list[tuple[str, str, str]]:
        """(name, relationship, phone) of each ticked person, in list order."""
        return [person for box, person in self.boxes if box.isChecked()]

    def _add(self) -> None:
        self.picked.emit(self.ticked())
        self.accept()


def open_picker(ctx: WindowContext, client_id: int, parent: QWidget) -> CollateralPicker | None:
    """Open the picker over ``parent`` (not blocking; connect to ``picked``), or say why not."""
    found = operations.run(
        ctx,
        parent,
        lambda: collaterals.list_collaterals(ctx.actor, client_id, include_inactive=False),
        title=TITLE,
    )
    if not found:
        return None
    if not found.result:
        prompts.inform(
            parent,
            TITLE,
            "No family members or collaterals are recorded for this client yet; add them on "
            "the chart's “Family and collaterals” tab.",
        )
        return None
    picker = CollateralPicker(found.result, parent)
    picker.open()
    return picker
