"""``paths.resource_path`` finds the shipped resources in a checkout and in an installed package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iopdesk import paths

CHECKOUT = Path(__file__).resolve().parents[2]
USED = [("fonts", "DejaVuSans.ttf"), ("fonts", "DejaVuSans-Bold.ttf"), ("style.qss",)]
USED += [("fonts", "DejaVuSans-Oblique.ttf"), ("icons", "iopdesk.png")]


@pytest.mark.parametrize("parts", USED, ids="/".join)
def test_a_checkout_finds_its_top_level_resources(parts):
    found = paths.resource_path(*parts)
    assert found == CHECKOUT.joinpath("resources", *parts)
    assert found.is_file()


def test_an_installed_package_finds_the_resources_it_carries(tmp_path):
    # The layout a wheel installs: resources/ inside the package, no checkout around it.
    site = tmp_path / "site-packages"
    shutil.copytree(
        CHECKOUT / "iopdesk", site / "iopdesk", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(CHECKOUT / "resources", site / "iopdesk" / "resources")
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r}); import iopdesk.paths as p; "
        "print(p.resource_path('fonts', 'DejaVuSans.ttf'))"
    )
    found = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert Path(found) == site / "iopdesk" / "resources" / "fonts" / "DejaVuSans.ttf"
