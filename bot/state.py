"""What the bot knows about one user: plain values shared by screens, storage and adapters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Registration:
    """Her optional registration: four answers, nothing that names her."""

    origin: str
    host: str
    region: str | None  # None: she preferred not to say
    party: str  # "1", "2-4" or "5+" people with her
    language: str
    expires_on: date
    reachable: bool = True
    """False once Telegram said she blocked the bot: alerts cannot reach her."""


UNLISTED = "ZZ"
"""Her answer when her country is not in the list (CLDR's code for an unknown region)."""


@dataclass(frozen=True)
class UserState:
    """Her three choices, and her registration if she made one. A country may be one the
    content does not cover, or UNLISTED: she answered, and the screens make do."""

    language: str = "en"
    origin: str | None = None
    host: str | None = None
    registration: Registration | None = None


SMALL_CELL = 5
"""Counts below this are shown as "< 5" so that no one is singled out."""


def suppressed(count: int) -> str:
    return f"< {SMALL_CELL}" if 0 < count < SMALL_CELL else str(count)


def suppressed_total(total: int, cells: Iterable[int]) -> str:
    """A total over cells, some perhaps shown as "< 5": exact, it would give a hidden cell away
    by subtraction (13 in all, 10 in Dubai: 3 in Abu Dhabi), so it is then rounded to 5."""
    if total < SMALL_CELL or not any(0 < cell < SMALL_CELL for cell in cells):
        return suppressed(total)
    return f"≈{SMALL_CELL * round(total / SMALL_CELL)}"


@dataclass(frozen=True)
class Alert:
    id: int
    origin: str
    host: str
    regions: tuple[str, ...]
    severity: str
    texts: dict[str, str]
    rollcall: bool
    round: int
    version: int


@dataclass(frozen=True)
class RegionStats:
    region: str | None
    recipients: int
    delivered: int
    safe: int
    help: int
    blocked: int

    @property
    def no_answer(self) -> int:
        return max(self.delivered - self.safe - self.help, 0)


@dataclass(frozen=True)
class WrongNumber:
    """A number a reader says is wrong: which file and which item, and whose staff see it.
    Nothing about the reader."""

    path: str
    """The content file, as in the repository: content/hosts/AE.yaml."""
    item: str
    """Which number in it, in English for staff: "emergency/police 999"."""
    origin: str
    """The nationality whose staff see it: her passport's folder, else the host's code."""


@dataclass(frozen=True)
class WrongNumberCount:
    """What staff see of the reports about one item: how many, and the last day."""

    path: str
    item: str
    origin: str
    count: int
    last: date
