"""Placeholders in plan and topic texts, and the facts that fill them for one reader.

`{police}` is a host number, `{labour}` a host helpline, `{mission.labour}` the line of her
mission for that purpose (chosen by bot/content/contacts.py), `{hotline.dmw}` a home-country
line, `{law.passport-withholding}` a host law. What comes back says exactly what was found, so
the screen can say honestly what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

from bot.content.contacts import MISSION_PURPOSES, Resolution, hotline_phone, main_office, resolve
from bot.content.model import (
    EmergencyNumber,
    Host,
    HostHelpline,
    HostLaw,
    Hotline,
    Mission,
    OriginContent,
    Phone,
)

HOST_SERVICES = ("police", "ambulance", "fire")
HOST_HELPLINES = ("labour", "crisis", "trafficking", "women", "children", "migrants")
HOST_LAWS = ("passport-withholding",)


@dataclass(frozen=True)
class HostNumber:
    """`{emergency}`, `{police}`...: the service's own number, else one that answers for all
    (`general`), else the main number with `exact` False."""

    service: str
    number: EmergencyNumber
    exact: bool


@dataclass(frozen=True)
class BaselineNumber:
    """`{emergency}`, `{police}`... in a country without a host file: whatever public list
    knows it (the screens say which), never a checked number."""

    service: str


@dataclass(frozen=True)
class HostLine:
    kind: str
    line: HostHelpline | None


@dataclass(frozen=True)
class MissionName:
    mission: Mission | None


@dataclass(frozen=True)
class MissionLine:
    resolution: Resolution


@dataclass(frozen=True)
class HotlineLine:
    hotline: Hotline
    phone: Phone | None


@dataclass(frozen=True)
class LawText:
    """Every law of that kind in the host (Kuwait has one for domestic workers, one for the
    private sector)."""

    kind: str
    laws: tuple[HostLaw, ...]


Fact = HostNumber | BaselineNumber | HostLine | MissionName | MissionLine | HotlineLine | LawText


GENERIC_PLACEHOLDERS = ("emergency", *HOST_SERVICES)
"""What a generic plan (content/plans/) may name: it is shown where nothing else may be known."""


def placeholder_known(name: str, item: OriginContent | None) -> bool:
    """`item` None: a generic plan's text."""
    if item is None:
        return name in GENERIC_PLACEHOLDERS
    kind, _, key = name.partition(".")
    if not key:
        return name in ("emergency", "mission", *HOST_SERVICES, *HOST_HELPLINES)
    if kind == "mission":
        return key in MISSION_PURPOSES
    if kind == "law":
        return key in HOST_LAWS
    return kind == "hotline" and item.hotline(key) is not None


def host_number(host: Host, service: str) -> HostNumber:
    if service == "emergency":
        return HostNumber(service, host.main_number, True)
    own = host.number(service)
    if own is not None:
        return HostNumber(service, own, True)
    general = host.number("general")
    if general is not None:
        return HostNumber(service, general, True)
    return HostNumber(service, host.main_number, False)


def lookup(
    name: str, item: OriginContent, host: Host | None, code: str, region: str | None
) -> Fact:
    """The fact for a placeholder `placeholder_known` accepts, in country `code` (`host` its
    host file, None if it has none: no helpline, no law known there)."""
    kind, _, key = name.partition(".")
    if name in ("emergency", *HOST_SERVICES):
        return host_number(host, name) if host is not None else BaselineNumber(name)
    if name in HOST_HELPLINES:
        return HostLine(name, host.helpline(name) if host is not None else None)
    if name == "mission":
        return MissionName(main_office(item, code, region))
    if kind == "mission":
        return MissionLine(resolve(item, code, region, key))
    if kind == "law":
        return LawText(key, tuple(host.laws_of(key)) if host is not None else ())
    hotline = item.hotline(key)
    if hotline is None:  # guarded by validate
        raise LookupError(name)
    return HotlineLine(hotline, hotline_phone(hotline.phones))


def display_number(number: str) -> str:
    """International numbers in the standard spaced form, so phones recognise and dial them."""
    if not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):  # its own spacing is the best we know
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def dial_digits(number: str) -> str:
    """What a copy button puts on the clipboard: digits and a leading +, nothing else."""
    return ("+" if number.startswith("+") else "") + "".join(c for c in number if c.isdigit())
