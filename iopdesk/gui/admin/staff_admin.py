"""Staff administration: the list of accounts, add / edit, reset password, deactivate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.forms import FieldForm, combo, line, name_button
from iopdesk.gui.widgets.row_table import RowTable
from iopdesk.gui.widgets.table_model import Column
from iopdesk.gui.widgets.unsaved import AsksBeforeDiscarding
from iopdesk.gui.widgets.window_size import keep_size
from iopdesk.services.admin import staff as staff_service
from iopdesk.services.admin.staff import StaffForm, StaffRow
from iopdesk.services.permissions import ROLES


class StaffDialog(AsksBeforeDiscarding, QDialog):
    """Add a colleague (with a temporary password) or edit one."""

    def __init__(
        self, ctx: WindowContext, row: StaffRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        keep_size(self, ctx.actor.username)
        self.ctx, self.row = ctx, row
        self.setWindowTitle("Edit staff member" if row else "Add staff member")
        self.setAccessibleName(self.windowTitle())
        col = QVBoxLayout(self)
        self.form = FieldForm()
        f = self.form
        self.full_name = f.add("full_name", "Full name", line(row.full_name if row else ""))
        self.username = f.add("username", "User name", line(row.username if row else ""))
        self.credentials = f.add(
            "credentials", "Credentials", line(row.credentials if row else "", "LADC, LPC, CADC...")
        )
        self.role = f.add("role", "Role", combo(ROLES, row.role if row else "clinician"))
        self.supervisor = f.add(
            "is_supervisor", "Clinical supervisor", QCheckBox("Signs treatment plans as supervisor")
        )
        self.supervisor.setChecked(bool(row and row.is_supervisor))
        self.password = None
        if row is None:
            self.password = f.add(
                "password",
                "Temporary password",
                line(password=True),
                hint="They will choose their own at first sign-in.",
            )
        col.addWidget(self.form)
        self.watch_inputs(f.fields.values())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        name_button(self.save_button)
        name_button(buttons.button(QDialogButtonBox.StandardButton.Cancel))

    def submit(self) -> None:
        form = StaffForm(
            self.username.text(),
            self.full_name.text(),
            self.role.currentData(),
            self.credentials.text(),
            self.supervisor.isChecked(),
        )
        if operations.run(self.ctx, self, lambda: self._save(form), errors=self.form):
            self.dirty = False
            self.accept()

    def _save(self, form: StaffForm) -> StaffRow:
        if self.row is None:
            return staff_service.add_staff(self.ctx.actor, form, self.password.text())
        return staff_service.edit_staff(self.ctx.actor, self.row.id, form)


class StaffAdmin(QWidget):
    """Accounts are never deleted: deactivated staff keep their signatures valid."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: StaffDialog | None = None
        col = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_button = name_button(QPushButton("Add staff member..."))
        self.edit_button = name_button(QPushButton("Edit..."))
        self.reset_button = name_button(QPushButton("Reset password..."))
        self.active_button = name_button(QPushButton("Deactivate"))
        for b in (self.add_button, self.edit_button, self.reset_button, self.active_button):
            buttons.addWidget(b)
        buttons.addStretch()
        self.status = QLabel()  # a refused list says why here, beside the buttons
        self.status.setObjectName("fieldError")
        buttons.addWidget(self.status)
        col.addLayout(buttons)
        self.table = RowTable(
            [
                Column("Name", lambda r: r.full_name),
                Column("User name", lambda r: r.username),
                Column("Credentials", lambda r: r.credentials),
                Column("Role", lambda r: r.role_label),
                Column("Supervisor", lambda r: "yes" if r.is_supervisor else ""),
                Column(
                    "Status",
                    lambda r: "active" if r.active else "deactivated",
                    highlight=lambda r: not r.active,
                ),
            ],
            "Staff",
        )
        col.addWidget(self.table)
        self.add_button.clicked.connect(lambda: self._dialog(None))
        self.edit_button.clicked.connect(lambda: self._dialog(self.selected()))
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.doubleClicked.connect(lambda index: self._dialog(self.table.row_for(index)))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.hub.staff_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        listed = operations.run(
            self.ctx,
            self,
            lambda: staff_service.list_staff(self.ctx.actor),
            errors=self.status.setText,
        )
        self.table.set_rows(listed.result if listed else [])
        if selected is not None:
            self.select_username(selected.username)
        self._update_buttons()

    def selected(self) -> StaffRow | None:
        return self.table.selected()

    def select_username(self, username: str) -> None:
        self.table.select_first(lambda row: row.username == username)

    def _update_buttons(self) -> None:
        row = self.selected()
        for b in (self.edit_button, self.reset_button, self.active_button):
            b.setEnabled(row is not None)
        self.active_button.setText("Reactivate" if row and not row.active else "Deactivate")
        self.active_button.setAccessibleName(self.active_button.text())

    def _dialog(self, row: StaffRow | None) -> StaffDialog:
        """Open the add / edit dialog over the list (the list refreshes when it saves)."""
        self.dialog = StaffDialog(self.ctx, row, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        self.dialog.full_name.setFocus()
        return self.dialog

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        password = prompts.ask_text(
            self, "Reset password", f"Temporary password for {row.full_name}:"
        )
        if password and operations.run(
            self.ctx,
            self,
            lambda: staff_service.reset_password(self.ctx.actor, row.id, password),
            title="Password not changed",
        ):
            prompts.inform(
                self,
                "Password reset",
                f"{row.full_name} must choose a new password at their next sign-in.",
            )

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        confirm = (
            operations.Confirm(
                "Deactivate account",
                f"Deactivate {row.full_name}? They will no longer be able to sign in; their "
                "signatures and records stay.",
                "Deactivate",
            )
            if row.active
            else None
        )
        operations.run(
            self.ctx,
            self,
            lambda: staff_service.set_active(self.ctx.actor, row.id, not row.active),
            confirm=confirm,
            title="Not changed",
        )
