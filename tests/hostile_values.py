"""Hypothesis strategies for a use case's arguments, read from its type hints: values a screen
could send (``plausible``) and values no use case may take (``hostile``).

What counts as hostile is written out here, from the hints alone, not from the service
boundary's own rules, so a test built on it checks the boundary rather than repeating it:
a value of a kind the hint does not name (bytes, a list where text belongs, None where it is
not optional), numbers beyond PostgreSQL's ``integer`` and NaN, text with NUL or half a
character or a megabyte long, dates out of range or carrying a time or a time zone, and
forms, lists and tables holding one such value.
"""

from __future__ import annotations

import collections.abc as abc
import dataclasses
import datetime as dt
import enum
import inspect
import types
import typing
from pathlib import Path, PurePath
from typing import Any

from hypothesis import strategies as st

from iopdesk.services.boundary import Json
from iopdesk.services.context import Actor

UTC = dt.timezone.utc
#: Values of kinds no hint names (a hint's own kinds are filtered out per hint).
OTHER_KINDS: tuple[object, ...] = (
    None,
    True,
    7,
    "7",
    1.5,
    b"bytes",
    bytearray(b"\x00"),
    complex(1, 1),
    object(),
    Ellipsis,
    dt.date(2024, 2, 10),
    dt.time(9, 30),
    ["7"],
    {"7": 7},
    {7},
    Path("clinic"),
)
BIG_INTS = (2**63, -(2**63) - 1, 2**31, -(2**31) - 1, 10**40)
NOT_FINITE = (float("nan"), float("inf"), float("-inf"))
BAD_TEXT = ("\x00", "Ro\x00bert", "\ud800", "a\udfffb", "x" * 1_000_001)
BAD_DATES = (dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(9999, 12, 31))
BAD_MOMENTS = (dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31), dt.datetime(2024, 1, 1, tzinfo=UTC))


def _nested(depth: int) -> object:
    return [_nested(depth - 1)] if depth else 1


#: JSON values a draft or a setting must refuse (the last one nests 25 lists deep).
BAD_JSON = (*NOT_FINITE, *BAD_TEXT, b"x", {7: "not a text key"}, _nested(25))

SAFE_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12)


def parameters(fn: typing.Callable[..., object]) -> dict[str, object]:
    """A function's parameters and their hints (the unwrapped function's)."""
    hints = typing.get_type_hints(fn, include_extras=True)
    return {name: hints[name] for name in inspect.signature(fn).parameters}


def _alternatives(hint: object) -> list[object]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return list(typing.get_args(hint))
    return [hint]


def _fields(cls: type) -> dict[str, object]:
    hints = typing.get_type_hints(cls, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _takes_kind(hint: object, value: object) -> bool:
    """Whether ``value`` is of a kind ``hint`` names (its content aside)."""
    origin = typing.get_origin(hint) or hint
    if hint is Json:
        return isinstance(value, str | int | float | bool | list | tuple | dict) or value is None
    if hint is type(None):
        return value is None
    if origin is typing.Literal:
        return any(value == c and type(value) is type(c) for c in typing.get_args(hint))
    if origin is abc.Callable:
        return callable(value)
    kinds: dict[object, tuple[type, ...]] = {
        int: (int,),
        float: (int, float),
        bool: (bool,),
        str: (str,),
        list: (list, tuple),
        tuple: (list, tuple),
        abc.Sequence: (list, tuple),
        set: (set, frozenset),
        frozenset: (set, frozenset),
        abc.Set: (set, frozenset),
        dict: (dict,),
        abc.Mapping: (abc.Mapping,),
        dt.datetime: (dt.datetime,),
        dt.date: (dt.date,),
        dt.time: (dt.time,),
    }
    if origin in kinds:
        if isinstance(value, bool) and origin in (int, float):
            return False
        if origin is dt.date and isinstance(value, dt.datetime):
            return False
        return isinstance(value, kinds[origin])
    if isinstance(origin, type) and issubclass(origin, PurePath):
        return isinstance(value, PurePath)
    return isinstance(origin, type) and isinstance(value, origin)


def plausible(hint: object, actor: Actor) -> st.SearchStrategy[Any]:
    """A value of the kind ``hint`` names, as a screen could send it."""
    alternatives = _alternatives(hint)
    if len(alternatives) > 1:
        return st.one_of([plausible(alt, actor) for alt in alternatives])
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    simple: dict[object, st.SearchStrategy[Any]] = {
        type(None): st.none(),
        bool: st.booleans(),
        int: st.integers(1, 50),
        float: st.floats(0, 100),
        str: SAFE_TEXT,
        dt.date: st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
        dt.datetime: st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 12, 31)),
        dt.time: st.times(),
        Json: st.one_of(SAFE_TEXT, st.integers(0, 9), st.booleans(), st.none()),
    }
    if hint is Actor:
        return st.just(actor)
    if hint in simple:
        return simple[hint]
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is tuple and args and args[-1] is not Ellipsis:
        return st.tuples(*(plausible(arg, actor) for arg in args))
    if origin in (list, tuple, abc.Sequence):
        return st.lists(plausible(args[0], actor), max_size=3).map(tuple)
    if origin in (set, frozenset, abc.Set):
        return st.frozensets(plausible(args[0], actor), max_size=3)
    if origin in (dict, abc.Mapping):
        return st.dictionaries(plausible(args[0], actor), plausible(args[1], actor), max_size=3)
    if origin is abc.Callable or hint is abc.Callable:
        return st.just(lambda *_args: None)
    if isinstance(hint, type) and issubclass(hint, PurePath):
        return st.just(Path("/nonexistent/iopdesk-fuzz"))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if dataclasses.is_dataclass(hint):
        fields = {name: plausible(h, actor) for name, h in _fields(hint).items()}
        return st.builds(hint, **fields)
    raise AssertionError(f"no plausible values for {hint!r}")


def hostile(hint: object, actor: Actor) -> st.SearchStrategy[Any]:
    """A value ``hint`` does not allow: of another kind, or of its kind but out of bounds."""
    alternatives = _alternatives(hint)
    others = [v for v in OTHER_KINDS if not any(_takes_kind(alt, v) for alt in alternatives)]
    options = [st.sampled_from(others)] if others else []
    options += [s for alt in alternatives if (s := _out_of_bounds(alt, actor)) is not None]
    return st.one_of(options)


def _out_of_bounds(hint: object, actor: Actor) -> st.SearchStrategy[Any] | None:
    """A value of the kind ``hint`` names that it still must refuse (None: there is none)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    fixed: dict[object, tuple[object, ...]] = {
        int: BIG_INTS,
        float: (*NOT_FINITE, 2**63),
        str: BAD_TEXT,
        dt.date: (*BAD_DATES, dt.datetime(2024, 2, 10, 9, 30)),
        dt.datetime: BAD_MOMENTS,
        dt.time: (dt.time(9, 30, tzinfo=UTC),),
        Json: BAD_JSON,
    }
    if hint in fixed:
        return st.sampled_from(fixed[hint])
    if origin is typing.Literal:
        return st.just("not one of the choices")
    if origin is tuple and args and args[-1] is not Ellipsis:
        shorter = st.just(("only one",))
        slot = st.integers(0, len(args) - 1)
        one_bad = slot.flatmap(
            lambda i: st.tuples(
                *(hostile(a, actor) if n == i else plausible(a, actor) for n, a in enumerate(args))
            )
        )
        return st.one_of(shorter, one_bad)
    if origin in (list, tuple, abc.Sequence):
        return st.lists(hostile(args[0], actor), min_size=1, max_size=2).map(tuple)
    if origin in (set, frozenset, abc.Set):
        return st.frozensets(hostile(args[0], actor).filter(_hashable), min_size=1, max_size=2)
    if origin in (dict, abc.Mapping):
        bad_key = st.dictionaries(
            hostile(args[0], actor).filter(_hashable), plausible(args[1], actor), min_size=1
        )
        bad_value = st.dictionaries(
            plausible(args[0], actor), hostile(args[1], actor), min_size=1, max_size=2
        )
        return st.one_of(bad_key, bad_value)
    if isinstance(hint, type) and issubclass(hint, PurePath):
        return st.sampled_from((Path("a\x00b"), Path("x" * 5000)))
    if dataclasses.is_dataclass(hint):
        return one_bad_field(hint, actor)
    return None


def one_bad_field(cls: type, actor: Actor) -> st.SearchStrategy[Any]:
    """A form (or an actor) of plausible fields but one hostile field."""
    fields = _fields(cls)

    def build(bad: str) -> st.SearchStrategy[Any]:
        values = {
            name: hostile(h, actor) if name == bad else plausible(h, actor)
            for name, h in fields.items()
        }
        return st.builds(cls, **values)

    return st.sampled_from(sorted(fields)).flatmap(build)


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
