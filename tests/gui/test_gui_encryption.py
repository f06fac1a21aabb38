"""Administration, Encryption: an older plain clinic is encrypted, its plain copies deleted, and
a new recovery key made, each by clicking as an administrator does."""

from PySide6.QtCore import Qt

from iopdesk import paths
from iopdesk.db import keyfile
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.services.admin import clinic, staff
from iopdesk.services.store import create_clinic
from tests.conftest import PASSWORD


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_encrypt_a_plain_clinic_then_delete_its_plain_copy_then_a_new_key(qtbot, tmp_path, answers):
    store = create_clinic(tmp_path / "plain", encrypted=False)
    admin = clinic.set_up_clinic(
        clinic.ClinicForm("Old Plain Clinic"),
        staff.StaffForm("admin", "Alex Admin", "administrator"),
        PASSWORD,
        PASSWORD,
    )
    window = MainWindow(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(window)
    panel = window.show_area("administration").encryption
    assert "NOT encrypted" in panel.status.text()
    assert not panel.recovery_button.isEnabled()

    answers.queue("confirm", True)
    _click(qtbot, panel.encrypt_button)
    dialog = panel.dialog
    assert dialog.isVisible()
    key_file = keyfile.read(paths.key_file_path(store.data_dir))
    assert key_file.unlock_with_recovery_key(dialog.key_label.text()) is not None
    assert key_file.unlock_with_password("admin", PASSWORD) is not None
    _click(qtbot, dialog.done_button)
    assert "are encrypted" in panel.status.text() and "unencrypted copies" in panel.status.text()

    answers.queue("confirm", True)
    _click(qtbot, panel.delete_button)
    assert not list(paths.aside_dir(store.data_dir).glob("*plain-before-encryption*"))
    assert not panel.delete_button.isEnabled()

    first = dialog.key_label.text()
    answers.queue("confirm", True)
    _click(qtbot, panel.recovery_button)
    second = panel.dialog.key_label.text()
    assert second != first
    key_file = keyfile.read(paths.key_file_path(store.data_dir))
    assert key_file.unlock_with_recovery_key(first) is None
    assert key_file.unlock_with_recovery_key(second) is not None
    _click(qtbot, panel.dialog.done_button)


def test_every_admin_password_lost_the_recovery_key_unlocks_and_sets_a_new_one(
    qtbot, store, admin, tmp_path
):
    from iopdesk.db.connection import close_database
    from iopdesk.gui.app import AppController
    from iopdesk.services.admin import keys

    recovery = keys.new_recovery_key(admin)
    close_database()
    c = AppController(store.data_dir, idle_ms=60_000)
    try:
        assert c.start()
        screen = c.sign_in_screen
        assert screen.recovery_button.isVisible()
        _click(qtbot, screen.recovery_button)
        dialog = screen.recovery_dialog
        qtbot.keyClicks(dialog.recovery_key, "WRONG-KEY")
        qtbot.keyClicks(dialog.username, "admin")
        qtbot.keyClicks(dialog.password, "a fresh director passphrase")
        qtbot.keyClicks(dialog.repeat, "a fresh director passphrase")
        _click(qtbot, dialog.ok_button)
        assert "does not open" in dialog.form.banner.text() and c.current is None
        dialog.recovery_key.clear()
        qtbot.keyClicks(dialog.recovery_key, recovery.lower())
        _click(qtbot, dialog.ok_button)
        assert c.current is not None, dialog.form.banner.text() + str(
            [dialog.form.error_text(n) for n in ("recovery_key", "username", "password", "repeat")]
        )
        assert c.current.actor.username == "admin"
        key_file = keyfile.read(paths.key_file_path(store.data_dir))
        assert key_file.unlock_with_password("admin", "a fresh director passphrase") is not None
        assert key_file.unlock_with_password("admin", PASSWORD) is None
    finally:
        for ws in list(c.workspaces.values()):
            ws.window.hide()
            ws.window.deleteLater()
        if c.sign_in_screen is not None:
            c.sign_in_screen.hide()
        c.shutdown()


def test_a_plain_clinic_says_so_on_its_sign_in_screen(qtbot, tmp_path):
    from iopdesk.db.connection import close_database
    from iopdesk.gui.app import AppController

    folder = tmp_path / "plain"
    create_clinic(folder, encrypted=False)
    clinic.set_up_clinic(
        clinic.ClinicForm("Old Plain Clinic"),
        staff.StaffForm("admin", "Alex Admin", "administrator"),
        PASSWORD,
        PASSWORD,
    )
    close_database()
    c = AppController(folder, idle_ms=60_000)
    try:
        assert c.start()
        assert "NOT encrypted" in c.sign_in_screen.message.text()
        assert not c.sign_in_screen.recovery_button.isVisible()
    finally:
        c.sign_in_screen.hide()
        c.shutdown()
