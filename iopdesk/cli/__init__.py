"""The ``iopdesk`` command: no sub-command opens the app; sub-commands run the same services."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from iopdesk import __version__
from iopdesk.errors import DomainError


def build_parser() -> argparse.ArgumentParser:
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


def _app_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a plain ``iopdesk [--data-dir DIR]`` (open the app), else None.

    Read without the commands' parser: building it imports every command and the services
    behind them, which a person starting the app would wait for and never use.
    """
    plain = argparse.ArgumentParser(add_help=False)
    add_common(plain)
    known, rest = plain.parse_known_args(argv)
    return None if rest else known


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; expected failures print one sentence and exit non-zero."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    opening = _app_options(arguments)
    if opening is not None:
        from iopdesk.gui.app import run

        return run(getattr(opening, "data_dir", None))
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
