"""A workstation on the clinic's server when the server stops mid-session: the dialog says so
in a sentence, keeps what was typed, and saves it once the server is back."""

import pytest

from iopdesk.db.models.core import Client
from iopdesk.gui.clients.client_dialog import ClientDialog
from iopdesk.gui.context import WindowContext
from iopdesk.gui.hub import EventHub
from iopdesk.services.store import open_clinic
from tests.conftest import make_staff, set_up_clinic

pytestmark = pytest.mark.postgres


def test_the_new_client_dialog_keeps_what_was_typed_while_the_server_is_away(
    qtbot, postgres_url, postgres_control, tmp_path
):
    store = open_clinic(tmp_path / "ws", database_url=postgres_url)
    fran = make_staff(set_up_clinic(), "fran", "front_desk")
    dialog = ClientDialog(WindowContext(fran, EventHub(), store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.fields["legal_first_name"], "Bea")
    qtbot.keyClicks(dialog.form.fields["legal_last_name"], "Souza")
    qtbot.keyClicks(dialog.form.fields["date_of_birth"], "1985-05-06")

    postgres_control.stop()
    assert dialog.try_save() is False
    assert dialog.form.banner.isVisible()
    assert "server (127.0.0.1) cannot be reached" in dialog.form.banner.text()
    assert dialog.form.fields["legal_last_name"].text() == "Souza"
    assert dialog.isVisible()

    postgres_control.start()
    assert dialog.try_save() is True
    assert not dialog.form.banner.isVisible()
    assert Client.select().where(Client.legal_last_name == "Souza").count() == 1
