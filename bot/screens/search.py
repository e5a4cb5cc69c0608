"""Free text: find plans, topics and contacts that match what she typed, in any language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from bot.content.model import Content
from bot.content.search import Owner, Phrase, PhraseIndex, rank, terms
from bot.i18n import N_, translator
from bot.languages import languages
from bot.screens.base import Action, Button, Screen, View, noted, rows
from bot.screens.guides import plans_for
from bot.screens.html import bold
from bot.screens.menu import home
from bot.screens.regions import not_recognised, typed_region, typed_regions

MAX_RESULTS = 5
STAND_IN = 0.9
"""The weight of a lexicon's phrases for the plan they find in place of their own kind (the
generic abuse-trafficking plan for employer-abuse): below a plan found by its own words."""
EMERGENCY_WORDS = N_("emergency, police, ambulance, fire, hospital, help, SOS")
MISSION_WORDS = N_("embassy, consulate, consul, mission, labour office")

Key = tuple[str, ...]
Candidate = tuple[Key, Sequence[tuple[Owner, float]]]


@cache
def catalog_index() -> PhraseIndex:
    """The catalogs' words for the emergency numbers and her embassy, in every UI language
    (a Kyrgyz reader may type Russian, a Filipino English); built once."""
    phrases: list[Phrase] = []
    for language in languages().ui:
        tr = translator(language)
        for name, keywords in (("emergency", EMERGENCY_WORDS), ("missions", MISSION_WORDS)):
            for part in tr.gettext(keywords).split(","):
                phrases.append(Phrase(("catalog", "", name), terms(part)))
    return PhraseIndex(phrases)


def warm(content: Content) -> None:
    """Build what every search reads (the phrases normalised and indexed, about 0.1 s), so the
    first free-text message does not wait for it."""
    catalog_index()
    content.search_index  # noqa: B018 - a cached property, built here


def _lexicon(ident: str) -> tuple[Owner, float]:
    return ("lexicon", "", ident), 1.0


def candidates(view: View) -> list[Candidate]:
    """What she can find, each with the owners of the phrases that find it: plans, topics and
    offices when her countries are covered, and always the emergency numbers and her
    missions. A plan or topic is found by its own words and by the lexicon's for its id."""
    origin, host, content = view.origin, view.host, view.content
    code = origin.origin.code if origin else ""
    plans = plans_for(view)
    topics = origin.topics_in(host.code) if origin and host else []
    offices = origin.missions_in(host.code) if origin and host else []
    present = {guide.id for guide in (*plans, *topics)}
    stand_ins: dict[str, list[tuple[Owner, float]]] = defaultdict(list)
    for entry in content.lexicon.values():
        if entry.id not in present:
            for other in entry.otherwise:
                stand_ins[other].append((("lexicon", "", entry.id), STAND_IN))
    found: list[Candidate] = []
    for plan in plans:
        folder = "" if any(plan is generic for generic in content.plans) else code
        owners = [(("plan", folder, plan.id), 1.0), _lexicon(plan.id), *stand_ins[plan.id]]
        found.append((("plan", plan.id), owners))
    for topic in topics:
        owners = [(("topic", code, topic.id), 1.0), _lexicon(topic.id), *stand_ins[topic.id]]
        found.append((("topic", topic.id), owners))
    for name in ("emergency", "missions"):
        found.append(((name,), [(("catalog", "", name), 1.0), _lexicon(name)]))
    for mission in offices:
        found.append((("mission", mission.id), [(("mission", code, mission.id), 1.0)]))
    return found


def _button(view: View, key: Key) -> Button | None:
    tr, kind, ident = view.tr, key[0], key[-1]
    if kind == "plan":
        plan = next(plan for plan in plans_for(view) if plan.id == ident)
        return Button(f"{plan.icon} {tr.text(plan.title)[0]}", Action("plan", (ident, "1")))
    if kind == "topic" and view.origin is not None:
        topic = next(topic for topic in view.origin.topics if topic.id == ident)
        return Button(f"{topic.icon} {tr.text(topic.title)[0]}", Action("topic", (ident,)))
    if kind == "emergency":
        return Button(tr.gettext("🆘 Emergency numbers"), Action("emergency"))
    if kind == "missions":
        return Button(tr.gettext("🏛 My embassy / consulate"), Action("missions"))
    if kind == "mission" and view.origin is not None:
        mission = next(item for item in view.origin.missions if item.id == ident)
        return Button(view.label(mission.name), Action("mission", (ident,)))
    return None


def search_results(view: View, query: str) -> Screen:
    """What her words find; where the region question is answered by typing (a long list),
    regions they name too: alone, as that question's answer; after the plans and contacts
    found, as buttons (a crisis word is never taken for a region); and when nothing is found
    there, the question again."""
    tr = view.tr
    indexes = (view.content.search_index, catalog_index())
    matches = rank(query, indexes, candidates(view), limit=MAX_RESULTS)
    found = [button for key in matches if (button := _button(view, key)) is not None]
    places = typed_regions(view, query)
    if places and not found:
        return typed_region(view, places)
    if not found and (unknown_region := not_recognised(view)) is not None:
        return unknown_region
    if not found:
        hint = tr.gettext(
            "I found nothing for that. Try one or two words, like “fire” or “passport”."
        )
        return noted(home(view), hint)
    text = bold(tr.gettext("This may help:"))
    found += [replace(place, label=f"📍 {place.label}") for place in places]
    menu_row = (Button(tr.gettext("☰ Menu"), Action("home")),)
    return Screen(text=text, buttons=(*rows(*found), menu_row))
