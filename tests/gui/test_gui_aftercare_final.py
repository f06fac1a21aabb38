"""A final aftercare plan on screen: making it final asks once, then the plan is read only with
"New version" and "Add addendum…"; older versions stay readable and printable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from iopdesk.db.models.aftercare import AftercarePlan
from iopdesk.db.models.attendance import NoteAddendum
from iopdesk.gui.aftercare.chart_section import AftercareSection
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories.aftercare import TODAY
from tests.factories.clients import make_client

LEFT = Qt.MouseButton.LeftButton


def _plan_dialog(qtbot, store, clinician):
    client_id = make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=20))
    section = AftercareSection(WindowContext(clinician, EventHub(), store), client_id)
    qtbot.addWidget(section)
    plan = section.open_plan()
    plan.show()
    return plan


def _make_final(qtbot, plan, answers, *, yes: bool) -> None:
    plan.status_box.setCurrentIndex(plan.status_box.findData("final"))
    answers.queue("confirm", yes)
    qtbot.mouseClick(plan.save_button, LEFT)


def test_making_final_asks_once_and_freezes_the_screen(qtbot, store, clinician, answers):
    plan = _plan_dialog(qtbot, store, clinician)
    assert plan.final_bar.isHidden()  # nothing saved yet: no versions to show
    qtbot.keyClicks(plan.texts["triggers"], "Payday Fridays")
    _make_final(qtbot, plan, answers, yes=False)
    assert answers.titles() == ["Make the plan final"]
    assert "cannot change" in answers.texts("confirm")[0]
    assert AftercarePlan.select().count() == 0 and plan.editable
    _make_final(qtbot, plan, answers, yes=True)
    assert AftercarePlan.get().status == "final"
    assert not plan.editable and not plan.save_button.isEnabled()
    assert plan.texts["triggers"].isReadOnly() and plan.contacts.add_button.isHidden()
    assert "is final and cannot change" in plan.final_bar.frozen.text()
    assert plan.final_bar.new_version_button.isVisible()
    assert plan.final_bar.addendum_button.isVisible()
    # Saving the final plan again asks nothing more (no second question, no change).
    assert len(answers.shown) == 2


def test_an_addendum_and_a_new_version_from_the_buttons(
    qtbot, store, clinician, answers, tmp_path: Path
):
    plan = _plan_dialog(qtbot, store, clinician)
    qtbot.keyClicks(plan.texts["triggers"], "Payday Fridays")
    _make_final(qtbot, plan, answers, yes=True)
    answers.queue("text", "Sponsor changed: call Ana at 555-201-0000.")
    qtbot.mouseClick(plan.final_bar.addendum_button, LEFT)
    assert NoteAddendum.get().note_kind == "aftercare"
    assert plan.final_bar.addenda.rows_model.rowCount() == 1
    assert not plan.final_bar.addenda.isHidden()

    qtbot.mouseClick(plan.final_bar.new_version_button, LEFT)
    assert plan.editable and plan.shown.version == 2 and plan.shown.status == "draft"
    assert plan.texts["triggers"].toPlainText() == "Payday Fridays"
    assert "version 2" in plan.saved_label.text()
    assert plan.final_bar.version_box.currentText() == "2 (current)"
    plan.texts["triggers"].setPlainText("Payday Fridays\nOld friends")
    qtbot.mouseClick(plan.save_button, LEFT)
    assert [
        (p.version, p.triggers) for p in AftercarePlan.select().order_by(AftercarePlan.version)
    ] == [
        (1, "Payday Fridays"),
        (2, "Payday Fridays\nOld friends"),
    ]

    # The final version 1 is still there to read and print, with its addendum.
    box = plan.final_bar.version_box
    box.setCurrentIndex(box.findData(1))
    box.activated.emit(box.currentIndex())
    assert plan.shown.version == 1 and not plan.editable
    assert "replaced by version 2" in plan.final_bar.frozen.text()
    assert plan.final_bar.new_version_button.isHidden()
    target = tmp_path / "v1.pdf"
    answers.queue("save_file", str(target))
    answers.queue("inform")
    qtbot.mouseClick(plan.print_button, LEFT)
    text = " ".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "version 1" in text and "Sponsor changed: call Ana" in text
    assert "Old friends" not in text
