"""CSV export: UTF-8 with a BOM (spreadsheets then read accents), formula-safe cells."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable


def _safe(cell: object) -> str:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return str(cell)  # a number is never a formula: -11 stays a number
    text = "" if cell is None else str(cell)
    # A cell starting with = + - @ would run as a formula in a spreadsheet: neutralise it.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_bytes(header: list[str], rows: Iterable[list[object]]) -> bytes:
    """Render rows as CSV bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
