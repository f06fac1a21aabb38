"""The page frame all IOPdesk PDFs share: letterhead, running header, Part 2 footer, page x of y."""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from iopdesk.reports.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

PART2_SHORT = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."
# 42 CFR 2.32(a)(1), the long-form notice (2024 rule), in IOPdesk's own words: its opening
# sentence as the rule gives it, then every point the rule requires the statement to make.
# Items are separated by newlines so the notice box can set each one as its own paragraph.
PART2_LONG = (
    "This record which has been disclosed to you is protected by Federal confidentiality rules "
    "(42 CFR part 2). Neither this record nor testimony describing what it contains may be "
    "used or disclosed against the patient in any civil, criminal, administrative or "
    "legislative proceeding conducted by a Federal, State or local authority, unless the "
    "patient consents to it, 42 CFR 2.12(c)(5) provides for it, or a court authorizes it "
    "under 42 CFR 2.64 or 2.65. Any other use or disclosure of this record is prohibited as "
    "well, unless at least one of the following is true:\n"
    "(i) the written consent of the person whose information this record holds expressly "
    "permits it, or 42 CFR part 2 otherwise permits it;\n"
    "(ii) you are a covered entity or a business associate and received this record for "
    "treatment, payment or health care operations; or\n"
    "(iii) you received this record from a covered entity or a business associate as "
    "permitted by 45 CFR part 164, subparts A and E.\n"
    "A general authorization to release medical or other information does NOT meet the "
    "requirements of a written consent to further use or redisclose this record "
    "(see 42 CFR 2.31)."
)

#: "none" is for figures that identify no client (program reports of counts and rates).
Notice = Literal["short", "long", "none"]

MARGIN = 0.6 * inch
TOP_MARGIN = 0.5 * inch
BOTTOM_MARGIN = 0.4 * inch
FOOTER_HEIGHT = 0.42 * inch  # rule + notice/page line + footer-note line
RUNNING_HEADER_HEIGHT = 0.34 * inch
GAP = 0.14 * inch  # air between the header/footer bands and the flowing content
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e4e7eb")

# C0/C1 control characters (NUL, bell...) break the PDF text stream; newlines and tabs are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Letterhead:
    """The clinic identity printed at the top of the first page."""

    clinic_name: str
    address: str = ""
    phone: str = ""
    program: str = ""


def escape_text(text: object) -> str:
    """User text made safe for a Paragraph: markup escaped, controls dropped, newlines kept."""
    raw = "" if text is None else str(text)
    # Lone surrogates (pasted from broken sources) cannot be encoded into the PDF.
    raw = raw.encode("utf-8", "replace").decode("utf-8")
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    raw = _CONTROL.sub("", raw.replace("\t", " "))
    return escape(raw).replace("\n", "<br/>")


# Public styles first; "_" names are the page frame's own and stay out of styles().
_STYLE_SPECS: dict[str, dict[str, Any]] = {
    "body": {},
    "title": dict(fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=2),
    "heading": dict(fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4,
                    keepWithNext=1),
    "subheading": dict(fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=6,
                       spaceAfter=2, keepWithNext=1),
    "small": dict(fontSize=8, leading=10, textColor=MUTED),
    "cell": dict(fontSize=9, leading=11.5),
    "cell_bold": dict(fontName=FONT_BOLD, fontSize=9, leading=11.5),
    "large_body": dict(fontSize=14, leading=19, spaceAfter=6),
    "_clinic": dict(fontName=FONT_BOLD, fontSize=17, leading=21),
    "_program": dict(fontName=FONT_ITALIC, fontSize=9.5, leading=12, textColor=MUTED),
    "_contact": dict(fontSize=9, leading=12, textColor=MUTED),
    "_subtitle": dict(fontSize=10.5, leading=14),
    "_notice": dict(fontSize=8, leading=10.5),
    "_notice_head": dict(fontName=FONT_BOLD, fontSize=8, leading=10.5),
    "_notice_item": dict(fontSize=8, leading=10.5, leftIndent=12),
    "_caption": dict(fontSize=7.5, leading=9, textColor=MUTED),
}  # fmt: skip


@functools.cache
def style_sheet() -> dict[str, ParagraphStyle]:
    """Every style, the page frame's own "_" ones included (cached and shared: never mutate)."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK)
    return {name: ParagraphStyle(name, parent=base, **spec) for name, spec in _STYLE_SPECS.items()}


def styles() -> dict[str, ParagraphStyle]:
    """The shared style sheet (title, heading, subheading, body, small, cell, cell_bold,
    large_body); derive with ParagraphStyle(parent=...) rather than mutating these."""
    return {k: v for k, v in style_sheet().items() if not k.startswith("_")}


def _elide(text: str, font: str, size: float, width: float) -> str:
    """Shorten one-line canvas text with an ellipsis so it cannot run into its neighbour."""
    if stringWidth(text, font, size) <= width:
        return text
    text = text[: int(width / (size * 0.25)) + 1]  # no glyph is narrower than a quarter em
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub("", str(text)).split())


class _PageCountCanvas(Canvas):
    """Holds every page back until the end so each footer can say "Page x of y"."""

    def __init__(self, *args: Any, painter: Callable[[Canvas, int, int], None], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._painter = painter
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._painter(self, number, total)
            super().showPage()
        super().save()


class _KeepWithStart(KeepTogether):
    """keepWithNext that lets a long table start under its heading instead of leaving a
    mostly empty page behind; a short remainder still moves heading and all to the next page."""

    min_start = 0.9 * inch

    def split(self, aW: float, aH: float) -> list[Flowable]:
        *lead, last = self._content
        # A nested KeepTogether would answer with a frame break and orphan the heading.
        if lead and not isinstance(last, KeepTogether):
            used = sum(
                f.wrapOn(self.canv, aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in lead
            )
            room = aH - used - last.getSpaceBefore()
            whole = last.wrapOn(self.canv, aW, aH)[1]
            if whole > room >= self.min_start:
                parts = last.splitOn(self.canv, aW, room)
                if parts:
                    return [*lead, *parts]
        return super().split(aW, aH)


def _capped(text: str, limit: int = 300) -> str:
    """Header fields are one short line by nature; a runaway value must not eat the page."""
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ClinicDocument(BaseDocTemplate):
    """A clinic letterhead page frame: first-page letterhead, running header, Part 2 footer."""

    def __init__(
        self,
        buffer: IO[bytes] | str,
        letterhead: Letterhead,
        title: str,
        subtitle: str = "",
        pagesize: tuple[float, float] = letter,
        landscape: bool = False,
        notice: Notice = "short",
        footer_note: str = "",
    ) -> None:
        if notice not in ("short", "long", "none"):
            raise ValueError(f"notice must be 'short', 'long' or 'none', not {notice!r}")
        register_fonts()
        size = to_landscape(pagesize) if landscape else tuple(pagesize)
        super().__init__(
            buffer,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            title=_one_line(title),
            author=_one_line(letterhead.clinic_name),
            creator="IOPdesk",
            keepTogetherClass=_KeepWithStart,
        )
        self.letterhead = letterhead
        self.subtitle = subtitle
        self.notice: Notice = notice
        self.footer_note = footer_note
        sheet = style_sheet()
        contact = "  ·  ".join(
            _one_line(part) for part in (letterhead.address, letterhead.phone) if part.strip()
        )
        self._letterhead_block = [
            Paragraph(escape_text(_capped(text)), sheet[style])
            for text, style in (
                (letterhead.clinic_name, "_clinic"),
                (letterhead.program, "_program"),
                (contact, "_contact"),
            )
            if text.strip()
        ]
        self._title_block = [
            Paragraph(escape_text(_capped(text)), sheet[style])
            for text, style in ((title, "title"), (subtitle, "_subtitle"))
            if text.strip()
        ]
        page_height = size[1]
        content_bottom = BOTTOM_MARGIN + FOOTER_HEIGHT + GAP
        first_top = page_height - TOP_MARGIN - self._first_header(None) - GAP
        later_top = page_height - TOP_MARGIN - RUNNING_HEADER_HEIGHT - GAP

        def body(top: float, name: str) -> Frame:
            return Frame(
                MARGIN, content_bottom, self.width, top - content_bottom, id=name,
                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
            )  # fmt: skip

        self.addPageTemplates(
            [
                PageTemplate(
                    id="first",
                    frames=[body(first_top, "first-body")],
                    onPage=self._draw_first_page,
                    autoNextPageTemplate="later",
                ),
                PageTemplate(
                    id="later",
                    frames=[body(later_top, "later-body")],
                    onPage=self._draw_later_page,
                ),
            ]
        )

    def _first_header(self, canvas: Canvas | None) -> float:
        """Measure (canvas None) or draw the letterhead and title block; returns its height."""
        top = self.pagesize[1] - TOP_MARGIN
        y = self._stack(self._letterhead_block, top, canvas) - 5
        if canvas is not None:
            canvas.setStrokeColor(INK)
            canvas.setLineWidth(1.2)
            canvas.line(MARGIN, y, MARGIN + self.width, y)
        y = self._stack(self._title_block, y - 10, canvas)
        return top - y

    def _stack(self, parts: list[Paragraph], y: float, canvas: Canvas | None) -> float:
        for part in parts:
            _, height = part.wrap(self.width, self.pagesize[1])
            y -= height
            if canvas is not None:
                part.drawOn(canvas, MARGIN, y)
        return y

    def _draw_first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._first_header(canvas)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        page_width, page_height = self.pagesize
        baseline = page_height - TOP_MARGIN - 10
        left = " — ".join(
            _one_line(t) for t in (self.letterhead.clinic_name, self.title) if t.strip()
        )
        right = _one_line(self.subtitle)
        size, gap = 8.5, 18
        # Clinic and title win the space; the subtitle (often the client) gets what is left.
        right_width = stringWidth(right, FONT, size) + gap if right else 0
        left_width = stringWidth(left, FONT_BOLD, size)
        left = _elide(
            left, FONT_BOLD, size, max(self.width - right_width, min(left_width, self.width * 0.62))
        )
        room = self.width - stringWidth(left, FONT_BOLD, size) - gap
        right = _elide(right, FONT, size, room) if right and room > 40 else ""
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT_BOLD, size)
        canvas.drawString(MARGIN, baseline, left)
        if right:
            canvas.setFont(FONT, size)
            canvas.drawRightString(page_width - MARGIN, baseline, right)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, baseline - 6, page_width - MARGIN, baseline - 6)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_footer(self, canvas: Canvas) -> None:
        page_width = self.pagesize[0]
        rule_y = BOTTOM_MARGIN + FOOTER_HEIGHT
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, rule_y, page_width - MARGIN, rule_y)
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 7.5)
        # The legal notice is never shortened; it fits on any page IOPdesk prints.
        if self.notice != "none":
            canvas.drawString(MARGIN, rule_y - 11, PART2_SHORT)
        if self.footer_note.strip():
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, 7)
            note = _elide(_one_line(self.footer_note), FONT, 7, self.width)
            canvas.drawString(MARGIN, rule_y - 22, note)

    def _draw_page_number(self, canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        canvas.setFont(FONT, 8)
        rule_y = BOTTOM_MARGIN + FOOTER_HEIGHT
        canvas.drawRightString(self.pagesize[0] - MARGIN, rule_y - 11, f"Page {number} of {total}")
        canvas.restoreState()

    def build_story(self, story: Sequence[Flowable]) -> None:
        """Lay out the story (plus the boxed long Part 2 notice when asked) and write the PDF."""
        flowables = list(story)
        if self.notice == "long":
            flowables.append(long_notice())
        if not flowables:
            flowables.append(Spacer(0, 0))  # a letterhead-only page still prints
        self.build(
            flowables,
            canvasmaker=functools.partial(_PageCountCanvas, painter=self._draw_page_number),
        )


def render_pdf(
    letterhead: Letterhead,
    title: str,
    story: Sequence[Flowable],
    *,
    subtitle: str = "",
    landscape: bool = False,
    notice: Notice = "short",
    footer_note: str = "",
) -> bytes:
    """Render a complete clinic document to PDF bytes: the one call renderers use."""
    buffer = io.BytesIO()
    document = ClinicDocument(
        buffer,
        letterhead,
        title,
        subtitle,
        landscape=landscape,
        notice=notice,
        footer_note=footer_note,
    )
    document.build_story(story)
    return buffer.getvalue()


def long_notice() -> Flowable:
    """The long-form 42 CFR part 2 notice in a box, kept on one page."""
    sheet = style_sheet()
    head, body, item = sheet["_notice_head"], sheet["_notice"], sheet["_notice_item"]
    rows = [[Paragraph("Confidentiality notice to the recipient (42 CFR part 2)", head)]]
    for part in PART2_LONG.split("\n"):
        rows.append([Paragraph(escape(part), item if part.startswith("(") else body)])
    box = Table(rows, colWidths=["100%"])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.9, INK),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f5f7fa")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([Spacer(0, 14), box])
