"""Domain errors: each carries a sentence a clinic worker can act on."""

from __future__ import annotations


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


class DatabaseProblem(DomainError):
    """The clinic database cannot be used as it is (damaged, too new, locked, read-only)."""


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
