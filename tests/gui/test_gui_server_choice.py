"""The first-run wizard's first question: "This PC only" or "Connect to the clinic's server";
the connection is remembered in the user's settings and the password in the password store."""

from urllib.parse import urlsplit

import keyring
import pytest
from PySide6.QtCore import QPoint, Qt

from iopdesk import paths
from iopdesk.db.models.core import Clinic
from iopdesk.gui.server_memory import saved_connection
from iopdesk.services.admin.server import set_up_server
from iopdesk.services.admin.server_connection import KEYRING_SERVICE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.postgres


def click_option(qtbot, option):
    """Click the radio button's circle (its middle may be empty space past the label)."""
    qtbot.mouseClick(option, Qt.MouseButton.LeftButton, pos=QPoint(8, option.height() // 2))


def create_clinic_in(qtbot, wizard, name):
    for field, text in (
        (wizard.name, name),
        (wizard.full_name, "Dana Director"),
        (wizard.username, "dana"),
        (wizard.password, PASSWORD),
        (wizard.repeat, PASSWORD),
    ):
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(wizard.create, Qt.MouseButton.LeftButton)


def fill_server(choice, url, password="app-secret", tls=False):
    parts = urlsplit(url)
    typed = [
        (choice.host, parts.hostname),
        (choice.port, str(parts.port)),
        (choice.database, parts.path.lstrip("/")),
        (choice.username, parts.username),
        (choice.password, password),
    ]
    for field, text in typed:
        field.setText(text)
    choice.tls.setChecked(tls)


def test_connecting_to_the_server_sets_it_up_and_the_next_start_goes_there(
    qtbot, controller, postgres_url
):
    workstation_url = set_up_server(postgres_url).workstation_url
    c = controller()
    assert c.start()
    wizard, choice = c.wizard, c.wizard.choice
    assert choice.this_pc.isChecked() and not choice.form.isVisible()
    click_option(qtbot, choice.on_server)
    assert choice.form.isVisible() and choice.tls.isChecked()  # encrypted unless unticked
    assert not wizard.create.isEnabled()
    fill_server(choice, workstation_url)
    qtbot.mouseClick(choice.connect_button, Qt.MouseButton.LeftButton)
    assert "Connected to the clinic's server" in choice.status.text()
    assert not paths.database_path(c.data_dir).exists()  # the empty local clinic gave way
    # The clinic on the server is new: the wizard goes on to set it up there.
    create_clinic_in(qtbot, wizard, "Lakeside Recovery")
    assert Clinic.get().name == "Lakeside Recovery"
    assert c.current is not None and c.current.window.isVisible()
    saved = saved_connection(c.data_dir)
    assert saved is not None and saved.require_tls is False
    assert keyring.get_password(KEYRING_SERVICE, saved.keyring_name) == "app-secret"
    assert "app-secret" not in "".join(
        p.read_text(errors="ignore") for p in c.data_dir.parent.rglob("*.ini")
    )
    c.shutdown()

    again = controller()
    assert again.start()
    assert again.wizard is None and again.sign_in_screen.isVisible()
    assert again.store.database_url.startswith("postgresql://")


def test_a_server_that_refuses_is_a_sentence_and_this_pc_still_works(
    qtbot, controller, postgres_url
):
    c = controller()
    assert c.start()
    wizard, choice = c.wizard, c.wizard.choice
    click_option(qtbot, choice.on_server)
    fill_server(choice, postgres_url, tls=True)  # the test server has no TLS
    qtbot.mouseClick(choice.connect_button, Qt.MouseButton.LeftButton)
    assert "SSL" in choice.form.banner.text()
    assert saved_connection(c.data_dir) is None
    click_option(qtbot, choice.this_pc)
    assert wizard.create.isEnabled()
    create_clinic_in(qtbot, wizard, "Riverbend Recovery")
    assert Clinic.get().name == "Riverbend Recovery"
    assert paths.database_path(c.data_dir).exists()
