"""Where IOPdesk keeps its data and finds its resources (the only module importing appdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

from iopdesk import APP_NAME

ENV_DATA_DIR = "IOPDESK_DATA_DIR"
DATABASE_FILE = "clinic.iopdesk"
KEY_FILE = "clinic.keys"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the explicit option, else $IOPDESK_DATA_DIR, else the user data folder."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR) or appdirs.user_data_dir(APP_NAME, APP_NAME)
    return Path(chosen).expanduser().resolve()


def database_path(folder: Path) -> Path:
    return folder / DATABASE_FILE


def key_file_path(folder: Path) -> Path:
    """The encrypted clinic's key file (its database key, wrapped per password)."""
    return folder / KEY_FILE


def key_file_beside(db_path: Path) -> Path:
    return Path(db_path).with_name(KEY_FILE)


def moved_note_path(folder: Path) -> Path:
    """The note left by ``iopdesk server move``: the clinic now lives on a server."""
    return folder / "moved-to-server.json"


def logs_dir(folder: Path) -> Path:
    return folder / "logs"


def backups_dir(folder: Path) -> Path:
    return folder / "backups"


def aside_dir(folder: Path) -> Path:
    """Where damaged or replaced database files are kept, never deleted."""
    return folder / "set-aside"


def resource_path(*parts: str) -> Path:
    """A file from ``resources/``, wherever IOPdesk runs: checkout, editable, wheel or bundle."""
    return resources_root().joinpath(*parts)


def resources_root() -> Path:
    """The folder holding IOPdesk's resources (fonts, style sheet, icons, guide)."""
    # A wheel and the frozen bundle carry them inside the package (setup.py's build step and
    # packaging/iopdesk.spec copy them there); a checkout keeps its one source copy at the top.
    # (Found beside this module rather than through importlib.resources, whose import the
    # sign-in window would wait for: IOPdesk is never run from a zip.)
    shipped = Path(__file__).resolve().parent / "resources"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "resources"
