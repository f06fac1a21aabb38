"""First start on an empty data folder: the clinic's details and its first administrator."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.forms import FieldForm, combo, heading, line, name_button, text_box
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.admin import clinic
from iopdesk.services.admin.passwords import MIN_LENGTH
from iopdesk.services.admin.staff import StaffForm
from iopdesk.services.context import Actor


class FirstRunWizard(QWidget):
    """Two steps on one page: the clinic, then the first administrator account."""

    finished = Signal(object)  # the administrator's Actor

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_size(self, "")
        self.setWindowTitle("IOPdesk - set up your clinic")
        self.setMinimumSize(640, 720)
        col = QVBoxLayout(self)
        col.addWidget(heading("Welcome to IOPdesk"))
        intro = QLabel(
            "This computer has no clinic yet. Enter your clinic's details and create "
            "the first administrator account; you can add your colleagues after "
            "signing in."
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        # One form for both steps, so every refusal lands next to its own field.
        self.form = FieldForm()
        f = self.form
        f.layout_.addRow(heading("1. Your clinic"))
        self.name = f.add("name", "Clinic name", line())
        self.address = f.add("address", "Address", text_box(height=60))
        self.address.setMaximumHeight(70)
        self.phone = f.add("phone", "Phone", line(placeholder="507-555-0142"))
        self.program = f.add(
            "program_type",
            "Program type",
            combo(clinic.PROGRAMS),
            hint="Sets the weekly minimum: 9 hours (adult) or 6 (adolescent).",
        )
        f.layout_.addRow(heading("2. First administrator"))
        self.full_name = f.add("full_name", "Full name", line())
        self.username = f.add("username", "User name", line(placeholder="for example amorgan"))
        self.credentials = f.add("credentials", "Credentials or title", line())
        self.password = f.add(
            "password",
            "Password",
            line(password=True),
            hint=f"At least {MIN_LENGTH} characters; a short sentence works.",
        )
        self.repeat = f.add("repeat", "Repeat password", line(password=True))
        col.addWidget(f)
        self.create = name_button(QPushButton("Create clinic"))
        self.create.setObjectName("primary")
        col.addWidget(self.create)
        col.addStretch()
        self.create.clicked.connect(self.submit)

    def submit(self) -> None:
        made = operations.run(None, self, self._set_up, errors=self.form)
        if made:
            self.finished.emit(made.result)

    def _set_up(self) -> Actor:
        return clinic.set_up_clinic(
            clinic.ClinicForm(
                self.name.text(),
                self.address.toPlainText(),
                self.phone.text(),
                self.program.currentData(),
            ),
            StaffForm(
                self.username.text(),
                self.full_name.text(),
                "administrator",
                self.credentials.text(),
            ),
            self.password.text(),
            self.repeat.text(),
        )
