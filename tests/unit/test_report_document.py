"""The shared PDF page frame: letterhead, page x of y, Part 2 notices, escaping, fonts."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from iopdesk.reports.document import (
    PART2_LONG,
    PART2_SHORT,
    ClinicDocument,
    Letterhead,
    escape_text,
    render_pdf,
    styles,
)
from iopdesk.reports.flowables import (
    data_table,
    key_value_table,
    paragraph,
    section,
    signature_block,
)
from iopdesk.reports.fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

CLINIC = Letterhead(
    clinic_name="Harbor Light Recovery Center",
    address="12 Main St, Springfield, IL 62701",
    phone="(555) 123-4567",
    program="Intensive Outpatient Program",
)
HEADER = ["Client", "Status", "Minutes"]


def attendance_rows(count: int) -> list[list[str]]:
    return [[f"Client {number:03d}", "present", "180"] for number in range(count)]


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace (line wraps) folded to one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    return "".join(text.split())


def text_heights(pdf: bytes, page_number: int) -> list[tuple[str, float]]:
    """(text, y from the page bottom) for every text run drawn on one page."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((text.strip(), tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(pdf)).pages[page_number].extract_text(visitor_text=visit)
    return found


def three_page_story() -> list[Flowable]:
    return [
        section("Client"),
        key_value_table([("Name", "Jordan Reyes"), ("Record", "000123")]),
        section("Attendance"),
        data_table(HEADER, attendance_rows(80)),
    ]


def test_three_page_document_numbers_every_page_and_carries_the_short_notice() -> None:
    pdf = render_pdf(CLINIC, "Attendance Record", three_page_story())

    pages = pages_text(pdf)

    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of 3" in text
        assert PART2_SHORT in text
        assert "Harbor Light Recovery Center" in text
        assert "Attendance Record" in text
    assert "Intensive Outpatient Program" in pages[0]
    assert "(555) 123-4567" in pages[0]
    assert "Page 4" not in " ".join(pages)


def test_every_table_row_prints_once_and_the_header_repeats_on_each_page() -> None:
    pages = pages_text(render_pdf(CLINIC, "Attendance Record", three_page_story()))

    everything = " ".join(pages)
    for number in range(80):
        assert everything.count(f"Client {number:03d}") == 1
    for text in pages[1:]:
        assert "Client Status Minutes" in text


def test_a_heading_starts_its_long_table_on_the_same_page_instead_of_leaving_a_gap() -> None:
    pages = pages_text(render_pdf(CLINIC, "Attendance Record", three_page_story()))

    assert "Attendance" in pages[0].split("Attendance Record", 1)[1]
    assert "Client 000" in pages[0]


def test_body_text_stays_clear_of_the_footer_on_every_page() -> None:
    pdf = render_pdf(CLINIC, "Attendance Record", three_page_story())

    for page_number in range(3):
        runs = text_heights(pdf, page_number)
        notice_y = next(y for text, y in runs if text.startswith("42 CFR part 2"))
        rows_y = [y for text, y in runs if text.startswith("Client 0")]
        assert rows_y, f"page {page_number + 1} has no table rows"
        assert min(rows_y) > notice_y + 20


def test_footer_note_prints_on_every_page() -> None:
    pdf = render_pdf(
        CLINIC, "Treatment Plan", three_page_story(), footer_note="Version 3 - printed 2026-11-23"
    )

    for text in pages_text(pdf):
        assert "Version 3 - printed 2026-11-23" in text


def test_long_notice_is_boxed_at_the_end_only_when_asked() -> None:
    with_long = pages_text(render_pdf(CLINIC, "Records Release", three_page_story(), notice="long"))
    short_only = pages_text(render_pdf(CLINIC, "Records Release", three_page_story()))

    assert squeezed(PART2_LONG) in squeezed(with_long[-1])
    assert "protected by Federal confidentiality rules" not in " ".join(short_only)
    assert all(PART2_SHORT in text for text in with_long)


def test_long_notice_text_is_the_2024_statement() -> None:
    assert PART2_LONG.startswith(
        "This record which has been disclosed to you is protected by Federal confidentiality "
        "rules (42 CFR part 2)."
    )
    assert "45 CFR part 164, subparts A and E" in PART2_LONG
    assert PART2_LONG.endswith("(see 42 CFR 2.31).")
    assert PART2_SHORT == "42 CFR part 2 prohibits unauthorized use or disclosure of these records."


def test_unknown_notice_form_is_refused() -> None:
    with pytest.raises(ValueError):
        ClinicDocument(io.BytesIO(), CLINIC, "Plan", notice="medium")  # type: ignore[arg-type]


def test_user_text_with_markup_characters_prints_literally() -> None:
    clinic = Letterhead("Smith & Sons <Recovery>", address="1 A&B Road", phone="555 <0100>")
    story = [
        section("Goals & <objectives>"),
        paragraph("I'd like 5 < 6 && 7 > 3. <b>not bold</b> &amp; stays"),
        key_value_table([("Client", "Siobhán O'Brien"), ("Note", 'x<y & "quoted"')]),
        data_table(["Name", "Note"], [["Dara O'Brien", "<script>&lt;"]]),
        signature_block([("Client", "Siobhán O'Brien", "2026-11-23")]),
    ]

    pdf = render_pdf(clinic, "Plan <draft> & notes", story, subtitle="O'Brien & Co")
    text = pages_text(pdf)[0]

    for literal in (
        "Smith & Sons <Recovery>",
        "1 A&B Road",
        "555 <0100>",
        "Plan <draft> & notes",
        "O'Brien & Co",
        "Goals & <objectives>",
        "I'd like 5 < 6 && 7 > 3. <b>not bold</b> &amp; stays",
        "Siobhán O'Brien",
        'x<y & "quoted"',
        "Dara O'Brien",
        "<script>&lt;",
    ):
        assert literal in text


def test_cyrillic_and_greek_names_print_and_can_be_read_back() -> None:
    story = [
        key_value_table([("Client", "Наталья Ковальчук"), ("Counselor", "Νίκος Παπαδόπουλος")]),
        data_table(["Name"], [["Ζωή Αλεξίου"], ["Дмитрий Петров"]]),
    ]

    text = pages_text(render_pdf(CLINIC, "Intake", story, subtitle="Наталья Ковальчук"))[0]

    for name in ("Наталья Ковальчук", "Νίκος Παπαδόπουλος", "Ζωή Αλεξίου", "Дмитрий Петров"):
        assert name in text


def test_the_pdf_embeds_the_shipped_font() -> None:
    pdf = render_pdf(CLINIC, "Intake", [paragraph("Zoë Łukasiewicz")])

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}

    assert any("DejaVuSans" in name for name in fonts)
    assert "Zoë Łukasiewicz" in pages_text(pdf)[0]


def test_landscape_and_portrait_letter_page_sizes() -> None:
    story = [data_table(["Monday", "Tuesday"], [["Morning group", "Evening group"]])]

    wide = PdfReader(io.BytesIO(render_pdf(CLINIC, "Week", story, landscape=True))).pages[0]
    tall = PdfReader(io.BytesIO(render_pdf(CLINIC, "Week", story))).pages[0]

    assert (float(wide.mediabox.width), float(wide.mediabox.height)) == (792, 612)
    assert (float(tall.mediabox.width), float(tall.mediabox.height)) == (612, 792)


def test_an_empty_story_still_prints_one_letterhead_page() -> None:
    pages = pages_text(render_pdf(CLINIC, "Blank form", []))

    assert len(pages) == 1
    assert "Page 1 of 1" in pages[0]
    assert "Blank form" in pages[0]


def test_one_very_long_cell_runs_over_a_page_break_instead_of_failing() -> None:
    long_note = " ".join(f"word{number}" for number in range(4000))

    story = [data_table(["Date", "Note"], [["x", long_note]])]

    pages = pages_text(render_pdf(CLINIC, "Notes", story))

    assert len(pages) > 1
    assert "word0" in pages[0]
    assert "word3999" in pages[-1]


def test_control_characters_are_dropped_and_line_breaks_kept() -> None:
    assert escape_text("a\x00b\x07c") == "abc"
    assert escape_text("one\r\ntwo\rthree") == "one<br/>two<br/>three"
    assert escape_text("<b>&") == "&lt;b&gt;&amp;"
    text = pages_text(render_pdf(CLINIC, "Note", [paragraph("bad\x00byte\nnext line")]))[0]
    assert "badbyte next line" in text


def test_data_table_pads_short_rows_and_refuses_rows_wider_than_the_header() -> None:
    pages = pages_text(render_pdf(CLINIC, "T", [data_table(["A", "B", "C"], [["only a"]])]))
    assert "only a" in pages[0]
    with pytest.raises(ValueError):
        data_table(["A"], [["one", "two"]])
    with pytest.raises(ValueError):
        data_table([], [])


def test_signature_block_leaves_blanks_to_sign_on_paper() -> None:
    block = signature_block([("Client", "", ""), ("Counselor", "Jane Roe, LCSW", "2026-11-23")])

    text = pages_text(render_pdf(CLINIC, "Treatment Plan", [block]))[0]

    assert text.count("Signature") == 2
    assert text.count("Printed name") == 2
    assert "Jane Roe, LCSW" in text and "2026-11-23" in text
    assert "Client" in text and "Counselor" in text


def test_fonts_register_once_with_a_family_for_bold_and_italic() -> None:
    register_fonts()
    register_fonts()

    names = pdfmetrics.getRegisteredFontNames()
    assert {FONT, FONT_BOLD, FONT_ITALIC} <= set(names)
    assert tt2ps(FONT, 1, 0) == FONT_BOLD
    assert tt2ps(FONT, 0, 1) == FONT_ITALIC


def test_style_sheet_uses_the_embedded_font_and_large_type_for_hand_outs() -> None:
    sheet = styles()

    expected = {"title", "heading", "subheading", "body", "small", "cell", "cell_bold"}
    assert expected | {"large_body"} <= set(sheet)
    assert all(style.fontName in {FONT, FONT_BOLD, FONT_ITALIC} for style in sheet.values())
    assert sheet["cell_bold"].fontName == FONT_BOLD
    assert sheet["large_body"].fontSize >= 13
    assert sheet["large_body"].fontSize > sheet["body"].fontSize


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="abcXYZ019 <>&;'\"/=#%!?Ωжé", min_size=1, max_size=60))
def test_any_typed_text_prints_exactly_as_typed(typed: str) -> None:
    pdf = render_pdf(CLINIC, "Note", [paragraph(typed)], subtitle=typed)

    assert squeezed(typed) in squeezed(pages_text(pdf)[0])
