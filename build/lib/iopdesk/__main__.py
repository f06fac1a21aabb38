"""Run IOPdesk with ``python -m iopdesk``."""

from iopdesk.cli import main

raise SystemExit(main())
