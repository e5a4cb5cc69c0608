"""Which office and which line to give her for a purpose: the one place that picks a phone.

A step asks for a purpose (`{mission.labour}`); the resolver looks for a line with exactly that
purpose, first at the offices serving her region, then at the offices serving the whole
country, then anywhere in the host. Only when no office has such a line does it fall back to a
related purpose, and the result says so, so the screen can tell her in a sentence written for
that case. A number is never returned under a purpose it does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.model import Hotline, Mission, OriginContent, Phone

MISSION_PURPOSES = ("emergency", "consular", "labour", "shelter")
"""Purposes a plan may ask for as {mission.PURPOSE}."""

FALLBACK: dict[str, tuple[str, ...]] = {
    "emergency": ("emergency", "general"),
    "consular": ("consular", "general", "emergency"),
    "labour": ("labour", "emergency", "general"),
    "shelter": ("shelter", "labour", "emergency", "general"),
    "general": ("general", "consular", "emergency"),
}
"""For each purpose asked, the purposes whose lines may stand in for it, in order."""

KIND_ORDER = ("embassy", "consulate", "labour-office", "welfare-office", "honorary-consulate")
KIND_FOR_PURPOSE: dict[str, tuple[str, ...]] = {
    "labour": ("labour-office", "welfare-office"),
    "shelter": ("labour-office", "welfare-office"),
}
"""Offices to try first for a purpose (a labour question goes to the labour office)."""


@dataclass(frozen=True)
class Resolution:
    """The answer for one purpose: the office, its line (None if no line is known at all), and
    how it relates to what was asked."""

    purpose: str
    office: Mission | None
    phone: Phone | None
    line_purpose: str | None
    """The purpose of the line found: equal to `purpose` unless it stands in for it."""
    in_her_region: bool

    @property
    def exact(self) -> bool:
        return self.phone is not None and self.line_purpose == self.purpose


def serves_region(mission: Mission, region: str | None) -> bool:
    covered = mission.jurisdiction()
    return covered is None or (region is not None and region in covered)


def _kind_rank(mission: Mission, purpose: str) -> tuple[int, int]:
    preferred = KIND_FOR_PURPOSE.get(purpose, ())
    first = preferred.index(mission.kind) if mission.kind in preferred else len(preferred)
    return first, KIND_ORDER.index(mission.kind)


def offices_for(item: OriginContent, host: str, region: str | None, purpose: str) -> list[Mission]:
    """Offices in the order to ask: serving her region, serving the whole country, the rest."""
    missions = item.missions_in(host)

    def tier(mission: Mission) -> int:
        covered = mission.jurisdiction()
        if region is not None and covered is not None and region in covered:
            return 0
        return 1 if covered is None else 2

    return sorted(missions, key=lambda m: (tier(m), *_kind_rank(m, purpose), m.id))


def main_office(item: OriginContent, host: str, region: str | None) -> Mission | None:
    """The office she should think of as "her mission": the one serving her region."""
    offices = [m for m in offices_for(item, host, region, "general") if m.kind != "labour-office"]
    return offices[0] if offices else None


def parent_of(item: OriginContent, mission: Mission) -> Mission | None:
    if mission.parent is None:
        return None
    return next((m for m in item.missions if m.id == mission.parent), None)


def lines_of(item: OriginContent, mission: Mission) -> list[Phone]:
    """Her own lines, else her parent mission's (an office with no line of its own)."""
    if mission.phones:
        return list(mission.phones)
    parent = parent_of(item, mission)
    return list(parent.phones) if parent is not None else []


def resolve(item: OriginContent, host: str, region: str | None, purpose: str) -> Resolution:
    offices = offices_for(item, host, region, purpose)
    for line_purpose in FALLBACK[purpose]:
        for office in offices:
            phone = office.phone_for(line_purpose)
            if phone is not None:
                return Resolution(
                    purpose, office, phone, line_purpose, serves_region(office, region)
                )
    main = main_office(item, host, region)
    in_region = main is not None and serves_region(main, region)
    return Resolution(purpose, main, None, None, in_region)


def hotline_phone(phones: list[Phone]) -> Phone | None:
    """The line of a home-country hotline to name in a step: its 24/7 line, else its first."""
    return next((p for p in phones if p.serves("emergency")), phones[0] if phones else None)


def dialable(origin: OriginContent) -> list[Phone]:
    """Home-country lines she can dial from abroad, 24/7 lines first."""
    phones = [p for h in origin.origin.hotlines for p in h.phones if p.number.startswith("+")]
    return sorted(phones, key=lambda phone: not phone.serves("emergency"))


def shown_hotlines(origin: OriginContent) -> list[tuple[Hotline, Phone]]:
    """Per home hotline, the first number she can dial from abroad (24/7 first)."""
    reachable = dialable(origin)
    shown = []
    for hotline in origin.origin.hotlines:
        first = next((p for p in reachable if p in hotline.phones), None)
        if first is not None:
            shown.append((hotline, first))
    return shown
