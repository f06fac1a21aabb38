"""The key file beside an encrypted clinic: its random database key, wrapped once per active
staff member's password and once for the clinic's recovery key.

A staff entry is unwrapped with a key derived from that person's argon2id password hash: the
entry keeps the hash's salt and costs (not the hash), so signing in recomputes the hash from the
typed password, and only the right password gives the key. Entries can be written whenever the
clinic is open, without anyone's password, because the hashes are inside the encrypted database.
The recovery key is 160 random bits shown once; its entry is wrapped under a key derived from it.
Each wrap is AES-256-GCM bound to the file and the entry's owner.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

from iopdesk.db.sqlite_file import KEY_BYTES
from iopdesk.errors import DatabaseProblem
from iopdesk.private_files import write_whole

FORMAT = "IOPdesk key file"
VERSION = 1
STAFF, RECOVERY = "staff", "recovery"
RECOVERY_BYTES = 20  # 160 bits: 32 base32 letters and digits, in 8 groups of 4
#: Letters people confuse when reading a printout back: typed 0, 1 or 8 mean O, I or B.
_LOOK_ALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


@dataclass(frozen=True)
class Entry:
    """One wrapped copy of the database key (a staff member's, or the recovery key's)."""

    kind: str
    name: str
    nonce: str
    wrapped: str
    #: staff entries: the password hash's argon2id parameters (salt, costs), never the hash
    salt: str = ""
    time_cost: int = 0
    memory_cost: int = 0
    parallelism: int = 0
    hash_len: int = 0
    version: int = 0


@dataclass(frozen=True)
class Opened:
    """A staff entry unwrapped: the database key, and the typed password's argon2id hash under
    the entry's salt and costs, encoded as the staff table stores a hash (``$argon2id$...``)."""

    key: bytes
    password_hash: str


@dataclass(frozen=True)
class KeyFile:
    """The whole key file: an id binding its entries to it, and the entries."""

    file_id: str
    entries: tuple[Entry, ...] = ()

    def staff_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == STAFF]

    def has_recovery_key(self) -> bool:
        return any(e.kind == RECOVERY for e in self.entries)

    def unlock_with_password(self, username: str, password: str) -> bytes | None:
        """The database key if ``password`` is ``username``'s (None otherwise; an unknown name
        costs the same time as a wrong password)."""
        opened = self.open_with_password(username, password)
        return opened.key if opened else None

    def open_with_password(self, username: str, password: str) -> Opened | None:
        """The database key and the hash computed on the way, if ``password`` is
        ``username``'s (None otherwise; an unknown name costs the same as a wrong password)."""
        mine = [e for e in self.staff_entries() if e.name == username]
        for entry in mine:
            raw = _password_hash_raw(entry, password)
            if raw is not None:
                key = self._unwrap(entry, _derive(raw, b"staff"))
                if key is not None:
                    return Opened(key, _encoded_hash(entry, raw))
        if not mine:
            _password_hash_raw(_DUMMY, password)
        return None

    def unlock_with_recovery_key(self, text: str) -> bytes | None:
        secret = recovery_secret(text)
        if secret is None:
            return None
        for entry in self.entries:
            if entry.kind == RECOVERY:
                key = self._unwrap(entry, _derive(secret, b"recovery"))
                if key is not None:
                    return key
        return None

    def with_staff(self, db_key: bytes, members: dict[str, str]) -> KeyFile:
        """The file with exactly one entry per ``username -> password hash`` in ``members``;
        entries already right are kept as they are (the recovery entry always is)."""
        kept: list[Entry] = [e for e in self.entries if e.kind != STAFF]
        current = {(e.name, e.salt): e for e in self.staff_entries()}
        for username, password_hash in sorted(members.items()):
            params = _hash_parameters(password_hash)
            if params is None:
                continue  # no usable hash: this person cannot unlock until it is set again
            entry = current.get((username, params.salt))
            kept.append(entry or self._staff_entry(db_key, username, password_hash, params))
        return replace(self, entries=tuple(kept))

    def adding_staff(self, db_key: bytes, username: str, password_hash: str) -> KeyFile:
        """The file with one more entry (the old ones stay until the change is committed)."""
        params = _hash_parameters(password_hash)
        if params is None:
            return self
        entry = self._staff_entry(db_key, username, password_hash, params)
        return replace(self, entries=(*self.entries, entry))

    def with_recovery_key(self, db_key: bytes, text: str) -> KeyFile:
        """The file with ``text`` as its only recovery key (an earlier one stops working)."""
        secret = recovery_secret(text)
        if secret is None:
            raise ValueError("not a recovery key")
        nonce, wrapped = self._wrap(db_key, _derive(secret, b"recovery"), RECOVERY, RECOVERY)
        entry = Entry(RECOVERY, RECOVERY, nonce, wrapped)
        return replace(self, entries=(*(e for e in self.entries if e.kind != RECOVERY), entry))

    def to_bytes(self) -> bytes:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "file_id": self.file_id,
            "entries": [_entry_fields(e) for e in self.entries],
        }
        return json.dumps(body, indent=1).encode("utf-8")

    # --- wrapping -------------------------------------------------------------------------
    def _staff_entry(
        self, db_key: bytes, username: str, password_hash: str, params: _Params
    ) -> Entry:
        raw = _b64decode(password_hash.rsplit("$", 1)[-1])
        nonce, wrapped = self._wrap(db_key, _derive(raw, b"staff"), STAFF, username)
        return Entry(
            STAFF,
            username,
            nonce,
            wrapped,
            params.salt,
            params.time_cost,
            params.memory_cost,
            params.parallelism,
            params.hash_len,
            params.version,
        )

    def _aad(self, kind: str, name: str) -> bytes:
        return f"{FORMAT}|{self.file_id}|{kind}|{name}".encode()

    def _wrap(self, db_key: bytes, kek: bytes, kind: str, name: str) -> tuple[str, str]:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, self._aad(kind, name))
        return _b64encode(nonce), _b64encode(wrapped)

    def _unwrap(self, entry: Entry, kek: bytes) -> bytes | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            key = AESGCM(kek).decrypt(
                _b64decode(entry.nonce),
                _b64decode(entry.wrapped),
                self._aad(entry.kind, entry.name),
            )
        except (InvalidTag, ValueError, binascii.Error):
            return None
        return key if len(key) == KEY_BYTES else None


@dataclass(frozen=True)
class _Params:
    salt: str
    time_cost: int
    memory_cost: int
    parallelism: int
    hash_len: int
    version: int


#: Spent on an unknown user name, so it takes as long as a wrong password (same costs).
_DUMMY = Entry(STAFF, "", "", "", "AAAAAAAAAAAAAAAAAAAAAA", 2, 24576, 1, 32, 19)


def new_database_key() -> bytes:
    """A fresh random database key (never shown, never typed)."""
    return os.urandom(KEY_BYTES)  # what secrets.token_bytes is


def new_key_file() -> KeyFile:
    return KeyFile(os.urandom(16).hex())


def new_recovery_key() -> str:
    """A new recovery key as people read it: 8 groups of 4 letters and digits."""
    text = base64.b32encode(os.urandom(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_secret(text: str) -> bytes | None:
    """The bytes of a typed recovery key (spaces, dashes and case ignored), or None."""
    if not isinstance(text, str):
        return None
    letters = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOK_ALIKES)
    if len(letters) != RECOVERY_BYTES * 8 // 5:
        return None
    try:
        return base64.b32decode(letters)
    except (binascii.Error, ValueError):
        return None


def from_bytes(data: bytes) -> KeyFile:
    """Parse a key file's bytes; anything else is a DatabaseProblem saying so."""
    try:
        body = json.loads(data.decode("utf-8"))
        if body.get("format") != FORMAT or body.get("version") != VERSION:
            raise ValueError("not a key file")
        entries = tuple(Entry(**fields) for fields in body["entries"])
        return KeyFile(str(body["file_id"]), entries)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DatabaseProblem(
            "The clinic's key file is damaged or is not an IOPdesk key file, so the encrypted "
            "database cannot be unlocked. Restore a backup (it carries its own key file)."
        ) from exc


def read(path: Path) -> KeyFile:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DatabaseProblem(
            f"The clinic's key file {path} could not be read ({exc.strerror or exc})."
        ) from exc
    return from_bytes(data)


def write(path: Path, key_file: KeyFile) -> None:
    """Replace the key file whole (0600), never leaving a half-written one."""
    write_whole(Path(path), key_file.to_bytes())


def _entry_fields(entry: Entry) -> dict[str, object]:
    fields = dict(entry.__dict__)
    return (
        fields
        if entry.kind == STAFF
        else {k: fields[k] for k in ("kind", "name", "nonce", "wrapped")}
    )


def _hash_parameters(password_hash: str) -> _Params | None:
    from argon2 import Type, extract_parameters
    from argon2.exceptions import InvalidHashError

    try:
        found = extract_parameters(password_hash)
        salt = password_hash.split("$")[-2]
    except (InvalidHashError, IndexError, ValueError):
        return None
    if found.type is not Type.ID:
        return None
    return _Params(
        salt, found.time_cost, found.memory_cost, found.parallelism, found.hash_len, found.version
    )


def _password_hash_raw(entry: Entry, password: str) -> bytes | None:
    from argon2 import Type
    from argon2.low_level import hash_secret_raw

    try:
        return hash_secret_raw(
            password.encode("utf-8"),
            _b64decode(entry.salt),
            entry.time_cost,
            entry.memory_cost,
            entry.parallelism,
            entry.hash_len,
            Type.ID,
            entry.version,
        )
    except (UnicodeEncodeError, ValueError, binascii.Error, AttributeError):
        return None


def _encoded_hash(entry: Entry, raw: bytes) -> str:
    """``raw`` in argon2's PHC string form: the staff table's hash of the same password, salt
    and costs is exactly this text."""
    costs = f"m={entry.memory_cost},t={entry.time_cost},p={entry.parallelism}"
    return f"$argon2id$v={entry.version}${costs}${entry.salt}${_b64encode(raw)}"


def _derive(secret: bytes, purpose: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), length=32, salt=None, info=b"IOPdesk key wrap " + purpose).derive(
        secret
    )


def _b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))
