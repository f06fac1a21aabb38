"""The plan editor driven like a counselor would: from an empty plan to a signed one, printed."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter

from iopdesk.db.models.clients import Disclosure
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.gui.chart_tabs.plan import PlanTab
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.gui.plans.editor import PlanEditor
from iopdesk.services.clients import consents, disclosures
from tests.factories.clients import disclosure_form, make_client
from tests.factories.plans import TODAY

LEFT = Qt.MouseButton.LeftButton


def texts(editor: PlanEditor) -> list[str]:
    found = []
    stack = [editor.tree.topLevelItem(i) for i in range(editor.tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        found.append(item.text(0))
        stack = [item.child(i) for i in range(item.childCount())] + stack
    return found


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def test_from_an_empty_plan_to_a_signed_printed_one(
    qtbot, store, clinician, supervisor, answers, tmp_path
):
    client_id = make_client("Алина", "Ortiz-Żmuda", counselor=clinician)
    ctx = WindowContext(clinician, EventHub(), store)
    tab = PlanTab(ctx, client_id)
    qtbot.addWidget(tab)
    assert "No treatment plan yet" in tab.summary.text()
    qtbot.mouseClick(tab.new_button, LEFT)
    editor = tab.windows[-1]
    qtbot.addWidget(editor)
    assert editor.doc.status == "draft" and editor.tree.topLevelItemCount() == 0

    # A problem, then Insert for a goal under it (an empty goal is refused next to the field).
    qtbot.mouseClick(editor.add_buttons["problem"], LEFT)
    form = editor.forms["problem"]
    qtbot.keyClicks(form.statement, "Daily drinking is costing her the job")
    form.dimension.setCurrentIndex(form.dimension.findData(5))
    qtbot.mouseClick(editor.save_item, LEFT)
    assert texts(editor) == ["Problem 1: Daily drinking is costing her the job [ASAM 5]"]
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
    qtbot.mouseClick(editor.save_item, LEFT)
    assert editor.forms["goal"].error_text("text") == "The goal is required."
    qtbot.keyClicks(editor.forms["goal"].text, "I want to keep my job")
    qtbot.mouseClick(editor.save_item, LEFT)
    assert editor.forms["goal"].error_text("text") == ""

    # An objective with a target before the plan start is refused; then fixed.
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
    objective = editor.forms["objective"]
    qtbot.keyClicks(objective.text, "Attend 3 groups a week")
    objective.target.setDate(QDate(TODAY - dt.timedelta(days=3)))
    qtbot.mouseClick(editor.save_item, LEFT)
    assert "before the plan start" in objective.error_text("target_date")
    objective.target.setDate(QDate(TODAY + dt.timedelta(days=30)))
    qtbot.mouseClick(editor.save_item, LEFT)
    assert "1.1 Attend 3 groups a week" in texts(editor)

    # Enter adds another objective beside it; Ctrl+Up moves it first.
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.forms["objective"].text, "Name five triggers")
    qtbot.mouseClick(editor.save_item, LEFT)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    objectives = [t for t in texts(editor) if t[:2] == "1."]
    assert objectives == ["1.1 Name five triggers", "1.2 Attend 3 groups a week"]

    # Signing an incomplete plan is refused with the reason (after the one question).
    answers.queue("confirm", True)
    qtbot.mouseClick(editor.sign_buttons["counselor"], LEFT)
    assert "needs an intervention" in editor.sign_error.text()
    assert "diagnosis" in editor.sign_error.text()
    for number in ("1.1", "1.2"):
        item = editor.tree.findItems(number, Qt.MatchFlag.MatchStartsWith
                                     | Qt.MatchFlag.MatchRecursive)[0]  # fmt: skip
        editor.tree.setCurrentItem(item)
        editor.tree.setFocus()
        qtbot.keyClick(editor.tree, Qt.Key.Key_Insert)
        intervention = editor.forms["intervention"]
        intervention.approach.setCurrentIndex(intervention.approach.findData("MI"))
        type_into(qtbot, intervention.frequency, "Weekly")
        qtbot.mouseClick(editor.save_item, LEFT)
        assert intervention.error_text("frequency") == ""
    qtbot.keyClicks(editor.header.diagnosis, "Alcohol use disorder, moderate")
    type_into(qtbot, editor.header.icd10, "f10.20")
    qtbot.mouseClick(editor.save_header, LEFT)
    assert editor.doc.icd10_code == "F10.20"

    # Client (on paper) and counselor sign; a clinician who is not supervisor cannot co-sign.
    editor.on_paper.setChecked(True)
    answers.queue("confirm", True, True, True)
    qtbot.mouseClick(editor.sign_buttons["client"], LEFT)
    qtbot.mouseClick(editor.sign_buttons["counselor"], LEFT)
    qtbot.mouseClick(editor.sign_buttons["supervisor"], LEFT)
    assert "clinical supervisor" in editor.sign_error.text()
    assert "(on paper)" in editor.sig_labels["client"].text()
    assert editor.doc.status == "partially_signed"

    boss = PlanEditor(WindowContext(supervisor, EventHub(), store), editor.doc.plan_id)
    qtbot.addWidget(boss)
    answers.queue("confirm", True)
    qtbot.mouseClick(boss.sign_buttons["supervisor"], LEFT)
    assert "the plan becomes final" in answers.texts("confirm")[-1]
    assert boss.doc.status == "signed"
    assert not boss.add_buttons["problem"].isEnabled() and boss.revise_button.isEnabled()
    assert "signed and frozen" in boss.banner.text()

    # Preview; print to a PDF file printer; save for internal use.
    qtbot.mouseClick(boss.print_button, LEFT)
    preview = boss.preview
    qtbot.addWidget(preview)
    assert preview.document.pageCount() >= 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.print_to(printer)
    assert len(PdfReader(str(printed)).pages) == preview.document.pageCount()
    saved = tmp_path / "saved.pdf"
    answers.queue("save_file", str(saved))
    answers.queue("inform")
    assert preview.save_clicked()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert "Алина Ortiz-Żmuda" in " ".join(text.split())
    assert "1.2" in text and "Page 1 of" in text
    assert TreatmentPlan.get_by_id(editor.doc.plan_id).status == "signed"

    # The client's own copy says so on every page, and is no disclosure.
    qtbot.mouseClick(preview.client_copy, LEFT)
    own = tmp_path / "own.pdf"
    answers.queue("save_file", str(own))
    answers.queue("inform")
    assert preview.save_clicked()
    pages = [p.extract_text() for p in PdfReader(str(own)).pages]
    assert all("The client's own copy" in " ".join(p.split()) for p in pages)

    # Without a consent to disclose, the release dialog can only give the client their copy.
    qtbot.mouseClick(preview.release_button, LEFT)
    dialog = preview.release_dialog
    assert "no consent to disclose in force" in dialog.covers.text()
    assert dialog.to_client.isChecked() and not dialog.consent.isEnabled()
    assert not dialog.save_button.isEnabled()  # nothing leaves before it has been seen
    dialog.close()
    assert Disclosure.select().count() == 0


def test_release_under_a_consent_is_logged(qtbot, store, clinician, front_desk, answers, tmp_path):
    from tests.factories.plans import write_plan

    client_id = make_client(counselor=clinician)
    plan_id = write_plan(clinician, client_id)
    consents.add_disclosure_consent(front_desk, client_id, disclosure_form(
        information="Attendance dates only", categories=["attendance"],
        recipients="Olmsted County Probation",
    ))  # fmt: skip
    consents.add_disclosure_consent(front_desk, client_id, disclosure_form(
        information="The treatment plan", categories=["treatment_plan", "attendance"],
        recipients="Olmsted County Probation\nOfficer Dana Reyes",
        purpose="Compliance with the conditions of probation",
    ))  # fmt: skip
    editor = PlanEditor(WindowContext(clinician, EventHub(), store), plan_id)
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.print_button, LEFT)
    preview = editor.preview
    qtbot.addWidget(preview)
    qtbot.mouseClick(preview.release_button, LEFT)
    dialog = preview.release_dialog
    assert dialog.document.currentText() == "Treatment plan, version 1 (draft)"
    assert dialog.consent.count() == 2
    # A consent that does not cover the plan is refused beside the consent, before anything.
    dialog.consent.setCurrentIndex(1)
    assert "Attendance (dates" in dialog.covers.text()
    qtbot.mouseClick(dialog.preview_button, LEFT)
    assert "does not cover treatment plan" in dialog.form.error_text("consent")
    assert not dialog.save_button.isEnabled()
    # The person sees what the consent covers, and can only pick a recipient it names.
    dialog.consent.setCurrentIndex(0)
    assert "Treatment plan and progress" in dialog.covers.text()
    assert dialog.purpose.text() == "Compliance with the conditions of probation"
    choices = [dialog.recipient.itemText(i) for i in range(dialog.recipient.count())]
    assert choices == ["Olmsted County Probation", "Officer Dana Reyes"]
    assert not dialog.recipient.isEditable()
    qtbot.mouseClick(dialog.preview_button, LEFT)
    assert dialog.save_button.isEnabled() and dialog.view.page_count() >= 1
    # A changed choice needs a new look before anything leaves.
    dialog.recipient.setCurrentIndex(1)
    assert not dialog.save_button.isEnabled() and "again" in dialog.status.text()
    qtbot.mouseClick(dialog.preview_button, LEFT)
    assert Disclosure.select().count() == 0  # seeing it released nothing
    released = tmp_path / "released.pdf"
    answers.queue("save_file", str(released))
    answers.queue("confirm", True)
    answers.queue("inform")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert answers.shown[-1][:2] == ("inform", "Saved")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(released)).pages)
    assert "This record which has been disclosed to you" in text
    assert "Released to Officer Dana Reyes" in text
    # Printing the same release does not log it twice.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer)
    log = disclosures.list_disclosures(front_desk, client_id)
    assert [(d.recipient, d.purpose) for d in log] == [
        ("Officer Dana Reyes", "Compliance with the conditions of probation")
    ]
    assert log[0].document.startswith("Treatment plan, version 1")


def test_unsaved_typing_is_not_lost_on_close(qtbot, store, clinician, answers) -> None:
    from tests.factories.plans import write_plan

    plan_id = write_plan(clinician, make_client(counselor=clinician))
    editor = PlanEditor(WindowContext(clinician, EventHub(), store), plan_id)
    qtbot.addWidget(editor)
    editor.show()
    goal = editor.tree.findItems("Goal 1A", Qt.MatchFlag.MatchStartsWith
                                 | Qt.MatchFlag.MatchRecursive)[0]  # fmt: skip
    editor.tree.setCurrentItem(goal)
    type_into(qtbot, editor.forms["goal"].text, "I want my kids to trust me")
    answers.queue("unsaved", "cancel")
    editor.close()
    assert editor.isVisible()
    answers.queue("unsaved", "save")
    editor.close()
    assert not editor.isVisible()
    assert editor.doc.problems[0].goals[0].text == "I want my kids to trust me"


def _older_plan(clinician) -> int:
    """A complete plan started last week (its start date differs from today's)."""
    from tests.factories.plans import write_plan

    return write_plan(
        clinician, make_client(counselor=clinician), start=TODAY - dt.timedelta(days=7)
    )


def test_closing_an_untouched_plan_asks_nothing(qtbot, store, clinician, answers) -> None:
    editor = PlanEditor(WindowContext(clinician, EventHub(), store), _older_plan(clinician))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.close_button, LEFT)
    assert answers.shown == []
    assert not editor.isVisible()


def test_the_supervisor_cosigns_without_clearing_the_other_signatures(
    qtbot, store, clinician, supervisor, answers
) -> None:
    from iopdesk.db.models.plans import PlanSignature
    from iopdesk.services.plans import signing as plans_signing

    plan_id = _older_plan(clinician)
    plans_signing.sign_plan(clinician, plan_id, "client", on_paper=True)
    plans_signing.sign_plan(clinician, plan_id, "counselor")
    answers.always("confirm", True)  # a wrongly asked "signatures will be cleared" would wipe
    boss = PlanEditor(WindowContext(supervisor, EventHub(), store), plan_id)
    qtbot.addWidget(boss)
    boss.show()
    qtbot.mouseClick(boss.sign_buttons["supervisor"], LEFT)
    assert answers.titles() == ["Sign as supervisor"]  # asked once, and nothing else
    assert boss.doc.status == "signed" and "signed and frozen" in boss.banner.text()
    assert "(on paper)" in boss.sig_labels["client"].text()
    roles = {s.role for s in PlanSignature.select().where(PlanSignature.plan == plan_id)}
    assert roles == {"client", "counselor", "supervisor"}
