"""The service boundary: a use case's arguments checked against its own type hints, once.

Every use case (``context.use_case``) runs ``check_arguments`` before anything else: before
the signed-in account is looked up, before the permission check, before a transaction opens.
A value of the wrong type or out of range is refused with a ``ValidationError`` naming the
field, so nothing is written and nothing deeper ever sees it (no TypeError, OverflowError or
UnicodeEncodeError from the database driver, no list or NaN stored as a name).

The rules, read from the hints of the function (and, for a form, of its dataclass):
whole numbers are ints (never bool) within PostgreSQL's ``integer`` range, which SQLite's
holds too; text is str without NUL or a lone surrogate and at most ``MAX_TEXT`` characters;
dates, times and moments are real, naive and between 1900 and 2100 (a datetime is not a
date); numbers are finite; lists, tuples, sets and mappings hold what their hint says;
``None`` only where the hint is Optional. A frozen form is checked field by field. What the
domain validators already do with a value of the right type (parse a typed date, check a
choice, a phone) stays theirs: the boundary only decides whether the value can be looked at.

Each function's checker is built from its hints the first time it is called and kept, so a
call costs a few microseconds. A hint the boundary cannot check (``object``, ``Any``) is a
programming error, raised when the checker is built; a test builds every use case's checker.
"""

from __future__ import annotations

import collections.abc as abc
import dataclasses
import datetime as dt
import enum
import functools
import inspect
import math
import re
import threading
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Annotated, Any, ParamSpec, TypeVar

from iopdesk.domain import formats
from iopdesk.domain.validators import EARLIEST, LATEST, MAX_LONG
from iopdesk.errors import ValidationError

P = ParamSpec("P")
R = TypeVar("R")

#: The longest text any field takes (the domain's longest note); beyond it is a paste accident.
MAX_TEXT = MAX_LONG
#: The longest text inside a JSON value: an autosaved draft keeps what was typed, however
#: long, up to the draft's own (smaller) limit, so that nothing typed is lost.
MAX_JSON_TEXT = 1_000_000
#: The longest folder or file name handed to a use case.
MAX_PATH = 4096
#: The most items a list, set or mapping may hold (far beyond any form, sheet or batch).
MAX_ITEMS = 10_000
#: PostgreSQL's ``integer`` (its SERIAL ids included); SQLite's 64-bit integers hold it.
SMALLEST_INT, LARGEST_INT = -(2**31), 2**31 - 1
#: How deeply a JSON value (an autosaved draft, a setting) may nest.
MAX_DEPTH = 20


class _JsonMarker:
    """Marks a hint as "a value that is stored as JSON" (see ``Json``)."""


#: A value kept as JSON: text, whole or finite numbers, yes/no, empty, lists and str-keyed
#: objects of these (an autosaved draft's fields, a setting's value).
Json = Annotated[Any, _JsonMarker]

#: Where a value sits in the arguments: a parameter or field name, a row index, a mapping key.
Where = tuple[object, ...]


@dataclass(frozen=True)
class _Entry:
    """The entry of a mapping under ``key`` (a step of a ``Where``)."""

    key: object


class _Key:
    """The key of a mapping's entry (a step of a ``Where``)."""

    def __str__(self) -> str:
        return "key"


_A_KEY = _Key()


class _Refused(Exception):
    """A value the boundary refuses: where it is, and what is wrong with it."""

    def __init__(self, where: Where, problem: str) -> None:
        super().__init__(problem)
        self.where, self.problem = where, problem


class _WrongType(_Refused):
    """A value that is not of the kind asked for (a union tries its next alternative)."""


@dataclass
class Rule:
    """How one hint checks a value: the types it takes (to choose among a union's
    alternatives), what it wants in words, and the check itself."""

    types: tuple[type, ...]
    wants: str
    check: Callable[[Any, Where], None] = field(repr=False)


def _wrong(value: object, wants: str, where: Where) -> _WrongType:
    if value is None:
        return _WrongType(where, "cannot be left empty")
    return _WrongType(where, f"must be {wants}")


def _typed(types_: tuple[type, ...], wants: str) -> Rule:
    """A rule satisfied by any value of ``types_``."""

    def check(value: Any, where: Where) -> None:
        if not isinstance(value, types_):
            raise _wrong(value, wants, where)

    return Rule(types_, wants, check)


def _check_int(value: Any, where: Where) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(value, "a whole number", where)
    if not SMALLEST_INT <= value <= LARGEST_INT:
        raise _Refused(where, f"must be a whole number from {SMALLEST_INT:,} to {LARGEST_INT:,}")


def _check_float(value: Any, where: Where) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(value, "a number", where)
    if isinstance(value, int):
        _check_int(value, where)
    elif not math.isfinite(value):
        raise _Refused(where, "must be a number (not infinite or undefined)")


def _check_text(value: Any, where: Where, limit: int = MAX_TEXT) -> None:
    if not isinstance(value, str):
        raise _wrong(value, "text", where)
    if len(value) > limit:
        raise _Refused(where, f"is too long (at most {limit:,} characters)")
    if "\x00" in value:
        raise _Refused(where, "contains a null character, which cannot be saved; remove it")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            broken = "contains a broken character (half of one), which cannot be saved"
            raise _Refused(where, f"{broken}; type it again") from None


def _in_range(day: dt.date, where: Where) -> None:
    if not EARLIEST <= day <= LATEST:
        raise _Refused(
            where,
            f"must be between {formats.show_date(EARLIEST)} and {formats.show_date(LATEST)}",
        )


def _check_date(value: Any, where: Where) -> None:
    if not isinstance(value, dt.date):
        raise _wrong(value, "a date", where)
    if isinstance(value, dt.datetime):
        raise _Refused(where, "must be a date without a time of day")
    _in_range(value, where)


def _check_moment(value: Any, where: Where) -> None:
    if not isinstance(value, dt.datetime):
        raise _wrong(value, "a date and time", where)
    if value.tzinfo is not None:
        raise _Refused(where, "must be a local date and time (without a time zone)")
    _in_range(value.date(), where)


def _check_time(value: Any, where: Where) -> None:
    if not isinstance(value, dt.time):
        raise _wrong(value, "a time of day", where)
    if value.tzinfo is not None:
        raise _Refused(where, "must be a local time (without a time zone)")


def _check_path(value: Any, where: Where) -> None:
    if not isinstance(value, PurePath):
        raise _wrong(value, "a folder or file", where)
    text = str(value)
    if len(text) > MAX_PATH or "\x00" in text:
        raise _Refused(where, "is not a folder or file name this computer can use")


def _check_json(value: Any, where: Where, depth: int = 0) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        _check_text(value, where, MAX_JSON_TEXT)
    elif isinstance(value, int):
        _check_int(value, where)
    elif isinstance(value, float):
        _check_float(value, where)
    elif isinstance(value, list | tuple | dict):
        if depth >= MAX_DEPTH or len(value) > MAX_ITEMS:
            raise _Refused(where, "holds more than can be saved")
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key, (*where, _A_KEY))
                _check_json(item, (*where, _Entry(key)), depth + 1)
        else:
            for index, item in enumerate(value):
                _check_json(item, (*where, index), depth + 1)
    else:
        raise _wrong(value, "text, a number, yes or no, or a list of these", where)


_SIMPLE: dict[object, Rule] = {
    type(None): _typed((type(None),), "empty"),
    bool: _typed((bool,), "yes or no"),
    int: Rule((int,), "a whole number", _check_int),
    float: Rule((int, float), "a number", _check_float),
    str: Rule((str,), "text", _check_text),
    dt.datetime: Rule((dt.datetime,), "a date and time", _check_moment),
    dt.date: Rule((dt.date,), "a date", _check_date),
    dt.time: Rule((dt.time,), "a time of day", _check_time),
    Json: Rule((object,), "text, a number, yes or no, or a list of these", _check_json),
}

#: Every rule built so far, by hint (a form's rule is shared by every use case taking it).
_rules: dict[object, Rule] = {}


def rule_for(hint: object) -> Rule:
    """The rule checking values of ``hint`` (built once, then kept)."""
    try:
        return _rules[hint]
    except KeyError:
        pass
    except TypeError:  # an unhashable hint (a Literal of lists): build it each time
        return _build(hint)
    rule = _SIMPLE.get(hint) or _build(hint)
    _rules[hint] = rule
    return rule


def _build(hint: object) -> Rule:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _union([rule_for(arg) for arg in args])
    if origin is typing.Literal:
        return _literal(args)
    if origin in (list, tuple, abc.Sequence, set, frozenset, abc.Set):
        return _collection(origin, args)
    if origin in (dict, abc.Mapping):
        return _mapping(origin, rule_for(args[0]), rule_for(args[1]))
    if origin is abc.Callable or hint is abc.Callable:
        return _typed((abc.Callable,), "an action")  # type: ignore[arg-type]
    if origin is Annotated:
        raise TypeError(f"the service boundary cannot check {hint!r}")
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return _form(hint)
        if issubclass(hint, enum.Enum):
            return _typed((hint,), "one of: " + ", ".join(str(m.value) for m in hint))
        if issubclass(hint, PurePath):
            return Rule((PurePath,), "a folder or file", _check_path)
    raise TypeError(
        f"the service boundary cannot check {hint!r}: give the parameter a hint that says "
        "what it takes (int, str, dt.date | str | None, a form dataclass, ...)"
    )


def _union(alternatives: list[Rule]) -> Rule:
    """A value of any alternative; the one whose type it has decides, so "too long" is said
    of a long text rather than "must be a date or text"."""
    names = [rule.wants for rule in alternatives if rule.wants != "empty"]
    if len(names) < len(alternatives):
        names.append("left empty")
    wants = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    accepted = tuple(t for rule in alternatives for t in rule.types)

    def check(value: Any, where: Where) -> None:
        for rule in alternatives:
            if isinstance(value, rule.types):
                try:
                    rule.check(value, where)
                except _WrongType as wrong:
                    if wrong.where != where:  # an item or field inside it is what is wrong
                        raise
                    continue  # of a subclass the alternative refuses: True is not a number
                return
        raise _wrong(value, wants, where)

    return Rule(accepted, wants, check)


def _literal(choices: tuple[object, ...]) -> Rule:
    wants = "one of: " + ", ".join(str(choice) for choice in choices)

    def check(value: Any, where: Where) -> None:
        # True == 1, so the type must match as well as the value
        if not any(value == choice and type(value) is type(choice) for choice in choices):
            raise _wrong(value, wants, where)

    return Rule(tuple({type(choice) for choice in choices}), wants, check)


def _collection(origin: object, args: tuple[object, ...]) -> Rule:
    """A list, tuple or set of items (a fixed-length tuple item by item); a list and a tuple
    are taken for one another, as screens build either."""
    sets = origin in (set, frozenset, abc.Set)
    kinds: tuple[type[abc.Collection[Any]], ...] = (set, frozenset) if sets else (list, tuple)
    if origin is tuple and args and args[-1] is not Ellipsis:
        fixed = [rule_for(arg) for arg in args]
        wants = f"a list of {len(fixed)} values"

        def check_fixed(value: Any, where: Where) -> None:
            if not isinstance(value, kinds) or len(value) != len(fixed):
                raise _wrong(value, wants, where)
            for index, (rule, item) in enumerate(zip(fixed, value, strict=True)):
                rule.check(item, (*where, index))

        return Rule(kinds, wants, check_fixed)
    item = rule_for(args[0]) if args else rule_for(Json)
    wants = f"a list of {_plural(item.wants)}"

    def check(value: Any, where: Where) -> None:
        for index, element in enumerate(_sized(value, kinds, wants, where)):
            item.check(element, (*where, index))

    return Rule(kinds, wants, check)


C = TypeVar("C", bound=abc.Collection[Any])


def _sized(value: object, kinds: tuple[type[C], ...], wants: str, where: Where) -> C:
    """``value`` if it is one of ``kinds`` and holds no more than ``MAX_ITEMS``."""
    if not isinstance(value, kinds):
        raise _wrong(value, wants, where)
    if len(value) > MAX_ITEMS:
        raise _Refused(where, f"has too many items (at most {MAX_ITEMS:,})")
    return value


def _mapping(origin: object, key: Rule, value_rule: Rule) -> Rule:
    kinds: tuple[type[abc.Mapping[Any, Any]], ...] = (dict,) if origin is dict else (abc.Mapping,)
    wants = f"a table of {_plural(value_rule.wants)}"

    def check(value: Any, where: Where) -> None:
        for name, item in _sized(value, kinds, wants, where).items():
            key.check(name, (*where, _A_KEY))
            value_rule.check(item, (*where, _Entry(name)))

    return Rule(kinds, wants, check)


def _form(cls: type) -> Rule:
    """A dataclass (a form, a row of one, the signed-in actor): its type, then each field
    against the dataclass's own hints."""
    fields: list[tuple[str, Rule]] = []
    wants = _article(_words(cls.__name__).lower())

    def check(value: Any, where: Where) -> None:
        if not isinstance(value, cls):
            raise _wrong(value, wants, where)
        for name, rule in fields:
            rule.check(getattr(value, name), (*where, name))

    rule = Rule((cls,), wants, check)
    _rules[cls] = rule  # before its fields, so a form that holds itself does not recurse
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
        fields.extend((f.name, rule_for(hints[f.name])) for f in dataclasses.fields(cls))
    except TypeError as exc:
        del _rules[cls]
        raise TypeError(f"{cls.__qualname__}: {exc}") from None
    return rule


def _words(name: str) -> str:
    """``AttendanceEntry`` -> "Attendance entry"."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()
    return spaced[:1].upper() + spaced[1:]


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


#: Plurals the simple rule ("a date" -> "dates") would get wrong.
_PLURALS = {"a date and time": "dates and times", "a time of day": "times of day"}


def _plural(wants: str) -> str:
    """What a list or table holds, said of its items: "a whole number" -> "whole numbers",
    "a list of ..." -> "lists"; items of several kinds are "values"."""
    wants = wants.removesuffix(" or left empty")
    if wants in _PLURALS:
        return _PLURALS[wants]
    for nested in ("a list of ", "a table of "):
        if wants.startswith(nested):
            return nested[2:].removesuffix(" of ") + "s"
    if " or " in wants or ":" in wants or not wants.startswith(("a ", "an ")):
        return "values"
    noun = wants.split(" ", 1)[1]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_ABBREVIATIONS = {"id": "ID", "ids": "IDs"}


def label(name: str) -> str:
    """A parameter or field name as the person reads it: ``client_id`` -> "Client ID"."""
    words = [_ABBREVIATIONS.get(word, word) for word in name.strip("_").split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _say(step: object, *, inside: bool) -> str:
    """One step of a ``Where`` in words: a field's label, "row 3" of a list, a mapping's entry."""
    if isinstance(step, str):
        return label(step)
    if isinstance(step, int):
        return f"row {step + 1}" if inside else f"item {step + 1}"
    if isinstance(step, _Entry):
        return f"“{_shown(step.key)}”"
    return "a key"


def _shown(key: object) -> str:
    """A mapping's key as it can be shown: a refused key may hold a NUL, half a character or
    angle brackets (which a sentence never shows: they read as a program's object)."""
    text = str(key)[:40]
    return "".join(
        c for c in text if c.isprintable() and not "\ud800" <= c <= "\udfff" and c not in "<>"
    )


def _as_field(step: object) -> object:
    # Field names are plain ASCII identifiers; any other key ("ª") is shown quoted, as given.
    key = step.key if isinstance(step, _Entry) else None
    if isinstance(key, str) and key.isidentifier() and key.isascii():
        return key
    return step


def refusal(where: Where, problem: str) -> ValidationError:
    """The error for a refused value: its sentence under the form field it belongs to.

    A form's parameter name ("form") means nothing to the person, so the form's own field
    names are used: ``("form", "results", 2, "substance")`` is shown under the field
    "results.2.substance" (the dotted path the screens use) as "Results row 3: substance
    must be text." A mapping keyed by field names (a draft, the settings changed) is read the
    same way. An item of a list of plain values (a weekday), or a mapping's key, is shown under
    the list's (the mapping's) field.
    """
    where = tuple(_as_field(step) for step in where)
    steps = where[1:] if len(where) > 1 and isinstance(where[1], str) else where
    named = steps
    while len(named) > 1 and isinstance(named[-1], int | _Key):
        named = named[:-1]  # an item of a list of plain values is shown under the list's field
    key = ".".join(_shown(step.key) if isinstance(step, _Entry) else str(step) for step in named)
    *context, last = steps
    subject = _say(last, inside=False)
    if context:
        before = " ".join(_say(step, inside=n > 0) for n, step in enumerate(context))
        if not subject[1:2].isupper():  # "PHQ9" and "ID" keep their capitals
            subject = subject[:1].lower() + subject[1:]
        subject = f"{before}: {subject}"
    return ValidationError({key: f"{subject[:1].upper()}{subject[1:]} {problem}."})


#: A function's argument checker: the positional parameters' rules in order, every
#: parameter's rule by name, and the rules of ``*args`` and ``**kwargs`` if it takes them.
@dataclass(frozen=True)
class _Signature:
    positional: tuple[tuple[str, Rule], ...]
    by_name: dict[str, Rule]
    rest: tuple[str, Rule] | None
    extra: tuple[str, Rule] | None

    def check(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        for (name, rule), value in zip(self.positional, args, strict=False):
            rule.check(value, (name,))
        if self.rest is not None:
            for value in args[len(self.positional) :]:
                self.rest[1].check(value, (self.rest[0],))
        for name, value in kwargs.items():
            named = self.by_name.get(name)
            if named is not None:
                named.check(value, (name,))
            elif self.extra is not None:
                self.extra[1].check(value, (name,))


def signature_of(fn: Callable[..., object]) -> _Signature:
    """The checker of ``fn``'s arguments, built from its hints (resolved in its module)."""
    hints = typing.get_type_hints(fn, include_extras=True)
    kind = inspect.Parameter
    positional: list[tuple[str, Rule]] = []
    by_name: dict[str, Rule] = {}
    rest = extra = None
    for param in inspect.signature(fn).parameters.values():
        if param.name not in hints:
            raise TypeError(f"{fn.__qualname__}: parameter {param.name!r} has no type hint")
        try:
            rule = rule_for(hints[param.name])
        except TypeError as exc:
            raise TypeError(f"{fn.__qualname__}, parameter {param.name!r}: {exc}") from None
        if param.kind is kind.VAR_POSITIONAL:
            rest = (param.name, rule)
        elif param.kind is kind.VAR_KEYWORD:
            extra = (param.name, rule)
        else:
            by_name[param.name] = rule
            if param.kind is not kind.KEYWORD_ONLY:
                positional.append((param.name, rule))
    return _Signature(tuple(positional), by_name, rest, extra)


_signatures: dict[Callable[..., object], _Signature] = {}
#: Held while checkers are built: a form's rule is registered before its fields are read (so
#: a form holding itself does not recurse), and no other thread may use it half built.
_building = threading.Lock()


def check_arguments(
    fn: Callable[..., object], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    """Refuse (``ValidationError``) any argument of a call to ``fn`` its hints do not allow;
    arguments left to their defaults are the function's own and are not checked."""
    checker = _signatures.get(fn)
    if checker is None:
        with _building:
            checker = _signatures.get(fn) or signature_of(fn)
            _signatures[fn] = checker
    try:
        checker.check(args, kwargs)
    except _Refused as refused:
        raise refusal(refused.where, refused.problem) from None


def checked(fn: Callable[P, R]) -> Callable[P, R]:
    """The boundary for an entry point that is not a ``use_case`` (sign-in, first set-up)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        check_arguments(fn, args, kwargs)
        return fn(*args, **kwargs)

    return run
