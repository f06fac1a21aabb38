"""Which clinic server this user connected to from a data folder (the user's settings, never
the password: that is in the operating system's password store).

Read at every start, before the sign-in window: the connection's code (and hashing the folder's
name) is loaded only when this user has ever connected to a server.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from iopdesk.services.admin.server_connection import ServerConnection

GROUP = "clinic_server"


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "IOPdesk", "IOPdesk")


def _key(data_dir: Path) -> str:
    import hashlib

    # One connection per data folder (a demo folder on a USB stick keeps its own file).
    return f"{GROUP}/" + hashlib.sha256(str(Path(data_dir)).encode()).hexdigest()[:16]


def saved_connection(data_dir: Path) -> ServerConnection | None:
    """The server this user connected to from ``data_dir`` (None: the clinic is a file)."""
    settings = _settings()
    if GROUP not in settings.childGroups():
        return None  # never connected to a server from any folder
    text = settings.value(_key(data_dir), "")
    if not text:
        return None
    from iopdesk.services.admin.server_connection import ServerConnection

    try:
        return ServerConnection(**json.loads(str(text)))
    except (TypeError, ValueError):
        return None


def save_connection(data_dir: Path, connection: ServerConnection) -> None:
    """Remember the server (never its password: that is in the password store)."""
    _settings().setValue(_key(data_dir), json.dumps(connection.__dict__))
