"""PostgreSQL roles: the owner builds and upgrades the schema; the app works as another role.

A clinic on a server has two roles. The owner (who created the tables) runs the migrations and
nothing else. IOPdesk itself connects as an app role that owns nothing, so it cannot drop a
table or set a trigger aside, and that may only read and append to the audit trail: it has no
UPDATE, DELETE or TRUNCATE there (and the triggers refuse them even to the owner). The schema
version is read-only to it. ``grant_app_role`` gives those rights; the owner runs it after
creating the clinic and after every upgrade (a new table has no grants until then).
``iopdesk server setup`` creates the app role (``ensure_app_role``) and calls it.
"""

from __future__ import annotations

import re

import peewee

#: Tables the app may only read, and the one it may only read and append to.
READ_ONLY = frozenset({"schema_version"})
APPEND_ONLY = frozenset({"audit_event"})
_ROLE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def table_rights(table: str) -> str:
    """The privileges the app role holds on ``table``."""
    if table in READ_ONLY:
        return "SELECT"
    if table in APPEND_ONLY:
        return "SELECT, INSERT"
    return "SELECT, INSERT, UPDATE, DELETE"


def grant_app_role(db: peewee.Database, role: str) -> None:
    """As the owner: give ``role`` exactly the app's rights on every table and sequence of the
    clinic's schema (anything granted before is revoked first)."""
    role_name(role)
    db.execute_sql(f'GRANT USAGE ON SCHEMA "{_schema(db)}" TO "{role}"')
    for table in db.get_tables():
        db.execute_sql(f'REVOKE ALL ON "{table}" FROM "{role}"')
        db.execute_sql(f'GRANT {table_rights(table)} ON "{table}" TO "{role}"')
    for (sequence,) in db.execute_sql(
        "SELECT sequence_name FROM information_schema.sequences "
        "WHERE sequence_schema = current_schema()"
    ):
        db.execute_sql(f'GRANT USAGE, SELECT ON SEQUENCE "{sequence}" TO "{role}"')


def role_name(text: str) -> str:
    """``text`` when it is a plain PostgreSQL role name (nothing to quote), else ValueError."""
    if not _ROLE.fullmatch(text):
        raise ValueError(f"{text!r} is not a plain PostgreSQL role name")
    return text


def ensure_app_role(db: peewee.Database, role: str, password: str, *, reset: bool) -> bool:
    """As the owner: create the app's login role with ``password`` (True), or keep the one
    there (False), giving it ``password`` only when asked to ``reset`` it."""
    role_name(role)
    exists = db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if exists and not reset:
        return False
    verb = "ALTER" if exists else "CREATE"
    # NOINHERIT and no CREATEDB/CREATEROLE: the app's role can do nothing beyond its grants.
    db.execute_sql(
        f'{verb} ROLE "{role}" LOGIN NOINHERIT NOCREATEDB NOCREATEROLE PASSWORD %s', (password,)
    )
    return not exists


def _schema(db: peewee.Database) -> str:
    return str(db.execute_sql("SELECT current_schema()").fetchone()[0])
