"""Numbers and addresses: the host's emergency numbers, her mission's lines, home hotlines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from urllib.parse import urlparse

from bot.content.baseline import LIBRARY, ListedNumber, known_emergency_numbers
from bot.content.contacts import (
    dialable,
    lines_of,
    offices_for,
    parent_of,
    resolve,
    serves_region,
    shown_hotlines,
)
from bot.content.directory import DirectoryMission
from bot.content.facts import dial_digits, display_number
from bot.content.model import Mission, OriginContent, Phone, Sourced
from bot.content.sources import source_kind
from bot.i18n import N_
from bot.screens.base import Action, Button, Screen, Venue, View, rows
from bot.screens.common import (
    LINE_NAMES,
    caution,
    finish,
    overdue_note,
    say,
    service_name,
    source_mention,
)
from bot.screens.html import bold, bold_html, esc, italic, italic_html, link
from bot.screens.reports import EMERGENCY, report_button
from bot.state import UNLISTED

SERVICE_ICONS = {
    "general": "🆘",
    "police": "🚓",
    "ambulance": "🚑",
    "fire": "🚒",
    "coast-guard": "⚓",
    "tourist-police": "👮",
}
SOURCES_OF_EMERGENCY = "e"
"""`src` argument for the sources of the emergency screen (else a mission id)."""


def copy_button(view: View, number: str) -> Button:
    shown = display_number(number)
    return Button(view.tr.gettext("📋 {number}").format(number=shown), copy=dial_digits(number))


def whatsapp_button(view: View, phone: Phone) -> Button | None:
    if not phone.whatsapp or not phone.number.startswith("+"):
        return None
    digits = dial_digits(phone.number).removeprefix("+")
    return Button(view.tr.gettext("💬 WhatsApp"), url=f"https://wa.me/{digits}")


def phone_line(view: View, phone: Phone) -> str:
    """📞 number · what it is for (the source's label, else its purpose) · caution."""
    tr = view.tr
    icon = "🆘" if phone.serves("emergency") else "📞"
    parts = [f"{icon} {bold(tr.number(display_number(phone.number)))}"]
    if phone.label is not None:
        parts.append(esc(view.label(phone.label)))
    else:
        parts.append(esc(tr.gettext(LINE_NAMES[phone.purposes[0]])))
    if phone.whatsapp:
        parts.append("WhatsApp")
    return " · ".join(parts) + caution(view, phone)


def _office_name(view: View, mission: Mission) -> str:
    return esc(view.tr.isolate(view.label(mission.name)))


def _office_number(
    view: View, icon: str, office: Mission, phone: Phone, labelled: bool = False
) -> str:
    """The office and its number; `labelled`: with the source's own name for the line ("24/7
    hotline", "only if life is in danger"), where what it is for is the source's word."""
    number = bold(view.tr.number(display_number(phone.number)))
    label = ""
    if labelled and phone.label is not None:
        label = f" · {esc(view.label(phone.label))}"
    return f"{icon} {_office_name(view, office)}: {number}{label}{caution(view, phone)}"


def baseline_numbers(view: View) -> tuple[tuple[ListedNumber, ...], tuple[str, ...]]:
    """For a country without a host file: Android's numbers by service, and libphonenumber's
    (used only when Android lists none)."""
    code = view.state.host
    if code is None or code == UNLISTED:
        return (), ()
    found = view.content.emergency_list
    listed = found.numbers(code) if found is not None else ()
    return listed, () if listed else known_emergency_numbers(code)


def android_provenance(view: View, when: date | None) -> str:
    tr = view.tr
    return tr.gettext(
        "From Android's list of emergency numbers (updated {date}), which phones use to "
        "place emergency calls. Lifeline has not checked them."
    ).format(date=tr.date(when) if when is not None else tr.gettext("undated"))


def listed_on(view: View) -> date | None:
    """The date of Android's list the baseline numbers come from."""
    found = view.content.emergency_list
    return found.date if found is not None else None


def _host_lines(
    view: View, numbers: Iterable[tuple[str, Iterable[str]]], notes: dict[str, str] | None = None
) -> list[str]:
    """One line per number: services that share a number (112 for all) share its line, and
    its note (`notes`, by number)."""
    tr = view.tr
    grouped: dict[str, list[str]] = {}
    for number, services in numbers:
        grouped.setdefault(number, []).extend(services)
    return [
        f"{SERVICE_ICONS[services[0]]} "
        + esc(" · ".join(service_name(view, service) for service in services))
        + f": {bold(tr.number(number))}{(notes or {}).get(number, '')}"
        for number, services in grouped.items()
    ]


def emergency_numbers(view: View) -> Screen:
    """One phone screen: the host's numbers, her mission's 24/7 line, home lines from abroad."""
    tr, host, origin = view.tr, view.host, view.origin
    if host is None:
        return unknown_country(view)
    title = tr.gettext("Emergency in {country}").format(country=tr.territory(host.code))
    ordered = sorted(host.emergency, key=lambda item: item.service != host.main)
    newest_first = sorted(host.emergency, key=lambda item: item.checked, reverse=True)
    notes = {item.number: overdue_note(view, item) for item in newest_first}  # oldest wins
    numbers = [(item.number, [item.service]) for item in ordered]
    lines = [bold(title), *_host_lines(view, numbers, notes)]
    copies = [copy_button(view, number) for number in dict.fromkeys(i.number for i in ordered)][:3]
    extra: list[Button] = []
    if origin is not None:
        lines += _her_lines(view, origin, host.code, copies, extra)
        lines += home_hotlines(view, origin)
    buttons = rows(*copies, per_row=2)
    more = [
        *extra,
        Button(tr.gettext("📞 What to say when you call"), Action("call")),
        Button(tr.gettext("🏛 My embassy / consulate"), Action("missions")),
        Button(tr.gettext("ℹ️ Sources"), Action("src", (SOURCES_OF_EMERGENCY,))),
    ]
    report = report_button(view, EMERGENCY)
    if report is not None:
        more.append(report)
    return finish(view, "\n".join(lines), (*buttons, *rows(*more, per_row=2)), with_footer=False)


def _her_lines(
    view: View, origin: OriginContent, code: str, copies: list[Button], extra: list[Button]
) -> list[str]:
    """Her mission's 24/7 line and its labour line in the country she is in; their copy and
    WhatsApp buttons are added to `copies` and `extra`."""
    tr = view.tr
    found = resolve(origin, code, view.region, "emergency")
    home = tr.territory(origin.origin.code)
    heading = bold(tr.gettext("🏛 {country}: emergency line").format(country=home))
    lines = [""]
    if found.office is None:
        lines += [heading, esc(tr.gettext("No office of your country here is known to me."))]
    elif found.phone is None or not found.exact:
        none_known = tr.gettext("No 24/7 line of your missions here is known to me.")
        lines += [heading, esc(none_known)]
    else:  # the office's name and the line's own label say what it is: no heading needed
        lines.append(_office_number(view, "🆘", found.office, found.phone, labelled=True))
        if view.region is not None and not found.in_her_region:
            note = tr.gettext("The office serving your region has no 24/7 line I know of.")
            lines.append(italic(note))
        copies.append(copy_button(view, found.phone.number))
        chat = whatsapp_button(view, found.phone)
        if chat is not None:
            extra.append(chat)
    workers = resolve(origin, code, view.region, "labour")
    if workers.exact and workers.office is not None and workers.phone is not None:
        lines.append(_office_number(view, "👷", workers.office, workers.phone))
        copies.append(copy_button(view, workers.phone.number))
    return lines


def unknown_country(view: View) -> Screen:
    """A country without a host file: the numbers Android's list gives it, by service, else
    those libphonenumber knows, each labelled as what it is (not checked; no service for
    libphonenumber's), and what else helps."""
    tr, origin = view.tr, view.origin
    code = view.state.host
    listed, known = baseline_numbers(view)
    if code is None or code == UNLISTED:
        opening = tr.gettext("I have no emergency numbers for the country you are in yet.")
    elif listed:
        opening = tr.gettext("Emergency in {country}").format(country=tr.territory(code))
    elif known:
        opening = tr.gettext("Emergency numbers known for {country}:").format(
            country=tr.territory(code)
        )
    else:
        opening = tr.gettext("I have no emergency numbers for {country} yet.").format(
            country=tr.territory(code)
        )
    lines = [bold(opening)]
    if listed:
        lines += _host_lines(view, [(item.number, item.services) for item in listed])
        lines.append(italic(android_provenance(view, listed_on(view))))
        unconfirmed = [item.number for item in listed if not item.confirmed]
        if unconfirmed:
            doubt = tr.gettext(
                "⚠️ Not in a second list (libphonenumber): {numbers}. If a call does not "
                "connect, try 112 or ask people near you for the number."
            ).format(numbers=", ".join(tr.number(number) for number in unconfirmed))
            lines.append(italic(doubt))
    elif known:
        lines.append(" · ".join(f"🆘 {bold(tr.number(number))}" for number in known))
        provenance = tr.gettext(
            "From {source}, a public list of phone numbers. Lifeline has not checked them, "
            "and the list does not say which is police, ambulance or fire: say what happened "
            "when they answer."
        ).format(source=LIBRARY)
        lines.append(italic(provenance))
    else:
        lines += [
            "",
            esc(
                tr.gettext(
                    "Many mobile networks connect 112 to emergency services, but not all: "
                    "if it does not work, ask people near you for the local number."
                )
            ),
        ]
    numbers = [item.number for item in listed] or list(known)
    buttons: list[Button] = [copy_button(view, number) for number in numbers[:2]]
    if origin is not None and code is not None and origin.missions_in(code):
        lines += _her_lines(view, origin, code, buttons, buttons)
    if origin is not None:
        lines += home_hotlines(view, origin)
        buttons += [copy_button(view, phone.number) for phone in dialable(origin)[:2]]
        if origin.origin.website is not None:
            lines += ["", esc(tr.gettext("Your ministry lists its embassies worldwide:"))]
            buttons.append(
                Button(tr.gettext("🌐 Your ministry's website"), url=origin.origin.website.url)
            )
    buttons += _guide_buttons(view, origin)
    buttons.append(Button(tr.gettext("📞 What to say when you call"), Action("call")))
    if view.state.origin is not None:  # this is her menu: nothing else is known here
        buttons.append(Button(tr.gettext("🏛 Find my embassy"), Action("missions")))
    report = report_button(view, EMERGENCY)
    if report is not None:
        buttons.append(report)
    buttons.append(Button(tr.gettext("📍 Find it from my location"), Action("loc")))
    buttons.append(Button(tr.gettext("📍 Country I am in"), Action("host")))
    corner = (
        Button(tr.gettext("⚙️ Settings"), Action("settings")),
        Button(tr.gettext("🔒 About & privacy"), Action("about")),
    )
    return finish(view, "\n".join(lines), (*rows(*buttons), corner))


def _guide_buttons(view: View, origin: OriginContent | None) -> list[Button]:
    """Plans (the generic ones, or her folder's) and her folder's topics for this country."""
    tr, here = view.tr, view.host_code
    found = []
    if view.content.plans or (origin is not None and here and origin.plans_in(here)):
        found.append(Button(tr.gettext("📋 What to do if…"), Action("plans")))
    if origin is not None and here is not None and origin.topics_in(here):
        living = tr.gettext("🏙 Living in {country}").format(country=tr.territory(here))
        found.append(Button(living, Action("topics")))
    return found


def home_hotlines(view: View, origin: OriginContent) -> list[str]:
    """One line per home hotline: the number the emergency screen and its sources show."""
    tr = view.tr
    lines = [
        f"{esc(tr.isolate(view.label(hotline.name)))}: "
        f"{bold(tr.number(display_number(phone.number)))}{caution(view, phone)}"
        for hotline, phone in shown_hotlines(origin)
    ]
    if not lines:
        return []
    return ["", bold(tr.gettext("Home hotlines (dial from abroad)")), *lines]


def _source_line(view: View, fact: Sourced) -> str:
    tr = view.tr
    kind = source_kind(fact.source, view.content.sources)
    kind_name = tr.gettext(
        {"government": N_("government"), "international": N_("international body")}.get(
            kind, N_("not an official site")
        )
    )
    checked = tr.date(fact.checked)
    given = tr.gettext("undated") if fact.as_of == "undated" else fact.as_of
    details = tr.gettext("dated {given} · checked {checked} · {kind}").format(
        given=given, checked=checked, kind=kind_name
    )
    if not fact.source.startswith(("http://", "https://")):
        return f"{esc(tr.isolate(fact.source))} · {esc(details)}"
    return f"{link(fact.source, tr.isolate(_domain(fact.source)))} · {esc(details)}"


def _domain(url: str) -> str:
    return urlparse(url).netloc.removeprefix("www.")


def sources(view: View, scope: str) -> Screen | None:
    """Where each fact of a screen comes from: the date the source gives, when a person last
    checked it there, and whether the site is official."""
    tr, host, origin = view.tr, view.host, view.origin
    facts: list[tuple[str, Sourced]] = []
    back: Action
    if scope == SOURCES_OF_EMERGENCY:
        if host is None:
            return None
        back = Action("emergency")
        facts += [(service_name(view, item.service), item) for item in host.emergency]
        if origin is not None:
            found = resolve(origin, host.code, view.region, "emergency")
            if found.phone is not None and found.exact and found.office is not None:
                facts.append((view.label(found.office.name), found.phone))
            facts += [(view.label(h.name), phone) for h, phone in shown_hotlines(origin)]
    else:
        mission = _find(view, scope)
        if mission is None:
            return None
        back = Action("mission", (mission.id,))
        name = view.label(mission.name)
        own: list[Sourced] = [*lines_of(origin, mission)] if origin else []
        details: list[Sourced | None] = [
            mission.address,
            mission.email,
            mission.hours,
            mission.location,
        ]
        own += [fact for fact in details if fact is not None]
        facts += [(name, fact) for fact in own]
    lines = [bold(tr.gettext("ℹ️ Sources"))]
    for label, fact in facts:
        lines.append(f"{esc(tr.isolate(label))}: {_source_line(view, fact)}")
    return finish(view, "\n".join(lines), back=back)


def missions_list(view: View) -> Screen:
    tr, code, origin = view.tr, view.state.host, view.origin
    if code is None or code == UNLISTED or origin is None:
        return no_missions(view)
    missions = offices_for(origin, code, view.region, "general")
    if len(missions) == 1:
        return mission_detail(view, missions[0].id)
    if not missions:
        return no_missions(view)
    title = tr.gettext("Your missions in {country}").format(country=tr.territory(code))
    buttons = [Button(view.label(m.name), Action("mission", (m.id,))) for m in missions]
    others = _directory_lines(view, _uncurated(view, origin, code))
    return finish(view, "\n".join([bold(title), *others]).rstrip(), rows(*buttons))


def _uncurated(view: View, origin: OriginContent, code: str) -> list[DirectoryMission]:
    """Her country's missions in the host that the directory lists and her folder does not
    (an honorary consulate in another city): a curated mission overrides its Wikidata twin."""
    found = view.content.directory
    if found is None:
        return []
    return [
        m for m in found.in_host(origin.origin.code, code) if m.qid not in origin.wikidata_items
    ]


def no_missions(view: View) -> Screen:
    """No office of her country is known here, or her country is not covered: say so, and how
    she can still find and reach her embassy."""
    tr, origin = view.tr, view.origin
    code = view.state.host
    here = (
        tr.territory(code) if code and code != UNLISTED else tr.gettext("the country you are in")
    )
    passport = view.state.origin if view.state.origin != UNLISTED else None
    if passport is not None:
        opening = tr.gettext("I know no office of {origin} in {country}.").format(
            origin=tr.territory(passport), country=here
        )
    else:
        opening = tr.gettext("I have no list of your country's embassies yet.")
    steps = [
        tr.gettext(
            "Your ministry of foreign affairs lists its embassies on its website, with the "
            "countries each one covers."
        ),
        tr.gettext("Or search the web for: embassy of {origin} in {country}.").format(
            origin=tr.territory(passport) if passport else tr.gettext("your country"),
            country=here,
        ),
        tr.gettext(
            "If your country has no embassy here, the one in a neighbouring country usually "
            "covers this one."
        ),
        tr.gettext("Family at home can also ask your ministry for you."),
    ]
    listed, copies, in_host = _directory_missions(view, passport, code)
    if in_host:  # found here: searching for it, or for a neighbour's, is not needed
        opening = tr.gettext("Your missions in {country}").format(country=here)
        steps = steps[-1:]
    elif listed:  # found in neighbouring countries: no need to search for those
        steps = steps[-1:]
    lines = [bold(opening), *listed, *(f"• {esc(step)}" for step in steps)]
    if view.state.origin and code:
        for arrangement in view.content.countries.arrangements_for(view.state.origin, code):
            mention = italic_html(source_mention(view, arrangement))
            lines += ["", f"🤝 {say(view, arrangement.text)}", mention]
    buttons = [*copies, Button(tr.gettext("🆘 Emergency numbers"), Action("emergency"))]
    if origin is not None and origin.origin.website is not None:
        ministry = Button(tr.gettext("🌐 Your ministry's website"), url=origin.origin.website.url)
        buttons.insert(0, ministry)
    return finish(view, "\n".join(lines), rows(*buttons))


DIRECTORY_SHOWN = 4


def _directory_missions(
    view: View, passport: str | None, code: str | None
) -> tuple[list[str], list[Button], bool]:
    """Her country's missions in the host as Wikidata lists them, else those abroad that
    cover the host: their own tier, with the data's date, never called checked. The lines,
    copy buttons for their phones, and whether they are in the host."""
    found = view.content.directory
    if found is None or not passport or not code or code == UNLISTED:
        return [], [], False
    here = found.in_host(passport, code)
    if view.origin is not None:
        here = _uncurated(view, view.origin, code)
    shown = (here or found.accredited(passport, code))[:DIRECTORY_SHOWN]
    lines = _directory_lines(view, shown, abroad=not here)
    copies = [copy_button(view, m.phone) for m in shown if m.phone][:2]
    return lines, copies, bool(here)


def _directory_lines(view: View, shown: list[DirectoryMission], abroad: bool = False) -> list[str]:
    """The directory's tier: its own heading with the data's date, never called checked."""
    found = view.content.directory
    if found is None or not shown:
        return []
    tr = view.tr
    code = view.state.host or ""
    when = tr.date(found.date)
    if not abroad:
        title = tr.gettext("From Wikidata (data of {date}), not checked by the consulate:")
    else:
        title = tr.gettext(
            "No mission of your country is listed in {country}; these, in other countries, "
            "also cover it "
            "(from Wikidata, data of {date}, not checked by the consulate):"
        )
    lines = ["", italic(title.format(date=when, country=tr.territory(code)))]
    for mission in shown[:DIRECTORY_SHOWN]:
        parts = [f"🏛 {esc(tr.isolate(mission.name))}"]
        if mission.phone:
            parts.append(bold(tr.number(display_number(mission.phone))))
        if mission.website:
            parts.append(link(mission.website, tr.isolate(_domain(mission.website))))
        lines.append(" · ".join(parts))
    lines.append("")
    return lines


def _find(view: View, mission_id: str) -> Mission | None:
    origin, code = view.origin, view.state.host
    if origin is None or code is None:
        return None
    return next((m for m in origin.missions_in(code) if m.id == mission_id), None)


def mission_detail(view: View, mission_id: str) -> Screen:
    tr, origin = view.tr, view.origin
    mission = _find(view, mission_id)
    if mission is None or origin is None:
        return missions_list(view)
    lines = [f"🏛 {bold_html(_office_name(view, mission))}"]
    if mission.address is not None:
        lines.append(f"📍 {esc(tr.isolate(mission.address.text))}")
    parent = parent_of(origin, mission)
    phones = lines_of(origin, mission)
    if not mission.phones and parent is not None and phones:
        note = tr.gettext("No line of its own is known; the lines of {office}:")
        lines.append(esc(note).format(office=_office_name(view, parent)))
    lines += [phone_line(view, phone) for phone in phones]
    if mission.email is not None:
        lines.append(f"✉️ {tr.isolate(esc(mission.email.address))}")
    if mission.hours is not None:
        lines.append(f"🕒 {esc(view.label(mission.hours.text))}")
    website = mission.website or (parent.website if parent else None) or origin.origin.website
    if not phones:
        if website is not None:
            lines.append(esc(tr.gettext("No phone number is known to me: see its website below.")))
        else:
            lines.append(esc(tr.gettext("No phone number is known to me.")))
    if view.region is not None and not serves_region(mission, view.region):
        lines.append(esc(tr.gettext("ℹ️ This office may not serve your region.")))
    buttons: list[Button] = [copy_button(view, phone.number) for phone in phones[:4]]
    buttons += [b for b in (whatsapp_button(view, p) for p in phones) if b is not None]
    if mission.location is not None:
        buttons.append(Button(tr.gettext("🗺 Show on map"), Action("map", (mission.id,))))
    if website is not None:
        buttons.append(Button(tr.gettext("🌐 Official website"), url=website.url))
    if phones or mission.address or mission.email:
        buttons.append(Button(tr.gettext("ℹ️ Sources"), Action("src", (mission.id,))))
    report = report_button(view, mission.id)
    if report is not None:
        buttons.append(report)
    siblings = origin.missions_in(mission.host)
    back = Action("missions") if len(siblings) > 1 else None
    return finish(view, "\n".join(lines), rows(*buttons, per_row=2), back=back)


def mission_detail_or_none(view: View, mission_id: str) -> Screen | None:
    return None if _find(view, mission_id) is None else mission_detail(view, mission_id)


def mission_map_or_none(view: View, mission_id: str) -> Screen | None:
    return None if _find(view, mission_id) is None else mission_map(view, mission_id)


def mission_map(view: View, mission_id: str) -> Screen:
    """The mission's detail again, with a venue the adapter sends so her map app opens it."""
    screen = mission_detail(view, mission_id)
    mission = _find(view, mission_id)
    if mission is None or mission.location is None:
        return screen
    address = mission.address.text if mission.address else ""
    venue = Venue(mission.location.lat, mission.location.lon, view.label(mission.name), address)
    return Screen(screen.text, screen.buttons, venue=venue)
