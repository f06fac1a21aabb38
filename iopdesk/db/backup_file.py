"""The backup file: a short plain header, then a copy of the clinic database.

The header says when the copy was made, its data version, the clinic's name, the SHA-256 of the
copy (so a damaged backup is found before it is needed) and, for an encrypted clinic, the key
file as it was (so a backup opens with any password valid when it was made, or the recovery key
of that time). The copy itself stays encrypted: nothing about a client is in plain bytes.
Older backups were the bare SQLite file; they are still read (without a checksum).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

from iopdesk.private_files import FILE_MODE, make_private

MAGIC = b"IOPdesk backup 1\n"
_LENGTH_BYTES = 8
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupHeader:
    """What a backup file says about the copy it carries."""

    created_at: str
    app_version: str
    schema_version: int
    clinic_name: str
    database_size: int
    sha256: str
    key_file: str = ""  # the key file's text for an encrypted clinic, "" when plain

    @property
    def encrypted(self) -> bool:
        return bool(self.key_file)


class NotABackupFile(Exception):
    """The file is neither a backup file nor an older (bare SQLite) backup."""


def file_checksum(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a whole file."""
    digest = hashlib.sha256()
    size = 0
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def write(target: Path, database_copy: Path, header: BackupHeader) -> None:
    """Write ``header`` then the bytes of ``database_copy`` to ``target`` (0600, fsynced)."""
    text = json.dumps(asdict(header)).encode("utf-8")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out, Path(database_copy).open("rb") as source:
        out.write(MAGIC + len(text).to_bytes(_LENGTH_BYTES, "big") + text)
        while chunk := source.read(_CHUNK):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    make_private(target)


def read_header(path: Path) -> BackupHeader | None:
    """The header of a backup file; None for an older backup (a bare SQLite file)."""
    with Path(path).open("rb") as handle:
        return _header(handle)


def checksum_ok(path: Path, header: BackupHeader) -> bool:
    """True when the copy in ``path`` is exactly what was written (size and SHA-256)."""
    with Path(path).open("rb") as handle:
        _header(handle)
        digest, size = hashlib.sha256(), 0
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size == header.database_size and digest.hexdigest() == header.sha256


def extract(path: Path, target: Path) -> BackupHeader | None:
    """Copy the database out of a backup file to ``target`` (0600, fsynced); returns the
    header (None for an older backup, copied whole). Raises NotABackupFile when the copy's
    checksum does not match: the backup is damaged."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with Path(path).open("rb") as handle, os.fdopen(fd, "wb") as out:
        header = _header(handle)
        if header is None:
            handle.seek(0)
        digest, size = hashlib.sha256(), 0
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    make_private(target)
    if header is not None and (size, digest.hexdigest()) != (header.database_size, header.sha256):
        raise NotABackupFile("the copy inside does not match its checksum: it is damaged")
    return header


def _header(handle: BinaryIO) -> BackupHeader | None:
    start = handle.read(len(MAGIC))
    if start != MAGIC:
        return None
    length = int.from_bytes(handle.read(_LENGTH_BYTES), "big")
    if not 0 < length < 16 * 1024 * 1024:
        raise NotABackupFile("its header is damaged")
    try:
        fields = json.loads(handle.read(length).decode("utf-8"))
        return BackupHeader(**fields)
    except (ValueError, TypeError) as exc:
        raise NotABackupFile("its header is damaged") from exc
