"""The building blocks renderers put on a clinic page: paragraphs, sections, tables, signatures."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    FrameBreak,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from iopdesk.reports.document import INK, RULE, SHADE, Letterhead, escape_text, style_sheet


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A Paragraph of user text (escaped, line breaks kept) in one of the shared styles."""
    return Paragraph(escape_text(text), style_sheet()[style])


def section(title: str) -> Paragraph:
    """A section heading that stays on the same page as what follows it."""
    return paragraph(title, "heading")


def _cells(values: Sequence[object], style: ParagraphStyle) -> list[Flowable]:
    return [Paragraph(escape_text(value), style) for value in values]


def key_value_table(
    pairs: Sequence[tuple[str, str]], col_widths: Sequence[float | str] | None = None
) -> Table:
    """A two-column label/value table (client header, plan details...)."""
    sheet = style_sheet()
    data = [
        [Paragraph(escape_text(label), sheet["cell_bold"]), *_cells([value], sheet["cell"])]
        for label, value in pairs
    ] or [["", ""]]
    table = Table(
        data,
        colWidths=list(col_widths or ["30%", "70%"]),
        hAlign="LEFT",
        splitInRow=1,
        spaceBefore=2,
        spaceAfter=8,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, SHADE),
            ]
        )
    )
    return table


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float | str] | None = None,
    repeat_header: bool = True,
) -> Table:
    """A gridded table of user data that splits across pages, repeating its header row."""
    if not header:
        raise ValueError("data_table needs at least one column")
    columns = len(header)
    sheet = style_sheet()
    data = [_cells(header, sheet["cell_bold"])]
    for number, row in enumerate(rows, start=1):
        if len(row) > columns:
            raise ValueError(f"row {number} has {len(row)} cells for {columns} columns")
        data.append(_cells([*row, *[""] * (columns - len(row))], sheet["cell"]))
    widths = list(col_widths) if col_widths else [f"{100 / columns:.4f}%"] * columns
    table = Table(
        data,
        colWidths=widths,
        repeatRows=1 if repeat_header else 0,
        splitInRow=1,  # one very long note may run over a page break instead of failing
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=8,
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), *grid_style(2.5)]))
    return table


class _KeepTail(KeepTogether):
    """A paragraph and what must follow it (a signature block): when they do not fit where
    they stand, the paragraph fills the page and its last lines go over with the rest, so no
    page ever holds the signatures alone; a paragraph too short to split moves over whole."""

    keep_lines = 2

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        body, *tail = self._content
        if aH >= self._H:
            return list(self._content)
        if isinstance(body, Paragraph):
            height = body.wrap(aW, aH)[1]
            leading = body.style.leading
            cut = min(aH - body.getSpaceBefore(), height - self.keep_lines * leading)
            parts = body.split(aW, cut) if cut >= leading else []
            if len(parts) == 2:
                return [parts[0], _KeepTail([parts[1], *tail])]
        frame = getattr(self, "_frame", None)
        if frame is not None and not frame._atTop:
            # Nothing of the body may stay here: start again, together, on the next page.
            return [FrameBreak(), _KeepTail(list(self._content))]
        return list(self._content)  # taller than an empty page: nothing better to do


def keep_with_tail(body: Flowable, tail: Sequence[Flowable]) -> Flowable:
    """``body`` followed by ``tail``, never separated: the tail (signatures) always has the
    body's last lines on its page."""
    # A nested KeepTogether measures itself as endless; its parts measure true.
    parts: list[Flowable] = []
    for flowable in tail:
        parts += flowable._content if isinstance(flowable, KeepTogether) else [flowable]
    return _KeepTail([body, *parts])


def grid_style(padding: float) -> list[tuple[object, ...]]:
    """The look of every data table: a shaded header over a rule, a light grid, alternate
    rows tinted; ``padding`` above each cell's text (a point more below it)."""
    return [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("GRID", (0, 0), (-1, -1), 0.3, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f7fa")]),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 1),
    ]


def signature_block(rows: Sequence[tuple[str, str, str]]) -> Flowable:
    """Signature lines, one per (label, name, date); an empty name or date leaves a blank to
    fill in on paper, and the signature line itself is always left for ink."""
    sheet = style_sheet()
    caption = sheet["_caption"]
    data: list[list[object]] = []
    commands: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
    # Narrow empty columns (2 and 4) keep the three writing lines visibly apart.
    for label, name, date in rows:
        line = len(data)
        data.append(
            [
                Paragraph(escape_text(label), sheet["cell_bold"]),
                "",
                "",
                *_cells([name], sheet["cell"]),
                "",
                *_cells([date], sheet["cell"]),
            ]
        )
        data.append(
            ["", Paragraph("Signature", caption), "", Paragraph("Printed name", caption), "",
             Paragraph("Date", caption)]
        )  # fmt: skip
        commands += [
            ("TOPPADDING", (0, line), (-1, line), 20),
            ("BOTTOMPADDING", (0, line), (-1, line), 2),
            ("TOPPADDING", (0, line + 1), (-1, line + 1), 1),
            ("BOTTOMPADDING", (0, line + 1), (-1, line + 1), 4),
            ("NOSPLIT", (0, line), (-1, line + 1)),
            *[("LINEBELOW", (col, line), (col, line), 0.7, INK) for col in (1, 3, 5)],
        ]
    if not data:
        return Spacer(0, 0)
    table = Table(data, colWidths=["19%", "35%", "3%", "26%", "3%", "14%"], hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return KeepTogether([Spacer(0, 8), table])


#: The box a client's own copy keeps its numbers in (the aftercare plan, the safety plan).
HELP_BACKGROUND = colors.HexColor("#fff4e5")
HELP_BORDER = colors.HexColor("#b45309")


def help_box(rows: Sequence[Sequence[Flowable]]) -> Flowable:
    """One column of rows in the orange help box, never split across pages (a number split
    from its line helps nobody)."""
    box = Table([list(row) for row in rows], colWidths=["100%"])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, HELP_BORDER),
                ("BACKGROUND", (0, 0), (-1, -1), HELP_BACKGROUND),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    return KeepTogether([box])


def program_line(letterhead: Letterhead, counselor: str, style: ParagraphStyle) -> Paragraph:
    """ "My program — Clinic: phone (my counselor: Name)", for the client's own copy."""
    clinic = f"<b>{escape(letterhead.clinic_name)}</b>"
    if letterhead.phone:
        clinic += f": <b>{escape(letterhead.phone)}</b>"
    if counselor:
        clinic += f" (my counselor: {escape(counselor)})"
    return Paragraph(f"My program — {clinic}", style)


def bullets(text: str, style: ParagraphStyle) -> list[Flowable]:
    """Text typed one item per line as bullets (typed bullets and blank lines dropped)."""
    lines = [line.strip(" -•*\t") for line in text.splitlines()]
    return [Paragraph(escape_text(line), style, bulletText="•") for line in lines if line]
