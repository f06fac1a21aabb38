"""What a document's use case hands back: the data it printed, the file's bytes, a file name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

D = TypeVar("D")


@dataclass(frozen=True)
class Printout(Generic[D]):
    """A rendered document as it leaves IOPdesk (already audited by the use case that made it).

    ``content`` is the file a window saves, prints or previews and a CLI printer writes;
    ``file_name`` is a suggestion for the save dialog (record number and date, never the
    client's name); ``document`` is the plain data it was rendered from, for the window's own
    words ("3 plans saved", "released to ...").
    """

    document: D
    content: bytes
    file_name: str


def safe_file_name(text: str) -> str:
    """A file name fragment without characters Windows or Linux refuse."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text).strip("-")
