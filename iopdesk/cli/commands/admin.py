"""Administrator commands: check, backup, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iopdesk import paths
from iopdesk.cli.session import (
    add_common,
    add_recovery_key,
    credential,
    data_folder,
    signed_in,
    store_for,
)
from iopdesk.db import audit_chain
from iopdesk.db.sqlite_file import raw_sqlite
from iopdesk.errors import DatabaseProblem, DomainError
from iopdesk.services import store as store_service
from iopdesk.services.admin import backups, server_backups


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("check", help="check the clinic database and its backups"))
    add_recovery_key(p)
    p.set_defaults(func=check)
    p = add_common(sub.add_parser("backup", help="back up the clinic database now"))
    p.add_argument(
        "--to", metavar="DIR", help="folder for the backup (default: the data folder's backups)"
    )
    p.set_defaults(func=backup)
    p = add_common(sub.add_parser("restore", help="restore the clinic database from a backup"))
    p.add_argument("file", help="an IOPdesk backup file (.iopbak, or a server's .iopdump)")
    p.add_argument(
        "--url",
        metavar="URL",
        help="restore a server backup into this new database, as its owner: postgresql://...",
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_recovery_key(p)
    p.set_defaults(func=restore)


def check(args: argparse.Namespace) -> int:
    """The full integrity check of the database, then each backup's checksum."""
    folder = data_folder(args)
    state = store_service.prepare_folder(folder)
    if state == store_service.MISSING:
        raise store_service.missing_database(folder)
    if state == store_service.NEW:
        raise DomainError(f"There is no clinic database in {folder}.")
    db_path = paths.database_path(folder)
    key = (
        store_service.unlock_key(folder, credential(args))
        if store_service.is_encrypted(folder)
        else None
    )
    health = store_service.inspect_database(db_path, key)
    if not health.ok:
        raise DomainError(f"The clinic database is damaged: {health.problem}")
    try:
        store_service.check_version(health.schema_version)
    except DatabaseProblem as exc:
        raise DomainError(f"The clinic database is not usable by this IOPdesk. {exc.message}")
    print(f"ok: {db_path} passed the integrity check (data version {health.schema_version}).")
    trail = check_audit_trail(db_path, key)
    backups_ok = _check_backups(folder)
    return trail or (0 if backups_ok else 1)


def check_audit_trail(db_path: Path, key: bytes | None = None) -> int:
    """Verify the audit trail's hash chain; name the first row that breaks it."""
    with raw_sqlite(db_path, key=key) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(audit_event)")}
        if "chain_hash" not in columns:
            print("The audit trail is not chained yet: IOPdesk chains it when it next opens.")
            return 0
        verdict = audit_chain.verify(conn)
    if verdict.broken is not None:
        raise DomainError(verdict.broken.sentence)
    print(f"ok: the audit trail ({verdict.rows} rows) is unbroken.")
    return 0


def _check_backups(folder: Path) -> bool:
    """Say which backups are damaged (their checksum no longer matches), before one is needed."""
    found = backups.all_backups(store_service.backup_folders(folder))
    damaged = []
    for path in found:
        try:
            backups.read_backup_info(path)
        except DomainError as exc:
            damaged.append(exc.message)
    for message in damaged:
        print(f"damaged backup: {message}")
    print(f"{len(found) - len(damaged)} of {len(found)} backups passed their checksum.")
    return not damaged


def backup(args: argparse.Namespace) -> int:
    store = store_for(args)
    actor = signed_in(args)
    target = Path(args.to) if args.to else store.backups_dir
    if store.database_url:
        dump = server_backups.back_up_server(actor, store.database_url, target)
        print(
            f"Server backup written and verified ({dump.tables} tables listed by pg_restore): "
            f"{dump.path}"
        )
        return 0
    info = backups.backup_now(actor, store.db_path, target)
    print(f"Backup written and verified: {info.path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    if args.url or args.file.endswith(server_backups.SUFFIX):
        return restore_server(args)
    folder = data_folder(args)
    info = backups.read_backup_info(Path(args.file))
    if not args.yes:
        if not sys.stdin.isatty():
            raise DomainError(
                "Restoring replaces the clinic's records, so it asks first; from a script, "
                "add --yes to confirm."
            )
        answer = input(f"Replace the clinic database with the backup of {info.label}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    who = credential(args, required=False)
    actor = None
    if store_service.prepare_folder(folder) == store_service.CLINIC and not who.recovery_key:
        try:
            store_for(args)
        except DatabaseProblem:
            pass  # damaged (or unreadable): restore puts it aside; nobody to sign in against
        else:
            actor = signed_in(args)
    store_service.restore_backup(folder, info.path, actor, who)
    print(
        f"Restored the backup of {info.label}. The previous database was kept in "
        f"{paths.aside_dir(folder)}."
    )
    return 0


def restore_server(args: argparse.Namespace) -> int:
    """A server backup goes into a new database (the clinic's own is never overwritten)."""
    if not args.url:
        raise DomainError(
            "A server backup is restored into a new database: add --url "
            "postgresql://OWNER@HOST/NEW_DATABASE (it is created if it does not exist)."
        )
    done = server_backups.restore_server_backup(Path(args.file), args.url)
    print(
        f"Restored {Path(args.file).name} into {done.address.location} (data version "
        f"{done.schema_version}; the audit trail's {done.audit_rows} rows are unbroken)."
    )
    print(
        f"Next, as the owner: `iopdesk server setup --url {args.url}` gives the workstations' "
        "role its rights there; then point the workstations at the new database."
    )
    return 0
