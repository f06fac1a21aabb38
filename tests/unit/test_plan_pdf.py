"""The printed treatment plan, read back with pypdf: names, numbers, pages, notices, batch."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace

from pypdf import PdfReader

from iopdesk.domain import formats
from iopdesk.reports.copies import ConsentTerms, Copy
from iopdesk.reports.document import PART2_SHORT
from iopdesk.reports.plan_batch import PlanBatch, render_plans_batch
from iopdesk.reports.treatment_plan import SignatureView, render_plan
from iopdesk.services.clients import releases
from iopdesk.services.plans import printing as plans_printing
from iopdesk.services.plans import records as plans
from tests.factories.clients import make_client
from tests.factories.plans import sign_fully, write_plan


def pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_signed_plan_prints_header_numbers_signatures_and_notice(clinician, supervisor):
    client_id = make_client("Дмитрий", "Иванов-Петров", counselor=clinician)
    plan_id = write_plan(clinician, client_id, problems=2, objectives=2)
    sign_fully(clinician, supervisor, plan_id)
    printout = plans_printing.print_plan(clinician, plan_id)
    doc = printout.document
    text = pages(printout.content)
    whole = " ".join(text)
    assert "Дмитрий Иванов-Петров" in whole
    assert "Riverbend Recovery" in whole and "IOP-000001" in whole
    assert "F10.20" in whole and "Alcohol use disorder, moderate" in whole
    for number in ("1.1", "1.2", "2.1", "2.2"):
        assert f"{number} Objective {number[0]}-{number[2]}" in whole
    assert "Problem 2. Problem statement 2" in whole
    assert "Group · CBT" in whole and "Frequency: 3 times a week" in whole
    assert "Clinical supervisor" in whole and "Sam Tester, LADC" in whole
    assert "Client signed on paper" in whole
    assert PART2_SHORT in text[-1]
    assert "This record which has been disclosed to you" not in whole
    assert f"Version 1 (signed) of {formats.show_date(doc.version_date)}" in whole
    assert f"printed {formats.show_date(doc.printed_on)} by Casey Tester" in whole
    assert text[0].count("Page 1 of") == 1


def test_a_forty_objective_plan_runs_over_pages_numbered_x_of_y(clinician) -> None:
    plan_id = write_plan(clinician, make_client(counselor=clinician), problems=4, objectives=10)
    doc = plans.open_plan(clinician, plan_id)
    assert len(doc.objectives) == 40
    text = pages(render_plan(doc))
    total = len(text)
    assert total >= 3
    for n, page in enumerate(text, start=1):
        assert f"Page {n} of {total}" in page
        assert PART2_SHORT in page
    whole = " ".join(text)
    found = re.findall(r"\b(\d)\.(\d+) Objective", whole)
    assert [f"{a}.{b}" for a, b in found] == [f"{p}.{o}" for p in range(1, 5) for o in range(1, 11)]
    assert "Draft: this version is not fully signed yet." in text[0]


def test_a_released_plan_carries_the_long_notice_the_consent_and_recipient(clinician) -> None:
    plan_id = write_plan(clinician, make_client(counselor=clinician))
    terms = ConsentTerms(7, "Dana Q", dt.date(1988, 4, 2), "IOP-000001", "Riverbend Recovery",
                         "The treatment plan", "Treatment plan and progress", ("Drug court",),
                         "Probation", "In writing", "2026-12-31", dt.date(2026, 1, 5))  # fmt: skip
    copy = Copy("release", "Drug court", terms, dt.date(2026, 2, 1))
    text = pages(render_plan(replace(plans.open_plan(clinician, plan_id), copy=copy)))
    whole = " ".join(text)
    assert "This record which has been disclosed to you is protected" in whole
    assert all("Released to Drug court under consent 7" in page for page in text)
    released = formats.show_date(dt.date(2026, 2, 1))
    assert f"Released on {released} to Drug court under the written consent of Dana Q" in whole
    assert "Treatment plan and progress" in whole and "In writing" in whole


def test_a_batch_prints_each_plan_with_its_own_pages(clinician) -> None:
    small = write_plan(clinician, make_client("Ann", "Able", counselor=clinician))
    large = write_plan(
        clinician, make_client("Bo", "Brown", counselor=clinician), problems=3, objectives=8
    )
    docs = (plans.open_plan(clinician, small), plans.open_plan(clinician, large))
    seen: list[tuple[int, int]] = []
    batch = PlanBatch(dt.date.today(), docs, ())
    text = pages(render_plans_batch(batch, lambda done, total: seen.append((done, total))))
    assert seen == [(1, 2), (2, 2)]
    assert "Ann Able" in text[0] and "Page 1 of 1" in text[0]
    rest = text[1:]
    assert len(rest) >= 2
    assert "Bo Brown" in rest[0] and "Riverbend Recovery" in rest[0]
    for n, page in enumerate(rest, start=1):
        assert f"Page {n} of {len(rest)}" in page
        assert "Bo Brown" in page  # the running header names the client on every page


def test_a_signature_recorded_without_a_date_prints_without_one(clinician) -> None:
    doc = plans.open_plan(clinician, write_plan(clinician, make_client(counselor=clinician)))
    undated = replace(doc, signatures=(SignatureView("client", "Dana Quiñones", None, True),))
    whole = " ".join(pages(render_plan(undated)))
    assert "Client signed on paper." in whole and "None" not in whole


def test_the_clients_own_copy_says_so_on_every_page(clinician) -> None:
    client_id = make_client(counselor=clinician)
    plan_id = write_plan(clinician, client_id, problems=3, objectives=8)
    document = releases.ClientDocument("treatment_plan", plan_id)
    printout = releases.print_for_client(clinician, client_id, document)
    text = pages(printout.content)
    assert len(text) >= 2
    assert all("The client's own copy" in page and PART2_SHORT in page for page in text)
    assert "Released to" not in " ".join(text) and "disclosed to you" not in " ".join(text)
