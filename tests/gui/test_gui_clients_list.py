"""The Clients list, New client dialog and chart window, driven the way a person would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from iopdesk.db.models.core import AuditEvent, Client
from iopdesk.gui import registry
from iopdesk.gui.clients.chart import ChartWindow
from iopdesk.gui.clients.client_dialog import ClientDialog
from iopdesk.gui.clients.client_list import ClientList
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from tests.factories.clients import make_client


def ctx_for(actor, store):
    return WindowContext(actor, EventHub(), store)


def test_search_as_you_type_status_filter_and_open(qtbot, store, front_desk, clinician):
    make_client("José", "García", dob=dt.date(1985, 4, 12), status="referred")
    lucy = make_client("Ana-Lucía", "Nguyễn", preferred_name="Lucy", status="referred")
    make_client("Zoë", "Adams", status="referred")
    ctx = ctx_for(front_desk, store)
    view = ClientList(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    assert view.model.rowCount() == 3
    assert view.count_label.text() == "3 clients"
    assert view.model.row_at(0).legal_last_name == "Adams"
    qtbot.keyClicks(view.search, "luc")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert view.model.row_at(0).list_name == "Nguyễn, Ana-Lucía (Lucy)"
    with qtbot.waitSignal(ctx.hub.open_chart_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [lucy]
    view.search.clear()
    view.status.setCurrentIndex(view.status.findData("active"))
    assert view.model.rowCount() == 0 and view.count_label.text() == "No clients yet."
    view.status.setCurrentIndex(0)
    view.table.horizontalHeader().sectionClicked.emit(0)
    assert view.sort_key == "record_number"


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()
def test_new_client_inline_errors_then_saved_and_chart_opens(qtbot, store, front_desk):
    ctx = ctx_for(front_desk, store)
    view = ClientList(ctx)
    qtbot.addWidget(view)
    opened: list[int] = []
    ctx.hub.open_chart_requested.connect(opened.append)
    seen: dict[str, str] = {}

    def drive():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ClientDialog)]
        dialog = next(d for d in dialogs if d.isVisible())
        try:
            steps(dialog)
        except Exception as exc:  # an exception inside exec() would abort the test run
            seen["error"] = repr(exc)
            dialog.dirty = False
            dialog.reject()

    def steps(dialog):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["first"] = dialog.form.error_text("legal_first_name")
        # QTest can only type ASCII keys; accented letters arrive as an input method would.
        dialog.form.fields["legal_first_name"].insert("Siobhán")
        dialog.form.fields["legal_last_name"].insert("O'Connor-Ní")
        future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
        qtbot.keyClicks(dialog.form.fields["date_of_birth"], future)
        qtbot.keyClicks(dialog.form.fields["insurance_authorized_hours"], "lots")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["dob"] = dialog.form.error_text("date_of_birth")
        seen["payer"] = dialog.form.error_text("insurance_payer")
        seen["hours"] = dialog.form.error_text("insurance_authorized_hours")
        dialog.form.fields["date_of_birth"].setText("1990-03-17")
        dialog.form.fields["insurance_authorized_hours"].clear()
        dialog.form.fields["emergency_name"].insert("Máire O'Connor")
        qtbot.keyClicks(dialog.form.fields["emergency_phone"], "507-555-0111")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert "error" not in seen, seen.get("error")
    assert seen["first"] == "Legal first name is required."
    assert "future" in seen["dob"]
    assert seen["payer"] == "Payer is required."  # insurance was started, so it needs a payer
    assert "whole number" in seen["hours"]
    client = Client.get()
    assert client.full_name == "Siobhán O'Connor-Ní" and opened == [client.id]
    assert view.model.rowCount() == 1

    chart = ChartWindow(ctx, client.id)
    qtbot.addWidget(chart)
    assert chart.header.name.text() == "Siobhán O'Connor-Ní"
    assert chart.header.fields["record_number"].text() == client.record_number
    assert chart.header.fields["status"].text() == "Referred"
    assert "age " in chart.header.fields["born"].text()
    assert chart.header.safety.isHidden()
    assert AuditEvent.select().where(AuditEvent.action == "client.open").count() == 1
    demographics = chart.tab("demographics")
    assert demographics.contacts.model.rows[0].name == "Máire O'Connor"
    assert "(current)" in demographics.episodes.model.index(0, 0).data()


def test_duplicate_is_pointed_out_before_saving(qtbot, store, front_desk, answers):
    make_client("José", "García", dob=dt.date(1985, 4, 12), status="referred")
    dialog = ClientDialog(ctx_for(front_desk, store))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.form.fields["legal_first_name"], "Jose")
    qtbot.keyClicks(dialog.form.fields["legal_last_name"], "GARCIA")
    qtbot.keyClicks(dialog.form.fields["date_of_birth"], "1985-04-12")
    answers.queue("confirm", False, True)
    assert dialog.try_save() is False
    assert answers.titles() == ["Possible duplicate"] and "García, José" in answers.shown[0].text
    assert Client.select().count() == 1
    assert dialog.try_save() is True
    assert Client.select().count() == 2


def test_unsaved_changes_are_not_lost_silently(qtbot, store, front_desk, answers):
    dialog = ClientDialog(ctx_for(front_desk, store))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.cancel_button.click()
    assert answers.shown == [] and not dialog.isVisible()
    dialog = ClientDialog(ctx_for(front_desk, store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.fields["legal_first_name"], "Half typed")
    answers.queue("unsaved", "cancel", "save", "discard")
    dialog.cancel_button.click()
    assert answers.kinds() == ["unsaved"] and dialog.isVisible()
    dialog.cancel_button.click()
    assert dialog.isVisible() and "required" in dialog.form.error_text("legal_last_name")
    dialog.cancel_button.click()
    assert not dialog.isVisible() and Client.select().count() == 0


def test_front_desk_chart_hides_clinical_sections(qtbot, store, front_desk, clinician):
    client_id = make_client(counselor=clinician, status="referred")
    desk_chart = ChartWindow(ctx_for(front_desk, store), client_id)
    qtbot.addWidget(desk_chart)
    clinical = {t.title for t in registry.chart_tabs() if t.permission.startswith("clinical.")}
    assert {"Demographics", "Consents"} <= set(desk_chart.tab_titles())
    assert not clinical & set(desk_chart.tab_titles())
    assert desk_chart.tabs.count() == len(desk_chart.tab_titles())
    counselor_chart = ChartWindow(ctx_for(clinician, store), client_id)
    qtbot.addWidget(counselor_chart)
    assert clinical <= set(counselor_chart.tab_titles())
    assert counselor_chart.header.fields["counselor"].text().startswith("Casey")


def test_header_follows_changes_and_shows_safety_flag(qtbot, store, front_desk, clinician):
    client_id = make_client(status="referred")
    ctx = ctx_for(front_desk, store)
    chart = ChartWindow(ctx, client_id)
    qtbot.addWidget(chart)
    chart.show()
    assert not chart.header.safety.isVisible()
    Client.update(safety_flag="PHQ-9 item 9 answered 2 on 2025-05-01").where(
        Client.id == client_id
    ).execute()
    ctx.hub.clinical_changed.emit(client_id)
    # The front desk learns to bring in a clinician, not the clinical reason.
    assert chart.header.safety.isVisible()
    assert chart.header.safety.title.text() == "⚠ Clinical alert"
    assert "PHQ" not in chart.header.safety.detail.text()
    assert not chart.header.safety.record_button.isVisible()
    assert AuditEvent.select().where(AuditEvent.action == "client.open").count() == 1
    counselor_chart = ChartWindow(ctx_for(clinician, store), client_id)
    qtbot.addWidget(counselor_chart)
    counselor_chart.show()
    assert counselor_chart.header.safety.isVisible()
    assert counselor_chart.header.safety.detail.text() == "PHQ-9 item 9 answered 2 on 2025-05-01"


def test_list_marks_flagged_clients_without_the_reason(qtbot, store, front_desk):
    flagged = make_client("Ann", "Lee", status="referred")
    make_client("Bo", "Moss", status="referred")
    Client.update(safety_flag="PHQ-9 item 9 answered 2 on 2025-05-01").where(
        Client.id == flagged
    ).execute()
    view = ClientList(ctx_for(front_desk, store))
    qtbot.addWidget(view)
    assert [r.list_name for r in view.model.rows] == ["Lee, Ann", "Moss, Bo"]
    background = Qt.ItemDataRole.BackgroundRole
    assert view.model.index(0, 1).data(background) is not None
    assert view.model.index(1, 1).data(background) is None
    assert view.model.row_at(0).safety_flag == "Clinical alert - please see the counselor"


def test_show_more_pages_through_a_broad_search_counted_so_far(
    qtbot, store, front_desk, monkeypatch
):
    from iopdesk.gui.clients import client_list
    from iopdesk.services.clients import search

    monkeypatch.setattr(client_list, "PAGE", 2)
    monkeypatch.setattr(search, "COUNT_UP_TO", 3)
    for first in ("Mia", "Max", "Mona", "Milo", "Mabel"):
        make_client(first, "Stone", status="referred")
    make_client("Zoë", "Adams", status="referred")
    view = ClientList(ctx_for(front_desk, store))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    qtbot.keyClicks(view.search, "m")
    qtbot.waitUntil(lambda: view.count_label.text() == "Showing 2 of more than 3 clients")
    assert view.more_button.isVisibleTo(view)
    qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    assert view.count_label.text() == "Showing 4 of 5 clients"
    qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 5 and view.count_label.text() == "5 clients"
    assert not view.more_button.isVisibleTo(view)
