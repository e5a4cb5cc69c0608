"""What the bot knows about one user: plain values shared by screens, storage and adapters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime


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


def hides(cells: Iterable[int]) -> bool:
    """Some cell is shown as "< 5": an exact total over these cells would give it away."""
    return any(0 < cell < SMALL_CELL for cell in cells)


PARTY_PEOPLE: dict[str, tuple[int, int | None]] = {"1": (1, 1), "2-4": (2, 4), "5+": (5, None)}
"""The fewest and the most people a registration's party size can mean (5+: no most)."""


@dataclass(frozen=True)
class People:
    """How many people some registrations stand for: a range, open above once a party was
    "5+". An estimate made from the answers, never a count of people."""

    low: int = 0
    high: int | None = 0
    """None: at least `low`, no upper bound."""

    @classmethod
    def of(cls, party: str, registrations: int) -> People:
        low, high = PARTY_PEOPLE[party]
        return cls(low * registrations, None if high is None else high * registrations)

    def __add__(self, other: People) -> People:
        high = None if self.high is None or other.high is None else self.high + other.high
        return People(self.low + other.low, high)

    def widened(self) -> People:
        """For a total over a hidden cell: down to a multiple of 5 and open above, still true.
        Exact, the shown cells subtracted from it would give the hidden one away; a closed
        upper end would tell whether the hidden cell holds a party of 5+."""
        return People(self.low // SMALL_CELL * SMALL_CELL, None)


@dataclass(frozen=True)
class PlaceCount:
    """Registrations in one region (None: not said) of one host, and the people they mean."""

    origin: str
    host: str
    region: str | None
    registrations: int
    people: People


@dataclass(frozen=True)
class UserCount:
    """People whose choices are this nationality in this country: bot users, registered or
    not (a registered person counts where she registered). No one in it is named."""

    origin: str
    host: str
    users: int
    registered: int


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
    failed: int = 0

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


@dataclass(frozen=True)
class AlertSummary:
    """One alert as staff see it in `stats`: when, what, and its counts per region."""

    alert: Alert
    created: datetime
    regions: list[RegionStats]
    pending: int
