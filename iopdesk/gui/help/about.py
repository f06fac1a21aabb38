"""Help → About IOPdesk: the version, where this clinic's data lives, and the licences."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import iopdesk
from iopdesk.gui.forms import heading
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.store import ClinicStore

#: The README's "Licensed text" section, word for word (a test keeps the two the same).
LICENSED_TEXT = (
    "PHQ-9 and GAD-7 (Spitzer, Williams, Kroenke and colleagues; Pfizer, no permission "
    "required), AUDIT (World Health Organization) and DAST-10 (Harvey A. Skinner, 1982) are "
    "included with attribution for non-commercial clinical use. ASAM's criteria text is not "
    "included: IOPdesk stores the clinician's dimension ratings and decision only. PDFs embed "
    "DejaVu Sans (see resources/fonts/LICENSE-DejaVu.txt)."
)
#: The libraries IOPdesk is built on, with the licence each is used under.
LIBRARIES = (
    ("Qt for Python (PySide6) and Qt", "GNU LGPL version 3"),
    ("ReportLab", "BSD licence"),
    ("Peewee", "MIT licence"),
    ("SQLCipher (encryption of the clinic file)", "BSD-style licence (Zetetic)"),
    ("sqlcipher3-binary", "zlib licence"),
    ("cryptography", "Apache 2.0 or BSD licence"),
    ("argon2-cffi", "MIT licence"),
    ("appdirs", "MIT licence"),
    ("psycopg2 (PostgreSQL, when used)", "GNU LGPL with exceptions"),
    ("DejaVu fonts", "Bitstream Vera and public-domain terms"),
)


def about_html(store: ClinicStore) -> str:
    """What the About dialog says."""
    libraries = "".join(f"<li>{escape(name)}: {escape(terms)}</li>" for name, terms in LIBRARIES)
    return (
        f"<p><b>IOPdesk {escape(iopdesk.__version__)}</b>: offline records for Intensive "
        "Outpatient Programs in addiction recovery.</p>"
        "<h3>This clinic's data</h3>"
        f"<p>Database: {escape(store.location)}<br>"
        f"Data folder: {escape(str(store.data_dir))}<br>"
        f"Backups: {escape(str(store.backups_dir))}</p>"
        "<h3>Screening instruments and licensed text</h3>"
        f"<p>{escape(LICENSED_TEXT)}</p>"
        f"<h3>Built with</h3><ul>{libraries}</ul>"
    )


class AboutDialog(QDialog):
    """Version, data location, instrument credits and licences, in a page that can be copied."""

    def __init__(self, user: str, store: ClinicStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, user)
        self.setWindowTitle("About IOPdesk")
        col = QVBoxLayout(self)
        col.addWidget(heading("About IOPdesk"))
        self.text = QTextBrowser()
        self.text.setAccessibleName("About IOPdesk")
        self.text.setHtml(about_html(store))
        col.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(620, 520)
