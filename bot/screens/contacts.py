"""Numbers and addresses: the host's emergency numbers, home-country hotlines, missions."""

from __future__ import annotations

from urllib.parse import urlparse

from babel.dates import format_date

from bot.content.facts import display_number, main_mission
from bot.content.model import Mission, Phone, Sourced
from bot.screens.base import Action, Button, Screen, Venue, View, esc, rows
from bot.screens.common import finish

SERVICE_ICONS = {
    "general": "🆘",
    "police": "🚓",
    "ambulance": "🚑",
    "fire": "🚒",
    "coast-guard": "⚓",
    "tourist-police": "👮",
}


def service_name(view: View, service: str) -> str:
    tr = view.tr
    names = {
        "general": tr.gettext("All emergencies"),
        "police": tr.gettext("Police"),
        "ambulance": tr.gettext("Ambulance"),
        "fire": tr.gettext("Fire"),
        "coast-guard": tr.gettext("Coast guard"),
        "tourist-police": tr.gettext("Tourist police"),
    }
    return names[service]


def source_note(view: View, facts: list[Sourced]) -> str:
    """Where the facts above come from and when they were last checked: the reader can judge."""
    tr = view.tr
    if not facts:
        return ""
    links = []
    for source in dict.fromkeys(fact.source for fact in facts):
        if source.startswith(("http://", "https://")):
            label = esc(urlparse(source).netloc.removeprefix("www."))
            links.append(f'<a href="{esc(source)}">{tr.isolate(label)}</a>')
        else:
            links.append(esc(tr.isolate(source)))
    oldest = min(fact.verified for fact in facts)  # the least fresh fact is the one to judge by
    date = format_date(oldest, format="medium", locale=tr.locale)
    note = tr.gettext("Checked {date} · source: {sources}").format(
        date=date, sources=", ".join(links)
    )
    return f"<i>{note}</i>"


def phone_line(view: View, phone: Phone) -> str:
    tr = view.tr
    parts = [
        f"{'🆘' if phone.emergency else '📞'} <b>{tr.number(display_number(phone.number))}</b>"
    ]
    if phone.label is not None:
        parts.append(esc(tr.text(phone.label)[0]))
    if phone.whatsapp:
        parts.append("WhatsApp")
    return " · ".join(parts)


def emergency_numbers(view: View) -> Screen:
    tr, host, origin = view.tr, view.host, view.origin
    if host is None or origin is None:
        return finish(view, esc(tr.gettext("Choose your countries first.")))
    country = esc(tr.territory(host.code))
    title = tr.gettext("Emergency numbers in {country}").format(country=country)
    ordered = sorted(host.emergency, key=lambda item: item.service != host.main)
    lines = [f"<b>{title}</b>"]
    for item in ordered:
        name = esc(service_name(view, item.service))
        lines.append(f"{SERVICE_ICONS[item.service]} {name}: <b>{tr.number(item.number)}</b>")
    lines.append(source_note(view, list(host.emergency)))
    if origin.origin.hotlines:
        home = esc(tr.territory(origin.origin.code))
        lines.append("\n<b>" + tr.gettext("Helplines of {country}").format(country=home) + "</b>")
        phones: list[Phone] = []
        for hotline in origin.origin.hotlines:
            lines.append(esc(tr.isolate(tr.text(hotline.name)[0])))
            lines += [phone_line(view, phone) for phone in hotline.phones]
            phones += hotline.phones
        lines.append(source_note(view, list(phones)))
    emergency_lines = [(m, m.emergency_phone) for m in origin.missions_in(host.code)]
    listed = [(mission, phone) for mission, phone in emergency_lines if phone is not None]
    if listed:
        lines.append("\n<b>" + esc(tr.gettext("Your missions: emergency lines")) + "</b>")
        for mission, phone in listed:
            lines.append(esc(tr.isolate(tr.text(mission.name)[0])))
            lines.append(phone_line(view, phone))
        lines.append(source_note(view, [phone for _, phone in listed]))
    consulate = Button(tr.gettext("🏛 My embassy / consulate"), Action("missions"))
    return finish(view, "\n".join(lines), ((consulate,),), with_footer=False)


def missions_list(view: View) -> Screen:
    tr, host, origin = view.tr, view.host, view.origin
    if host is None or origin is None:
        return finish(view, esc(tr.gettext("Choose your countries first.")))
    missions = origin.missions_in(host.code)
    if len(missions) == 1:
        return mission_detail(view, missions[0].id)
    country = esc(tr.territory(host.code))
    if not missions:
        text = esc(tr.gettext("I have no verified contacts of your missions in {country} yet."))
        buttons: list[Button] = []
        if origin.origin.website is not None:
            buttons.append(
                Button(tr.gettext("🌐 Official website"), url=origin.origin.website.url)
            )
        return finish(view, text.format(country=country), rows(*buttons))
    first = main_mission(origin, host.code)
    ordered = sorted(missions, key=lambda mission: mission is not first)
    title = tr.gettext("Your missions in {country}").format(country=country)
    buttons = [Button(tr.text(m.name)[0], Action("mission", (m.id,))) for m in ordered]
    return finish(view, f"<b>{title}</b>", rows(*buttons))


def _find(view: View, mission_id: str) -> Mission | None:
    origin, host = view.origin, view.host
    if origin is None or host is None:
        return None
    return next((m for m in origin.missions_in(host.code) if m.id == mission_id), None)


def mission_detail(view: View, mission_id: str) -> Screen:
    tr = view.tr
    mission = _find(view, mission_id)
    if mission is None:
        return missions_list(view)
    lines = [f"🏛 <b>{esc(tr.isolate(tr.text(mission.name)[0]))}</b>"]
    facts: list[Sourced] = []
    if mission.address is not None:
        lines.append(f"📍 {esc(tr.isolate(mission.address.text))}")
        facts.append(mission.address)
    lines += [phone_line(view, phone) for phone in mission.phones]
    facts += mission.phones
    if mission.email is not None:
        lines.append(f"✉️ {tr.isolate(esc(mission.email.address))}")
        facts.append(mission.email)
    if mission.hours is not None:
        lines.append(f"🕒 {esc(tr.text(mission.hours.text)[0])}")
        facts.append(mission.hours)
    if not mission.phones:
        lines.append(esc(tr.gettext("No verified phone number yet: use the official website.")))
    if facts:
        lines.append(source_note(view, facts))
    buttons: list[Button] = []
    if mission.location is not None:
        buttons.append(Button(tr.gettext("🗺 Show on map"), Action("map", (mission.id,))))
    if mission.website is not None:
        buttons.append(Button(tr.gettext("🌐 Official website"), url=mission.website.url))
    siblings = view.origin.missions_in(mission.host) if view.origin else []
    back = Action("missions") if len(siblings) > 1 else None
    return finish(view, "\n".join(lines), rows(*buttons), back=back)


def mission_map(view: View, mission_id: str) -> Screen:
    """The mission's detail again, with a venue the adapter sends so her map app opens it."""
    screen = mission_detail(view, mission_id)
    mission = _find(view, mission_id)
    if mission is None or mission.location is None:
        return screen
    tr = view.tr
    address = mission.address.text if mission.address else ""
    venue = Venue(mission.location.lat, mission.location.lon, tr.text(mission.name)[0], address)
    return Screen(screen.text, screen.buttons, venue=venue)
