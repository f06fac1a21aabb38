"""``iopdesk print aftercare|discharge RECORD_NUMBER -o FILE``: the client's plan, the summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from iopdesk.cli.session import add_common, signed_in, store_for


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


def _episode_id(client_id: int, number: int | None) -> int | None:
    from iopdesk.db.models.core import Episode
    from iopdesk.errors import NotFound

    if number is None:
        return None
    episode = Episode.get_or_none((Episode.client == client_id) & (Episode.number == number))
    if episode is None:
        raise NotFound(f"This client has no episode {number}.")
    return episode.id


def print_aftercare(args: argparse.Namespace) -> int:
    from iopdesk.reports.aftercare_plan import render_aftercare_plan
    from iopdesk.services.aftercare.discharge import client_id_for_record
    from iopdesk.services.aftercare.plan import aftercare_document

    store_for(args)
    actor = signed_in(args)
    client_id = client_id_for_record(args.record_number)
    doc = aftercare_document(actor, client_id, _episode_id(client_id, args.episode))
    Path(args.output).write_bytes(render_aftercare_plan(doc))
    print(f"Aftercare plan for {doc.record_number} written to {args.output}")
    return 0


def print_discharge(args: argparse.Namespace) -> int:
    from iopdesk.reports.discharge_summary import render_discharge_summary
    from iopdesk.services.aftercare.discharge import client_id_for_record, discharge_document

    store_for(args)
    actor = signed_in(args)
    client_id = client_id_for_record(args.record_number)
    doc = discharge_document(actor, client_id, _episode_id(client_id, args.episode))
    Path(args.output).write_bytes(render_discharge_summary(doc))
    print(f"Discharge summary for {doc.record_number} written to {args.output}")
    return 0
