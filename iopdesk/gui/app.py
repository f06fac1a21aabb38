"""Starting the app: data-folder checks, first run, sign-in, idle lock, workspaces per person.

The services behind signing in (argon2, Peewee, the models) are imported where they are first
used, not with this module: the sign-in window is up before they have loaded. Once it is up,
the main window's code loads while the person types, so the first sign-in of the day waits for
its own data only.

The start-up check of the clinic file (decision, issue 11). Its header, size, IOPdesk marker
and schema version are checked before every open: they cost nothing. SQLite's quick_check reads
the whole file (and decrypts every page of an encrypted one: 25 s on a 20-year clinic), so:

- a file exactly as a passed check and a clean close left it is not read again (the verdict
  remembered by ``iopdesk.db.check_verdict``: inode, size, time, no WAL);
- a small file (up to ``INLINE_CHECK_BYTES``) is checked before it is opened, as always;
- a large file without that verdict (after a crash, a restore, a copy) is opened at once and
  the main window shows; the quick_check then runs on its own read-only connection in a
  thread, started ``CHECK_AFTER_MS`` after sign-in (on a 2-core PC a check beside the window
  being built slowed it by a fifth; the check takes seconds anyway).
  When it passes, the verdict is remembered at the clean close. When it finds damage, the
  file is no longer used (QUALITY.md: a damaged file is never silently used): every window
  of every person closes, the database is closed, the file is moved aside with its WAL
  (what was saved since signing in stays there, for IT support) and the newest good backup
  is offered with the problem in a sentence, exactly as when damage is found at start-up.
  Nobody can keep working in the damaged file; they sign in again once a backup is restored.

The full integrity check (every page's authentication code on an encrypted clinic) stays in
``iopdesk check`` and in every backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from iopdesk import paths
from iopdesk.errors import DomainError
from iopdesk.gui import operations, prompts
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.idle import IdleWatcher
from iopdesk.gui.sign_in import SignInScreen
from iopdesk.private_files import FILE_MODE, make_private, private_folder
from iopdesk.services.store import (
    MISSING,
    NEW,
    ClinicStore,
    Credential,
    DamagedDatabase,
    FileHealth,
    backup_folders,
    check_database_file,
    checked_before,
    close_clinic,
    create_clinic,
    data_folder_lock,
    is_encrypted,
    missing_database,
    open_clinic,
    prepare_folder,
    recover_with_recovery_key,
    restore_backup,
    set_aside_damaged,
    unlock_key,
)

if TYPE_CHECKING:
    from iopdesk.services.admin.server_connection import ServerConnection
    from iopdesk.services.context import Actor

CANNOT_START = "IOPdesk cannot start"
AUTO_BACKUP_CHECK_MS = 30 * 60 * 1000
#: Set by ``iopdesk bench``: leave as soon as the first screen has been shown.
STARTUP_PROBE = "IOPDESK_STARTUP_PROBE"
#: After the sign-in window has been painted, the main window's code loads (while typing).
PRELOAD_AFTER_MS = 200
#: A large plain clinic is opened this soon after its sign-in window has been painted.
OPEN_AFTER_MS = 50
PLAIN_NOTE = (
    "Sign in with your own account. Note: this clinic's records are NOT encrypted (anyone with "
    "a copy of its files can read them); an administrator can encrypt them in Administration, "
    "Encryption."
)


class _StructureCheck(QThread):
    """SQLite's quick_check on its own read-only connection, off the GUI thread."""

    checked = Signal(object)

    def __init__(self, db_path: Path, key: bytes | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.key = key

    def run(self) -> None:
        self.checked.emit(check_database_file(self.db_path, key=self.key))


class Workspace:
    """One signed-in person's windows, kept (hidden) while someone else uses the PC."""

    def __init__(self, actor: Actor, window: QWidget) -> None:
        self.actor = actor
        self.window = window
        self.hidden: list[QWidget] = []

    def hide(self, keep: QWidget | None = None) -> None:
        """Hide every visible window (chart, plan editor, sheet...): all belong to this person."""
        self.hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not keep and w.isWindow()
        ]
        for w in self.hidden:
            w.hide()

    def show(self) -> None:
        for w in self.hidden or [self.window]:
            w.show()
        self.hidden = []
        self.window.raise_()
        self.window.activateWindow()


class AppController(QObject):
    """Owns the start-up sequence, the lock screen and every person's workspace."""

    def __init__(self, data_dir: Path, idle_ms: int | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.lock_file = data_folder_lock(self.data_dir)
        self.store: ClinicStore | None = None
        self.workspaces: dict[int, Workspace] = {}
        self.current: Workspace | None = None
        self.sign_in_screen: SignInScreen | None = None
        self.wizard: QWidget | None = None
        self.checker: _StructureCheck | None = None
        #: the open file's structure is known good (checked, or unchanged since a check)
        self.structure_good = False
        #: who unlocked the encrypted clinic while its check runs (a backup may need it)
        self._unlocked_by: Credential | None = None
        self._key: bytes | None = None
        #: a backup chosen to restore into a folder whose database is missing (encrypted: the
        #: next sign-in unlocks it)
        self._restore_on_sign_in: Path | None = None
        self._fixed_idle_ms = idle_ms
        self.idle = IdleWatcher(idle_ms or 10 * 60 * 1000, self)
        self.idle.idle.connect(self.lock)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(AUTO_BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.daily_backup)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.timeout.connect(self._check_in_background)

    # --- start-up -------------------------------------------------------------------------
    #: Files larger than this, unless unchanged since a passed check, get their structural
    #: check in the background once opened (quick_check reads the whole file: seconds).
    INLINE_CHECK_BYTES = 64 * 1024 * 1024
    #: After an encrypted clinic is unlocked, its background check starts this much later:
    #: once the main window is up (which it would slow), while the person reads Today.
    CHECK_AFTER_MS = 1500

    def start(self) -> bool:
        """Check and open the data folder, then show the wizard or the sign-in screen.

        A new clinic is made only in an empty folder; a folder with backups but no database is
        never taken for a new clinic; an encrypted clinic opens when someone signs in.
        """
        if not operations.run(None, None, self.lock_file.acquire, title=CANNOT_START):
            return False
        from iopdesk.gui.server_memory import saved_connection

        server = saved_connection(self.data_dir)
        if server is not None:
            from iopdesk.services.admin.server_connection import open_saved_connection

            opened = operations.run(
                None,
                None,
                lambda: open_saved_connection(self.data_dir, server),
                title=CANNOT_START,
            )
            return bool(opened) and self._opened(opened.result)
        state = operations.run(
            None, None, lambda: prepare_folder(self.data_dir), title=CANNOT_START
        )
        if not state:
            return False
        if state.result == MISSING:
            return self._offer_missing()
        if state.result == NEW:
            made = operations.run(
                None, None, lambda: create_clinic(self.data_dir), title=CANNOT_START
            )
            return bool(made) and self._opened(made.result, may_join_server=True)
        if is_encrypted(self.data_dir):
            self.show_sign_in()
            return True
        if self._check_later():
            self.show_sign_in(PLAIN_NOTE)  # up first: opening loads the database code
            QTimer.singleShot(OPEN_AFTER_MS, self._open_and_check)
            return True
        opened = operations.run(None, None, self._open, title=CANNOT_START)
        return bool(opened) and self._opened(opened.result)

    def _open_and_check(self) -> None:
        """A large plain clinic: opened once the sign-in window is up, checked in a thread."""
        opened = operations.run(None, None, lambda: self._open(True), title=CANNOT_START)
        if not (opened and self._opened(opened.result, show=False)):
            QApplication.instance().quit()
            return
        self._check_in_background()

    def _check_later(self) -> bool:
        """A large file without a remembered verdict: opened at once, checked in a thread."""
        db_path = paths.database_path(self.data_dir)
        return db_path.stat().st_size > self.INLINE_CHECK_BYTES and not checked_before(
            self.data_dir
        )

    def _offer_missing(self) -> bool:
        """The database is gone but the folder held a clinic: explain, offer the newest good
        backup (never a new, empty clinic)."""
        problem = missing_database(self.data_dir)
        if problem.newest is None:
            prompts.error(None, "The clinic database is missing", problem.message)
            return False
        if not prompts.confirm(
            None,
            "The clinic database is missing",
            f"{problem.message}\n\nRestore the backup made {problem.newest.label} now? Anything "
            "entered after that moment is not in it.",
            "Restore backup",
        ):
            return False
        if problem.newest.encrypted:
            self._restore_on_sign_in = problem.newest.path
            self.show_sign_in(
                "Sign in with a password that was valid when the backup was made, to unlock "
                "and restore it."
            )
            return True
        restored = operations.run(
            None,
            None,
            lambda: restore_backup(self.data_dir, problem.newest.path, None),
            title=CANNOT_START,
        )
        return bool(restored) and self._opened(self._store())

    def _store(self) -> ClinicStore:
        return ClinicStore(self.data_dir, paths.database_path(self.data_dir))

    def _check_in_background(self) -> None:
        """Run the quick_check on its own connection while people work (see the docstring)."""
        self.structure_good = False
        self.checker = _StructureCheck(paths.database_path(self.data_dir), self._key)
        self.checker.checked.connect(self._structure_checked)
        self.checker.start()

    def _structure_checked(self, health: FileHealth) -> None:
        self.checker.wait()
        self.checker = None
        if health.ok:
            self.structure_good = True
            self._unlocked_by = None
            return
        self._stop_using_damaged(health)

    def _stop_using_damaged(self, health: FileHealth) -> None:
        """Damage found after the file was opened: close every window and the database, move
        the file aside, offer the newest good backup; then sign in again (or quit)."""
        self.idle.stop()
        for window in QApplication.topLevelWidgets():
            window.hide()  # charts, plans, sheets: every person's, nothing more is saved
        for ws in self.workspaces.values():
            ws.window.deleteLater()
        self.workspaces.clear()
        self.current = None
        if self.sign_in_screen is not None:
            self.sign_in_screen.hide()
        close_clinic()
        self.store = None
        credential, self._unlocked_by = self._unlocked_by, None
        damaged = DamagedDatabase(
            "The check of the clinic database found it damaged, so IOPdesk has stopped using "
            "it. " + health.problem,
            paths.database_path(self.data_dir),
        )
        restored = operations.run(
            None, None, lambda: self._recover(damaged, credential), title=CANNOT_START
        )
        if not (restored and self._opened(restored.result, show=False)):
            QApplication.instance().quit()
            return
        self.show_sign_in("The backup was restored. Please sign in again.")

    def _sign_in(self, username: str, password: str) -> Actor | None:
        """Sign in; an encrypted clinic not yet open is unlocked by the same password first
        (None: it was found damaged, and the backup offered instead)."""
        from iopdesk.services.admin import auth

        if self.store is None:
            credential = Credential(username, password)
            if self._restore_on_sign_in is not None:
                restore_backup(self.data_dir, self._restore_on_sign_in, None, credential)
                self._restore_on_sign_in = None  # restored and open: sign in as usual
                self._opened(self._store(), show=False)
                return auth.sign_in(username, password)
            self._key = unlock_key(self.data_dir, credential)
            later = self._check_later()
            store = self._open_unlocked(credential, later)
            if store is None:
                return None
            self._opened(store, show=False)
            if later:
                self._unlocked_by = credential
                self.structure_good = False
                self.check_timer.start(self.CHECK_AFTER_MS)
        return auth.sign_in(username, password)

    def _recover_with_key(self, recovery_key: str, username: str, password: str, repeat: str):
        """The recovery key opens the clinic; an administrator chooses a new password."""
        actor = recover_with_recovery_key(self.data_dir, recovery_key, username, password, repeat)
        if self.store is None:
            self._opened(self._store(), show=False)
        return actor

    def _open_unlocked(self, credential: Credential, later: bool) -> ClinicStore | None:
        try:
            return open_clinic(self.data_dir, key=self._key, structure_checked=later)
        except DamagedDatabase as exc:
            if self.sign_in_screen is not None:
                self.sign_in_screen.hide()
            return self._recover(exc, credential)

    def _opened(
        self, store: ClinicStore | None, *, show: bool = True, may_join_server: bool = False
    ) -> bool:
        from iopdesk.services.admin import clinic

        self.store = store
        if store is None:
            return False
        self.structure_good = True  # checked as it opened, or unchanged since (or a server)
        QApplication.instance().installEventFilter(self.idle)
        self.backup_timer.start()
        if not show:
            if self.sign_in_screen is not None:
                self.sign_in_screen.set_clinic_name(clinic.clinic_info().name)
            return True
        if clinic.is_set_up():
            self.show_sign_in("" if is_encrypted(self.data_dir) else PLAIN_NOTE)
        else:
            from iopdesk.gui.first_run import FirstRunWizard

            connect = self._connect_server if may_join_server else None
            self.wizard = FirstRunWizard(connect=connect)
            self.wizard.finished.connect(self._wizard_done)
            self.wizard.joined.connect(self._joined_server)
            self.wizard.show()
        return True

    def _open(self, later: bool = False) -> ClinicStore | None:
        try:
            return open_clinic(self.data_dir, structure_checked=later)
        except DamagedDatabase as exc:
            return self._recover(exc)

    def _recover(
        self, exc: DamagedDatabase, credential: Credential | None = None
    ) -> ClinicStore | None:
        """Never use a damaged file: move it aside and offer the newest good backup."""
        from iopdesk.services.admin import backups

        aside = set_aside_damaged(self.data_dir)
        newest = backups.newest_good_backup(backup_folders(self.data_dir))
        if newest is None:
            prompts.error(
                None,
                "The clinic database is damaged",
                f"{exc.message}\n\nThe damaged file was kept at {aside}. No backup "
                "was found in this data folder. Restore a backup from a USB stick "
                "with `iopdesk restore FILE`, or call your IT support.",
            )
            return None
        if not prompts.confirm(
            None,
            "The clinic database is damaged",
            f"{exc.message}\n\nIt was moved aside (not deleted) to {aside}.\n\nRestore the "
            f"newest good backup, made {newest.label}? Anything entered after that moment "
            "is not in it.",
            "Restore backup",
        ):
            return None
        restore_backup(self.data_dir, newest.path, None, credential)
        prompts.inform(
            None,
            "Backup restored",
            f"The backup made {newest.label} was restored. Please check the most recent records.",
        )
        if self.sign_in_screen is not None and credential is not None:
            self.sign_in_screen.show()
        return self._store()

    def _connect_server(self, connection: ServerConnection, password: str) -> ClinicStore:
        """The wizard's "Connect to the clinic's server" (the connection remembered here); if
        it fails, the new clinic on this PC (the same file, made again) stays the store."""
        from iopdesk.gui.server_memory import save_connection
        from iopdesk.services.admin.server_connection import join_server

        store = join_server(self.data_dir, connection, password)
        save_connection(self.data_dir, connection)
        self.store = store
        return store

    def _joined_server(self) -> None:
        if self.wizard is not None:
            self.wizard.close()
            self.wizard = None
        self.show_sign_in()

    def _wizard_done(self, actor: Actor) -> None:
        if self.wizard is not None:
            self.wizard.close()
            self.wizard = None
        self.enter(actor)

    # --- signing in, locking --------------------------------------------------------------
    def show_sign_in(self, note: str = "") -> SignInScreen:
        if self.sign_in_screen is None:
            name = self._clinic_name() if self.store is not None else "IOPdesk"
            recover = self._recover_with_key if is_encrypted(self.data_dir) else None
            self.sign_in_screen = SignInScreen(name, sign_in=self._sign_in, recover=recover)
            self.sign_in_screen.signed_in.connect(self.enter)
        self.sign_in_screen.show_sign_in(note)
        self.sign_in_screen.show()
        QTimer.singleShot(PRELOAD_AFTER_MS, _load_main_window)
        return self.sign_in_screen

    def _clinic_name(self) -> str:
        from iopdesk.services.admin import clinic

        return clinic.clinic_info().name

    def enter(self, actor: Actor) -> None:
        """A person signed in: back to their own workspace, or a new one."""
        from iopdesk.services.admin import auth

        if auth.must_change_password(actor):
            from iopdesk.gui.change_password import ChangePasswordDialog

            if not ChangePasswordDialog(actor, required=True).exec():
                self.show_sign_in("Your password must be changed before you can continue.")
                return
        if self.sign_in_screen is not None:
            self.sign_in_screen.hide()
        workspace = self.workspaces.get(actor.staff_id)
        if workspace is None:
            from iopdesk.gui.main_window import MainWindow  # after sign-in: faster first screen

            window = MainWindow(WindowContext(actor, EventHub(), self.store))
            window.lock_requested.connect(self.lock)
            window.sign_out_requested.connect(window.close)
            window.closed.connect(lambda sid=actor.staff_id: self._closed(sid))
            window.ctx.hub.settings_changed.connect(self._apply_settings)
            window.ctx.hub.restore_requested.connect(lambda path, a=actor: self.restore(path, a))
            workspace = Workspace(actor, window)
            self.workspaces[actor.staff_id] = workspace
        self.current = workspace
        prompts.use_folders_of(actor.username)  # file choosers start in this person's folder
        workspace.show()
        self._apply_settings()
        self.idle.start()

    def lock(self) -> None:
        """Hide the current person's windows (nothing is closed or lost) and show the lock."""
        if self.current is None:
            return
        self.idle.stop()
        self.current.hide(keep=self.sign_in_screen)
        screen = self.show_sign_in()
        screen.show_locked(self.current.actor, len(self.workspaces) - 1)

    def _closed(self, staff_id: int) -> None:
        workspace = self.workspaces.pop(staff_id, None)
        if workspace is self.current:
            self.current = None
        self.idle.stop()
        if self.workspaces:
            self.show_sign_in("Signed out. The other signed-in colleagues' work is kept for them.")
        else:
            QApplication.instance().quit()

    def _apply_settings(self) -> None:
        from iopdesk.services.admin import clinic

        if self._fixed_idle_ms is None:
            self.idle.set_timeout(int(clinic.get_setting("idle_lock_minutes")) * 60 * 1000)

    # --- backups and shutdown -------------------------------------------------------------
    def daily_backup(self) -> None:
        """At least daily while open, when something changed."""
        from iopdesk.services.admin import backups

        if self.store is None:
            return
        last = backups.last_backup_time(self.store.backups_dir)
        if last is None or dt.datetime.now() - last > dt.timedelta(hours=24):
            self._auto_backup()

    def _auto_backup(self) -> None:
        from iopdesk.services.admin import backups

        store = self.store
        made = operations.run(
            None,
            None,
            lambda: backups.auto_backup(store.db_path, store.backups_dir),
            errors=_log_backup_problem,
        )
        if not made or made.result is not None:  # made, or failed: the status bar says which
            for ws in self.workspaces.values():
                ws.window.ctx.hub.announce_backup()

    def restore(self, backup_file: str, actor: Actor) -> None:
        """Restore chosen by an administrator: everyone's workspace closes, then sign in."""
        for ws in list(self.workspaces.values()):
            ws.window.hide()
        if not operations.run(
            None,
            None,
            lambda: restore_backup(self.data_dir, Path(backup_file), actor),
            title="Backup not restored",
        ):
            for ws in self.workspaces.values():
                ws.show()
            return
        for ws in list(self.workspaces.values()):
            ws.window.deleteLater()
        self.workspaces.clear()
        self.current = None
        self.show_sign_in("The backup was restored. Please sign in again.")

    def shutdown(self) -> None:
        """Stop timers and watchers, make the exit backup, close the database, unlock."""
        self.idle.stop()
        self.backup_timer.stop()
        self.check_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        if self.checker is not None:
            self.checker.wait()  # a thread must not outlive its QThread object
        if self.store is not None and self.store.db_path.exists():
            self._auto_backup()
        close_clinic(checked=self.structure_good)
        self.lock_file.release()


def _load_main_window() -> None:
    """Load what signing in and the main window need (argon2, the services, Today, the areas,
    the chart's tabs) while the person types, where after Enter it would be waited for."""
    _load_next(loading_steps())


#: Loaded while the person types: what unwrapping the key, opening the file and signing in
#: import on first use, then the main window's code.
_PRELOADED = (
    "argon2",
    "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.hkdf",
    "iopdesk.services.admin.server_move",
    "iopdesk.services.admin.auth",
    "iopdesk.gui.main_window",
)


def loading_steps() -> Iterator[Callable[[], object]]:
    """What is loaded while the person types, step by step; the last sets the loaded code
    aside from the cycle collector (see ``iopdesk.memory``)."""
    for module in _PRELOADED:
        yield functools.partial(importlib.import_module, module)
    from iopdesk.gui import registry
    from iopdesk.memory import set_aside_loaded_code

    yield from (registry.today_panels, registry.areas, registry.chart_tabs)
    yield set_aside_loaded_code


def _load_next(steps: Iterator[Callable[[], object]]) -> None:
    """One loading step, then a turn of the event loop (keys typed meanwhile are shown)."""
    step = next(steps, None)
    if step is not None:
        step()
        QTimer.singleShot(0, lambda: _load_next(steps))


def _log_backup_problem(message: str) -> None:
    """An automatic backup that failed is logged, not shown (it runs unasked, even at exit)."""
    if message:  # operations clears its target with "" after a success
        import logging  # not before the sign-in window: nothing is logged until now

        logging.getLogger("iopdesk").warning("automatic backup failed: %s", message)


def error_report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """What the log keeps of an unexpected error: each exception's type and where it was
    raised, never its message (a message can quote a record: a name, a note)."""
    import traceback  # only when something went wrong: not before the first window

    lines = []
    seen: BaseException | None = value
    while seen is not None:
        lines.append(f"{type(seen).__module__}.{type(seen).__qualname__}\n")
        lines.extend(traceback.format_tb(seen.__traceback__))
        seen = seen.__cause__ or seen.__context__
    return "".join(lines)


def _excepthook(data_dir: Path):
    """No traceback reaches a person: it goes to the log file (0600, in a 0700 folder, with no
    record contents), they get a plain sentence."""
    logs = paths.logs_dir(data_dir)

    def hook(kind, value, tb) -> None:
        with contextlib.suppress(OSError):  # an unwritable log must not hide the sentence
            private_folder(logs)
            log_file = logs / "errors.log"
            fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(f"--- {dt.datetime.now().isoformat()}\n")
                fh.write(error_report(kind, value, tb))
            make_private(log_file)
        message = (
            value.message
            if isinstance(value, DomainError)
            else (
                "Something unexpected went wrong. Nothing you saved is lost; the details were "
                f"written to {logs / 'errors.log'} for your IT support."
            )
        )
        prompts.error(None, "IOPdesk", message)

    return hook


def application() -> QApplication:
    """The Qt application as IOPdesk runs it: its name and the clinic's style sheet."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("IOPdesk")
    style = paths.resource_path("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def _return_freed_memory() -> None:
    from iopdesk.memory import return_freed_memory

    return_freed_memory()


def run(data_dir_option: str | None = None) -> int:
    """Open the GUI on a data folder; returns the process exit code."""
    app = application()
    folder = paths.data_dir(data_dir_option)
    sys.excepthook = _excepthook(folder)
    controller = AppController(folder)
    if not controller.start():
        return 2
    # Once the sign-in window is up (ctypes is not worth its import before it), and long
    # before anyone has typed a password: the first argon2 block must find it set.
    QTimer.singleShot(100, _return_freed_memory)
    if os.environ.get(STARTUP_PROBE):
        app.processEvents()
        os._exit(0)  # the benchmark's cold start: the first screen is up, that is the moment
    code = app.exec()
    controller.shutdown()
    return code


def main() -> int:
    return run(None)
