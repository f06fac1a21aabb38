"""Writing a file the person chose to save: a disk problem is a sentence, like any refusal."""

from __future__ import annotations

from pathlib import Path

from iopdesk.errors import DomainError


def write_file(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path``; a full disk or a read-only stick raises a DomainError, so
    the screen shows it through ``operations.run`` as it shows a service's refusal."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise DomainError(
            f"The file could not be saved to {path} ({exc.strerror or exc})."
        ) from exc
