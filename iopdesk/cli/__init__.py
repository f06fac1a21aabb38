"""The ``iopdesk`` command: no sub-command opens the app; sub-commands run the same services."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from iopdesk import __version__
from iopdesk.errors import DomainError

if TYPE_CHECKING:
    import argparse

#: The options a plain ``iopdesk`` (open the app) takes, as ``--name VALUE`` or ``--name=VALUE``.
APP_OPTIONS = ("--data-dir", "--user")


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib
    import pkgutil

    parser = argparse.ArgumentParser(
        prog="iopdesk", description="IOPdesk: records for Intensive Outpatient Programs."
    )
    parser.add_argument("--version", action="version", version=f"IOPdesk {__version__}")
    add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from iopdesk.cli import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        importlib.import_module(f"iopdesk.cli.commands.{info.name}").register(sub)
    return parser


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command takes (also accepted after the sub-command)."""
    import argparse

    parser.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="clinic data folder (default: $IOPDESK_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        help="staff user name for commands that touch clinical data",
    )


def _app_options(argv: Sequence[str]) -> dict[str, str] | None:
    """The options of a plain ``iopdesk [--data-dir DIR] [--user NAME]`` (open the app), else
    None (a command, ``--help``, anything unusual: the full parser decides).

    Read by hand: argparse, and the commands' parser even more (it imports every command and
    the services behind them), would load before the sign-in window, for nothing.
    """
    found: dict[str, str] = {}
    words = list(argv)
    while words:
        name, equals, value = words.pop(0).partition("=")
        if name not in APP_OPTIONS:
            return None
        if not equals:
            if not words or words[0].startswith("-"):
                return None
            value = words.pop(0)
        found[name] = value
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; expected failures print one sentence and exit non-zero."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    opening = _app_options(arguments)
    if opening is not None:
        from iopdesk.gui.app import run

        return run(opening.get("--data-dir"))
    parser = build_parser()
    args = parser.parse_args(arguments)
    if not getattr(args, "command", None):
        from iopdesk.gui.app import run

        return run(getattr(args, "data_dir", None))
    from iopdesk.services.context import busy_as_sentence  # not before the app's first window

    try:
        # A write lock held past the busy timeout anywhere in a command is one sentence too.
        with busy_as_sentence():
            code = int(args.func(args) or 0)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader stopped early (``iopdesk clients | head``): that is not an error. Point
        # stdout at nothing so the final flush at exit cannot raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except DomainError as exc:
        print(f"iopdesk: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("iopdesk: interrupted.", file=sys.stderr)
        return 130
