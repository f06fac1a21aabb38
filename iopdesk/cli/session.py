"""What commands share: opening (unlocking) the clinic and signing a person in."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from iopdesk import paths
from iopdesk.errors import DomainError
from iopdesk.private_files import write_whole
from iopdesk.services.admin import auth, clinic
from iopdesk.services.context import Actor
from iopdesk.services.store import (
    ClinicStore,
    Credential,
    is_encrypted,
    open_clinic,
    unlock_clinic,
)

ENV_PASSWORD = "IOPDESK_PASSWORD"
ENV_RECOVERY_KEY = "IOPDESK_RECOVERY_KEY"


def data_folder(args: argparse.Namespace) -> Path:
    return paths.data_dir(getattr(args, "data_dir", None))


def store_for(args: argparse.Namespace) -> ClinicStore:
    """Open (check and migrate) the clinic in the chosen data folder; an encrypted clinic is
    unlocked with the ``--user``'s password (or ``--recovery-key`` where a command takes it)."""
    folder = data_folder(args)
    if is_encrypted(folder):
        return unlock_clinic(folder, credential(args))
    return open_clinic(folder)


def credential(args: argparse.Namespace, *, required: bool = True) -> Credential:
    """The ``--recovery-key`` (asked for, or $IOPDESK_RECOVERY_KEY) or the ``--user`` and their
    password ($IOPDESK_PASSWORD, or asked on the terminal); asked once per command."""
    if getattr(args, "recovery_key", False):
        key = _secret(args, ENV_RECOVERY_KEY, "Recovery key: ", "recovery key")
        return Credential(recovery_key=key)
    username = getattr(args, "user", None)
    if not username:
        if not required:
            return Credential()
        extra = " or --recovery-key" if hasattr(args, "recovery_key") else ""
        raise DomainError(
            f"This clinic is encrypted: add --user YOUR_USER_NAME{extra} to open it."
            if is_encrypted(data_folder(args))
            else "This command needs a staff sign-in: add --user YOUR_USER_NAME."
        )
    password = _secret(args, ENV_PASSWORD, f"Password for {username}: ", "password")
    return Credential(username, password)


def signed_in(args: argparse.Namespace) -> Actor:
    """Sign in the ``--user`` (password from $IOPDESK_PASSWORD or asked on the terminal)."""
    if not clinic.is_set_up():
        raise DomainError(
            "This data folder has no clinic yet: start IOPdesk to set it up, "
            "or build a demo with `iopdesk demo`."
        )
    if not getattr(args, "user", None):
        raise DomainError("This command needs a staff sign-in: add --user YOUR_USER_NAME.")
    who = credential(args)
    return auth.sign_in(who.username, who.password)


def write_output(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write a document a command made: whole or not at all, readable by its owner only."""
    target = Path(path)
    try:
        write_whole(target, data)
    except OSError as exc:
        raise DomainError(f"The file could not be written to {target} ({exc.strerror or exc}).")
    return target


def add_common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    from iopdesk.cli import add_common as _add

    _add(parser)
    return parser


def add_recovery_key(parser: argparse.ArgumentParser) -> None:
    """``--recovery-key``: unlock with the printed recovery key instead of a password."""
    parser.add_argument(
        "--recovery-key",
        action="store_true",
        help=f"unlock with the clinic's recovery key (asked for, or ${ENV_RECOVERY_KEY})",
    )


def _secret(args: argparse.Namespace, variable: str, prompt: str, what: str) -> str:
    cached = f"_{variable.lower()}"
    if getattr(args, cached, None) is None:
        value = os.environ.get(variable)
        if value is None:
            if not sys.stdin.isatty():
                raise DomainError(f"No {what} given: set {variable} or run it in a terminal.")
            value = getpass.getpass(prompt)
        setattr(args, cached, value)
    return str(getattr(args, cached))
