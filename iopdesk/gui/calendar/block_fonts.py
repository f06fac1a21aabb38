"""The fonts a week grid's session blocks are written in, and the heights of wrapped text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

WRAP = int(Qt.TextFlag.TextWordWrap)


class BlockFonts:
    """A block's four fonts (heading or not, struck through or not) with their metrics, made
    once per paint instead of once per line."""

    def __init__(self, small: QFont, bold: QFont) -> None:
        self._fonts: dict[tuple[bool, bool], tuple[QFont, QFontMetrics]] = {}
        self._heights: dict[tuple[bool, bool, str, float], int] = {}
        for heading in (False, True):
            for struck in (False, True):
                font = QFont(bold if heading else small)
                font.setPointSizeF(small.pointSizeF())
                font.setStrikeOut(struck)
                self._fonts[heading, struck] = (font, QFontMetrics(font))

    def get(self, heading: bool, struck: bool) -> tuple[QFont, QFontMetrics]:
        """The font for a line and its metrics."""
        return self._fonts[heading, struck]

    def height(self, heading: bool, struck: bool, text: str, width: float) -> int:
        """The height ``text`` takes wrapped to ``width``, worked out once per paint: side by
        side blocks of one width repeat the same times and group names dozens of times."""
        key = (heading, struck, text, width)
        found = self._heights.get(key)
        if found is None:
            metrics = self._fonts[heading, struck][1]
            # A line that fits needs no wrapping worked out (most lines of a quiet week).
            if metrics.horizontalAdvance(text) <= width:
                found = metrics.height()
            else:
                found = metrics.boundingRect(0, 0, int(width), 10_000, WRAP, text).height()
            self._heights[key] = found
        return found
