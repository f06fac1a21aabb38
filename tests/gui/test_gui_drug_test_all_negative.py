"""A clean drug test panel takes two clicks: All negative, then Save; a result already chosen
(the odd positive) stays as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from iopdesk.db.models.attendance import DrugTest, DrugTestResult
from iopdesk.gui.attendance.drug_test_dialog import DrugTestDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.attendance.drug_tests import COMMON_SUBSTANCES
from tests.factories.clients import make_client

LEFT = Qt.MouseButton.LeftButton


def _dialog(qtbot, clinician, store) -> DrugTestDialog:
    dialog = DrugTestDialog(WindowContext(clinician, EventHub(), store), make_client())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(qtbot, dialog: DrugTestDialog) -> None:
    save = next(b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Save")
    qtbot.mouseClick(save, LEFT)


def _results() -> dict[str, str]:
    return {r.substance: r.result for r in DrugTestResult.select()}


def test_all_negative_then_save_records_a_clean_panel(qtbot, clinician, store, answers):
    dialog = _dialog(qtbot, clinician, store)
    qtbot.mouseClick(dialog.all_negative, LEFT)
    _save(qtbot, dialog)
    assert DrugTest.select().count() == 1 and not dialog.isVisible()
    assert _results() == dict.fromkeys(COMMON_SUBSTANCES, "negative")


def test_all_negative_keeps_a_result_already_chosen(qtbot, clinician, store, answers):
    dialog = _dialog(qtbot, clinician, store)
    dialog.set_result("Cocaine", "positive")
    qtbot.mouseClick(dialog.all_negative, LEFT)
    _save(qtbot, dialog)
    results = _results()
    assert results.pop("Cocaine") == "positive"
    assert set(results.values()) == {"negative"} and len(results) == len(COMMON_SUBSTANCES) - 1
