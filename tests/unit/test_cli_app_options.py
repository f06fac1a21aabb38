"""A plain ``iopdesk`` with only the data folder (and a user) opens the app without argparse;
anything else goes to the commands' parser, which says what is wrong."""

from __future__ import annotations

import pytest

from iopdesk.cli import _app_options, main


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        ([], {}),
        (["--data-dir", "/clinic"], {"--data-dir": "/clinic"}),
        (["--data-dir=/clinic", "--user", "admin"], {"--data-dir": "/clinic", "--user": "admin"}),
    ],
)
def test_opening_the_app_is_read_by_hand(argv: list[str], options: dict[str, str]):
    assert _app_options(argv) == options


@pytest.mark.parametrize(
    "argv",
    [
        ["clients"],
        ["--data-dir"],
        ["--data-dir", "--user", "x"],
        ["--help"],
        ["--data-dir", "/c", "check"],
    ],
)
def test_anything_else_goes_to_the_parser(argv: list[str]):
    assert _app_options(argv) is None


def test_a_missing_folder_is_the_parsers_sentence(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir"])
    assert stopped.value.code == 2
    assert "--data-dir: expected one argument" in capsys.readouterr().err
