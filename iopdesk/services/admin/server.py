"""The clinic's PostgreSQL server: set it up as its owner, and say what each workstation needs."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import peewee

from iopdesk.db import migrations, server_roles
from iopdesk.db.connection import close_database, open_database
from iopdesk.errors import DomainError

SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class ServerAddress:
    """Where a clinic database lives on a server: host, port, database, and how to connect."""

    host: str
    port: int | None
    database: str
    username: str = ""
    password: str = ""
    query: str = ""

    @property
    def location(self) -> str:
        """Host, port and database (never a password): for sentences and logs."""
        where = f"{self.host}:{self.port}" if self.port else self.host
        return f"{where}/{self.database}"

    @property
    def sslmode(self) -> str:
        found = re.search(r"(?:^|&)sslmode=([a-z-]+)", self.query)
        return found.group(1) if found else ""

    def url(self, username: str | None = None, password: str | None = None) -> str:
        """The connection URL, as ``username`` (with ``password``) when given."""
        user = self.username if username is None else username
        secret = self.password if password is None else password
        login = quote(user, safe="") + (f":{quote(secret, safe='')}" if secret else "")
        netloc = f"{login}@{self.host}" if login else self.host
        if self.port:
            netloc += f":{self.port}"
        return urlunsplit(("postgresql", netloc, f"/{quote(self.database)}", self.query, ""))


def parse_address(url: str) -> ServerAddress:
    """A ``postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=require]`` URL, checked."""
    parts = urlsplit(url.strip())
    database = unquote(parts.path.lstrip("/"))
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in SCHEMES or not parts.hostname or not database or port == -1:
        raise DomainError(
            f"{_without_password(url)!r} is not a server address IOPdesk understands: write "
            "it as postgresql://USER@HOST/DATABASE (add :PORT after the host if it is not "
            "5432, and ?sslmode=require to insist on an encrypted connection)."
        )
    return ServerAddress(
        parts.hostname,
        port,
        database,
        unquote(parts.username or ""),
        unquote(parts.password or ""),
        parts.query,
    )


def default_app_role(address: ServerAddress) -> str:
    """The app role's name for a clinic database: ``<database>_app``, as a plain role name."""
    base = re.sub(r"[^a-z0-9_]", "_", address.database.lower())
    if not base or not (base[0].isalpha() or base[0] == "_"):
        base = f"iopdesk_{base}"
    return f"{base[:58]}_app"


@dataclass(frozen=True)
class ServerSetUp:
    """What ``set_up_server`` did, and what each workstation needs to connect."""

    address: ServerAddress
    schema_version: int
    app_role: str
    #: the app role's new password (shown once), or "" when the role kept its password
    app_password: str
    role_created: bool

    @property
    def workstation_url(self) -> str:
        """The URL a workstation connects with (the password left out when it was kept)."""
        return self.address.url(self.app_role, self.app_password)


def set_up_server(owner_url: str, app_role: str = "", *, new_password: bool = False) -> ServerSetUp:
    """As the owner of the database at ``owner_url``: create or upgrade the clinic's schema,
    create the app role (a new password for it, or with ``new_password``), and give it exactly
    the rights the app needs. Running it again after an upgrade grants the new tables."""
    address = parse_address(owner_url)
    role = app_role or default_app_role(address)
    if role == address.username:
        raise DomainError(
            "The workstations' role must not be the owner: the owner may change the schema "
            "and the audit trail's rules. Choose another --app-role."
        )
    try:
        server_roles.role_name(role)
    except ValueError:
        raise DomainError(
            f"{role!r} is not a plain role name: use lower-case letters, digits and _."
        )
    db = open_database(address.url())
    try:
        version = migrations.migrate(db)
        password = secrets.token_urlsafe(24)
        with db.atomic():
            created = server_roles.ensure_app_role(db, role, password, reset=new_password)
            server_roles.grant_app_role(db, role)
    except peewee.DatabaseError as exc:
        raise DomainError(
            f"The server refused the set-up ({first_line(exc)}). Run it as the clinic "
            "database's owner, a role that may also create roles (CREATEROLE)."
        )
    finally:
        close_database()
    return ServerSetUp(address, version, role, password if created or new_password else "", created)


def first_line(said: BaseException | str) -> str:
    """The server's (or a program's) own words, first line only, without a full stop."""
    return (str(said).strip().splitlines() or [type(said).__name__])[0].rstrip(".")


def _without_password(url: str) -> str:
    return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", url)
