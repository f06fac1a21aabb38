"""``iopdesk demo``: build a demo clinic and print the demo sign-ins."""

from __future__ import annotations

import argparse
import time

from iopdesk import paths
from iopdesk.cli.session import add_common
from iopdesk.demo import DEMO_PASSWORD, SCALES, build_demo
from iopdesk.services.admin import keys


def register(sub: argparse._SubParsersAction) -> None:
    p = add_common(sub.add_parser("demo", help="build a demo clinic with made-up records"))
    p.add_argument(
        "--scale",
        choices=list(SCALES),
        default="small",
        help="small: one year, ~300 clients; large: 20 years, 50,000 clients",
    )
    p.add_argument(
        "--unencrypted",
        action="store_true",
        help="a plain SQLite file, to look inside with sqlite3 (real clinics are encrypted)",
    )
    p.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = paths.data_dir(getattr(args, "data_dir", None))
    started = time.perf_counter()
    ctx = build_demo(folder, args.scale, seed=args.seed, encrypted=not args.unencrypted)
    kind = "unencrypted" if args.unencrypted else "encrypted"
    print(
        f"Demo clinic ({args.scale}, {kind}) ready in {folder} "
        f"({time.perf_counter() - started:.1f} s)."
    )
    print(f"Sign in with any of these user names; the password is: {DEMO_PASSWORD}")
    for username, role in ctx.sign_ins:
        print(f"  {username:<12} {role}")
    if not args.unencrypted and ctx.admin is not None:
        print(f"The demo clinic's recovery key is: {keys.new_recovery_key(ctx.admin)}")
    return 0
