"""``iopdesk print aftercare|discharge RECORD_NUMBER [--episode N] [--for-client |
--release-to WHO --consent ID] -o FILE``: the client's aftercare plan (``--version N``: an
earlier version, for internal use), the discharge summary."""

from __future__ import annotations

import argparse

from iopdesk.cli.copies import add_copy_options
from iopdesk.cli.session import add_common, signed_in, store_for


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("aftercare", help="a client's aftercare plan"))
    _arguments(p)
    p.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="an earlier version of the plan, for internal use (default: the newest)",
    )
    p.set_defaults(func=print_aftercare)
    p = add_common(sub.add_parser("discharge", help="a client's discharge summary"))
    _arguments(p)
    p.set_defaults(func=print_discharge)


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument(
        "--episode", type=int, metavar="N", help="episode number (default: the latest one)"
    )
    add_copy_options(p)


def _print(args: argparse.Namespace, kind: str, title: str) -> int:
    from iopdesk.cli.copies import produce
    from iopdesk.errors import DomainError
    from iopdesk.services.aftercare.discharge import (
        client_id_for_record,
        episode_for,
        episode_id_for_number,
        print_discharge_summary,
    )
    from iopdesk.services.aftercare.plan import print_aftercare_plan
    from iopdesk.services.clients.releases import ClientDocument

    version = getattr(args, "version", None)
    if version is not None and (args.for_client or args.release_to):
        # A client's copy and a release are of the plan in use (they name its version).
        raise DomainError(
            "--version prints an earlier version for internal use only: leave it out to give "
            "the client or a recipient the plan in use."
        )
    store_for(args)
    actor = signed_in(args)
    client_id = client_id_for_record(args.record_number)
    episode_id = episode_id_for_number(client_id, args.episode)
    document = ClientDocument(kind, episode_for(client_id, episode_id).id)

    def internal() -> object:
        if kind == "aftercare_plan":
            return print_aftercare_plan(actor, client_id, episode_id, version)
        return print_discharge_summary(actor, client_id, episode_id)

    printout, use = produce(actor, client_id, document, args, internal)
    if kind == "aftercare_plan":
        title = f"{title} version {printout.document.plan.version}"
    print(f"{title} for {printout.document.record_number} ({use}) written to {args.output}")
    return 0


def print_aftercare(args: argparse.Namespace) -> int:
    return _print(args, "aftercare_plan", "Aftercare plan")


def print_discharge(args: argparse.Namespace) -> int:
    return _print(args, "discharge_summary", "Discharge summary")
