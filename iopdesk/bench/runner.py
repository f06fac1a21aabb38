"""Runs the benchmark cases on demo clinics and prints each figure beside its budget."""

from __future__ import annotations

import importlib
import os
import pkgutil
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from iopdesk import paths
from iopdesk.bench import BenchCase
from iopdesk.db.connection import close_database, database_key, raw_sqlite
from iopdesk.demo import DEMO_PASSWORD, build_demo
from iopdesk.services.admin import auth
from iopdesk.services.context import Actor
from iopdesk.services.store import Credential, open_clinic, unlock_clinic

ROLE_USERS = {"administrator": "admin", "clinician": "mhernandez", "front_desk": "dmiller"}
MAX_RATIO = 1.5


def all_cases() -> list[BenchCase]:
    from iopdesk.bench import cases

    found: list[BenchCase] = []
    for info in sorted(pkgutil.iter_modules(cases.__path__), key=lambda i: i.name):
        found.extend(importlib.import_module(f"iopdesk.bench.cases.{info.name}").CASES)
    return found


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: first touch of pages and caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _clinic(cache: Path, scale: str, out: Callable[[str], None], encrypted: bool = True) -> Path:
    folder = cache / (f"bench-{scale}" if encrypted else f"bench-{scale}-plain")
    if not paths.database_path(folder).exists():
        out(f"Building the {scale} demo clinic in {folder} (once; reused next time)...")
        started = time.perf_counter()
        build_demo(folder, scale, log=lambda _msg: None, encrypted=encrypted)
        close_database()
        out(f"  built in {time.perf_counter() - started:.0f} s")
    return folder


def measure_scale(
    folder: Path, cases: list[BenchCase], database_url: str = ""
) -> dict[str, tuple[float, float]]:
    """Time every case on one clinic (its file, or the server at ``database_url``):
    name -> (median ms, raw sqlite floor ms or 0)."""
    if database_url:
        store = open_clinic(folder, database_url=database_url)
    else:
        store = unlock_clinic(folder, Credential("admin", DEMO_PASSWORD))  # plain: just opens
    actors: dict[str, Actor] = {
        role: auth.sign_in(user, DEMO_PASSWORD) for role, user in ROLE_USERS.items()
    }
    results = {}
    for case in cases:
        ms = _median_ms(lambda c=case: c.run(actors), case.repeat)
        floor = 0.0
        if case.floor_sql and not database_url:
            with raw_sqlite(store.db_path, key=database_key()) as conn:
                sql = case.floor_sql
                floor = _median_ms(lambda c=conn, q=sql: c.execute(q).fetchall(), case.repeat)
        results[case.name] = (ms, floor)
    close_database()
    return results


def _encryption_ratio(
    plain: dict[str, dict[str, tuple[float, float]]], name: str, encrypted_ms: float
) -> float:
    """The encrypted figure over the same figure on the plain clinic of the largest scale."""
    figures = [plain[s][name][0] for s in ("large", "small") if s in plain]
    return encrypted_ms / figures[0] if figures and figures[0] else 0.0


def cold_start_ms(data_dir: Path | None = None) -> tuple[float, float]:
    """Time to a window: a bare PySide6 window vs IOPdesk's sign-in screen (subprocesses)."""
    bare = (
        "from PySide6.QtWidgets import QApplication, QLabel; a = QApplication([]); "
        "w = QLabel('x'); w.show(); a.processEvents()"
    )
    ours = f"from iopdesk.gui.app import startup_probe; startup_probe({str(data_dir or '')!r})"
    env_cmd = [sys.executable, "-c"]
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"  # headless machine: same platform for both
    timings = []
    for code in (bare, ours):
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([*env_cmd, code], check=True, capture_output=True, env=env)
            samples.append((time.perf_counter() - started) * 1000)
        timings.append(min(samples))
    return timings[0], timings[1]


def run(
    cache: Path,
    scales: list[str],
    out: Callable[[str], None] = print,
    encryption_ratio: bool = False,
    database_url: str = "",
) -> bool:
    """Run everything and print a table; True when every budget is met. ``encryption_ratio``
    also times the same clinics unencrypted and prints encrypted / plain (budget: 1.3);
    ``database_url`` (a server, as the owner) also times them moved to PostgreSQL."""
    cases = all_cases()
    per_scale = {s: measure_scale(_clinic(cache, s, out), cases) for s in scales}
    plain = (
        {s: measure_scale(_clinic(cache, s, out, encrypted=False), cases) for s in scales}
        if encryption_ratio
        else {}
    )
    ok = True
    out("")
    out(
        f"{'operation':<44} {'small ms':>9} {'large ms':>9} {'budget':>8} "
        f"{'large/small':>11} {'vs sqlite':>9}  verdict" + (f" {'enc/plain':>9}" if plain else "")
    )
    for case in cases:
        small = per_scale.get("small", {}).get(case.name, (0.0, 0.0))[0]
        large, floor = per_scale.get("large", {}).get(case.name, (0.0, 0.0))
        worst = large or small
        ratio = large / small if small and large else 0.0
        good = worst <= case.budget_ms and (ratio <= MAX_RATIO or not ratio or worst < 5)
        ok &= good
        out(
            f"{case.name:<44} {small:>9.1f} {large or float('nan'):>9.1f} "
            f"{case.budget_ms:>8.0f} {ratio:>11.2f} "
            f"{(worst / floor if floor else 0):>9.1f}  {'ok' if good else 'OVER'}"
            + (f" {_encryption_ratio(plain, case.name, worst):>9.2f}" if plain else "")
        )
    bare, ours = cold_start_ms(_clinic(cache, scales[-1], out))
    good = ours <= bare * MAX_RATIO
    ok &= good
    out(
        f"{'cold start to sign-in (bare PySide6 window)':<44} {ours:>9.0f} {bare:>9.0f} "
        f"{'1.5x':>8} {ours / bare:>11.2f} {'':>9}  {'ok' if good else 'OVER'}"
    )
    if database_url:
        from iopdesk.bench import server

        on_server = {
            s: measure_scale(
                cache,
                cases,
                server.server_clinic(cache, _clinic(cache, s, out), s, database_url, out),
            )
            for s in scales
        }
        ok &= server.compare(cases, per_scale, on_server, out)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    good = rss_mb <= 300
    ok &= good
    out(
        f"{'peak memory (MB resident)':<44} {rss_mb:>9.0f} {'':>9} {300:>8} {'':>11} "
        f"{'':>9}  {'ok' if good else 'OVER'}"
    )
    return ok
