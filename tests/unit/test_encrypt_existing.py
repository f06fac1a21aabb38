"""An existing plain clinic (the first release's) is encrypted in place, nothing lost."""

from iopdesk import paths
from iopdesk.db import keyfile
from iopdesk.db.connection import close_database
from iopdesk.db.models.core import Client
from iopdesk.services.admin import auth, encryption
from iopdesk.services.store import Credential, open_clinic, unlock_clinic
from tests import clinic_files
from tests.schemas import DATA, look_at, unpack_released


def test_a_released_plain_clinic_is_encrypted_then_its_plain_copies_deleted(tmp_path):
    db_path = unpack_released(DATA / "clinic-v7.iopdesk.xz", tmp_path / "clinic")
    folder = db_path.parent
    store = open_clinic(folder)
    assert not store.encrypted  # it opens as it was, and can be encrypted
    last = Client.select().first().legal_last_name.encode()
    close_database()
    before = look_at(db_path)[1]
    open_clinic(folder)
    admin = auth.sign_in("admin", "recovery demo 2026")
    done = encryption.encrypt_clinic(admin, folder)
    assert done.plain_copy.exists() and last in done.plain_copy.read_bytes()
    assert paths.key_file_path(folder).exists() and last not in db_path.read_bytes()
    assert encryption.plain_copies(folder)  # kept until the administrator confirms
    removed = encryption.delete_plain_copies(admin, folder)
    assert done.plain_copy in removed and not done.plain_copy.exists()
    assert encryption.plain_copies(folder) == []
    close_database()
    raw = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert last not in raw
    unlock_clinic(folder, Credential("jcarter", "recovery demo 2026"))  # everyone keeps theirs
    close_database()
    unlock_clinic(folder, Credential(recovery_key=done.recovery_key))
    close_database()
    key_file = keyfile.read(paths.key_file_path(folder))
    clinic_files.KEYS[db_path] = key_file.unlock_with_recovery_key(done.recovery_key)
    after = look_at(db_path)[1]
    # The audit trail grows (the sign-in, the encryption, the deletion) and the upgrade's
    # backup is noted in the settings; every clinical table keeps every row.
    audit, kept = "audit_event", {"audit_event", "setting"}
    assert {t: after[t] for t in before if t not in kept} == {
        t: n for t, n in before.items() if t not in kept
    }
    assert after[audit] > before[audit]


def test_the_encrypt_command_prints_the_recovery_key_and_its_printout(
    tmp_path, capsys, monkeypatch
):
    from pypdf import PdfReader

    from iopdesk.cli import main

    db_path = unpack_released(DATA / "clinic-v7.iopdesk.xz", tmp_path / "clinic")
    monkeypatch.setenv("IOPDESK_PASSWORD", "recovery demo 2026")
    common = ["--data-dir", str(db_path.parent), "--user", "admin"]
    pdf = tmp_path / "recovery.pdf"
    assert main(["encrypt", *common, "--recovery-pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    recovery = out.split("clinic safe): ")[1].split()[0]
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert recovery in "".join(text.split()), text[:400]
    assert len(PdfReader(str(pdf)).pages) == 1
    close_database()
    assert main(["encrypt", *common, "--delete-plain-copies"]) == 0
    said = capsys.readouterr().out  # the plain copy set aside and the upgrade's plain backup
    assert "Deleted 2 unencrypted copies" in said and "before-upgrade-v7" in said
    close_database()
    assert main(["check", "--data-dir", str(db_path.parent), "--recovery-key"]) == 2
    monkeypatch.setenv("IOPDESK_RECOVERY_KEY", recovery)
    assert main(["check", "--data-dir", str(db_path.parent), "--recovery-key"]) == 0
