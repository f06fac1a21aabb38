"""The frozen bundle's entry script: the same ``iopdesk`` command the wheel installs."""

from iopdesk.cli import main

raise SystemExit(main())
