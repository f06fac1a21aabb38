"""Builds the demo clinics once, measures each in its own process, prints every figure beside
its budget, the large/small ratio and the raw-SQL floor."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from iopdesk import paths
from iopdesk.bench import Case
from iopdesk.bench.clock import Figure
from iopdesk.services.store import ENV_DATABASE_URL

#: A screen on the large clinic may take at most this many times its small-clinic time.
MAX_RATIO = 1.5
#: Below this a screen is instant, whatever its ratio (timer resolution and noise).
INSTANT_MS = 10
MEMORY_MB = 300
#: An encrypted clinic's figure may be at most this many times the same figure unencrypted.
MAX_ENCRYPTED_RATIO = 1.3
Out = Callable[[str], None]


def all_cases() -> list[Case]:
    """Every case of ``iopdesk/bench/cases``, module by module."""
    from iopdesk.bench import cases

    found: list[Case] = []
    for info in sorted(pkgutil.iter_modules(cases.__path__), key=lambda i: i.name):
        found.extend(importlib.import_module(f"iopdesk.bench.cases.{info.name}").CASES)
    return found


def clinic(cache: Path, scale: str, out: Out, encrypted: bool = True) -> Path:
    """The demo clinic of a scale (encrypted, as every new clinic is, unless asked otherwise),
    built into the cache the first time."""
    folder = cache / (f"bench-{scale}" if encrypted else f"bench-{scale}-plain")
    if not paths.database_path(folder).exists():
        from iopdesk.db.connection import close_database
        from iopdesk.demo import build_demo

        out(f"Building the {scale} demo clinic in {folder} (once; reused next time)...")
        started = time.perf_counter()
        build_demo(folder, scale, log=lambda _msg: None, encrypted=encrypted)
        close_database()
        out(f"  built in {time.perf_counter() - started:.0f} s")
    return folder


def measured(folder: Path, out: Out, database_url: str = "", runs: int | None = None) -> dict:
    """Run ``iopdesk.bench.scale`` on one clinic in a fresh process: its file, or its copy on
    the server at ``database_url`` (handed over in the environment, never on a command line)."""
    where = f" on {database_url.split('@')[-1]}" if database_url else ""
    out(f"Measuring {folder.name}{where} ...")
    env = dict(os.environ, **{ENV_DATABASE_URL: database_url})
    with tempfile.TemporaryDirectory(prefix="iopdesk-bench-") as scratch:
        result = Path(scratch) / "figures.json"
        command = [sys.executable, "-m", "iopdesk.bench.scale", str(folder), str(result)]
        if runs:
            command.append(str(runs))
        subprocess.run(command, check=True, env=env)
        return json.loads(result.read_text(encoding="utf-8"))


def figure(found: dict, name: str) -> Figure | None:
    """One case's figure in a clinic's measurements (None when it was not measured)."""
    raw = found.get("cases", {}).get(name)
    if raw is None:
        return None
    return Figure(tuple(raw["wall_ms"]), tuple(raw["cpu_ms"]), raw["floor_ms"])


def _verdict(case: Case, small: Figure | None, large: Figure | None) -> tuple[float, bool]:
    """The large/small ratio, and whether the case meets its budget (and its ratio)."""
    judged = large or small
    assert judged is not None
    ratio = large.median / small.median if large and small else 0.0
    good = judged.median <= case.budget_ms
    if case.scaled and ratio and large and large.median >= INSTANT_MS:
        good &= ratio <= MAX_RATIO
    return ratio, good


def _ms(shown: Figure | None) -> str:
    if shown is None:
        return f"{'-':>7} {'-':>7} {'-':>6}"
    return f"{shown.median:7.1f} {shown.worst:7.1f} {shown.cpu:6.1f}"


def _times(ratio: float, judged: bool = True) -> str:
    """A ratio for the table; in brackets where it is shown but not judged."""
    if not ratio:
        return f"{'':>5}"
    return f"{ratio:5.2f}" if judged else f"({ratio:3.1f})" if ratio < 10 else f"{'(>9)':>5}"


def report(cases: list[Case], per_scale: dict[str, dict], out: Out) -> bool:
    """Print the table; True when every budget is met."""
    small_found, large_found = per_scale.get("small", {}), per_scale.get("large", {})
    out("")
    out(
        f"What the user waits for, from the action to the painted result, in ms: median and "
        f"worst of {min(c.runs for c in cases)}+ runs, and the median CPU time of the process "
        "(steadier than wall time on a busy machine). Verdicts: the large clinic's median "
        f"within the budget, and within {MAX_RATIO}x the small one's where both show like work; "
        "a ratio in brackets is not judged (a year's report, the whole clinic's busiest week: "
        "the large program does more each week, not only for longer)."
    )
    out(f"{'':<52} {'small clinic':>22} {'large clinic':>22} {'':>6} {'large/small':>11}")
    out(
        f"{'screen':<52} {'median':>7} {'worst':>7} {'CPU':>6} {'median':>7} {'worst':>7} "
        f"{'CPU':>6} {'budget':>6} {'wall':>5} {'CPU':>5} {'x sqlite':>8}  verdict"
    )
    ok = True
    for case in cases:
        small, large = figure(small_found, case.name), figure(large_found, case.name)
        if small is None and large is None:
            continue
        ratio, good = _verdict(case, small, large)
        ok &= good
        judged = large or small
        assert judged is not None
        cpu_ratio = large.cpu / small.cpu if large and small and small.cpu else 0.0
        floor = f"{judged.median / judged.floor_ms:8.0f}" if judged.floor_ms else f"{'':>8}"
        out(
            f"{case.name:<52} {_ms(small)} {_ms(large)} {case.budget_ms:6.0f} "
            f"{_times(ratio, case.scaled)} {_times(cpu_ratio, case.scaled)} {floor}  "
            f"{'ok' if good else 'OVER'}"
        )
    for scale, found in per_scale.items():
        resident = f"{found.get('resident_mb', 0.0):>22.0f}"
        shown = f"{resident} {'':>22}" if scale == "small" else f"{'':>22} {resident}"
        good = found.get("resident_mb", 0.0) <= MEMORY_MB
        ok &= good
        out(
            f"{f'resident memory (MB), {scale} clinic open':<52} {shown} {MEMORY_MB:6d} "
            f"{'':>5} {'':>5} {'':>8}  {'ok' if good else 'OVER'}"
        )
    return ok


def encryption_report(
    cases: list[Case], encrypted: dict[str, dict], plain: dict[str, dict], out: Out
) -> bool:
    """Each case's median on the encrypted clinic over the same on the plain one (largest
    scale measured); True when every ratio is within ``MAX_ENCRYPTED_RATIO``."""
    scale = "large" if "large" in plain else "small"
    out("")
    out(f"Encrypted / plain, {scale} clinic (medians; budget {MAX_ENCRYPTED_RATIO}x):")
    ok = True
    for case in cases:
        mine = figure(encrypted.get(scale, {}), case.name)
        theirs = figure(plain.get(scale, {}), case.name)
        if mine is None or theirs is None or not theirs.median:
            continue
        ratio = mine.median / theirs.median
        good = ratio <= MAX_ENCRYPTED_RATIO or mine.median < INSTANT_MS
        ok &= good
        out(
            f"{case.name:<52} {mine.median:7.1f} {theirs.median:7.1f} {ratio:5.2f}  "
            f"{'ok' if good else 'OVER'}"
        )
    return ok


def run(
    cache: Path,
    scales: list[str],
    out: Out = print,
    pairs: int = 10,
    encryption_ratio: bool = False,
) -> bool:
    """Measure every scale and the cold start; print the table; True when all budgets are met.
    ``encryption_ratio`` also measures the same clinics unencrypted and prints the ratios."""
    from iopdesk.bench.cold_start import cold_start

    folders = {scale: clinic(cache, scale, out) for scale in scales}
    per_scale = {scale: measured(folder, out) for scale, folder in folders.items()}
    ok = report(all_cases(), per_scale, out)
    if encryption_ratio:
        plain = {scale: measured(clinic(cache, scale, out, False), out) for scale in scales}
        ok &= encryption_report(all_cases(), per_scale, plain, out)
    for scale, folder in folders.items():
        out(f"Cold start on the {scale} clinic, {pairs} pairs ...")
        start = cold_start(folder, pairs)
        good = start.ratio <= MAX_RATIO
        ok &= good
        out(
            f"cold start to the sign-in window, {scale} clinic (medians): IOPdesk "
            f"{start.ours:.0f} ms, a bare PySide6 window {start.bare:.0f} ms; ratio "
            f"{start.ratio:.2f}, CPU ratio {start.cpu_ratio:.2f} (budget {MAX_RATIO}x)  "
            f"{'ok' if good else 'OVER'}"
        )
    return ok
