"""Foundation figures: signing in and the main window's opening queries."""

from __future__ import annotations

from iopdesk.bench import BenchCase
from iopdesk.demo import DEMO_PASSWORD
from iopdesk.services.admin import auth, clinic


def _sign_in(_actors) -> None:
    auth.sign_in("dmiller", DEMO_PASSWORD)


def _open_main_window(_actors) -> None:
    clinic.clinic_info()
    clinic.all_settings()


CASES = [
    # Sign-in is deliberately slow (argon2id with 64 MiB): the budget is a person's patience.
    BenchCase("sign in (password check)", 600, _sign_in, repeat=3),
    BenchCase("open main window (clinic, settings)", 100, _open_main_window),
]
