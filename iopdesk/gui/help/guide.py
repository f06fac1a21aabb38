"""Help → User guide: the short guide shipped in ``resources/guide``, readable offline beside
the work (a window of its own, not a dialog that blocks the screen behind it)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from iopdesk import paths
from iopdesk.gui.help.shortcuts import SHORTCUTS, bind
from iopdesk.gui.widgets.window_size import keep_size

GUIDE = ("guide", "user-guide.html")
#: Where the guide's page takes the list of keyboard shortcuts (kept in one place, in code).
SHORTCUTS_HERE = "<!-- shortcuts -->"
MISSING = (
    "<h2>The user guide is missing</h2><p>This copy of IOPdesk was installed without its "
    "user guide ({path}). Ask whoever installed it to install it again.</p>"
)


def shortcuts_table() -> str:
    """The keyboard shortcuts as an HTML table."""
    rows = "".join(
        f"<tr><td><b>{escape(s.keys)}</b></td><td>{escape(s.does)}</td>"
        f"<td>{escape(s.where)}</td></tr>"
        for s in SHORTCUTS
    )
    head = "<tr><th align=left>Keys</th><th align=left>What it does</th><th align=left>Where</th>"
    return f"<table cellspacing=0 cellpadding=4>{head}</tr>{rows}</table>"


def guide_html() -> str:
    """The guide's page, with the shortcuts filled in."""
    path = paths.resource_path(*GUIDE)
    if not path.exists():
        return MISSING.format(path=escape(str(path)))
    return path.read_text(encoding="utf-8").replace(SHORTCUTS_HERE, shortcuts_table())


class GuideWindow(QWidget):
    """The user guide with its contents at the top; links jump within the page."""

    def __init__(self, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        keep_size(self, user)
        self.setWindowTitle("IOPdesk user guide")
        col = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("User guide")
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(guide_html())
        col.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        col.addWidget(buttons)
        bind(self, "Escape", self.close)  # as a dialog would
        self.resize(780, 680)
