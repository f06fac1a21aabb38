"""``iopdesk`` with no command opens the app at once: the commands' parser (which imports every
command and the services behind them) is built only when a command is given."""

from __future__ import annotations

import sys
import types

import pytest

from iopdesk import cli


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The data folders the app was opened on (a stand-in for ``iopdesk.gui.app``)."""
    folders: list[str | None] = []
    app = types.ModuleType("iopdesk.gui.app")
    app.run = lambda data_dir: folders.append(data_dir) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "iopdesk.gui.app", app)
    return folders


def test_starting_the_app_builds_no_command_parser(opened, monkeypatch):
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("the commands were loaded"))
    assert cli.main([]) == 0
    assert cli.main(["--data-dir", "/clinics/lakeside"]) == 0
    assert opened == [None, "/clinics/lakeside"]


def test_commands_help_and_version_still_use_the_full_parser(opened, capsys, tmp_path):
    with pytest.raises(SystemExit) as shown:
        cli.main(["--version"])
    assert shown.value.code == 0 and "IOPdesk" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "bench" in capsys.readouterr().out
    # A command runs as a command (here: refused for want of --user), no app opens.
    assert cli.main(["clients", "--data-dir", str(tmp_path)]) == 2
    assert opened == []
