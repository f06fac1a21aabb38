"""Administrator commands: check, backup, restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from iopdesk import paths
from iopdesk.cli.session import add_common, signed_in, store_for
from iopdesk.db import audit_chain
from iopdesk.db.health import inspect_file
from iopdesk.db.sqlite_file import raw_sqlite
from iopdesk.errors import DomainError
from iopdesk.services import store as store_service
from iopdesk.services.admin import backups


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("check", help="check the clinic database for damage"))
    p.set_defaults(func=check)
    p = add_common(sub.add_parser("backup", help="back up the clinic database now"))
    p.add_argument(
        "--to", metavar="DIR", help="folder for the backup (default: the data folder's backups)"
    )
    p.set_defaults(func=backup)
    p = add_common(sub.add_parser("restore", help="restore the clinic database from a backup"))
    p.add_argument("file", help="an IOPdesk backup file (.iopbak)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=restore)


def check(args: argparse.Namespace) -> int:
    folder = paths.data_dir(getattr(args, "data_dir", None))
    db_path = paths.database_path(folder)
    if not db_path.exists():
        raise DomainError(f"There is no clinic database in {folder}.")
    health = inspect_file(db_path, thorough=True)
    if not health.ok:
        raise DomainError(f"The clinic database is damaged: {health.problem}")
    print(f"ok: {db_path} passed the integrity check (data version {health.schema_version}).")
    return check_audit_trail(db_path)


def check_audit_trail(db_path: Path) -> int:
    """Verify the audit trail's hash chain; name the first row that breaks it."""
    with raw_sqlite(db_path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(audit_event)")}
        if "chain_hash" not in columns:
            print("The audit trail is not chained yet: IOPdesk chains it when it next opens.")
            return 0
        verdict = audit_chain.verify(conn)
    if verdict.broken is not None:
        raise DomainError(verdict.broken.sentence)
    print(f"ok: the audit trail ({verdict.rows} rows) is unbroken.")
    return 0


def backup(args: argparse.Namespace) -> int:
    store = store_for(args)
    actor = signed_in(args)
    target = Path(args.to) if args.to else store.backups_dir
    info = backups.backup_now(actor, store.db_path, target)
    print(f"Backup written and verified: {info.path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    folder = paths.data_dir(getattr(args, "data_dir", None))
    info = backups.read_backup_info(Path(args.file))
    if not args.yes:
        answer = input(f"Replace the clinic database with the backup of {info.label}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    actor = None
    if paths.database_path(folder).exists():
        store_for(args)
        actor = signed_in(args)
    store_service.restore_backup(folder, info.path, actor)
    print(
        f"Restored the backup of {info.label}. The previous database was kept in "
        f"{paths.aside_dir(folder)}."
    )
    return 0
