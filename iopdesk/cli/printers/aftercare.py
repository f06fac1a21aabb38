"""``iopdesk print aftercare|discharge RECORD_NUMBER -o FILE``: the client's plan, the summary."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, signed_in, store_for, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("aftercare", help="a client's aftercare plan (for the client)"))
    _arguments(p)
    p.set_defaults(func=print_aftercare)
    p = add_common(sub.add_parser("discharge", help="a client's discharge summary"))
    _arguments(p)
    p.set_defaults(func=print_discharge)


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("record_number", metavar="RECORD_NUMBER", help="e.g. IOP-000123")
    p.add_argument(
        "--episode", type=int, metavar="N", help="episode number (default: the latest one)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")


def _client_and_episode(args: argparse.Namespace) -> tuple[int, int | None]:
    from iopdesk.services.aftercare.discharge import client_id_for_record, episode_id_for_number

    client_id = client_id_for_record(args.record_number)
    return client_id, episode_id_for_number(client_id, args.episode)


def print_aftercare(args: argparse.Namespace) -> int:
    from iopdesk.services.aftercare.plan import print_aftercare_plan

    store_for(args)
    actor = signed_in(args)
    printout = print_aftercare_plan(actor, *_client_and_episode(args))
    write_output(args.output, printout.content)
    print(f"Aftercare plan for {printout.document.record_number} written to {args.output}")
    return 0


def print_discharge(args: argparse.Namespace) -> int:
    from iopdesk.services.aftercare.discharge import print_discharge_summary

    store_for(args)
    actor = signed_in(args)
    printout = print_discharge_summary(actor, *_client_and_episode(args))
    write_output(args.output, printout.content)
    print(f"Discharge summary for {printout.document.record_number} written to {args.output}")
    return 0
