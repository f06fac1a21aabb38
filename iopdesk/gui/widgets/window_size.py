"""Windows fit the screen they open on and come back at the size each person left them.

A window calls ``keep_size(self, user)`` once in its constructor. Each time it is shown it is
made to fit the free area of its screen (the taskbar excluded, its title bar included) and
moved wholly onto it; the first time, it takes the size this person last left it at (kept per
person and per kind of window in the user's settings, never any record's data). A window's
size follows the person, never the data it shows: a long list scrolls inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

#: Room kept for what the window manager draws around a window (title bar and borders), so
#: the whole frame fits; the real frame is used once the window has one.
FRAME = QSize(16, 40)


def settings() -> QSettings:
    """Where window sizes are kept: the person's own settings on this PC, not the clinic's
    data folder (each PC has its own screen)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "IOPdesk", "window-sizes"
    )


def screen_of(window: QWidget) -> QScreen:
    """The screen a window opens on: its owner's, else the one it is on."""
    owner = window.parentWidget()
    screen = (owner.window() if owner is not None else window).screen()
    return screen or QApplication.primaryScreen()


def room_on(screen: QScreen) -> QSize:
    """The largest size a window may take on ``screen`` with its frame still on it."""
    return screen.availableGeometry().size() - FRAME


def fit_to_screen(window: QWidget) -> None:
    """Shrink the window to its screen's free area and move it wholly onto it (a maximized
    window is the window manager's to fit)."""
    if window.isMaximized() or window.isFullScreen():
        return
    screen = screen_of(window)
    area = screen.availableGeometry()
    extra = window.frameGeometry().size() - window.size()
    if extra.isEmpty():  # no frame yet: keep room for the one the window manager will add
        extra = FRAME
    size = window.size().boundedTo(area.size() - extra)
    # Through QWidget itself: a window may have a method of its own called move or resize
    # (the session dialog moves a session).
    if size != window.size():
        QWidget.resize(window, size)
    frame = QRect(window.pos(), size + extra)
    if not area.contains(frame):
        left = min(max(frame.left(), area.left()), area.right() + 1 - frame.width())
        top = min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height())
        QWidget.move(window, max(left, area.left()), max(top, area.top()))


class _SizeKeeper(QObject):
    """Watches one window: fits it when shown, remembers its size when hidden."""

    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self.key = key
        self.restored = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            if not self.restored:
                self.restored = True
                self._restore(watched)
            fit_to_screen(watched)
        elif kind == QEvent.Type.Hide and isinstance(watched, QWidget) and self.restored:
            self._remember(watched)
        return False

    def _restore(self, window: QWidget) -> None:
        stored = settings()
        size = stored.value(f"{self.key}/size")
        if isinstance(size, QSize) and size.isValid():
            QWidget.resize(window, size.expandedTo(window.minimumSize()))
        if stored.value(f"{self.key}/maximized", False, bool):
            from PySide6.QtCore import Qt  # here, not at the top: see iopdesk.gui.forms

            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def _remember(self, window: QWidget) -> None:
        maximized = window.isMaximized()
        stored = settings()
        size = window.normalGeometry().size() if maximized else window.size()
        if size.isValid():
            stored.setValue(f"{self.key}/size", size)
        stored.setValue(f"{self.key}/maximized", maximized)


def keep_size(window: QWidget, user: str, name: str = "") -> None:
    """Fit ``window`` to its screen whenever shown and bring back the size ``user`` left it
    at (``name``: the kind of window, by default its class)."""
    person = user or "anyone"  # before sign-in: the PC's own windows
    _SizeKeeper(window, f"{person}/{name or type(window).__name__}")
