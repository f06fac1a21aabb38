"""The Administration area: staff, audit log, backups, settings and encryption for
administrators; only Backups for front desk staff the clinic lets make backups."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from iopdesk.gui.context import WindowContext
from iopdesk.gui.registry import Area


class AdministrationArea(QTabWidget):
    """Tabs for each administrative task; built lazily per tab content."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from iopdesk.gui.admin.audit_viewer import AuditViewer
        from iopdesk.gui.admin.backup_panel import BackupPanel
        from iopdesk.gui.admin.encryption_panel import EncryptionPanel
        from iopdesk.gui.admin.settings_panel import SettingsPanel
        from iopdesk.gui.admin.staff_admin import StaffAdmin

        tabs = (
            ("staff", "Staff", "staff.manage", StaffAdmin),
            ("audit", "Audit log", "audit.view", AuditViewer),
            ("backups", "Backups", "backup.run", BackupPanel),
            ("settings", "Clinic and settings", "settings.manage", SettingsPanel),
            ("encryption", "Encryption", "staff.manage", EncryptionPanel),
        )
        for part, title, permission, panel in tabs:
            if ctx.actor.can(permission):
                setattr(self, part, panel(ctx))
                self.addTab(getattr(self, part), title)
        self.currentChanged.connect(self._refresh_current)

    def show_part(self, part: str) -> None:
        """Show one tab: "staff", "audit", "backups" or "settings"."""
        widget = getattr(self, part, None)
        if isinstance(widget, QWidget):
            self.setCurrentWidget(widget)

    def _refresh_current(self, _index: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        widget = self.currentWidget()
        refresh = getattr(widget, "refresh", None)
        if refresh is not None:
            refresh()


AREA = Area("administration", "Administration", 90, "backup.run", AdministrationArea)
