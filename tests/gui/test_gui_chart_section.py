"""What every chart tab shares (gui/chart_tabs/section.py), seen through the medication list:
a change to another client leaves the tab alone, a change to its client reads again, and a
refused read says why in the tab instead of showing rows."""

from __future__ import annotations

from iopdesk.gui.chart_tabs.medications import MedicationsTab
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.medications import medication_list as meds
from iopdesk.services.medications.medication_list import MedicationForm
from tests.factories.clients import make_client


def test_a_tab_reads_again_only_for_a_change_to_its_own_client(qtbot, store, clinician):
    ana, ben = make_client("Ana", "Ruiz"), make_client("Ben", "Ode")
    hub = EventHub()
    tab = MedicationsTab(WindowContext(clinician, hub, store), ana)
    qtbot.addWidget(tab)
    assert tab.summary.text() == "No medications recorded."

    # Saved without the hub hearing of it, as another window's save is until announced.
    meds.add_medication(clinician, ana, MedicationForm(name="Buprenorphine", is_mat=True))
    hub.clinical_changed.emit(ben)
    assert tab.table.rows_model.rows == []

    hub.clinical_changed.emit(ana)
    assert [r.name for r in tab.table.rows_model.rows] == ["Buprenorphine"]
    assert tab.summary.text() == "1 current medication, 1 for addiction treatment (MAT)"


def test_a_refused_read_says_why_in_the_tab(qtbot, store, clinician, front_desk):
    client_id = make_client("Ana", "Ruiz")
    meds.add_medication(clinician, client_id, MedicationForm(name="Naltrexone"))
    tab = MedicationsTab(WindowContext(front_desk, EventHub(), store), client_id)
    qtbot.addWidget(tab)
    assert tab.table.rows_model.rows == []
    assert tab.summary.text().startswith("Your role (Front desk) is not allowed to open")
