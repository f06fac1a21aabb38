"""What report tests share: reading a CSV's lines and a PDF's text back."""

from __future__ import annotations

import io

from pypdf import PdfReader


def csv_lines(content: bytes) -> list[str]:
    """The CSV's lines (the UTF-8 byte order mark dropped)."""
    return content.decode("utf-8-sig").splitlines()


def pdf_pages(content: bytes) -> list[str]:
    """Each page's text, whitespace folded."""
    assert content.startswith(b"%PDF")
    return [
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(content)).pages
    ]
