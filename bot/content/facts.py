"""Placeholders in plan and topic texts, and the facts that fill them for one origin and host."""

from __future__ import annotations

import phonenumbers

from bot.content.model import Host, Mission, OriginContent, Phone, Text

HOST_NUMBERS = ("emergency", "police", "ambulance", "fire")
MISSION_FACTS = ("mission", "mission.phone", "mission.emergency", "mission.labour")
MISSION_ORDER = ("embassy", "consulate", "labour-office", "welfare-office", "honorary-consulate")


def placeholder_known(name: str, item: OriginContent) -> bool:
    kind, _, key = name.partition(".")
    if name in HOST_NUMBERS or name in MISSION_FACTS:
        return True
    return kind == "hotline" and item.hotline(key) is not None


def main_mission(item: OriginContent, host: str) -> Mission | None:
    """The mission people should call first: the embassy, else a consulate, else any."""
    missions = item.missions_in(host)
    return min(missions, key=lambda mission: MISSION_ORDER.index(mission.kind), default=None)


def _labour_office(item: OriginContent, host: str) -> Mission | None:
    offices = [m for m in item.missions_in(host) if m.kind in ("labour-office", "welfare-office")]
    return offices[0] if offices else None


def _best_phone(mission: Mission | None, emergency_first: bool) -> Phone | None:
    if mission is None or not mission.phones:
        return None
    if emergency_first and mission.emergency_phone is not None:
        return mission.emergency_phone
    return mission.phones[0]


def fill(name: str, item: OriginContent, host: Host) -> str | Text | None:
    """The value for a placeholder: a phone number, a name, or None when no fact is known."""
    if name in HOST_NUMBERS:
        found = host.number(name) if name != "emergency" else None
        return (found or host.main_number).number
    kind, _, key = name.partition(".")
    if kind == "hotline":
        line = item.hotline(key)
        phone = (
            None if line is None else next((p for p in line.phones if p.emergency), line.phones[0])
        )
        return None if phone is None else display_number(phone.number)
    mission = main_mission(item, host.code)
    if name == "mission":
        return None if mission is None else mission.name
    if name == "mission.labour":
        phone = _best_phone(_labour_office(item, host.code), emergency_first=True)
        phone = phone or _best_phone(mission, emergency_first=True)
    else:
        phone = _best_phone(mission, emergency_first=name == "mission.emergency")
    return None if phone is None else display_number(phone.number)


def display_number(number: str) -> str:
    """International numbers in the standard spaced form, so phones recognise and dial them."""
    if not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number)
    except phonenumbers.NumberParseException:
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
