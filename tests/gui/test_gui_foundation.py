"""The app shell driven like a person would: first run, sign-in, idle lock, staff, audit, backup."""

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow, QPushButton

from iopdesk import paths
from iopdesk.db import keyfile
from iopdesk.db.models.core import Clinic, Staff
from iopdesk.domain import formats
from iopdesk.gui.admin.audit_viewer import AuditViewer
from iopdesk.gui.admin.backup_panel import BackupPanel
from iopdesk.gui.admin.settings_panel import SettingsPanel
from iopdesk.gui.admin.staff_admin import StaffAdmin, StaffDialog
from iopdesk.gui.change_password import ChangePasswordDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.services import permissions
from iopdesk.services.admin import auth, backups, clinic
from tests.conftest import PASSWORD, make_staff


def sign_in(qtbot, screen, username, password=PASSWORD):
    screen.username.clear()
    qtbot.keyClicks(screen.username, username)
    screen.password.clear()
    qtbot.keyClicks(screen.password, password)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)


def test_first_run_wizard_validates_then_creates_clinic(qtbot, controller, answers, tmp_path):
    c = controller()
    assert c.start()
    wizard = c.wizard
    qtbot.mouseClick(wizard.create, Qt.MouseButton.LeftButton)
    assert wizard.form.error_text("name") == "Clinic name is required."
    assert wizard.form.error_text("full_name") == "Full name is required."
    assert "12 characters" in wizard.form.error_text("password")
    assert Clinic.select().count() == 0
    qtbot.keyClicks(wizard.name, "Lakeside Recovery")
    qtbot.keyClicks(wizard.phone, "218-555-0100")
    wizard.program.setCurrentIndex(wizard.program.findData("adolescent"))
    qtbot.keyClicks(wizard.full_name, "Dana Director")
    qtbot.keyClicks(wizard.username, "dana")
    qtbot.keyClicks(wizard.password, PASSWORD)
    qtbot.keyClicks(wizard.repeat, PASSWORD + "x")
    qtbot.mouseClick(wizard.create, Qt.MouseButton.LeftButton)
    assert "not the same" in wizard.form.error_text("repeat")
    wizard.repeat.clear()
    qtbot.keyClicks(wizard.repeat, PASSWORD)
    qtbot.mouseClick(wizard.create, Qt.MouseButton.LeftButton)
    assert Clinic.get().program_type == "adolescent"
    step = wizard.recovery_step  # step 3: the recovery key, shown once, with its printout
    assert c.current is None and step.isVisible()
    printout = tmp_path / "recovery.pdf"
    answers.queue("save_file", str(printout))
    qtbot.mouseClick(step.save_button, Qt.MouseButton.LeftButton)
    text = "".join(PdfReader(str(printout)).pages[0].extract_text().split())
    assert step.key_label.text() in text and "Saved to" in step.saved.text()
    qtbot.mouseClick(step.done_button, Qt.MouseButton.LeftButton)
    key_file = keyfile.read(paths.key_file_path(c.data_dir))
    assert key_file.unlock_with_recovery_key(step.key_label.text()) is not None
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
    assert "administration" not in c.current.window.area_keys()
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
    c = controller()
    c.start()
    sign_in(qtbot, c.sign_in_screen, "admin")
    panel = c.current.window.show_area("administration").staff
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Add staff member"
    qtbot.keyClicks(dialog.username, "Bad Name")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "lower-case" in dialog.form.error_text("username")
    assert dialog.form.error_text("full_name") == "Full name is required."
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, "jkim")
    qtbot.keyClicks(dialog.full_name, "Jae Kim")
    qtbot.keyClicks(dialog.credentials, "LPC")
    qtbot.keyClicks(dialog.password, "temporary pass 123")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()
    assert Staff.get(Staff.username == "jkim").full_name == "Jae Kim"
    assert "jkim" in [r.username for r in panel.table.rows_model.rows]
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
    assert "Alex Admin signed in" in [r.sentence for r in viewer.table.rows_model.rows]
    viewer.action.setCurrentIndex(viewer.action.findText("Set up the clinic"))
    qtbot.mouseClick(viewer.apply_button, Qt.MouseButton.LeftButton)
    assert [r.sentence for r in viewer.table.rows_model.rows] == ["Alex Admin set up the clinic"]
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
    made = backups.read_backup_info(backup_file).created_at
    assert f"the backup made {formats.show_day_and_time(made)}" in confirm_text
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
    c = controller()
    assert c.start()
    assert answers.kinds() == []  # encrypted: the file is checked once a password unlocks it
    answers.queue("confirm", True)
    answers.queue("inform")
    sign_in(qtbot, c.sign_in_screen, "admin")
    assert answers.kinds() == ["confirm", "inform"]
    assert "moved aside" in answers.shown[0].text
    assert c.current.actor.username == "admin"
    assert list((store.data_dir / "set-aside").glob("clinic-damaged-*"))


def test_background_check_finds_damage_inside_the_file(qtbot, controller, store, admin, answers):
    from iopdesk.services.store import close_clinic

    backups.auto_backup(store.db_path, store.backups_dir)
    close_clinic()
    data = bytearray(store.db_path.read_bytes())
    size = 4096  # an encrypted clinic's page
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
    sign_in(qtbot, c.sign_in_screen, "admin")
    qtbot.waitUntil(lambda: c.current is not None, timeout=10000)
    assert "damaged" in answers.shown[0].text
    assert answers.kinds() == ["confirm", "inform"]
    assert list((store.data_dir / "set-aside").glob("clinic-damaged-*"))


def _save_button(dialog) -> QPushButton:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def _fill_and_save(qtbot, dialog, typed: dict) -> None:
    """Type into each field as a person does, then press the dialog's Save button."""
    for field, text in typed.items():
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(_save_button(dialog), Qt.MouseButton.LeftButton)


def test_change_password_refusal_is_next_to_the_field_then_it_saves(qtbot, clinician):
    dialog = ChangePasswordDialog(clinician)
    qtbot.addWidget(dialog)
    dialog.show()
    new = "a brand new sentence"
    _fill_and_save(qtbot, dialog, {dialog.current: "not", dialog.new: new, dialog.repeat: new})
    assert dialog.form.error_text("current") == "The current password is not correct."
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.current.clear()
    _fill_and_save(qtbot, dialog, {dialog.current: PASSWORD})
    assert dialog.result() == dialog.DialogCode.Accepted
    assert auth.sign_in("casey", "a brand new sentence").username == "casey"
    assert Staff.get(Staff.username == "casey").must_change_password is False


def test_settings_refusal_is_next_to_the_field_then_saving_announces_it(
    qtbot, store, admin, answers
):
    hub = EventHub()
    panel = SettingsPanel(WindowContext(admin, hub, store))
    qtbot.addWidget(panel)
    heard: list[str] = []
    hub.settings_changed.connect(lambda: heard.append("settings"))
    panel.name.clear()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.form.error_text("name") == "Clinic name is required."
    assert Clinic.get().name == "Riverbend Recovery" and heard == []
    qtbot.keyClicks(panel.name, "Riverbend Recovery North")
    panel.idle.setValue(15)
    answers.queue("inform")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.form.error_text("name") == ""
    assert Clinic.get().name == "Riverbend Recovery North"
    assert clinic.get_setting("idle_lock_minutes") == 15
    assert heard == ["settings"]
    assert answers.shown[-1][:2] == ("inform", "Saved")


def test_staff_dialog_saves_on_its_button_and_a_reset_refusal_is_shown(
    qtbot, store, admin, answers
):
    hub = EventHub()
    panel = StaffAdmin(WindowContext(admin, hub, store))
    qtbot.addWidget(panel)
    dialog = StaffDialog(panel.ctx, None, panel)
    qtbot.addWidget(dialog)
    dialog.show()
    typed = {dialog.username: "jkim", dialog.full_name: "Jae Kim", dialog.password: "short"}
    _fill_and_save(qtbot, dialog, typed)
    assert "12 characters" in dialog.form.error_text("password")
    assert not Staff.select().where(Staff.username == "jkim").exists()
    _fill_and_save(qtbot, dialog, {dialog.password: " but now long enough"})
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "Jae Kim" in [r.full_name for r in panel.table.rows_model.rows]  # refreshed by the hub
    panel.select_username("jkim")
    answers.queue("text", "too short")
    answers.queue("error")
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.shown[-1]
    assert (kind, title) == ("error", "Password not changed") and "12 characters" in text
    answers.queue("text", "temporary pass 456")
    answers.queue("inform")
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert answers.shown[-1][:2] == ("inform", "Password reset")
    assert auth.sign_in("jkim", "temporary pass 456").username == "jkim"


def test_audit_viewer_shows_a_refused_filter_in_its_status_line(qtbot, store, admin):
    viewer = AuditViewer(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(viewer)
    qtbot.mouseClick(viewer.apply_button, Qt.MouseButton.LeftButton)
    assert viewer.table.rows_model.rowCount() > 0 and viewer.error.text() == ""
    qtbot.keyClicks(viewer.client, "IOP-999999")
    qtbot.mouseClick(viewer.apply_button, Qt.MouseButton.LeftButton)
    assert viewer.error.text() == "No client has that record number."
    assert viewer.table.rows_model.rowCount() == 0


def test_backup_refusals_are_shown_and_nothing_is_restored(qtbot, store, admin, answers, tmp_path):
    hub = EventHub()
    panel = BackupPanel(WindowContext(admin, hub, store))
    qtbot.addWidget(panel)
    requested: list[str] = []
    hub.restore_requested.connect(requested.append)
    not_a_backup = tmp_path / "notes.iopbak"
    not_a_backup.write_text("shopping list")
    answers.queue("open_file", str(not_a_backup))
    answers.queue("error")
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    kind, title, text = answers.shown[-1]
    assert (kind, title) == ("error", "Not a usable backup") and "notes.iopbak" in text
    assert requested == []
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    answers.queue("folder", str(blocked))
    answers.queue("error")
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: answers.shown[-1][0] == "error", timeout=10000)
    assert answers.shown[-1][1] == "Backup not made" and "could not" in answers.shown[-1][2]
    assert panel.backup_button.isEnabled() and not panel.progress.isVisible()


def test_a_chart_that_cannot_open_says_why(qtbot, store, clinician, answers):
    window = MainWindow(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(window)
    answers.queue("error")
    assert window.open_chart(424242) is None
    assert answers.shown[-1][:2] == ("error", "Cannot open")
    assert window.child_windows == {}


def test_the_main_window_fits_the_screen_whatever_a_page_wants(qtbot, store, admin):
    for n in range(16):
        make_staff(admin, f"counselor{n:02d}", "clinician")
    window = MainWindow(WindowContext(admin, EventHub(), store))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_a_refused_staff_list_says_why_beside_the_buttons(qtbot, store, clinician):
    panel = StaffAdmin(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(panel)
    assert panel.status.text() == permissions.denial_message("clinician", "staff.manage")
    assert panel.table.rows_model.rowCount() == 0


def test_an_unexpected_error_is_logged_privately_without_its_message(tmp_path, answers):
    import os
    import stat

    from iopdesk.gui.app import _excepthook

    hook = _excepthook(tmp_path / "clinic")
    old = os.umask(0o022)
    typed = "".join(["Zebulon ", "Quarter", "maine"])  # a record's content, not in the source
    try:
        raise ValueError(f"invalid literal for int(): {typed!r}")
    except ValueError as exc:
        answers.queue("error")
        hook(type(exc), exc, exc.__traceback__)
    finally:
        os.umask(old)
    log = tmp_path / "clinic" / "logs" / "errors.log"
    text = log.read_text()
    assert "builtins.ValueError" in text and "test_gui_foundation.py" in text
    assert "Quartermaine" not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert "errors.log" in answers.texts("error")[0]
