"""Moving a clinic from its file onto the clinic's server: every table copied and verified, the
audit trail's chain checked there, and the file kept read-only as an archive."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import peewee

from iopdesk import paths
from iopdesk.db import audit_chain, migrations, server_copy
from iopdesk.db.connection import (
    close_database,
    database_file,
    database_key,
    open_database,
)
from iopdesk.db.sqlite_file import raw_sqlite
from iopdesk.errors import DatabaseProblem, DomainError
from iopdesk.private_files import write_whole
from iopdesk.services.admin import auth
from iopdesk.services.admin.server import ServerAddress, first_line, parse_address
from iopdesk.services.context import Actor, AuditNote, require, write_audit


@dataclass(frozen=True)
class MovedClinic:
    """What ``move_to_server`` copied, and where the file now waits as an archive."""

    address: ServerAddress
    tables: list[server_copy.TableCopy]
    archive: Path

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def move_to_server(data_dir: Path, username: str, password: str, owner_url: str) -> MovedClinic:
    """As an administrator of the clinic in ``data_dir``: copy it into the empty clinic schema
    at ``owner_url`` (made by ``iopdesk server setup``), all or nothing, then keep the file
    read-only as an archive that no workstation opens again."""
    from iopdesk.services.store import Credential, data_folder_lock, unlock_clinic

    data_dir = Path(data_dir)
    address = parse_address(owner_url)
    lock = data_folder_lock(data_dir)
    lock.acquire()
    try:
        unlock_clinic(data_dir, Credential(username, password))
        try:
            actor = auth.sign_in(username, password)
            require(actor, "staff.manage", "clinic.move_to_server")
            db_path, key = database_file(), database_key()
        finally:
            close_database()
        if db_path is None:
            raise DomainError(f"There is no clinic file in {data_dir} to move.")
        tables = _copy(db_path, key, address, actor)
        _keep_as_archive(data_dir, db_path, address)
    finally:
        lock.release()
    return MovedClinic(address, tables, db_path)


def _copy(
    db_path: Path, key: bytes | None, address: ServerAddress, actor: Actor
) -> list[server_copy.TableCopy]:
    db = open_database(address.url())
    try:
        _check_empty_schema(db, address)
        with db.atomic(), raw_sqlite(db_path, key=key) as source:
            tables = server_copy.copy_clinic(source, db.connection())
            verdict = audit_chain.verify(db.connection())
            if verdict.broken is not None:
                raise server_copy.CopyFailed(verdict.broken.sentence)
            write_audit(
                actor,
                "clinic.move_to_server",
                "write",
                note=AuditNote(
                    record_type="clinic",
                    detail=f"moved from {db_path} ({sum(t.rows for t in tables)} rows)",
                ),
            )
            server_copy.gather_statistics(db.connection(), [t.table for t in tables])
    except server_copy.CopyFailed as exc:
        raise DomainError(f"The clinic was not moved: {exc}. Nothing was changed.")
    except peewee.DatabaseError as exc:
        raise DomainError(
            f"The clinic was not moved: the server refused it ({first_line(exc)}). "
            "Nothing was changed."
        )
    finally:
        close_database()
    return tables


def _check_empty_schema(db: peewee.Database, address: ServerAddress) -> None:
    version = migrations.current_version(db)
    if version != migrations.SCHEMA_VERSION:
        raise DomainError(
            f"The database {address.location} is not set up for this IOPdesk (data version "
            f"{version}, needed {migrations.SCHEMA_VERSION}): run `iopdesk server setup --url "
            "...` as its owner first. Nothing was changed."
        )
    for table in db.get_tables():
        if table in server_copy.NOT_COPIED:
            continue
        if db.execute_sql(f'SELECT EXISTS (SELECT 1 FROM "{table}")').fetchone()[0]:
            raise DomainError(
                f"The database {address.location} already holds records (in {table}), so "
                "nothing was copied into it: move a clinic only into a new, empty database."
            )


def _keep_as_archive(data_dir: Path, db_path: Path, address: ServerAddress) -> None:
    """The file stays where it is, read-only, with a note that says where the clinic went."""
    note = {"server": address.location, "moved_at": dt.datetime.now().isoformat(" ", "seconds")}
    write_whole(paths.moved_note_path(data_dir), json.dumps(note).encode("utf-8"))
    read_only = stat.S_IRUSR
    for path in (db_path, paths.key_file_path(data_dir)):
        if path.exists():
            os.chmod(path, read_only)


def moved_refusal(data_dir: Path) -> DatabaseProblem | None:
    """The refusal for a data folder whose clinic was moved to a server (None if it was not)."""
    try:
        note = json.loads(paths.moved_note_path(Path(data_dir)).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        note = {"server": "the clinic's server", "moved_at": "earlier"}
    return DatabaseProblem(
        f"This clinic was moved to the server {note['server']} on {note['moved_at']}; its file "
        f"here is kept read-only as an archive. Connect this computer to the clinic's server "
        "instead (IOPdesk's set-up: \"Connect to the clinic's server\")."
    )
