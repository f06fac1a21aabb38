"""``iopdesk server``: set up the clinic's PostgreSQL server, and move a clinic onto it."""

from __future__ import annotations

import argparse

from iopdesk.cli.session import add_common, credential, data_folder
from iopdesk.services.admin import server, server_move


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("server", help="set up the clinic's PostgreSQL server, move a clinic there")
    actions = p.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    setup = add_common(
        actions.add_parser("setup", help="create the schema and the workstations' role (as owner)")
    )
    setup.add_argument(
        "--url",
        required=True,
        help="the clinic database as its owner: postgresql://OWNER@HOST[:PORT]/DATABASE",
    )
    setup.add_argument(
        "--app-role", default="", help="the workstations' role (default: DATABASE_app)"
    )
    setup.add_argument(
        "--new-password",
        action="store_true",
        help="give the workstations' role a new password (every workstation must then be told)",
    )
    setup.set_defaults(func=set_up)
    moving = add_common(
        actions.add_parser(
            "move", help="copy this clinic onto the server (as an administrator and the owner)"
        )
    )
    moving.add_argument(
        "--from",
        dest="data_dir",
        default=argparse.SUPPRESS,
        metavar="DATA_DIR",
        help="the clinic's folder",
    )
    moving.add_argument(
        "--url", required=True, help="the set-up clinic database as its owner: postgresql://..."
    )
    moving.set_defaults(func=move)


def set_up(args: argparse.Namespace) -> int:
    done = server.set_up_server(args.url, args.app_role, new_password=args.new_password)
    where = done.address
    print(f"The clinic database {where.location} is ready (data version {done.schema_version}).")
    print(
        f"Workstations connect as {done.app_role!r}, a role that owns nothing and may only "
        "read and add to the audit trail."
    )
    print()
    print('On each workstation, start IOPdesk, choose "Connect to the clinic\'s server" and enter:')
    print(f"  Server:    {where.host}")
    print(f"  Port:      {where.port or 5432}")
    print(f"  Database:  {where.database}")
    print(f"  User:      {done.app_role}")
    if done.app_password:
        print(f"  Password:  {done.app_password}")
        print("  (shown once: give it to each workstation, then keep it only in a safe place)")
    else:
        print("  Password:  unchanged (the one given when the role was made; --new-password")
        print("             makes a new one)")
    if where.sslmode != "require":
        print(
            '  Tick "Encrypted connection (sslmode=require)" unless the server is on this '
            "computer; the server then needs TLS (ssl = on)."
        )
    print()
    print(f"For commands: IOPDESK_DATABASE_URL={done.workstation_url}")
    print(
        "After each IOPdesk upgrade, run this set-up again as the owner: it upgrades the "
        "schema and grants the new tables."
    )
    return 0


def move(args: argparse.Namespace) -> int:
    who = credential(args)
    done = server_move.move_to_server(data_folder(args), who.username, who.password, args.url)
    width = max(len(t.table) for t in done.tables)
    for table in done.tables:
        print(f"  {table.table:<{width}}  {table.rows:>9} rows  checksum {table.checksum[:16]}")
    print(
        f"Moved {done.rows} rows in {len(done.tables)} tables to {done.address.location}; "
        "every table's rows and checksum match, and the audit trail's chain is unbroken."
    )
    print(f"The clinic file is kept read-only as an archive: {done.archive}")
    print(
        "Now connect each workstation to the server (run `iopdesk server setup` as the owner "
        "if you have not: it prints what they need)."
    )
    return 0
