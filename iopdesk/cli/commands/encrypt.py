"""``iopdesk encrypt``: encrypt a clinic made before encryption; then delete its plain copies."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, data_folder, signed_in, store_for, write_output
from iopdesk.services.admin import encryption, keys


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("encrypt", help="encrypt this clinic's database (once)"))
    p.add_argument(
        "--recovery-pdf",
        metavar="FILE",
        help="also write the one-page recovery key printout here (print it, then delete it)",
    )
    p.add_argument(
        "--delete-plain-copies",
        action="store_true",
        help="after checking the encrypted clinic: overwrite and delete the unencrypted copies",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store_for(args)
    actor = signed_in(args)
    folder = data_folder(args)
    if args.delete_plain_copies:
        removed = encryption.delete_plain_copies(actor, folder)
        print(f"Deleted {len(removed)} unencrypted copies:")
        for path in removed:
            print(f"  {path}")
        return 0
    done = encryption.encrypt_clinic(actor, folder)
    print("The clinic is encrypted; every active staff member keeps their password.")
    print(
        f"Recovery key (shown once; print it and keep it in the clinic safe): {done.recovery_key}"
    )
    if args.recovery_pdf:
        target = write_output(args.recovery_pdf, keys.print_recovery_key(actor, done.recovery_key))
        print(f"Recovery key printout written to {target}")
    print(
        f"The unencrypted copy is kept at {done.plain_copy} until you have checked the clinic; "
        "then run `iopdesk encrypt --delete-plain-copies` to delete it securely."
    )
    return 0
