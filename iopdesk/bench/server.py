"""The benchmark on the clinic's server: the demo clinics moved to PostgreSQL once, and each
screen's figure there beside its figure on the clinic file (budget: 1.5 times)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import peewee
from playhouse.db_url import connect as connect_url

from iopdesk.bench import BenchCase
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.services.admin.server import parse_address, set_up_server
from iopdesk.services.admin.server_backups import ensure_database
from iopdesk.services.admin.server_move import move_to_server

MAX_SERVER_RATIO = 1.5
Figures = dict[str, tuple[float, float]]


def server_clinic(
    cache: Path, folder: Path, scale: str, base_url: str, out: Callable[[str], None]
) -> str:
    """The URL of the ``scale`` demo clinic on the server (``<database>_<scale>``), moved there
    from a copy of ``folder`` the first time."""
    address = parse_address(base_url)
    target = replace(address, database=f"{address.database}_{scale}")
    url = target.url()
    if not ensure_database(target) and _holds_a_clinic(url):
        return url
    out(f"Moving the {scale} demo clinic to {target.location} (once; reused next time)...")
    set_up_server(url, f"{target.database}_app")
    scratch = cache / f"bench-{scale}-moving"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(folder, scratch)
    try:
        move_to_server(scratch, "admin", DEMO_PASSWORD, url)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return url


def _holds_a_clinic(url: str) -> bool:
    db = connect_url(url)
    try:
        return bool(db.execute_sql("SELECT count(*) FROM clinic").fetchone()[0])
    except peewee.DatabaseError:
        return False
    finally:
        db.close()


def compare(
    cases: list[BenchCase],
    on_file: dict[str, Figures],
    on_server: dict[str, Figures],
    out: Callable[[str], None],
) -> bool:
    """Print each case's figure on the server beside the file's; True when each is within
    1.5 times (or under 5 ms, where the machine's noise is larger than the difference)."""
    ok = True
    out("")
    out(
        f"{'operation (PostgreSQL vs clinic file)':<44} {'scale':>6} {'file ms':>9} "
        f"{'server ms':>9} {'ratio':>7}  verdict"
    )
    for scale, figures in on_server.items():
        for case in cases:
            mine, theirs = figures[case.name][0], on_file[scale][case.name][0]
            ratio = mine / theirs if theirs else 0.0
            good = ratio <= MAX_SERVER_RATIO or mine < 5
            ok &= good
            out(
                f"{case.name:<44} {scale:>6} {theirs:>9.1f} {mine:>9.1f} {ratio:>7.2f}  "
                f"{'ok' if good else 'OVER'}"
            )
    return ok
