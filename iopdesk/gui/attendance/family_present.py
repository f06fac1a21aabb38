"""At a family session: a tick for each family member or collateral who came with the client."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from iopdesk.gui.forms import subheading
from iopdesk.services.attendance.family_sessions import FamilyMember

#: Ticks per row before the next row starts.
PER_ROW = 3
NOBODY = (
    "No family members or collaterals are recorded for this session's clients; add them on "
    "the chart's “Family and collaterals” tab."
)


class FamilyPresent(QWidget):
    """Who came besides the clients; ``chosen()`` is what the sheet saves."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 6, 0, 6)
        title = subheading("Family members and collaterals who came")
        col.addWidget(title)
        self.nobody = QLabel(NOBODY)
        self.nobody.setObjectName("hint")
        self.nobody.setWordWrap(True)
        col.addWidget(self.nobody)
        self.grid = QGridLayout()
        # Spare width goes past the last column: each tick stays as wide as its name, so a
        # click beside a name never misses it.
        self.grid.setColumnStretch(PER_ROW, 1)
        col.addLayout(self.grid)
        self.boxes: dict[int, QCheckBox] = {}

    def set_members(self, members: Sequence[FamilyMember]) -> None:
        """Show one tick per person, ticked for those recorded as present."""
        for box in self.boxes.values():
            box.deleteLater()
        self.boxes = {}
        for n, member in enumerate(members):
            box = QCheckBox(member.label)
            box.setAccessibleName(f"{member.label} came")
            box.setChecked(member.present)
            box.toggled.connect(lambda *_: self.changed.emit())
            self.grid.addWidget(box, n // PER_ROW, n % PER_ROW)
            self.boxes[member.collateral_id] = box
        self.nobody.setVisible(not members)

    def chosen(self) -> tuple[int, ...]:
        """The collaterals ticked as present."""
        return tuple(cid for cid, box in self.boxes.items() if box.isChecked())
