"""The start-up check of a large encrypted clinic: the main window shows at once and the file is
checked in the background; damage found then stops its use; an unchanged file is not re-read."""

from __future__ import annotations

import os

import pytest

from iopdesk.db.connection import database, database_file
from iopdesk.services.admin import backups
from iopdesk.services.store import ClinicStore, checked_before, close_clinic
from tests.gui.test_gui_foundation import sign_in

#: An encrypted clinic's page.
PAGE = 4096


@pytest.fixture
def large(controller):
    """Controllers that take the test's clinic for a large one (its check runs in a thread)."""

    def make():
        c = controller()
        c.INLINE_CHECK_BYTES = 0
        return c

    return make


def _page_nobody_reads_at_sign_in() -> int:
    """The byte offset of a table's only page that signing in and Today never read."""
    (root,) = database.execute_sql(
        "SELECT rootpage FROM sqlite_master WHERE name = 'support_group'"
    ).fetchone()
    return (root - 1) * PAGE


def _shut(c) -> None:
    """Close the app as a person does (its exit backup, the database closed cleanly)."""
    for ws in list(c.workspaces.values()):
        ws.window.hide()
    c.shutdown()


def test_the_main_window_shows_before_the_background_check_ends(qtbot, large, store, admin):
    close_clinic()
    c = large()
    assert c.start()
    sign_in(qtbot, c.sign_in_screen, "admin")
    assert c.current is not None and c.current.window.isVisible()
    # The check starts once the window is up (it would slow it), and runs meanwhile.
    assert c.check_timer.isActive() and c.checker is None and not c.structure_good
    qtbot.waitUntil(lambda: c.structure_good, timeout=20000)
    assert c.checker is None and c.current.window.isVisible()
    _shut(c)
    assert checked_before(store.data_dir)  # passed, closed cleanly: remembered


def test_damage_found_after_the_window_shows_stops_its_use(
    qtbot, large, store: ClinicStore, admin, answers
):
    backups.auto_backup(store.db_path, store.backups_dir)
    offset = _page_nobody_reads_at_sign_in()
    close_clinic()
    data = bytearray(store.db_path.read_bytes())
    data[offset + 100 : offset + 140] = bytes(b ^ 0xFF for b in data[offset + 100 : offset + 140])
    store.db_path.write_bytes(bytes(data))
    damaged_page = bytes(data[offset : offset + PAGE])
    c = large()
    assert c.start()
    answers.queue("confirm", False)  # not now: the person calls IT support first
    sign_in(qtbot, c.sign_in_screen, "admin")
    assert c.current is not None and answers.kinds() == []  # signed in, the window shows
    qtbot.waitUntil(lambda: answers.kinds() == ["confirm"], timeout=20000)
    sentence = answers.texts("confirm")[0]
    assert "found it damaged, so IOPdesk has stopped using it" in sentence
    assert "moved aside" in sentence
    assert c.current is None and not c.workspaces and database_file() is None
    assert not store.db_path.exists()  # nothing more can be written to it
    (aside,) = (store.data_dir / "set-aside").glob("clinic-damaged-*.iopdesk")
    assert aside.read_bytes()[offset : offset + PAGE] == damaged_page  # kept as it was found
    assert not c.structure_good


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(qtbot, large, store, admin):
    close_clinic(checked=True)  # the set-up checked it; a clean close remembers the verdict
    first = large()
    assert first.start()
    sign_in(qtbot, first.sign_in_screen, "admin")
    assert first.current is not None and first.structure_good
    assert first.checker is None and not first.check_timer.isActive()
    _shut(first)
    assert checked_before(store.data_dir)
    second = large()
    assert second.start()
    sign_in(qtbot, second.sign_in_screen, "admin")
    # The same file as the clean close left: not read again.
    assert second.checker is None and not second.check_timer.isActive()
    _shut(second)
    moved = store.db_path.stat().st_mtime_ns + 1_000_000_000
    os.utime(store.db_path, ns=(moved, moved))  # written by something else since
    assert not checked_before(store.data_dir)
    third = large()
    assert third.start()
    sign_in(qtbot, third.sign_in_screen, "admin")
    assert third.check_timer.isActive()  # checked again, in the background
    qtbot.waitUntil(lambda: third.structure_good, timeout=20000)


def test_closing_before_the_check_starts_remembers_no_verdict(qtbot, large, store, admin):
    close_clinic()
    c = large()
    assert c.start()
    sign_in(qtbot, c.sign_in_screen, "admin")
    assert c.check_timer.isActive()
    _shut(c)  # closed at once: the check never ran, so the file is not taken as checked
    assert not c.check_timer.isActive() and c.checker is None
    assert not checked_before(store.data_dir)


def test_a_session_that_dies_leaves_no_verdict(store, admin):
    from iopdesk.services.store import open_clinic

    key = database.obj.key
    close_clinic(checked=True)
    assert checked_before(store.data_dir)
    open_clinic(store.data_dir, key=key)  # opened; the process would die here
    assert not checked_before(store.data_dir)
