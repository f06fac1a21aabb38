"""The same screen cases on the clinic's PostgreSQL server, each beside its SQLite figure.

The demo clinic of a scale (unencrypted: the file's encryption has no counterpart on a server)
is moved onto the server the way a clinic is, ``server setup`` then ``server move``, into a
database of its own (``<DATABASE>_<scale>`` beside the one named). That is done once: the
database's comment records which clinic build and data version it holds: a database holding
another build is dropped and moved again, one a data version behind is upgraded by ``server
setup`` (as a clinic's server is after an upgrade). The screens are then timed as a
workstation sees them, through the workstations' role, and each median is compared with the
same case on the file.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from pathlib import Path

from iopdesk.bench import Case
from iopdesk.bench.runner import INSTANT_MS, MAX_RATIO, Out, all_cases, clinic, figure, measured
from iopdesk.db.migrations import SCHEMA_VERSION
from iopdesk.db.sqlite_file import raw_sqlite
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.services.admin.server import ServerAddress, parse_address, set_up_server
from iopdesk.services.admin.server_move import move_to_server

FRESH_APP = "a fresh app opening the clinic file"
#: What the bench cannot measure on a server, and why (listed, never silently dropped).
NOT_ON_A_SERVER = {
    "cold start to the sign-in window": FRESH_APP,
    "encrypted / plain": "the file's encryption (a server encrypts its disk and, with "
    "sslmode=require, its connections)",
}


def not_applicable(case: Case) -> str:
    """Why a case does not apply on a server ("" when it does)."""
    return FRESH_APP if case.fresh is not None else ""


def _clinic_build(folder: Path) -> str:
    """Which build of the demo clinic a folder holds: its audit trail's first link."""
    from iopdesk import paths

    with raw_sqlite(paths.database_path(folder)) as source:
        first = source.execute("SELECT chain_hash FROM audit_event ORDER BY id LIMIT 1").fetchone()
    return str(first[0]) if first else ""


def _admin(server: ServerAddress, sql: str, *params: object) -> list[tuple[object, ...]]:
    """One statement on the database the bench was pointed at, outside any transaction
    (CREATE and DROP DATABASE refuse to run in one)."""
    import psycopg2  # the postgres extra: loaded only for a server bench

    conn = psycopg2.connect(server.url())
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []
    finally:
        conn.close()


def _held(server: ServerAddress, database: str) -> dict[str, object]:
    """The clinic build and data version a database's comment says it holds ({} if none)."""
    found = _admin(
        server,
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        database,
    )
    try:
        held = json.loads(str(found[0][0])) if found else {}
    except ValueError:
        return {}
    return held if isinstance(held, dict) else {}


def _label(server: ServerAddress, database: str, build: str) -> None:
    stamp = json.dumps({"clinic": build, "version": SCHEMA_VERSION}).replace("'", "''")
    # A literal: COMMENT takes no parameters.
    _admin(server, f"COMMENT ON DATABASE \"{database}\" IS '{stamp}'")


def server_clinic(cache: Path, scale: str, server: ServerAddress, out: Out) -> tuple[Path, str]:
    """The scale's unencrypted demo clinic (built once) and the URL a workstation opens its
    copy on the server with: moved there once, again when the clinic was rebuilt, and
    upgraded by ``server setup`` (as a clinic's server is) when only IOPdesk's data version
    moved on."""
    folder = clinic(cache, scale, out, encrypted=False)
    target = dataclasses.replace(server, database=f"{server.database}_{scale}")
    build, held = _clinic_build(folder), _held(server, target.database)
    if held.get("clinic") != build:
        out(f"Moving the {scale} demo clinic to {target.location} (once; reused next time)...")
        _admin(server, f'DROP DATABASE IF EXISTS "{target.database}"')
        _admin(server, f'CREATE DATABASE "{target.database}"')
        set_up_server(target.url())
        # The move keeps its source as a read-only archive: move a copy, keep the bench's file.
        with tempfile.TemporaryDirectory(prefix="iopdesk-move-", dir=cache) as scratch:
            copy = Path(scratch) / folder.name
            shutil.copytree(folder, copy)
            move_to_server(copy, "admin", DEMO_PASSWORD, target.url())
        _label(server, target.database, build)
    elif held.get("version") != SCHEMA_VERSION:
        out(f"Upgrading the {scale} demo clinic on {target.location} (server setup)...")
        set_up_server(target.url())
        _label(server, target.database, build)
    # Workstations connect as the app role; a new password each run keeps none on disk.
    return folder, set_up_server(target.url(), new_password=True).workstation_url


def report(cases: list[Case], sqlite: dict[str, dict], server: dict[str, dict], out: Out) -> bool:
    """Print each case's PostgreSQL median beside its SQLite one; True when every ratio is
    within ``MAX_RATIO`` (or the server's figure is instant)."""
    ok = True
    width = max(len(name) for name in [*(case.name for case in cases), *NOT_ON_A_SERVER])
    for scale, found in server.items():
        out("")
        out(
            f"PostgreSQL / SQLite, {scale} clinic: medians of wall and CPU time in ms (the "
            "unencrypted file against the same clinic on the server; CPU is the app's process "
            f"alone, the server's own work shows in wall time only; budget {MAX_RATIO}x)."
        )
        out(
            f"{'screen':<{width}} {'SQLite':>7} {'CPU':>6} {'server':>7} {'CPU':>6} {'wall':>5} "
            f"{'CPU':>5}  verdict"
        )
        for case in cases:
            reason = not_applicable(case)
            if reason:
                out(f"{case.name:<{width}} not applicable: {reason}")
                continue
            mine, theirs = figure(found, case.name), figure(sqlite[scale], case.name)
            if mine is None or theirs is None:
                continue
            ratio = mine.median / theirs.median if theirs.median else 0.0
            cpu_ratio = mine.cpu / theirs.cpu if theirs.cpu else 0.0
            good = ratio <= MAX_RATIO or mine.median < INSTANT_MS
            ok &= good
            out(
                f"{case.name:<{width}} {theirs.median:7.1f} {theirs.cpu:6.1f} {mine.median:7.1f} "
                f"{mine.cpu:6.1f} {ratio:5.2f} {cpu_ratio:5.2f}  {'ok' if good else 'OVER'}"
            )
    for name, reason in NOT_ON_A_SERVER.items():
        out(f"{name:<{width}} not applicable: {reason}")
    return ok


def run_on_server(
    cache: Path, scales: list[str], url: str, out: Out = print, runs: int | None = None
) -> bool:
    """Measure every scale on the file and on the server at ``url`` (a database its owner
    may connect to and create databases beside); print both; True when all ratios are met."""
    server = parse_address(url)
    sqlite: dict[str, dict] = {}
    on_server: dict[str, dict] = {}
    for scale in scales:
        folder, workstation = server_clinic(cache, scale, server, out)
        sqlite[scale] = measured(folder, out, runs=runs)
        on_server[scale] = measured(folder, out, database_url=workstation, runs=runs)
    return report(all_cases(), sqlite, on_server, out)
