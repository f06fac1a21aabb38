"""The app shell driven like a person would: first run, sign-in, idle lock, staff, audit, backup."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from iopdesk.db.models.core import Clinic, Staff
from iopdesk.gui.app import AppController
from iopdesk.services.admin import backups
from tests.conftest import PASSWORD


@pytest.fixture
def controller(qtbot, data_dir):
    made = []

    def make(idle_ms=60_000, folder=data_dir):
        c = AppController(Path(folder), idle_ms=idle_ms)
        made.append(c)
        return c

    yield make
    for c in made:
        for ws in list(c.workspaces.values()):
            ws.window.hide()
            ws.window.deleteLater()
        for w in (c.sign_in_screen, c.wizard):
            if w is not None:
                w.hide()
                w.deleteLater()
        c.shutdown()


def sign_in(qtbot, screen, username, password=PASSWORD):
    screen.username.clear()
    qtbot.keyClicks(screen.username, username)
    screen.password.clear()
    qtbot.keyClicks(screen.password, password)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)


def test_first_run_wizard_validates_then_creates_clinic(qtbot, controller):
    c = controller()
    assert c.start()
    wizard = c.wizard
    qtbot.mouseClick(wizard.create, Qt.MouseButton.LeftButton)
    assert wizard.clinic_form.error_text("name") == "Clinic name is required."
    assert wizard.admin_form.error_text("full_name") == "Full name is required."
    assert "12 characters" in wizard.admin_form.error_text("password")
    assert Clinic.select().count() == 0
    qtbot.keyClicks(wizard.name, "Lakeside Recovery")
    qtbot.keyClicks(wizard.phone, "218-555-0100")
    wizard.program.setCurrentIndex(wizard.program.findData("adolescent"))
    qtbot.keyClicks(wizard.full_name, "Dana Director")
    qtbot.keyClicks(wizard.username, "dana")
    qtbot.keyClicks(wizard.password, PASSWORD)
    qtbot.keyClicks(wizard.repeat, PASSWORD + "x")
    qtbot.mouseClick(wizard.create, Qt.MouseButton.LeftButton)
    assert "not the same" in wizard.admin_form.error_text("repeat")
    wizard.repeat.clear()
    qtbot.keyClicks(wizard.repeat, PASSWORD)
    qtbot.mouseClick(wizard.create, Qt.MouseButton.LeftButton)
    assert Clinic.get().program_type == "adolescent"
    window = c.current.window
    assert window.isVisible() and "Dana Director" in window.person.text()
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles[0] == "Today" and "Administration" in titles


def test_sign_in_failure_is_generic_and_next_to_the_field(qtbot, controller, admin):
    c = controller()
    assert c.start()
    sign_in(qtbot, c.sign_in_screen, "admin", "wrong password here")
    assert "Sign-in failed" in c.sign_in_screen.form.banner.text()
    assert c.current is None
    sign_in(qtbot, c.sign_in_screen, "admin")
    assert c.current.actor.username == "admin"


def test_idle_lock_keeps_typing_and_a_colleague_gets_their_own_workspace(
    qtbot, controller, admin, clinician, monkeypatch
):
    Staff.update(must_change_password=False).execute()
    c = controller(idle_ms=300)
    assert c.start()
    sign_in(qtbot, c.sign_in_screen, "admin")
    window = c.current.window
    settings = window.show_area("administration").settings
    window.pages["administration"].setCurrentWidget(settings)
    settings.name.clear()
    qtbot.keyClicks(settings.name, "Half-typed new name")
    editor = QMainWindow()  # any other window the person opened (a plan editor, a chart)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: c.sign_in_screen.isVisible(), timeout=3000)
    assert not window.isVisible() and not editor.isVisible()
    assert "Locked by Alex Admin" in c.sign_in_screen.message.text()
    # A colleague signs in from the lock screen: a separate workspace, admin's work unseen.
    sign_in(qtbot, c.sign_in_screen, "casey")
    assert c.current.actor.username == "casey"
    assert c.current.window is not window and not window.isVisible()
    assert "administration" not in c.current.window.pages
    c.lock()
    sign_in(qtbot, c.sign_in_screen, "admin")
    assert c.current.window is window and window.isVisible() and editor.isVisible()
    assert settings.name.text() == "Half-typed new name"
    assert Clinic.get().name == "Riverbend Recovery"


def test_a_second_instance_on_the_same_folder_is_refused(qtbot, controller, admin, answers):
    first = controller()
    assert first.start()
    second = controller()
    answers.queue("error")
    assert not second.start()
    assert "already open on this data folder" in answers.texts("error")[0]


def test_staff_admin_adds_a_colleague_with_inline_errors(qtbot, controller, admin, answers):
    from iopdesk.gui.admin.staff_admin import StaffDialog

    c = controller()
    c.start()
    sign_in(qtbot, c.sign_in_screen, "admin")
    panel = c.current.window.show_area("administration").staff
    dialog = StaffDialog(panel.ctx, None, panel)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "Bad Name")
    dialog.submit()
    assert "lower-case" in dialog.form.error_text("username")
    assert dialog.form.error_text("full_name") == "Full name is required."
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "jkim")
    qtbot.keyClicks(dialog.full_name, "Jae Kim")
    qtbot.keyClicks(dialog.credentials, "LPC")
    qtbot.keyClicks(dialog.password, "temporary pass 123")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "jkim" in [r.username for r in panel.model.rows]
    panel.select_username("jkim")
    answers.queue("confirm", True)
    qtbot.mouseClick(panel.active_button, Qt.MouseButton.LeftButton)
    assert Staff.get(Staff.username == "jkim").active is False
    assert panel.active_button.text() == "Reactivate"


def test_audit_viewer_filters_and_exports(qtbot, controller, admin, answers, tmp_path):
    c = controller()
    c.start()
    sign_in(qtbot, c.sign_in_screen, "admin")
    viewer = c.current.window.show_area("administration").audit
    viewer.refresh()
    assert any(r.action == "auth.sign_in" for r in viewer.model.rows)
    qtbot.keyClicks(viewer.action, "clinic.set_up")
    qtbot.mouseClick(viewer.apply_button, Qt.MouseButton.LeftButton)
    assert [r.action for r in viewer.model.rows] == ["clinic.set_up"]
    target = tmp_path / "audit.csv"
    answers.queue("save_file", str(target))
    answers.queue("inform")
    qtbot.mouseClick(viewer.export_button, Qt.MouseButton.LeftButton)
    assert answers.titles() == ["Export audit log", "Exported"]
    assert "clinic.set_up" in target.read_text(encoding="utf-8-sig")


def test_back_up_now_with_progress_then_restore(qtbot, controller, admin, answers, tmp_path):
    c = controller()
    c.start()
    sign_in(qtbot, c.sign_in_screen, "admin")
    panel = c.current.window.show_area("administration").backups
    usb = tmp_path / "usb"
    answers.queue("folder", str(usb))
    answers.queue("inform")
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "inform" in answers.kinds(), timeout=10000)
    backup_file = next(usb.glob("*.iopbak"))
    Staff.update(full_name="Changed After Backup").where(Staff.username == "admin").execute()
    answers.queue("open_file", str(backup_file))
    answers.queue("confirm", True)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    confirm_text = answers.texts("confirm")[-1]
    assert backups.read_backup_info(backup_file).created_at.strftime("%d %B %Y") in confirm_text
    assert Staff.get(Staff.username == "admin").full_name == "Alex Admin"
    assert c.sign_in_screen.isVisible() and not c.workspaces


def test_damaged_database_at_start_up_offers_the_newest_backup(
    qtbot, controller, store, admin, answers
):
    backups.auto_backup(store.db_path, store.backups_dir)
    from iopdesk.services.store import close_clinic

    close_clinic()
    data = bytearray(store.db_path.read_bytes())
    data[:16] = b"damaged damaged!"
    store.db_path.write_bytes(bytes(data))
    answers.queue("confirm", True)
    answers.queue("inform")
    c = controller()
    assert c.start()
    assert answers.kinds() == ["confirm", "inform"]
    assert "moved aside" in answers.shown[0].text
    assert c.sign_in_screen.isVisible()
    assert list((store.data_dir / "set-aside").glob("clinic-damaged-*"))


def test_large_database_is_checked_in_the_background_while_typing(qtbot, controller, store, admin):
    from iopdesk.services.store import close_clinic

    close_clinic()
    c = controller()
    c.INLINE_CHECK_BYTES = 0
    assert c.start()
    screen = c.sign_in_screen
    assert screen.isVisible() and not screen.button.isEnabled()
    qtbot.keyClicks(screen.username, "admin")
    qtbot.waitUntil(screen.button.isEnabled, timeout=10000)
    assert screen.username.text() == "admin"  # typing during the check is kept
    assert screen.title.text() == "Riverbend Recovery"
    qtbot.keyClicks(screen.password, PASSWORD)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    assert c.current.actor.username == "admin"


def test_background_check_finds_damage_inside_the_file(qtbot, controller, store, admin, answers):
    from iopdesk.services.store import close_clinic

    backups.auto_backup(store.db_path, store.backups_dir)
    close_clinic()
    data = bytearray(store.db_path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // size):
        data[page * size : page * size + 8] = bytes(
            b ^ 0xFF for b in data[page * size : page * size + 8]
        )
    store.db_path.write_bytes(bytes(data))
    answers.queue("confirm", True)
    answers.queue("inform")
    c = controller()
    c.INLINE_CHECK_BYTES = 0
    assert c.start()
    qtbot.waitUntil(lambda: "inform" in answers.kinds(), timeout=10000)
    assert "damaged" in answers.shown[0].text
    assert c.sign_in_screen.button.isEnabled()
    assert list((store.data_dir / "set-aside").glob("clinic-damaged-*"))
