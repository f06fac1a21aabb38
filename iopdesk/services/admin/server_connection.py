"""A workstation's connection to the clinic's server: checked by connecting, the password kept
in the operating system's password store (``keyring``), never in a file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from iopdesk.errors import DomainError, ValidationError

if TYPE_CHECKING:
    from iopdesk.services.store import ClinicStore

T = TypeVar("T")

#: The name IOPdesk's entries carry in the operating system's password store.
KEYRING_SERVICE = "IOPdesk clinic server"
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerConnection:
    """Where the clinic's server is and who this workstation connects as (no password)."""

    host: str
    database: str
    username: str
    port: int = DEFAULT_PORT
    #: sslmode=require: the connection is encrypted, or refused
    require_tls: bool = True

    def url(self, password: str) -> str:
        from iopdesk.services.admin.server import ServerAddress  # loaded only when connecting

        query = "sslmode=require" if self.require_tls else ""
        address = ServerAddress(self.host, self.port, self.database, self.username, "", query)
        return address.url(password=password)

    @property
    def keyring_name(self) -> str:
        return f"{self.username}@{self.host}:{self.port}/{self.database}"

    @property
    def location(self) -> str:
        return f"{self.host}:{self.port}/{self.database}"


def check_connection_form(host: str, port: str, database: str, username: str) -> int:
    """The port as a number, once every field is filled in sensibly (else ValidationError)."""
    problems = {}
    if not host.strip():
        problems["host"] = "Enter the server's name or address (ask your IT support)."
    if not database.strip():
        problems["database"] = "Enter the clinic database's name."
    if not username.strip():
        problems["username"] = "Enter the user name the server set-up printed."
    number = DEFAULT_PORT
    if port.strip():
        try:
            number = int(port.strip())
        except ValueError:
            number = 0
        if not 0 < number < 65536:
            problems["port"] = "The port is a whole number from 1 to 65535 (usually 5432)."
    if problems:
        raise ValidationError(problems)
    return number


def connect_to_server(data_dir: Path, connection: ServerConnection, password: str) -> ClinicStore:
    """Open the clinic on the server (checked and upgraded as a file is), then keep the
    password in the operating system's password store for the next start."""
    from iopdesk.services.store import open_clinic

    store = open_clinic(Path(data_dir), database_url=connection.url(password))
    _keyring_call(lambda k: k.set_password(KEYRING_SERVICE, connection.keyring_name, password))
    return store


def join_server(data_dir: Path, connection: ServerConnection, password: str) -> ClinicStore:
    """The first-run wizard's "Connect to the clinic's server": the empty clinic just made on
    this PC gives way to the server's; if the server cannot be used, a new empty one is made
    again, so "This PC only" stays possible."""
    from iopdesk.services.store import close_clinic, create_clinic, discard_new_clinic

    close_clinic()
    discard_new_clinic(Path(data_dir))
    try:
        return connect_to_server(data_dir, connection, password)
    except DomainError:
        create_clinic(Path(data_dir))
        raise


def open_saved_connection(data_dir: Path, connection: ServerConnection) -> ClinicStore:
    """Open the clinic on the server this workstation was connected to, with the password
    from the operating system's password store."""
    from iopdesk.services.store import open_clinic

    password = _keyring_call(lambda k: k.get_password(KEYRING_SERVICE, connection.keyring_name))
    return open_clinic(Path(data_dir), database_url=connection.url(password or ""))


def forget_password(connection: ServerConnection) -> None:
    """Remove the saved password (this workstation stops connecting by itself)."""
    import keyring.errors

    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        _keyring_call(lambda k: k.delete_password(KEYRING_SERVICE, connection.keyring_name))


def _keyring_call(call: Callable[[Any], T]) -> T:
    import keyring
    import keyring.errors

    try:
        return call(keyring)
    except keyring.errors.PasswordDeleteError:
        raise
    except keyring.errors.KeyringError as exc:
        raise DomainError(
            "This computer has no password store IOPdesk can use to keep the server's "
            f"password ({exc}). Ask your IT support to set one up (Windows Credential "
            "Manager, macOS Keychain, or the Secret Service on Linux)."
        )
