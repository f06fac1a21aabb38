"""First start on an empty data folder: the clinic's details and its first administrator,
then (an encrypted clinic) its recovery key, shown once."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations
from iopdesk.gui.forms import FieldForm, combo, heading, line, name_button, text_box
from iopdesk.gui.server_choice import Connect, ServerChoice
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.admin import clinic, keys
from iopdesk.services.admin.passwords import MIN_LENGTH
from iopdesk.services.admin.staff import StaffForm
from iopdesk.services.context import Actor


class FirstRunWizard(QWidget):
    """Two steps on one page: the clinic, then the first administrator account. Enter moves to
    the next field and, in the last one, creates the clinic; a message under a field goes as
    soon as the field is changed; the page scrolls rather than squash a field."""

    finished = Signal(object)  # the administrator's Actor
    #: connected to a server whose clinic is already set up: its staff just sign in
    joined = Signal()

    def __init__(self, parent: QWidget | None = None, connect: Connect | None = None) -> None:
        super().__init__(parent)
        keep_size(self, "")
        self.setWindowTitle("IOPdesk - set up your clinic")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        page = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer.addWidget(scroll)
        col = QVBoxLayout(page)
        col.addWidget(heading("Welcome to IOPdesk"))
        intro = QLabel(
            "This computer has no clinic yet. Enter your clinic's details and create "
            "the first administrator account; you can add your colleagues after "
            "signing in."
            if connect is None
            else "This computer has no clinic yet. Keep its records on this PC, or connect to "
            "your clinic's server (a clinic already set up there only asks you to sign in). "
            "Then enter your clinic's details and create the first administrator account."
        )
        intro.setWordWrap(True)
        col.addWidget(intro)
        self.choice: ServerChoice | None = None
        if connect is not None:
            self.choice = ServerChoice(connect)
            self.choice.connected.connect(self._on_server)
            col.addWidget(self.choice)
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
        if self.choice is not None:
            self.choice.on_server.toggled.connect(lambda on: self.create.setEnabled(not on))
        self._watch_fields()
        self.resize(QSize(680, 760).boundedTo(self.screen().availableGeometry().size()))

    def _watch_fields(self) -> None:
        """Enter goes to the next field (the last one creates the clinic); a field's message
        goes once the person changes that field."""
        fields = list(self.form.fields.items())
        for n, (name, widget) in enumerate(fields):
            changed = getattr(widget, "textChanged", None) or widget.currentIndexChanged
            changed.connect(lambda *_args, name=name: self.form.clear_error(name))
            if isinstance(widget, QLineEdit):
                after = fields[n + 1][1] if n + 1 < len(fields) else None
                widget.returnPressed.connect(
                    self.submit if after is None else (lambda after=after: after.setFocus())
                )

    def _on_server(self, _store: object) -> None:
        """Connected: staff of a clinic already set up sign in; a new one is set up here."""
        if clinic.is_set_up():
            self.joined.emit()
            return
        self.create.setEnabled(True)
        self.name.setFocus()

    def submit(self) -> None:
        made = operations.run(None, self, self._set_up, errors=self.form)
        if made:
            self.recovery_key_step(made.result)

    def recovery_key_step(self, actor: Actor) -> None:
        """Step 3: the new clinic's recovery key, shown once, with its printout; the clinic
        opens when the person closes it (Administration can make a new one later)."""
        from iopdesk.gui.admin.recovery_key import RecoveryKeyDialog

        made = (
            operations.run(None, self, lambda: keys.new_recovery_key(actor), title="No key")
            if keys.is_encrypted()
            else None
        )
        if not made:
            self.finished.emit(actor)
            return
        self.recovery_step = RecoveryKeyDialog(actor, made.result, None, self)
        self.recovery_step.finished.connect(lambda _code: self.finished.emit(actor))
        self.recovery_step.open()

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
