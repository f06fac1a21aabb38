"""Every use case, given hostile arguments, refuses with a sentence and changes nothing.

For each use case one argument (or one field of a form, an item of a list, an entry of a
table) is hostile: of a kind its hint does not name, a huge number, NaN, text with NUL or half
a character or a megabyte long, a date out of range or with a time or a time zone (see
``tests/hostile_values``); the others are plausible. The call must raise a domain error whose
every message is a readable sentence, and the database must be exactly as it was.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import unicodedata
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iopdesk.services
from iopdesk.db.connection import database
from iopdesk.errors import DomainError, ValidationError
from iopdesk.services.admin import auth
from iopdesk.services.admin import clinic as clinic_service
from iopdesk.services.context import Actor
from tests.hostile_values import hostile, parameters, plausible

#: Every clinical area (the packages under services/), so a new area is fuzzed too.
AREAS = sorted(info.name for info in pkgutil.iter_modules(iopdesk.services.__path__) if info.ispkg)
#: Entry points checked by the boundary without being use cases (no one is signed in yet).
ENTRY_POINTS = (auth.sign_in, auth.reset_by_recovery_key, clinic_service.set_up_clinic)
#: Few examples per use case keep the whole run to seconds: each is refused before the
#: database is touched, and every use case still meets each kind of hostile value over runs.
FEW = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def use_cases(area: str) -> Iterator[Callable[..., object]]:
    """The use cases of one clinical area (functions the use-case wrapper marked)."""
    package = importlib.import_module(f"iopdesk.services.{area}")
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            marked = isinstance(getattr(value, "action", None), str)
            if inspect.isfunction(value) and value.__module__ == module.__name__ and marked:
                yield value


def fingerprint() -> tuple[object, ...]:
    """Every row of every table, so any change at all shows."""
    db = database.obj
    return tuple(
        (table, db.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall())
        for table in sorted(db.get_tables())
    )


def assert_readable(exc: DomainError) -> None:
    """Each message is a sentence: capital first, full stop last, printable, no repr."""
    messages = exc.fields.values() if isinstance(exc, ValidationError) else [exc.message]
    for message in messages:
        assert message[:1].isupper() or message[:1] in "“\"'", message
        assert message.rstrip("”\"'").endswith((".", "?")), message
        assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in message), repr(message)
        assert "<" not in message and "Traceback" not in message, message
        assert len(message) < 300, message


def refuses_every_hostile_call(fn: Callable[..., object], actor: Actor) -> None:
    """Run hypothesis over ``fn``: one hostile argument, the rest plausible."""
    hints = parameters(inspect.unwrap(fn))
    hints.pop("return", None)
    names = list(hints)

    @FEW
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        bad = data.draw(st.sampled_from(names), label="hostile argument")
        values = {
            name: data.draw(
                hostile(hint, actor) if name == bad else plausible(hint, actor), label=name
            )
            for name, hint in hints.items()
        }
        changes = database.connection().total_changes
        first, *rest = names
        with pytest.raises(DomainError) as refused:
            fn(values[first], **{name: values[name] for name in rest})
        assert_readable(refused.value)
        assert database.connection().total_changes == changes

    check()


@pytest.mark.parametrize("area", AREAS)
def test_hostile_arguments_are_refused_with_a_sentence_and_change_nothing(admin, area):
    before = fingerprint()
    found = list(use_cases(area))
    assert found, f"no use cases found in {area}"
    for fn in found:
        try:
            refuses_every_hostile_call(fn, admin)
        except Exception as failure:
            failure.add_note(f"use case: {fn.__module__}.{fn.__qualname__}")
            raise
    assert fingerprint() == before


def test_entry_points_before_sign_in_refuse_hostile_arguments(store):
    before = fingerprint()
    nobody = Actor(0, "", "", "")
    for fn in ENTRY_POINTS:
        refuses_every_hostile_call(fn, nobody)
    assert fingerprint() == before
