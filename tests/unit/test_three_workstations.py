"""Three workstations (three processes) on one real PostgreSQL server at once: each registers
clients, saves an attendance sheet and edits the same client. Nothing is lost, and every save
made from an older view is refused as a conflict (the workstation reloads and saves again)."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from iopdesk.db.models.attendance import Attendance
from iopdesk.db.models.core import Client
from iopdesk.services.clients import records as clients
from iopdesk.services.groups import roster
from iopdesk.services.store import open_clinic
from tests.conftest import PASSWORD, make_staff, set_up_clinic
from tests.factories.attendance import make_group, make_session
from tests.factories.clients import make_clients
from tests.processes import in_another_workstation

pytestmark = pytest.mark.postgres

PAST = dt.date.today() - dt.timedelta(days=3)
#: Each workstation's field of the shared client, and what it writes there.
EDITS = {0: ("phone", "555-201-0000"), 1: ("email", "dana@example.org"), 2: ("address", "9 Elm")}

WORKSTATION = """
import time
from dataclasses import replace
from pathlib import Path

from iopdesk.errors import ConflictError
from iopdesk.services.attendance import sheet
from iopdesk.services.clients import records

me, folder, session, dana = {me}, Path({folder!r}), {session}, {dana}
field, value = {edit!r}


def all_reach(step):
    # Wait until the three workstations reach the same step, so their work overlaps.
    (folder / f"{{step}}-{{me}}").touch()
    while len(list(folder.glob(f"{{step}}-*"))) < 3:
        time.sleep(0.01)


all_reach("started")
for n in range(10):
    form = records.ClientForm(f"Station{{me}}", f"Client{{n}}", "1990-01-02")
    records.register_client(actor, form)
rows = sheet.sheet(actor, session).rows
sheet.save_sheet(actor, session, [sheet.AttendanceEntry(r.client_id, "present") for r in rows])
conflicts = []
form = records.client_form(actor, dana)
all_reach("opened")  # all three hold the same version of Dana's details
while True:
    try:
        records.edit_demographics(actor, dana, replace(form, **{{field: value}}))
        break
    except ConflictError as refused:
        conflicts.append(refused.message)
        form = records.client_form(actor, dana)  # reload what the others saved, then retry
print(len(conflicts))
for message in conflicts:
    print(message)
"""


def test_three_workstations_lose_nothing_and_report_conflicts(postgres_url, tmp_path):
    open_clinic(tmp_path / "ws", database_url=postgres_url)
    casey = make_staff(set_up_clinic(), "casey", "clinician")
    dana = clients.register_client(casey, clients.ClientForm("Dana", "Reyes", "1988-04-02")).id
    group = make_group(facilitator=casey)
    members = make_clients(6)
    for client in members:
        roster.add_member(casey, group, client, PAST - dt.timedelta(days=10))
    sessions = [make_session(group, PAST - dt.timedelta(days=d), title="RP") for d in range(3)]
    barrier = tmp_path / "barrier"
    barrier.mkdir()

    def workstation(me):
        script = WORKSTATION.format(
            me=me, folder=str(barrier), session=sessions[me], dana=dana, edit=EDITS[me]
        )
        return in_another_workstation(tmp_path / "ws", "casey", PASSWORD, script, postgres_url)

    with ThreadPoolExecutor(3) as pool:
        printed = list(pool.map(workstation, range(3)))

    for me in range(3):
        assert Client.select().where(Client.legal_first_name == f"Station{me}").count() == 10
    assert Client.select().count() == 1 + 6 + 30
    for session in sessions:
        assert Attendance.select().where(Attendance.session == session).count() == 6
    form = clients.client_form(casey, dana)
    assert (form.phone, form.email, form.address) == tuple(value for _, value in EDITS.values())
    reported = [line.splitlines() for line in printed]
    conflicts = [int(lines[0]) for lines in reported]
    # All three opened the same version: the first save wins, the other two were refused.
    assert sum(conflicts) >= 2 and conflicts.count(0) >= 1
    messages = [m for lines in reported for m in lines[1:]]
    assert messages and all("Casey Tester" in m for m in messages), messages
