"""What ``iopdesk print`` offers for every client document: internal use (the default), the
client's own copy, or a release under a consent; one set of options, one path."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from iopdesk.cli.session import write_output
from iopdesk.services.clients import releases
from iopdesk.services.clients.disclosures import Release
from iopdesk.services.context import Actor


def add_copy_options(p: argparse.ArgumentParser) -> None:
    """--for-client | --release-to WHO --consent ID [--purpose WHY], and -o FILE."""
    use = p.add_mutually_exclusive_group()
    use.add_argument(
        "--for-client",
        action="store_true",
        help="the client's own copy (audited; not a disclosure, so no consent is needed)",
    )
    use.add_argument(
        "--release-to",
        metavar="RECIPIENT",
        help="release outside the program to a recipient the consent names (needs --consent; "
        "logged as a disclosure)",
    )
    p.add_argument("--consent", type=int, metavar="ID", help="the consent to disclose")
    p.add_argument("--purpose", default="", help="purpose of the release (default: the consent's)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write")


def produce(
    actor: Actor,
    client_id: int,
    document: releases.ClientDocument,
    args: argparse.Namespace,
    internal: Callable[[], Any],
) -> tuple[Any, str]:
    """The printout the options ask for, written to ``--output``; and what it is, in words."""
    if args.release_to:
        release = Release(args.consent, args.release_to, args.purpose)
        printout = releases.release_document(actor, client_id, document, release)
        use = f"released to {printout.document.copy.recipient}"
    elif args.for_client:
        printout = releases.print_for_client(actor, client_id, document)
        use = "the client's own copy"
    else:
        printout = internal()
        use = "for internal use"
    write_output(args.output, printout.content)
    return printout, use
