"""Pieces every screen shares: the emergency footer, navigation, content text with placeholders."""

from __future__ import annotations

from urllib.parse import urlparse

from bot.content.contacts import Resolution, main_office
from bot.content.facts import (
    BaselineNumber,
    HostLine,
    HostNumber,
    HotlineLine,
    MissionLine,
    MissionName,
    display_number,
    lookup,
)
from bot.content.freshness import overdue
from bot.content.model import PLACEHOLDER, Guide, Host, Phone, Sourced, Text
from bot.i18n import N_, SOURCE_LANGUAGE, chain
from bot.screens.base import HOME, Action, Button, Screen, View
from bot.screens.html import bold, esc, fill, italic, link

LINE_NAMES = {
    "emergency": N_("24/7 line"),
    "consular": N_("consular line"),
    "labour": N_("labour-office line"),
    "shelter": N_("shelter line"),
    "general": N_("main line"),
}
"""What a mission line is called, by purpose: the label a number may be shown under."""

NO_SERVICE_NUMBER = {
    "police": N_("the main emergency number; no separate police number is known"),
    "ambulance": N_("the main emergency number; no separate ambulance number is known"),
    "fire": N_("the main emergency number; no separate fire number is known"),
}
NO_HOST_LINE = {
    "labour": N_("no labour-authority line in {country} is known to me"),
    "crisis": N_("no crisis line in {country} is known to me: call the emergency number"),
    "trafficking": N_("no anti-trafficking line in {country} is known to me"),
    "women": N_("no women's helpline in {country} is known to me"),
    "children": N_("no children's helpline in {country} is known to me"),
    "migrants": N_("no migration-office line in {country} is known to me"),
}


OLD_AFTER_YEARS = 3
"""A phone number whose source is older than this gets a visible caution."""


SERVICE_NAMES = {
    "general": N_("All emergencies"),
    "police": N_("Police"),
    "ambulance": N_("Ambulance"),
    "fire": N_("Fire"),
    "coast-guard": N_("Coast guard"),
    "tourist-police": N_("Tourist police"),
}


def service_name(view: View, service: str) -> str:
    return view.tr.gettext(SERVICE_NAMES[service])


def overdue_note(view: View, fact: Sourced) -> str:
    """A visible "not re-checked since" on a number no one has compared with its source for
    more than a year (bot/content/freshness.py): still shown, and said honestly."""
    if not overdue(fact, view.today):
        return ""
    tr = view.tr
    when = tr.date(fact.checked)
    return " · " + esc(tr.gettext("⚠️ not re-checked since {date}").format(date=when))


def caution(view: View, fact: Sourced) -> str:
    """A short, visible warning on a number not re-checked for a year, else on one whose
    source is old or gives no date: one note per number."""
    overdue_since = overdue_note(view, fact)
    if overdue_since:
        return overdue_since
    tr, year = view.tr, fact.as_of_year
    if year is None:
        return " · " + esc(tr.gettext("⚠️ source undated"))
    if view.today.year - year > OLD_AFTER_YEARS:
        return " · " + esc(tr.gettext("⚠️ published {year}, may have changed").format(year=year))
    return ""


def not_covered(view: View, for_nationality: str, for_country: str, then: Button) -> Screen:
    """What this screen needs is not written for her nationality or her country: say which,
    and offer what helps instead."""
    tr = view.tr
    why = tr.gettext(for_nationality if view.origin is None else for_country)
    return finish(view, esc(why), ((then,),))


def footer(view: View) -> str:
    """The host's main emergency number, one glance away on every screen; and a word when
    her language's catalog is not finished (its missing words are in a fallback language)."""
    host, tr = view.host, view.tr
    unfinished = ""
    if not tr.complete:
        fallback = tr.language_name(chain(tr.language)[1])
        note = tr.gettext(
            "Some words here are in {fallback}: the {language} translation is not finished."
        )
        unfinished = "\n" + italic(
            note.format(fallback=fallback, language=tr.language_name(tr.language))
        )
    if host is None:
        return unfinished
    line = fill(
        tr.gettext("🆘 Emergency in {country}: {number}"),
        country=esc(tr.territory(host.code)),
        number=bold(tr.number(host.main_number.number)),
    ) + overdue_note(view, host.main_number)
    return f"\n\n{line}{unfinished}"


def nav_row(view: View, back: Action | None = None) -> tuple[Button, ...]:
    tr = view.tr
    row = [Button(tr.gettext("⬅️ Back"), back)] if back else []
    row.append(Button(tr.gettext("☰ Menu"), HOME))
    return tuple(row)


def finish(
    view: View,
    text: str,
    buttons: tuple[tuple[Button, ...], ...] = (),
    back: Action | None = None,
    with_footer: bool = True,
) -> Screen:
    """A screen with the emergency footer and a navigation row below its own buttons."""
    return Screen(
        text=text + (footer(view) if with_footer else ""),
        buttons=(*buttons, nav_row(view, back)),
    )


def say(view: View, value: Text) -> str:
    """Content text in the reader's language (or its fallback), escaped, placeholders filled.

    A text that names her mission where no mission of her country is known is replaced by one
    sentence that says so, rather than a sentence with a hole in it."""
    raw, _ = view.tr.text(value)
    origin, code = view.origin, view.host_code
    if origin is None or code is None:
        return esc(raw)
    names = PLACEHOLDER.findall(raw)
    names_mission = any(name.startswith("mission") for name in names)
    if names_mission and main_office(origin, code, view.region) is None:
        return no_mission_here(view)
    return PLACEHOLDER.sub(lambda match: fact_html(view, match.group(1)), esc(raw))


def no_mission_here(view: View) -> str:
    tr = view.tr
    origin, code = view.origin, view.host_code
    if origin is None or code is None:
        return ""
    sentence = tr.gettext(
        "No office of {origin} in {country} is known to me. “🏛 My embassy” shows how to "
        "reach your country's ministry."
    )
    return esc(
        sentence.format(origin=tr.territory(origin.origin.code), country=tr.territory(code))
    )


def fact_html(view: View, name: str) -> str:
    """One placeholder as HTML: the number, and in words anything it is not."""
    tr, origin, code = view.tr, view.origin, view.host_code
    if origin is None or code is None:  # guarded by say()
        return ""
    fact = lookup(name, origin, view.host, code, view.region)
    if isinstance(fact, HostNumber):
        return host_number_html(view, fact)
    if isinstance(fact, BaselineNumber):
        return baseline_number_html(view, fact.service)
    if isinstance(fact, HostLine):
        if fact.line is None:
            country = tr.territory(code)
            return esc(tr.gettext(NO_HOST_LINE[fact.kind]).format(country=country))
        name_text = esc(tr.isolate(view.label(fact.line.name)))
        number = bold(tr.number(display_number(fact.line.number)))
        return f"{number}{caution(view, fact.line)} — {name_text}"
    if isinstance(fact, MissionName):
        return "" if fact.mission is None else esc(tr.isolate(view.label(fact.mission.name)))
    if isinstance(fact, MissionLine):
        return mission_line_html(view, fact.resolution)
    if isinstance(fact, HotlineLine):
        if fact.phone is None:
            return esc(tr.isolate(view.label(fact.hotline.name)))
        return dialled_html(view, fact.phone, origin.origin.code) + caution(view, fact.phone)
    return " ".join(esc(tr.text(law.text)[0]) for law in fact.laws)


def host_number_html(view: View, fact: HostNumber) -> str:
    """{police}...: the number, and in words when it is the main number, not the service's."""
    number = bold(view.tr.number(fact.number.number))
    note = overdue_note(view, fact.number)
    if fact.exact:
        return number + note
    return f"{number} ({esc(view.tr.gettext(NO_SERVICE_NUMBER[fact.service]))}){note}"


def baseline_number_html(view: View, name: str) -> str:
    """{emergency}, {police}... where no host file is: Android's list's number (each under its
    own service), else words that send her to the emergency screen; never a number under a
    label it does not have."""
    tr, code = view.tr, view.host_code
    listed = view.content.emergency_list
    if listed is not None and code is not None and listed.numbers(code):
        service = "general" if name == "emergency" else name
        found = listed.number_for(code, service)
        if found is not None:
            return bold(tr.number(found))
        if name == "emergency":  # no number for all: each one under its own service
            return ", ".join(
                f"{bold(tr.number(item.number))} "
                f"({esc(', '.join(service_name(view, s) for s in item.services))})"
                for item in listed.numbers(code)
            )
    words = tr.gettext("the local emergency number (see “{button}”)")
    return esc(words.format(button=tr.gettext("🆘 Emergency numbers")))


def dialled_html(view: View, phone: Phone, country: str) -> str:
    """A number in bold; a short number says from where it can be dialled."""
    tr = view.tr
    number = bold(tr.number(display_number(phone.number)))
    if phone.number.startswith("+"):
        return number
    where = tr.gettext("from a phone in {country}").format(country=tr.territory(country))
    return f"{number} ({esc(where)})"


def mission_line_html(view: View, found: Resolution) -> str:
    tr = view.tr
    code = view.host_code
    if found.office is None or code is None:
        return no_mission_here(view)
    office = esc(tr.isolate(view.label(found.office.name)))
    if found.phone is None:
        sentence = tr.gettext("no phone number of {office} is known (see “🏛 My embassy”)")
        return sentence.format(office=office)
    number = dialled_html(view, found.phone, code) + caution(view, found.phone)
    if found.exact:
        named = view.origin is not None and found.office is main_office(
            view.origin, code, view.region
        )
        return number if named else f"{number} — {office}"
    sentence = tr.gettext("no {wanted} is known; the {found} of {office}: {number}")
    wanted, standing_in = LINE_NAMES[found.purpose], LINE_NAMES[found.line_purpose or "general"]
    return sentence.format(
        wanted=esc(tr.gettext(wanted)),
        found=esc(tr.gettext(standing_in)),
        office=office,
        number=number,
    )


def language_notices(view: View, owner: Guide | Host, texts: list[Text]) -> str:
    """Say plainly when a text is shown in another language, is a translation older than its
    English (content/translations.lock.json), or is an unreviewed translation
    (`owner.reviewed` says which languages a native speaker has checked)."""
    tr = view.tr
    shown = {tr.text(text)[1] for text in texts}
    notices = []
    if any(view.content.is_outdated(text, tr.text(text)[1]) for text in texts):
        notices.append(
            tr.gettext(
                "ℹ️ Part of this text was written before its English version changed and may "
                "be out of date."
            )
        )
    if view.tr.language not in shown:
        notices.append(
            tr.gettext("ℹ️ Not yet translated into {language}: shown in {fallback}.").format(
                language=tr.language_name(tr.language),
                fallback=", ".join(tr.language_name(code) for code in sorted(shown)),
            )
        )
    if any(code != SOURCE_LANGUAGE and not owner.reviewed.get(code, False) for code in shown):
        notices.append(
            tr.gettext("⚠️ Machine-assisted translation, not yet checked by a native speaker.")
        )
    return "".join(f"\n{italic(notice)}" for notice in notices)


def source_mention(view: View, fact: Sourced) -> str:
    """ "Advice from ifrc.org (2023)": where a safety rule comes from, in one short line."""
    tr = view.tr
    where = urlparse(fact.source).netloc.removeprefix("www.") or fact.source
    when = tr.gettext("undated") if fact.as_of == "undated" else fact.as_of[:4]
    line = tr.gettext("Advice from {source} ({date})").format(source=tr.isolate(where), date=when)
    if fact.source.startswith(("http://", "https://")):
        return link(fact.source, line)
    return esc(line)
