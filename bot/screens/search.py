"""Free text: find plans, topics and contacts that match what she typed, in any language."""

from __future__ import annotations

from dataclasses import replace

from bot.content.model import Text
from bot.content.search import Entry, rank
from bot.i18n import N_, translator
from bot.screens.base import Action, Button, Screen, View, noted, rows
from bot.screens.guides import plans_for
from bot.screens.html import bold
from bot.screens.menu import home
from bot.screens.regions import not_recognised, typed_region, typed_regions

MAX_RESULTS = 5


def _phrases(*texts: Text | None) -> tuple[str, ...]:
    found: list[str] = []
    for text in texts:
        if text is not None:
            for language in text.languages():
                found += (part.strip() for part in (text.get(language) or "").split(","))
    return tuple(phrase for phrase in found if phrase)


def _ui_phrases(view: View, keywords: str) -> tuple[str, ...]:
    """Keywords from the catalogs: the reader's language and English both find contacts."""
    translated = {view.tr.gettext(keywords), translator("en").gettext(keywords)}
    return tuple(part.strip() for text in translated for part in text.split(",") if part.strip())


def _entries(view: View) -> list[tuple[Entry, Button]]:
    """What she can find: plans, topics and offices when her countries are covered, and
    always the emergency numbers and her missions."""
    tr, origin, host = view.tr, view.origin, view.host
    plans = plans_for(view)
    topics = origin.topics_in(host.code) if origin and host else []
    offices = origin.missions_in(host.code) if origin and host else []
    found: list[tuple[Entry, Button]] = []
    for plan in plans:
        label = f"{plan.icon} {tr.text(plan.title)[0]}"
        entry = Entry(f"plan:{plan.id}", _phrases(plan.title, plan.keywords))
        found.append((entry, Button(label, Action("plan", (plan.id, "1")))))
    for topic in topics:
        label = f"{topic.icon} {tr.text(topic.title)[0]}"
        entry = Entry(f"topic:{topic.id}", _phrases(topic.title, topic.keywords))
        found.append((entry, Button(label, Action("topic", (topic.id,)))))
    emergency = _ui_phrases(view, N_("emergency, police, ambulance, fire, hospital, help, SOS"))
    found.append(
        (
            Entry("emergency", emergency),
            Button(tr.gettext("🆘 Emergency numbers"), Action("emergency")),
        )
    )
    consulate = _ui_phrases(view, N_("embassy, consulate, consul, mission, labour office"))
    found.append(
        (
            Entry("missions", consulate),
            Button(tr.gettext("🏛 My embassy / consulate"), Action("missions")),
        )
    )
    for mission in offices:
        entry = Entry(f"mission:{mission.id}", _phrases(mission.name))
        found.append((entry, Button(tr.text(mission.name)[0], Action("mission", (mission.id,)))))
    return found


def search_results(view: View, query: str) -> Screen:
    """What her words find; where the region question is answered by typing (a long list),
    regions they name too: alone, as that question's answer; after the plans and contacts
    found, as buttons (a crisis word is never taken for a region); and when nothing is found
    there, the question again."""
    tr = view.tr
    candidates = _entries(view)
    buttons = {entry.key: button for entry, button in candidates}
    matches = rank(query, [entry for entry, _ in candidates], limit=MAX_RESULTS)
    places = typed_regions(view, query)
    if places and not matches:
        return typed_region(view, places)
    if not matches and (unknown_region := not_recognised(view)) is not None:
        return unknown_region
    if not matches:
        hint = tr.gettext(
            "I found nothing for that. Try one or two words, like “fire” or “passport”."
        )
        return noted(home(view), hint)
    title = tr.gettext("This may help:")
    text = bold(title)
    found = [buttons[entry.key] for entry in matches]
    found += [replace(place, label=f"📍 {place.label}") for place in places]
    menu_row = (Button(tr.gettext("☰ Menu"), Action("home")),)
    return Screen(text=text, buttons=(*rows(*found), menu_row))
