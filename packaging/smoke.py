"""Smoke test of an installed IOPdesk (a wheel in a venv, or the bundle) run outside the checkout.

Standard library only: it drives the ``iopdesk`` command it is given, in a minimal environment
(no PYTHONPATH, a scratch HOME, a scratch working folder) so nothing from the checkout leaks in.
Used by ``wheel-smoke.sh`` (CI) and ``bundle-smoke.sh`` (by hand).
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "recovery demo 2026"  # printed by `iopdesk demo`
DEMO_USER = "mhernandez"  # the demo's clinical supervisor may print every document
DEMO_GROUP = "Relapse Prevention (Morning)"  # a demo group meeting three weekdays a week
CLIENT_DOCUMENTS = ("plan", "intake", "aftercare", "discharge")
CLIENTS_TRIED = 25  # not every discharged demo client has an aftercare plan
SIZE_BUDGET_MB = 250
COLD_START_BUDGET = 1.2  # the bundle against the installed app, median of paired runs
PASSED: list[str] = []  # the checks that passed, for the closing "N passed, N failed" line
OVER_BUDGET: list[str] = []


class SmokeFailure(Exception):
    """A check failed; the message says which and shows what the program printed."""


class App:
    """One ``iopdesk`` executable, run in a minimal environment from a scratch folder."""

    def __init__(self, command: Path, scratch: Path) -> None:
        self.command = command
        self.scratch = scratch
        (scratch / "home").mkdir(parents=True, exist_ok=True)

    def env(self, **extra: str) -> dict[str, str]:
        """Only what a desktop session would have; no Python variables, no checkout."""
        home = str(self.scratch / "home")
        if sys.platform == "win32":  # Windows starts no program without SystemRoot
            root = os.environ["SYSTEMROOT"]
            base = {"SYSTEMROOT": root, "PATH": rf"{root}\System32;{root}"}
            base |= {name: home for name in ("USERPROFILE", "APPDATA", "LOCALAPPDATA", "TEMP")}
        else:
            base = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8"}
        return {**base, "IOPDESK_PASSWORD": DEMO_PASSWORD, **extra}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a sub-command to its end; fail with its output when ``check`` and it fails."""
        done = subprocess.run(
            [str(self.command), *args],
            cwd=self.scratch,
            env=self.env(QT_QPA_PLATFORM="offscreen"),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and done.returncode != 0:
            raise SmokeFailure(
                f"`iopdesk {' '.join(args)}` exited {done.returncode}:\n{done.stdout}{done.stderr}"
            )
        return done

    def start_gui(self, data: Path, **env: str) -> subprocess.Popen[str]:
        """Open the app on a clinic folder (the sign-in screen), without waiting."""
        return subprocess.Popen(
            [str(self.command), "--data-dir", str(data)],
            cwd=self.scratch,
            env=self.env(**env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def expected_version() -> str:
    """The version's one home: ``__version__`` in the checkout's ``iopdesk/__init__.py``."""
    tree = ast.parse((REPO / "iopdesk" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__version__":
            return str(ast.literal_eval(node.value))
    raise SmokeFailure("iopdesk/__init__.py has no __version__")


def check_wheel(wheel: Path, app: App) -> None:
    """The wheel carries every file of ``resources/``, and its install loads from itself."""
    shipped = set(zipfile.ZipFile(wheel).namelist())
    source = REPO / "resources"
    files = [f.relative_to(source).as_posix() for f in source.rglob("*") if f.is_file()]
    missing = [name for name in files if f"iopdesk/resources/{name}" not in shipped]
    if missing:
        raise SmokeFailure(f"{wheel.name} lacks resources: {', '.join(missing)}")
    passed(f"{wheel.name} carries all {len(files)} files of resources/")
    where = subprocess.run(
        [str(app.command.parent / "python"), "-I", "-c", LOCATE_PACKAGE],
        cwd=app.scratch,
        env=app.env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    venv = app.command.parent.parent
    if not all(Path(p).is_relative_to(venv) for p in where):
        raise SmokeFailure(f"the installed app loads from outside {venv}: {where}")
    passed(f"iopdesk and its resources load from {venv}")


#: Run by the installed Python: where the package and one of its resources are.
LOCATE_PACKAGE = (
    "import iopdesk; from iopdesk.paths import resource_path; "
    "print(iopdesk.__file__, resource_path('fonts', 'DejaVuSans.ttf'), sep='\\n')"
)


def check_version(app: App) -> None:
    """``iopdesk --version`` prints the checkout's version."""
    printed = app.run("--version").stdout.strip()
    if printed != f"IOPdesk {expected_version()}":
        raise SmokeFailure(f"--version printed {printed!r}, expected IOPdesk {expected_version()}")
    passed(f"--version: {printed}")


def build_demo(app: App, data: Path) -> None:
    """``iopdesk demo`` builds a clinic in an empty folder."""
    app.run("demo", "--data-dir", str(data))
    if not (data / "clinic.iopdesk").is_file():
        raise SmokeFailure(f"`iopdesk demo` left no clinic.iopdesk in {data}")
    passed(f"demo clinic built in {data}")


def check_pdf(path: Path) -> None:
    """A complete PDF that embeds IOPdesk's own font (so the installed resources were found)."""
    body = path.read_bytes() if path.is_file() else b""
    if not body.startswith(b"%PDF-") or b"%%EOF" not in body[-1024:]:
        raise SmokeFailure(f"{path.name} is not a complete PDF ({len(body)} bytes)")
    if b"DejaVuSans" not in body:
        raise SmokeFailure(f"{path.name} does not embed the DejaVu Sans font from resources/")


def print_documents(app: App, data: Path, out: Path, everything: bool) -> None:
    """Print a treatment plan, or (``everything``) each kind of document the CLI prints."""
    common = ("--data-dir", str(data), "--user", DEMO_USER)
    listing = app.run("clients", *common).stdout.splitlines()
    discharged = [line.split("\t")[0] for line in listing if line.endswith("\tdischarged")]
    for kind in CLIENT_DOCUMENTS if everything else ("plan",):
        target = out / f"{kind}.pdf"
        for record in discharged[:CLIENTS_TRIED]:
            if app.run("print", kind, record, "-o", str(target), *common, check=False).returncode:
                continue
            check_pdf(target)
            passed(f"print {kind} {record}: {target.stat().st_size:,} bytes")
            break
        else:
            raise SmokeFailure(f"none of {CLIENTS_TRIED} discharged clients printed a {kind}")
    if everything:
        _print_calendar(app, common, out)


def _print_calendar(app: App, common: tuple[str, ...], out: Path) -> None:
    """The sign-in sheet of a recent group session, this week's schedule, and the .ics export."""
    sheet = out / "signin.pdf"
    today = dt.date.today()
    for back in range(14):  # the group meets three weekdays; holidays close the clinic
        day = (today - dt.timedelta(days=back)).isoformat()
        args = ("print", "signin", "--group", DEMO_GROUP, "--date", day, "-o", str(sheet))
        if app.run(*args, *common, check=False).returncode == 0:
            break
    else:
        raise SmokeFailure(f"no sign-in sheet of {DEMO_GROUP!r} printed for the last 14 days")
    check_pdf(sheet)
    week = out / "week.pdf"
    week_args = ("--date", today.isoformat(), "--staff", DEMO_USER, "-o", str(week))
    app.run("print", "week", *week_args, *common)
    check_pdf(week)
    ics = out / "calendar.ics"
    app.run("export", "ics", "--staff", DEMO_USER, "-o", str(ics), *common)
    text = ics.read_text(encoding="utf-8")
    if not text.startswith("BEGIN:VCALENDAR") or "BEGIN:VEVENT" not in text:
        raise SmokeFailure("export ics did not write an iCalendar file with events")
    for path in (sheet, week, ics):
        passed(f"{path.name}: {path.stat().st_size:,} bytes")


def check_gui(app: App, data: Path, seconds: float) -> None:
    """The app opens offscreen and stays up without a traceback until it is terminated."""
    proc = app.start_gui(data, QT_QPA_PLATFORM="offscreen")
    time.sleep(seconds)
    alive = proc.poll() is None
    proc.terminate()
    _, errors = proc.communicate(timeout=30)
    if not alive:
        raise SmokeFailure(f"the GUI exited early ({proc.returncode}):\n{errors}")
    if "Traceback" in errors:
        raise SmokeFailure(f"the GUI printed a traceback:\n{errors}")
    logged = data / "logs" / "errors.log"
    if logged.exists():
        raise SmokeFailure(f"the GUI logged an error:\n{logged.read_text(encoding='utf-8')}")
    passed(f"GUI stayed up offscreen for {seconds:.0f} s")


@contextmanager
def virtual_screen() -> Iterator[str]:
    """An Xvfb display of a typical clinic screen, so the sign-in window can be seen to appear."""
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        raise SmokeFailure("timing the start needs Xvfb and xdotool (apt-get install xvfb xdotool)")
    for number in free_displays():
        server = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp", "-noreset"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            if screen_answers(f":{number}", server):
                yield f":{number}"
                return
        finally:
            server.terminate()
            server.wait(timeout=10)
    raise SmokeFailure("no Xvfb display could be started")


def free_displays() -> Iterator[int]:
    """Display numbers no X server here uses: no lock file, no socket (the abstract one too)."""
    sockets = Path("/proc/net/unix").read_text() if Path("/proc/net/unix").exists() else ""
    for number in range(150, 160):
        socket = f"/tmp/.X11-unix/X{number}"
        if not Path(f"/tmp/.X{number}-lock").exists() and socket not in sockets:
            yield number


def screen_answers(display: str, server: subprocess.Popen[bytes]) -> bool:
    """True once the display accepts a client; False when its server gave up."""
    deadline = time.monotonic() + 10
    while server.poll() is None and time.monotonic() < deadline:
        probe = ["xdotool", "getdisplaygeometry"]
        if subprocess.run(probe, env={"DISPLAY": display}, capture_output=True).returncode == 0:
            return True
        time.sleep(0.1)
    return False


def time_to_sign_in(app: App, data: Path, display: str) -> tuple[float, float]:
    """Wall and CPU seconds from starting the process to its sign-in window being visible."""
    started = time.perf_counter()
    proc = app.start_gui(data, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    search = ["xdotool", "search", "--onlyvisible", "--name", "^IOPdesk - "]
    try:
        while subprocess.run(search, env={"DISPLAY": display}, capture_output=True).returncode:
            if proc.poll() is not None:
                errors = proc.stderr.read() if proc.stderr else ""
                raise SmokeFailure(f"the app exited before its window showed:\n{errors}")
            if time.perf_counter() - started > 60:
                raise SmokeFailure("no sign-in window within 60 s")
            time.sleep(0.01)
        return time.perf_counter() - started, cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a running process has used (Linux /proc), all threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def compare_cold_start(app: App, installed: App, data: Path, runs: int) -> None:
    """Paired runs, alternating which starts first, against the budget (wall time decides)."""
    with virtual_screen() as display:
        for one in (app, installed):  # fill the font caches in the scratch HOME first
            time_to_sign_in(one, data, display)
        pairs = []
        for n in range(runs):
            order = (app, installed) if n % 2 == 0 else (installed, app)
            first, second = (time_to_sign_in(one, data, display) for one in order)
            pairs.append((first, second) if order[0] is app else (second, first))
    wall = [(ours[0], theirs[0]) for ours, theirs in pairs]
    cpu = [(ours[1], theirs[1]) for ours, theirs in pairs]
    say("start to sign-in window, bundle/installed, wall s: " + paired_text(wall))
    say("start to sign-in window, bundle/installed, CPU s:  " + paired_text(cpu))
    say(f"CPU to sign-in: {paired_medians(cpu)} (beside the wall time: this machine is shared)")
    budget(
        f"cold start to sign-in, wall: {paired_medians(wall)} (budget {COLD_START_BUDGET}x)",
        statistics.median(ours / theirs for ours, theirs in wall) <= COLD_START_BUDGET,
    )


def paired_text(pairs: list[tuple[float, float]]) -> str:
    """Every run as ``bundle/installed``."""
    return ", ".join(f"{ours:.2f}/{theirs:.2f}" for ours, theirs in pairs)


def paired_medians(pairs: list[tuple[float, float]]) -> str:
    """Both medians and the median of the paired ratios, in one phrase."""
    ratio = statistics.median(ours / theirs for ours, theirs in pairs)
    bundle = statistics.median(ours for ours, _ in pairs)
    installed = statistics.median(theirs for _, theirs in pairs)
    return (
        f"bundle {bundle:.2f} s, installed app {installed:.2f} s (medians of {len(pairs)} "
        f"paired runs), median ratio {ratio:.2f}x"
    )


def folder_megabytes(folder: Path) -> float:
    """Unpacked size of a folder in MB (10^6 bytes), symlinks not followed."""
    total = sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file() or f.is_symlink())
    return total / 1e6


def say(line: str) -> None:
    """One progress line, flushed so CI logs keep their order."""
    print(f"smoke: {line}", flush=True)


def passed(check: str) -> None:
    """A check that passed: counted for the closing line, and shown."""
    PASSED.append(check)
    say(f"ok   {check}")


def budget(figure: str, within: bool) -> None:
    """A measured figure against its budget; over budget fails the run after every figure."""
    if within:
        passed(figure)
    else:
        OVER_BUDGET.append(figure)
        say(f"OVER {figure}")


def main(argv: list[str] | None = None) -> int:
    """Run the checks named by the options against one installed ``iopdesk``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path, help="the iopdesk executable to test")
    parser.add_argument("--wheel", type=Path, help="the wheel APP was installed from")
    parser.add_argument("--documents", choices=("all", "plan"), default="all")
    parser.add_argument("--gui-seconds", type=float, default=5)
    parser.add_argument("--compare-with", type=Path, help="installed iopdesk to time against")
    parser.add_argument("--runs", type=int, default=5, help="paired cold-start runs")
    parser.add_argument("--size-of", type=Path, help="bundle folder to weigh against the budget")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="iopdesk-smoke-") as scratch_name:
        scratch = Path(scratch_name)
        app = App(args.app.resolve(), scratch)
        data, out = scratch / "clinic", scratch / "printed"
        out.mkdir()
        try:
            if args.wheel:
                check_wheel(args.wheel, app)
            check_version(app)
            build_demo(app, data)
            print_documents(app, data, out, everything=args.documents == "all")
            check_gui(app, data, args.gui_seconds)
            if args.size_of:
                size = folder_megabytes(args.size_of)
                budget(
                    f"bundle size {size:.0f} MB unpacked (budget {SIZE_BUDGET_MB} MB)",
                    size <= SIZE_BUDGET_MB,
                )
            if args.compare_with:
                installed = App(args.compare_with.resolve(), scratch)
                compare_cold_start(app, installed, data, args.runs)
        except SmokeFailure as failure:
            print(f"smoke: FAILED: {failure}", file=sys.stderr, flush=True)
            print(f"smoke: {len(PASSED)} passed, {len(OVER_BUDGET) + 1} failed")
            return 1
    print(f"smoke: {len(PASSED)} passed, {len(OVER_BUDGET)} failed")
    return 1 if OVER_BUDGET else 0


if __name__ == "__main__":
    raise SystemExit(main())
