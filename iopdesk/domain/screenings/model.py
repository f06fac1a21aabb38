"""The shape of a screening instrument and of its score, as frozen plain data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """One printed answer to an item: the stored code, the words shown, the points it scores.

    ``value`` is the answer's position on the published scale (0 for the first answer), which
    is what forms and the database keep; ``points`` is what the scoring guide awards for it.
    The two differ where the guide says so (AUDIT items 9-10, DAST-10 item 3).
    """

    value: int
    label: str
    points: int


@dataclass(frozen=True)
class Item:
    """One numbered question of an instrument with its answer choices."""

    number: int
    text: str
    choices: tuple[Choice, ...]

    def choice(self, value: int) -> Choice | None:
        """The choice stored as ``value``, or None when this item has no such answer."""
        for candidate in self.choices:
            if candidate.value == value:
                return candidate
        return None

    @property
    def max_points(self) -> int:
        """The most points any answer to this item can score."""
        return max(choice.points for choice in self.choices)


@dataclass(frozen=True)
class Band:
    """A severity band: totals from ``low`` to ``high`` inclusive carry ``label``."""

    low: int
    high: int
    label: str

    def contains(self, total: int) -> bool:
        """True when ``total`` falls inside this band."""
        return self.low <= total <= self.high


@dataclass(frozen=True)
class Instrument:
    """A published screening instrument: its items, answer scales, bands and credit line."""

    code: str
    name: str
    title: str
    instructions: str
    items: tuple[Item, ...]
    bands: tuple[Band, ...]
    max_total: int
    attribution: str
    #: The band from which a total is a finding for the treatment plan ("moderate or worse");
    #: empty when no band is.
    finding_band: str = ""

    def is_finding(self, total: int | None) -> bool:
        """A complete total in the finding band or a worse one (never for an incomplete one)."""
        if total is None or not self.finding_band:
            return False
        floor = next(b.low for b in self.bands if b.label == self.finding_band)
        return total >= floor

    def item(self, number: int) -> Item | None:
        """The item with this number, or None when the instrument has no such item."""
        for candidate in self.items:
            if candidate.number == number:
                return candidate
        return None

    @property
    def item_numbers(self) -> tuple[int, ...]:
        """Every item number, in the printed order."""
        return tuple(item.number for item in self.items)


@dataclass(frozen=True)
class Score:
    """The result of scoring one administration.

    An incomplete administration has ``complete`` False, no ``total`` and no ``band``, and
    ``missing`` names the unanswered items; ``flags`` are plain sentences for the clinician.
    """

    code: str
    total: int | None
    band: str | None
    complete: bool
    missing: tuple[int, ...]
    flags: tuple[str, ...]


def scale(labels: tuple[str, ...], points: tuple[int, ...] | None = None) -> tuple[Choice, ...]:
    """Choices numbered 0, 1, 2… in printed order; points equal the value unless given."""
    awarded = points if points is not None else tuple(range(len(labels)))
    return tuple(
        Choice(value=value, label=label, points=worth)
        for value, (label, worth) in enumerate(zip(labels, awarded, strict=True))
    )


def numbered_items(texts: tuple[str, ...], choices: tuple[Choice, ...]) -> tuple[Item, ...]:
    """Items numbered from 1 that all share one answer scale."""
    return tuple(
        Item(number=number, text=text, choices=choices)
        for number, text in enumerate(texts, start=1)
    )
