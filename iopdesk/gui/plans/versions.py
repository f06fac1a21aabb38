"""The plan editor's version bar: the open version, the chooser for others, a status banner."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from iopdesk.domain import plans as rules
from iopdesk.services.plans.records import PlanDocument, PlanVersionRow

BANNERS = {
    rules.SIGNED: (
        "This version is signed and frozen. To change it, press Revise: "
        "a new version is made and this one stays readable."
    ),
    rules.SUPERSEDED: (
        "A newer version has replaced this one; it is kept for the record and can still be printed."
    ),
    rules.PARTIALLY_SIGNED: (
        "Partly signed. Changing the plan now clears the signatures already given."
    ),
}
DRAFT_BANNER = "Draft: write the plan with the client, then collect the signatures."


class VersionBar(QWidget):
    """Title, version chooser and status banner; says which other version was chosen."""

    #: The plan id of another version the person picked from the chooser.
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_id = 0
        col = QVBoxLayout(self)
        # No margins of its own: it sits flush in the editor's layout like the rows it holds.
        col.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("heading")
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Version:"))
        self.versions = QComboBox()
        self.versions.setAccessibleName("Version")
        self.versions.activated.connect(self._activated)
        top.addWidget(self.versions)
        col.addLayout(top)
        self.banner = QLabel()
        self.banner.setObjectName("statusBanner")
        self.banner.setWordWrap(True)
        col.addWidget(self.banner)

    def load(self, doc: PlanDocument, rows: Sequence[PlanVersionRow]) -> None:
        """Show ``doc`` as the open version among all of the client's ``rows``."""
        self.plan_id = doc.plan_id
        self.title.setText(
            f"{doc.client_name} · {doc.record_number} · version {doc.version}, "
            f"{doc.status_label.lower()}"
        )
        self.banner.setText(BANNERS.get(doc.status, DRAFT_BANNER))
        self.versions.clear()
        episodes = {r.episode_number for r in rows}
        for row in rows:
            where = f" (episode {row.episode_number})" if len(episodes) > 1 else ""
            self.versions.addItem(f"{row.version} — {row.status_label}{where}", row.plan_id)
        self.versions.setCurrentIndex(max(0, self.versions.findData(doc.plan_id)))

    def _activated(self) -> None:
        plan_id = self.versions.currentData()
        if plan_id and plan_id != self.plan_id:
            self.chosen.emit(plan_id)
