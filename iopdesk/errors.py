"""Domain errors: each carries a sentence a clinic worker can act on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping


class DomainError(Exception):
    """An expected failure with a plain-language message for the person at the desk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Input that cannot be saved; ``fields`` maps a form field name to what to fix there."""

    def __init__(self, fields: dict[str, str] | str, message: str | None = None) -> None:
        if isinstance(fields, str):
            fields = {"": fields}
        self.fields: dict[str, str] = dict(fields)
        text = message or " ".join(self.fields.values())
        super().__init__(text)


class PermissionDenied(DomainError):
    """The signed-in person's role does not allow this action."""


class NotFound(DomainError):
    """The record asked for does not exist (or is not visible)."""


class SignInFailed(DomainError):
    """Generic sign-in failure: never says whether the name or the password was wrong."""


class NeedsConfirmation(DomainError):
    """A warning the user may override by giving a reason (conflicts, capacity, ...)."""

    def __init__(self, message: str, warnings: list[str] | None = None) -> None:
        super().__init__(message)
        self.warnings = warnings or [message]


class ConflictError(DomainError):
    """Someone else saved this record after it was opened here: nothing was saved.

    Carries both versions (``mine``: what was submitted; ``theirs``: what is stored now, each a
    field label -> text mapping), who saved theirs and when, and ``current_version``: saving
    again with it keeps "mine" over "theirs", which the person must choose knowingly.
    """

    def __init__(
        self,
        *,
        what: str,
        record_type: str,
        record_id: int,
        client_id: int | None,
        changed_by: str,
        changed_at: dt.datetime | None,
        current_version: int,
        mine: Mapping[str, str],
        theirs: Mapping[str, str],
    ) -> None:
        when = f" on {changed_at:%Y-%m-%d} at {changed_at:%H:%M}" if changed_at else ""
        super().__init__(
            f"{changed_by} saved a change to this {what}{when}, after you opened it. Yours was "
            "not saved, so nothing of theirs was overwritten: look at both versions and choose."
        )
        self.what, self.record_type, self.record_id = what, record_type, record_id
        self.client_id = client_id
        self.changed_by, self.changed_at = changed_by, changed_at
        self.current_version = current_version
        self.mine, self.theirs = dict(mine), dict(theirs)
        #: what the refused use case declares it changes (set by services.context.use_case):
        #: the record did change, so every screen showing it should refresh
        self.changes: tuple[str, ...] = ()


class DatabaseProblem(DomainError):
    """The clinic database cannot be used as it is (damaged, too new, locked, read-only)."""


class ServerUnreachable(DatabaseProblem):
    """The clinic's server went away (restart, network); IOPdesk reconnects when it is back."""

    @classmethod
    def at(cls, server: str) -> ServerUnreachable:
        return cls(
            f"The clinic's server ({server}) cannot be reached: it may be restarting, or the "
            "network is down. Nothing was saved, and what you typed is still here: try again "
            "in a moment (IOPdesk reconnects by itself when the server is back)."
        )


class Collector:
    """Gathers field errors so a form reports every problem at once, then raises."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, message)

    def check(self, condition: bool, field: str, message: str) -> bool:
        if not condition:
            self.add(field, message)
        return condition

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)
