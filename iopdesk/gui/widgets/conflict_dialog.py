"""The one dialog for a record someone else saved after it was opened here: both versions side
by side, and the choice to keep mine (save over theirs) or take theirs (show what they saved).

Screens never open it themselves: ``gui.operations.run`` does, given a ``Conflict`` pair.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from iopdesk.errors import ConflictError
from iopdesk.gui import prompts
from iopdesk.gui.forms import heading, name_button

MINE, THEIRS = "mine", "theirs"
TITLE = "Changed at another workstation"


def differences(conflict: ConflictError) -> list[tuple[str, str, str]]:
    """(field, mine, theirs) for every field where the two versions differ, in form order."""
    fields = list(conflict.mine) + [f for f in conflict.theirs if f not in conflict.mine]
    return [
        (field, conflict.mine.get(field, ""), conflict.theirs.get(field, ""))
        for field in fields
        if conflict.mine.get(field, "") != conflict.theirs.get(field, "")
    ]


def summary(conflict: ConflictError) -> str:
    """The dialog's content as text: the sentence, then each differing field's two values."""
    lines = [conflict.message, ""]
    for field, mine, theirs in differences(conflict) or [("", "", "")]:
        if not field:
            lines.append("Both versions now hold the same values.")
            continue
        lines.append(f"{field}: yours “{mine}”, theirs “{theirs}”")
    return "\n".join(lines)


class ConflictDialog(QDialog):
    """Both versions of the fields that differ; Keep mine, Take theirs or Decide later."""

    def __init__(self, conflict: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.resize(860, 480)  # fits a 1366×768 screen
        col = QVBoxLayout(self)
        col.addWidget(heading(f"The {conflict.what} changed while you had it open"))
        said = QLabel(conflict.message)
        said.setWordWrap(True)
        said.setAccessibleName("What happened")
        col.addWidget(said)
        when = f", {conflict.changed_at:%Y-%m-%d %H:%M}" if conflict.changed_at else ""
        changed = differences(conflict)
        self.table = QTableWidget(len(changed), 3)
        self.table.setAccessibleName("Both versions")
        self.table.setHorizontalHeaderLabels(
            ["Field", "Your version (not saved)", f"Their version ({conflict.changed_by}{when})"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for row, values in enumerate(changed):
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text or "—"))
        self.table.resizeRowsToContents()
        col.addWidget(self.table, 1)
        if not changed:
            self.table.hide()
            col.addWidget(QLabel("Both versions now hold the same values."))
        buttons = QDialogButtonBox()
        self.keep_mine = self._button(
            buttons, "Keep mine: save over theirs", MINE, "Your version replaces theirs"
        )
        self.take_theirs = self._button(
            buttons, "Take theirs: drop mine", THEIRS, "Their version is shown; your typing goes"
        )
        self.later = self._button(buttons, "Decide later", None, "Nothing is saved yet")
        # Enter (or Space on the focused button) never overwrites anyone by accident.
        self.later.setDefault(True)
        self.later.setFocus()
        col.addWidget(buttons)

    def _button(
        self, buttons: QDialogButtonBox, text: str, choice: str | None, tip: str
    ) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        name_button(button)
        buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str | None) -> None:
        self.choice = choice
        self.accept() if choice else self.reject()


def choose(owner: QWidget | None, conflict: ConflictError) -> str | None:
    """Ask what to do: ``MINE``, ``THEIRS``, or None to decide later (nothing saved)."""

    def show() -> str | None:
        dialog = ConflictDialog(conflict, owner)
        dialog.exec()
        return dialog.choice

    answer = prompts.custom("conflict", TITLE, summary(conflict), show)
    return answer if answer in (MINE, THEIRS) else None
