"""The intake window's step list: one entry per step with its done / missing / problem mark,
and the stack of scrolling pages it switches between."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QScrollArea, QStackedWidget, QWidget

from iopdesk.domain.intake import SECTIONS, STEPS, AssessmentData, step_missing
from iopdesk.gui.intake.decision_pages import AsamPage, DecisionPage, SuitabilityPage
from iopdesk.gui.intake.pages import Page, ScreeningsPage, SectionPage, SubstancePage
from iopdesk.gui.intake.teds_page import TedsPage

#: The extra step a signed assessment gets for its dated addenda.
ADDENDA = "addenda"


def build_pages(sex: str) -> dict[str, Page]:
    """One page per intake step, in the order of the steps."""
    pages: dict[str, Page] = {}
    for key, title in STEPS.items():
        if key in SECTIONS:
            page: Page = SectionPage(key, title)
        elif key == "substance_use":
            page = SubstancePage()
        elif key == "state_reporting":
            page = TedsPage()
        elif key == "screenings":
            page = ScreeningsPage(sex)
        elif key == "asam":
            page = AsamPage()
        elif key == "suitability":
            page = SuitabilityPage()
        else:
            page = DecisionPage()
        pages[key] = page
    return pages


class StepList(QListWidget):
    """The steps in any order: choosing one shows its page in ``stack``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Steps")
        self.setMinimumWidth(300)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.currentRowChanged.connect(self.stack.setCurrentIndex)

    def add_step(self, key: str, title: str, page: QWidget) -> None:
        """Append a step and its page (in a scroll area, so long pages still fit)."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.stack.addWidget(scroll)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.addItem(item)

    def keys(self) -> list[str]:
        """The step keys in list order."""
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def item_for(self, key: str) -> QListWidgetItem:
        """The list entry of one step (its text carries the done/missing mark)."""
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == key:
                return self.item(row)
        raise KeyError(key)

    def go_to(self, key: str) -> None:
        """Select a step, as clicking it does."""
        self.setCurrentRow(self.keys().index(key))

    def update_marks(
        self, data: AssessmentData, errors: dict[str, dict[str, str]], addenda: int
    ) -> None:
        """Mark each step ✓ complete, ○ missing something, or ⚠ refused by the last save."""
        for row in range(self.count()):
            item = self.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            if key == ADDENDA:
                item.setText(f"Addenda ({addenda})")
                continue
            missing = step_missing(data, key)
            if errors.get(key):
                mark, tip = "⚠", " ".join(errors[key].values())
            elif missing:
                mark, tip = "○", f"Missing: {missing}"
            else:
                mark, tip = "✓", "Complete"
            text = f"{mark}  {STEPS[key]}"
            # Only on a change: every keystroke passes through here.
            if item.text() != text or item.toolTip() != tip:
                item.setText(text)
                item.setToolTip(tip)
