"""The embedded TrueType font every IOPdesk PDF uses, so accented and non-Latin names print."""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from iopdesk.paths import resource_path

FONT = "IOP"
FONT_BOLD = "IOP-Bold"
FONT_ITALIC = "IOP-Italic"

_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}

# Batch printing may run in a worker thread while the window prints a single plan.
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the "IOP" regular/bold/italic fonts and their family (safe to call repeatedly)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in _FILES.items():
            path = resource_path("fonts", file_name)
            if not path.is_file():
                raise FileNotFoundError(
                    f"The font file {path} is missing; reinstall IOPdesk so documents can print."
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # The family lets <b> and <i> inside a Paragraph switch to the embedded bold/italic;
        # there is no bold-italic file, so bold stands in for it.
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
        )
        # Bold-italic reused the bold face and overwrote its reverse mapping; restore it so a
        # paragraph set in FONT_BOLD is seen as plain bold (and <i> inside it stays upright bold).
        addMapping(FONT, 1, 0, FONT_BOLD)
        _registered = True
