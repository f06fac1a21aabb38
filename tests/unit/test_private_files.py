"""Files only their owner can read: folders 0700, files 0600 whatever the umask; secure delete."""

import os
import stat

import pytest

from iopdesk import paths
from iopdesk.cli import main
from iopdesk.db.connection import close_database, database
from iopdesk.services.admin import backups
from iopdesk.services.store import restore_backup
from tests.conftest import PASSWORD

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def open_umask():
    """The most common umask (0022), under which plain files are made world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_and_file_of_the_clinic_is_its_owners_alone(
    open_umask, store, admin, tmp_path, monkeypatch, capsys
):
    info = backups.auto_backup(store.db_path, store.backups_dir)
    usb = backups.backup_now(admin, store.db_path, tmp_path / "usb")
    restore_backup(store.data_dir, usb.path, admin)  # leaves the replaced file in set-aside/
    monkeypatch.setenv("IOPDESK_PASSWORD", PASSWORD)
    close_database()
    pdf = tmp_path / "out" / "audit.ics"
    pdf.parent.mkdir()
    export = ["export", "ics", "--staff", "admin", "-o", str(pdf), "--user", "admin"]
    assert main([*export, "--data-dir", str(store.data_dir)]) == 0
    capsys.readouterr()
    folders = [store.data_dir, store.backups_dir, paths.aside_dir(store.data_dir), usb.path.parent]
    assert {str(f): oct(_mode(f)) for f in folders} == {str(f): "0o700" for f in folders}
    files = [
        store.db_path,
        paths.key_file_path(store.data_dir),
        info.path,
        usb.path,
        store.backups_dir / "last-automatic.json",
        pdf,
        *paths.aside_dir(store.data_dir).iterdir(),
        *store.data_dir.glob("clinic.iopdesk-*"),
    ]
    assert {str(f): oct(_mode(f)) for f in files} == {str(f): "0o600" for f in files}


def test_an_old_clinic_with_open_modes_is_tightened_when_opened(open_umask, store, admin):
    from iopdesk.services.store import open_clinic
    from tests import clinic_files

    close_database()
    store.db_path.chmod(0o644)
    store.data_dir.chmod(0o755)
    open_clinic(store.data_dir, key=clinic_files.key_for(store.db_path))
    assert _mode(store.db_path) == 0o600 and _mode(store.data_dir) == 0o700


def test_deleted_content_is_overwritten(store):
    assert database.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1
