"""Backups of a clinic on a server: ``pg_dump`` (custom format) verified with ``pg_restore
--list``, rotated like the file backups, and restored into a new database."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import peewee
from playhouse.db_url import connect as connect_url

from iopdesk.db import audit_chain, migrations
from iopdesk.db.connection import database, write_transaction
from iopdesk.errors import DatabaseProblem, DomainError
from iopdesk.private_files import make_private, private_folder
from iopdesk.services.admin import backup_log, backups
from iopdesk.services.admin.server import ServerAddress, first_line, parse_address
from iopdesk.services.context import Actor, AuditNote, require, write_audit

SUFFIX = ".iopdump"
PREFIX = "server-"
_DATABASE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_TABLE_DATA = re.compile(r"TABLE DATA \S+ (\S+)")
#: Where PostgreSQL's programs are when they are not on the PATH (Debian and Ubuntu).
PG_BIN_FOLDERS = ["/usr/lib/postgresql/*/bin"]


@dataclass(frozen=True)
class ServerBackup:
    """A verified dump of the clinic's server database."""

    path: Path
    size_bytes: int
    tables: int


@dataclass(frozen=True)
class RestoredServer:
    """A dump restored into a new database, checked."""

    address: ServerAddress
    schema_version: int
    audit_rows: int


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL client program, or a sentence saying what to install."""
    found = shutil.which(name) or next(
        iter(sorted((p for f in PG_BIN_FOLDERS for p in glob.glob(f"{f}/{name}")), reverse=True)),
        None,
    )
    if not found:
        raise DomainError(
            f"Backups of a clinic on a server are made with PostgreSQL's {name}, which is not "
            "installed on this computer. Install the PostgreSQL client tools (Debian or "
            "Ubuntu: `sudo apt install postgresql-client`; Windows: the PostgreSQL installer's "
            "Command Line Tools; macOS: `brew install libpq`), the same major version as the "
            "server or newer, then run the backup again."
        )
    return found


def back_up_server(actor: Actor, database_url: str, folder: Path) -> ServerBackup:
    """Dump the open server clinic into ``folder``, verify the dump lists every table's data,
    rotate the older dumps there (as automatic backups are), and audit it."""
    require(actor, "backup.run", "backup.make")
    address = parse_address(database_url)
    pg_dump, pg_restore = pg_tool("pg_dump"), pg_tool("pg_restore")
    folder = Path(folder)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{PREFIX}{stamp}{SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    mark = backups.change_mark()
    try:
        private_folder(folder)
        _run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)],
            address,
            "The backup could not be made",
        )
        make_private(partial)
        tables = _listed_tables(pg_restore, partial)
        missing = set(database.get_tables()) - set(tables)
        if missing:
            raise DomainError(
                f"The backup does not hold the table(s) {', '.join(sorted(missing))}; it was "
                "not kept."
            )
        partial.replace(target)
    except DomainError as exc:
        partial.unlink(missing_ok=True)
        backup_log.record_failure("manual", folder, exc.message, mark)
        raise
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DomainError(f"The backup could not be written to {folder} ({exc}).")
    done = ServerBackup(target, target.stat().st_size, len(tables))
    with write_transaction():
        write_audit(
            actor, "backup.make", "write", note=AuditNote(record_type="backup", detail=str(target))
        )
        backup_log.record(
            backup_log.BackupAttempt(
                dt.datetime.now().replace(microsecond=0),
                "manual",
                str(target),
                True,
                done.size_bytes,
                "",
                mark,
            )
        )
    backups.rotate(folder, server_backups(folder))
    return done


def server_backups(folder: Path) -> list[Path]:
    """The server dumps in ``folder``, newest first."""
    return sorted(Path(folder).glob(f"{PREFIX}*{SUFFIX}"), reverse=True)


def restore_server_backup(dump: Path, owner_url: str) -> RestoredServer:
    """Restore a verified dump into the new (missing or empty) database at ``owner_url``, as
    its owner, then check its data version and audit chain. Nothing existing is overwritten."""
    dump = Path(dump)
    if not dump.is_file():
        raise DomainError(f"There is no file at {dump}.")
    address = parse_address(owner_url)
    pg_restore = pg_tool("pg_restore")
    _listed_tables(pg_restore, dump)
    _new_database(address)
    _run(
        [
            pg_restore,
            "--exit-on-error",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            str(dump),
        ],
        address,
        "The backup could not be restored",
    )
    db = connect_url(address.url())
    try:
        version = migrations.current_version(db)
        migrations.check_supported(version)
        verdict = audit_chain.verify(db.connection())
    except DatabaseProblem as exc:
        raise DomainError(f"The restored database is not usable by this IOPdesk. {exc.message}")
    finally:
        db.close()
    if verdict.broken is not None:
        raise DomainError(verdict.broken.sentence)
    return RestoredServer(address, version, verdict.rows)


def _new_database(address: ServerAddress) -> None:
    """Create the database to restore into, or accept it when it exists and is empty."""
    if ensure_database(address):
        return
    target = connect_url(address.url())
    try:
        if target.get_tables():
            raise DomainError(
                f"The database {address.location} already holds tables: restore only into a "
                "new, empty database, so nothing there is overwritten."
            )
    finally:
        target.close()


def ensure_database(address: ServerAddress) -> bool:
    """Create the database at ``address`` (as its owner) when it does not exist; True if made."""
    if not _DATABASE_NAME.fullmatch(address.database):
        raise DomainError(
            f"Name the new database with letters, digits and _ only (not {address.database!r})."
        )
    maintenance = connect_url(replace(address, database="postgres").url())
    try:
        exists = maintenance.execute_sql(
            "SELECT 1 FROM pg_database WHERE datname = %s", (address.database,)
        ).fetchone()
        if not exists:
            maintenance.execute_sql(f'CREATE DATABASE "{address.database}"')
        return not exists
    except peewee.DatabaseError as exc:
        raise DomainError(
            f"The database {address.location} could not be made ({first_line(exc)}): create it "
            "empty (createdb), then try again."
        )
    finally:
        maintenance.close()


def _listed_tables(pg_restore: str, dump: Path) -> list[str]:
    """The tables whose data the dump holds, as ``pg_restore --list`` reads them; a dump that
    it cannot read, or without the audit trail, is refused."""
    listed = subprocess.run(
        [pg_restore, "--list", str(dump)], capture_output=True, text=True, check=False
    )
    tables = _TABLE_DATA.findall(listed.stdout)
    if listed.returncode != 0 or "audit_event" not in tables or "client" not in tables:
        why = first_line(listed.stderr) if listed.returncode else "it holds no clinic tables"
        raise DomainError(f"{dump.name} is not a usable IOPdesk server backup ({why}).")
    return tables


def _run(command: list[str], address: ServerAddress, failure: str) -> None:
    """Run a PostgreSQL client program against ``address``; the password goes by environment,
    never on the command line (other users can list that)."""
    env = {**os.environ, "PGPASSWORD": address.password} if address.password else None
    done = subprocess.run(
        [*command, "--dbname", address.url(password="")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise DomainError(f"{failure}: {first_line(done.stderr)}. Nothing was changed.")
