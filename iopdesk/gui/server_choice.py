"""The first question on a new computer: keep the clinic on this PC only, or connect to the
clinic's server (the connection kept in this user's settings, its password in the operating
system's password store)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QRadioButton, QVBoxLayout, QWidget

from iopdesk.gui import operations
from iopdesk.gui.forms import FieldForm, heading, line, name_button
from iopdesk.services.admin.server_connection import (
    DEFAULT_PORT,
    ServerConnection,
    check_connection_form,
)
from iopdesk.services.store import ClinicStore

Connect = Callable[[ServerConnection, str], ClinicStore]


class ServerChoice(QWidget):
    """ "This PC only" (the default) or "Connect to the clinic's server" with its details;
    ``connected`` carries the opened server clinic."""

    connected = Signal(object)  # the ClinicStore on the server

    def __init__(self, connect: Connect, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connect = connect
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading("Where are this clinic's records kept?"))
        self.this_pc = name_button(QRadioButton("This PC only"))
        self.this_pc.setChecked(True)
        self.on_server = name_button(QRadioButton("Connect to the clinic's server"))
        col.addWidget(self.this_pc)
        col.addWidget(self.on_server)
        self.form = FieldForm()
        f = self.form
        self.host = f.add("host", "Server", line(placeholder="for example clinic-server"))
        self.port = f.add("port", "Port", line(str(DEFAULT_PORT)))
        self.database = f.add("database", "Database", line())
        self.username = f.add("username", "User name", line())
        self.password = f.add("password", "Password", line(password=True))
        self.tls = name_button(QCheckBox("Encrypted connection (sslmode=require)"))
        self.tls.setChecked(True)
        f.layout_.addRow(self.tls)
        self.connect_button = name_button(QPushButton("Connect"))
        f.layout_.addRow(self.connect_button)
        col.addWidget(self.form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        self.on_server.toggled.connect(self._show_server_fields)
        self.form.setVisible(False)
        self.connect_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)

    def _show_server_fields(self, on: bool) -> None:
        self.form.setVisible(on)
        if on:
            self.host.setFocus()

    def connection(self) -> ServerConnection:
        port = check_connection_form(
            self.host.text(), self.port.text(), self.database.text(), self.username.text()
        )
        return ServerConnection(
            self.host.text().strip(),
            self.database.text().strip(),
            self.username.text().strip(),
            port,
            self.tls.isChecked(),
        )

    def submit(self) -> None:
        done = operations.run(
            None,
            self,
            lambda: self._connect(self.connection(), self.password.text()),
            errors=self.form,
        )
        if done:
            self.password.clear()
            self.this_pc.setEnabled(False)
            self.on_server.setEnabled(False)
            self.form.setVisible(False)
            self.status.setText(f"Connected to the clinic's server ({self.connection().location}).")
            self.connected.emit(done.result)
