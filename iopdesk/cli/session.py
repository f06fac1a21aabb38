"""What commands share: opening the clinic and signing a person in."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from iopdesk import paths
from iopdesk.errors import DomainError
from iopdesk.services.admin import auth, clinic
from iopdesk.services.context import Actor
from iopdesk.services.store import ClinicStore, open_clinic

ENV_PASSWORD = "IOPDESK_PASSWORD"


def store_for(args: argparse.Namespace) -> ClinicStore:
    """Open (check and migrate) the clinic in the chosen data folder."""
    return open_clinic(paths.data_dir(getattr(args, "data_dir", None)))


def signed_in(args: argparse.Namespace) -> Actor:
    """Sign in the ``--user`` (password from $IOPDESK_PASSWORD or asked on the terminal)."""
    if not clinic.is_set_up():
        raise DomainError(
            "This data folder has no clinic yet: start IOPdesk to set it up, "
            "or build a demo with `iopdesk demo`."
        )
    username = getattr(args, "user", None)
    if not username:
        raise DomainError("This command needs a staff sign-in: add --user YOUR_USER_NAME.")
    password = os.environ.get(ENV_PASSWORD)
    if password is None:
        if not sys.stdin.isatty():
            raise DomainError(f"No password given: set {ENV_PASSWORD} or run it in a terminal.")
        password = getpass.getpass(f"Password for {username}: ")
    return auth.sign_in(username, password)


def add_common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    from iopdesk.cli import add_common as _add

    _add(parser)
    return parser
