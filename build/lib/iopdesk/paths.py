"""Where IOPdesk keeps its data and finds its resources (the only module importing appdirs)."""

from __future__ import annotations

import os
from importlib import resources as _resources
from pathlib import Path

import appdirs

from iopdesk import APP_NAME

ENV_DATA_DIR = "IOPDESK_DATA_DIR"
DATABASE_FILE = "clinic.iopdesk"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the explicit option, else $IOPDESK_DATA_DIR, else the user data folder."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR) or appdirs.user_data_dir(APP_NAME, APP_NAME)
    return Path(chosen).expanduser().resolve()


def database_path(folder: Path) -> Path:
    return folder / DATABASE_FILE


def backups_dir(folder: Path) -> Path:
    return folder / "backups"


def aside_dir(folder: Path) -> Path:
    """Where damaged or replaced database files are kept, never deleted."""
    return folder / "set-aside"


def resource_path(*parts: str) -> Path:
    """A file shipped in ``resources/`` (works from a checkout, a wheel or a frozen bundle)."""
    base = Path(str(_resources.files("iopdesk._resources")))
    return base.joinpath(*parts)
