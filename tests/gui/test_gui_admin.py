"""Administration as a person uses it: a manual backup counts and is listed with "Restore this
one", backups overdue or failed warn an administrator, a new clinic's Today is a set-up
checklist, the audit log reads as sentences, file choosers start in Documents or the last
folder, the first-run wizard answers Enter, and Today fits each role."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog

from iopdesk.db.models.core import Clinic, Staff
from iopdesk.domain import formats
from iopdesk.errors import DomainError, PermissionDenied
from iopdesk.gui import prompts
from iopdesk.gui.app import AppController
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.main_window import MainWindow
from iopdesk.gui.today import TodayScreen
from iopdesk.gui.today_panels.hours_below_minimum import HoursBelowMinimumPanel
from iopdesk.gui.today_panels.missing_attendance import MissingAttendancePanel
from iopdesk.gui.today_panels.setup_checklist import DONE, TO_DO
from iopdesk.services.admin import auth, backups, clinic
from iopdesk.services.calendar import RoomForm, add_room
from iopdesk.services.groups.setup import GroupForm, create_group
from iopdesk.services.store import restore_backup
from tests.conftest import PASSWORD, make_staff
from tests.factories.clients import make_client


def _signed_in(qtbot, c: AppController, username: str = "admin"):
    assert c.start()
    screen = c.sign_in_screen
    qtbot.keyClicks(screen.username, username)
    qtbot.keyClicks(screen.password, PASSWORD)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    return c.current.window


def _window(qtbot, actor, store) -> MainWindow:
    window = MainWindow(WindowContext(actor, EventHub(), store))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_manual_backup_counts_is_listed_and_restores_from_the_list(
    qtbot, controller, admin, answers, tmp_path
):
    c = controller()
    window = _signed_in(qtbot, c)
    assert window.last_backup.text() == "Last backup: none yet"
    window.show_place("administration", "backups")
    panel = window.pages["administration"].backups
    assert window.pages["administration"].currentWidget() is panel
    usb = tmp_path / "usb"
    answers.queue("folder", str(usb))
    answers.queue("inform")
    _click(qtbot, panel.backup_button)
    qtbot.waitUntil(lambda: "inform" in answers.kinds(), timeout=10000)
    (entry,) = panel.table.rows_model.rows
    assert (entry.kind_label, entry.status, entry.path.parent) == (
        "Made by hand",
        "Verified when made",
        usb,
    )
    assert window.last_backup.text() == f"Last backup: {formats.show_moment(entry.made_at)}"
    assert clinic.get_setting("backup_folder") == str(usb)  # the first folder used is kept
    # The next "Back up now" goes to that folder without asking.
    answers.queue("inform")
    _click(qtbot, panel.backup_button)
    qtbot.waitUntil(lambda: answers.kinds().count("inform") == 2, timeout=10000)
    assert answers.kinds() == ["folder", "inform", "inform"]
    Staff.update(full_name="Changed After Backup").where(Staff.username == "admin").execute()
    panel.table.select_first(lambda e: e.path == entry.path)
    answers.queue("confirm", True)
    _click(qtbot, panel.restore_this_button)
    said = answers.texts("confirm")[-1]
    assert f"the backup made {formats.show_day_and_time(entry.made_at)}" in said
    assert Staff.get(Staff.username == "admin").full_name == "Alex Admin"
    assert c.sign_in_screen.isVisible() and not c.workspaces


def test_a_failed_backup_warns_administrators_on_today_and_in_the_status_bar(
    qtbot, store, admin, clinician, answers, tmp_path
):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    with pytest.raises(DomainError):
        backups.backup_now(admin, store.db_path, blocked)
    window = _window(qtbot, admin, store)
    assert window.last_backup.text().startswith("⚠ The last backup failed")
    assert "could not" in window.last_backup.toolTip()
    today = window.pages["today"]
    assert today.backup_warning.isVisible()
    assert "The last backup failed" in today.backup_warning.text.text()
    _click(qtbot, today.backup_warning.open_button)
    admin_area = window.pages["administration"]
    assert window.stack.currentIndex() == window.area_keys().index("administration")
    assert admin_area.currentWidget() is admin_area.backups
    theirs = _window(qtbot, clinician, store)
    assert theirs.last_backup.text() == "Last backup: none yet"
    assert not theirs.pages["today"].backup_warning.isVisible()


def test_an_empty_clinic_shows_a_setup_checklist_ticked_as_it_is_done(
    qtbot, store, admin, answers, tmp_path
):
    window = _window(qtbot, admin, store)
    today = window.pages["today"]
    checklist = today.checklist
    assert checklist.isVisible()
    marks = {key: row[0].text() for key, row in checklist.rows.items()}
    assert marks == {"staff": TO_DO, "rooms": TO_DO, "groups": TO_DO, "backup_folder": TO_DO}
    hours = next(p for p in today.panels if isinstance(p, HoursBelowMinimumPanel))
    assert hours.summary.text().startswith("No client is active yet")
    _click(qtbot, checklist.rows["staff"][2])  # "Add your staff..."
    admin_area = window.pages["administration"]
    assert admin_area.currentWidget() is admin_area.staff
    make_staff(admin, "casey", "clinician")
    add_room(admin, RoomForm("Group Room A", 14))
    window.show_area("today")
    assert checklist.rows["staff"][0].text() == DONE
    assert checklist.rows["rooms"][0].text() == DONE
    _click(qtbot, checklist.rows["backup_folder"][2])  # "Choose the backup folder..."
    answers.queue("folder", str(tmp_path))
    _click(qtbot, admin_area.backups.folder_button)
    assert clinic.get_setting("backup_folder") == str(tmp_path)
    assert checklist.rows["backup_folder"][0].text() == DONE  # the settings change refreshed it
    create_group(admin, GroupForm("Morning Skills", facilitator_ids=(2,)))
    window.show_area("today")
    assert not checklist.isVisible()


def test_the_audit_log_reads_as_sentences(qtbot, store, admin):
    window = _window(qtbot, admin, store)
    staff_area = window.show_area("administration").staff
    _click(qtbot, staff_area.add_button)
    dialog = staff_area.dialog
    for field, text in (
        (dialog.full_name, "Jae Kim"),
        (dialog.username, "jkim"),
        (dialog.password, "temporary pass 123"),
    ):
        qtbot.keyClicks(field, text)
    _click(qtbot, dialog.save_button)
    viewer = window.pages["administration"].audit
    window.pages["administration"].show_part("audit")
    _click(qtbot, viewer.apply_button)
    said = [r.sentence for r in viewer.table.rows_model.rows]
    assert "Alex Admin added staff member Jae Kim" in said
    assert not any(s.startswith(("staff.", "auth.")) for s in said)
    headers = [viewer.table.model().headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert headers == ["When", "What happened", "Client", "Detail"]


def test_file_choosers_start_in_documents_then_the_last_folder_of_each_person(
    qtbot, monkeypatch, tmp_path
):
    monkeypatch.setattr(prompts, "responder", None)
    started: list[str] = []
    target = tmp_path / "exports" / "audit.csv"
    target.parent.mkdir()

    def dialog(_parent, _title, start, _filter):
        started.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    prompts.use_folders_of("mhernandez")
    assert prompts.save_file(None, "Export", "audit.csv", "CSV (*.csv)") == str(target)
    prompts.save_file(None, "Export", "plan.pdf", "PDF (*.pdf)")
    prompts.use_folders_of("jkim")
    prompts.save_file(None, "Export", "week.pdf", "PDF (*.pdf)")
    assert started == [
        str(Path(documents) / "audit.csv"),
        str(target.parent / "plan.pdf"),  # where this person saved last
        str(Path(documents) / "week.pdf"),  # another person starts in their Documents
    ]


def test_front_desk_has_no_only_my_sessions_box_and_hours_list_a_to_z(
    qtbot, store, clinician, front_desk
):
    for first in ("Zed", "Ann", "Mia"):
        make_client(first, "Lopez")
    desk = TodayScreen(WindowContext(front_desk, EventHub(), store))
    qtbot.addWidget(desk)
    desk.refresh()
    assert not [b for b in desk.findChildren(QCheckBox) if b.text() == "Only my sessions"]
    mine = TodayScreen(WindowContext(clinician, EventHub(), store))
    qtbot.addWidget(mine)
    panel = next(p for p in mine.panels if isinstance(p, MissingAttendancePanel))
    assert panel.mine is not None and panel.mine.isChecked()
    hours = next(p for p in desk.panels if isinstance(p, HoursBelowMinimumPanel))
    table = hours.table
    shown = [table.row_for(table.model().index(n, 0)).client_name for n in range(3)]
    assert shown == ["Ann Lopez", "Mia Lopez", "Zed Lopez"]


def test_the_first_run_wizard_answers_enter_and_forgets_a_fixed_error(qtbot, controller):
    c = controller()
    assert c.start()
    wizard = c.wizard
    qtbot.waitExposed(wizard)
    height = wizard.password.height()
    _click(qtbot, wizard.create)
    assert wizard.form.error_text("name") == "Clinic name is required."
    QApplication.processEvents()
    assert wizard.password.height() >= min(height, wizard.password.sizeHint().height())
    qtbot.keyClicks(wizard.name, "Lakeside Recovery")
    assert wizard.form.error_text("name") == ""  # gone as soon as the name is there
    assert wizard.form.error_text("full_name") == "Full name is required."
    wizard.activateWindow()
    wizard.name.setFocus()
    qtbot.keyClick(wizard.name, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is wizard.address
    for field, text in (
        (wizard.full_name, "Dana Director"),
        (wizard.username, "dana"),
        (wizard.password, PASSWORD),
        (wizard.repeat, PASSWORD),
    ):
        qtbot.keyClicks(field, text)
    qtbot.keyClick(wizard.repeat, Qt.Key.Key_Return)
    assert Clinic.get().name == "Lakeside Recovery"
    assert c.current is None  # the recovery key is shown first, and Enter does not skip it
    _click(qtbot, wizard.recovery_step.done_button)
    assert c.current.actor.username == "dana"


def test_dates_show_as_the_clinic_settings_say(qtbot, store, admin, answers):
    window = _window(qtbot, admin, store)
    settings = window.show_area("administration").settings
    settings.date_format.setCurrentIndex(settings.date_format.findData("long"))
    settings.time_format.setCurrentIndex(settings.time_format.findData("24h"))
    answers.queue("inform")
    _click(qtbot, settings.save_button)
    assert clinic.get_setting("date_format") == "long"
    assert formats.show_moment(dt.datetime(2026, 12, 1, 14, 30)) == "Dec 1, 2026 14:30"


def test_a_running_clinic_gets_no_setup_checklist(qtbot, store, admin):
    make_client("Rosa", "Vega")  # the clinic is running: set-up is behind it
    window = _window(qtbot, admin, store)
    checklist = window.pages["today"].checklist
    assert checklist.steps == [] and not checklist.isVisible()


def test_front_desk_backs_up_once_an_administrator_allows_it(
    qtbot, store, admin, answers, tmp_path
):
    usb = tmp_path / "usb"
    usb.mkdir()
    clinic.change_settings(admin, {"backup_folder": str(usb)})
    fran = make_staff(admin, "fran", "front_desk")
    assert "administration" not in _window(qtbot, fran, store).pages  # not by default
    window = _window(qtbot, admin, store)
    settings = window.show_area("administration").settings
    window.show_place("administration", "settings")
    box = settings.front_desk_backups  # a person clicks its box, at the left
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    answers.queue("inform")
    _click(qtbot, settings.save_button)
    assert clinic.get_setting("front_desk_backups") is True
    fran = auth.sign_in("fran", PASSWORD)  # from the next sign-in
    desk = _window(qtbot, fran, store)
    area = desk.show_area("administration")
    assert [area.tabText(i) for i in range(area.count())] == ["Backups"]
    panel = area.backups
    assert not panel.restore_this_button.isVisibleTo(panel)
    assert not panel.folder_button.isVisibleTo(panel)
    answers.queue("inform")
    _click(qtbot, panel.backup_button)
    qtbot.waitUntil(lambda: answers.titles("inform") == ["Saved", "Backup made"], timeout=10000)
    assert len(list(usb.iterdir())) == 1
    with pytest.raises(PermissionDenied):
        restore_backup(store.data_dir, next(usb.iterdir()), fran)
