"""Build step: carry the top-level ``resources/`` folder into the wheel as ``iopdesk/resources``."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent / "resources"


class BuildPyWithResources(build_py):
    """The ordinary ``build_py``, then a copy of ``resources/`` inside the built package."""

    def run(self) -> None:
        """Build the modules, then copy every resource file beside them."""
        super().run()
        # An editable install runs from the checkout, where paths.resource_path finds the
        # top-level folder itself; copying there would only leave a stale duplicate.
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "iopdesk" / "resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"))


setup(cmdclass={"build_py": BuildPyWithResources})
