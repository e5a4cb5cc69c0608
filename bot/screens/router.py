"""One entry point for both adapters: an action (or a first contact) in, a screen and state out.

Every screen a button may name is declared once in `REGISTRY`, with what it needs to be shown:
nothing, the country she is in, or both countries. When that is not yet known the router asks
for it (`next_question`); the screens themselves handle a country the content does not cover.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from bot.content.countries import countries
from bot.content.model import Content
from bot.i18n import SUPPORTED, match_language, translator
from bot.screens import (
    contacts,
    guides,
    location,
    menu,
    onboarding,
    regions,
    registration,
    reports,
)
from bot.screens.base import Action, Forget, Outcome, Register, Renew, Screen, Unregister, View
from bot.screens.countries import country_question, world_part
from bot.state import UNLISTED, UserState

DEEP_LINK = re.compile(r"^([a-z]{2})-([a-z]{2})(?:-([a-z]{2,3}))?$", re.IGNORECASE)


class Needs(Enum):
    NOTHING = "nothing"
    HOST = "host"
    """Her answer to "Which country are you in now?" (a covered country or not)."""
    COUNTRIES = "countries"
    """Both answers (covered or not): the screen handles what the content lacks."""


Build = Callable[[View, tuple[str, ...]], "Screen | Outcome | None"]


@dataclass(frozen=True)
class Spec:
    build: Build
    needs: Needs
    arity: int = 0
    """How many arguments its button carries."""


def _plain(screen: Callable[[View], Screen]) -> Build:
    return lambda view, args: screen(view)


def _one(screen: Callable[[View, str], Screen | None]) -> Build:
    return lambda view, args: screen(view, args[0])


def _set_language(view: View, args: tuple[str, ...]) -> Outcome | None:
    if args[0] not in SUPPORTED:
        return None
    state = replace(view.state, language=args[0])
    return Outcome(next_question(view_for(view.content, state)), state)


def _known_country(code: str) -> bool:
    return code == UNLISTED or code in countries()


def _set_origin(view: View, args: tuple[str, ...]) -> Outcome | None:
    if not _known_country(args[0]):
        return None
    state = replace(view.state, origin=args[0])
    return Outcome(next_question(view_for(view.content, state)), state)


def _set_host(view: View, args: tuple[str, ...]) -> Outcome | None:
    if not _known_country(args[0]):
        return None
    state = replace(view.state, host=args[0])
    registered = view.state.registration
    if registered is not None and registered.host != args[0]:
        return Outcome(registration.moved(view_for(view.content, state)), state)
    return Outcome(next_question(view_for(view.content, state)), state)


def _forget(view: View, args: tuple[str, ...]) -> Outcome:
    return Outcome(menu.forgotten(view), UserState(language=view.state.language), Forget())


def _plan(view: View, args: tuple[str, ...]) -> Screen | None:
    return guides.plan_step(view, args[0], args[1])


REGISTRY: dict[str, Spec] = {
    "home": Spec(_plain(menu.home), Needs.COUNTRIES),
    "lang": Spec(_plain(onboarding.language_picker), Needs.NOTHING),
    "origin": Spec(_plain(onboarding.origin_picker), Needs.NOTHING),
    "host": Spec(_plain(onboarding.host_picker), Needs.NOTHING),
    "otherh": Spec(lambda view, args: country_question(view, "h"), Needs.NOTHING),
    "othero": Spec(lambda view, args: country_question(view, "o"), Needs.NOTHING),
    "world": Spec(lambda view, args: world_part(view, *args), Needs.NOTHING, 3),
    "setlang": Spec(_set_language, Needs.NOTHING, 1),
    "setorg": Spec(_set_origin, Needs.NOTHING, 1),
    "sethost": Spec(_set_host, Needs.NOTHING, 1),
    "loc": Spec(_plain(location.ask_location), Needs.NOTHING),
    "about": Spec(_plain(menu.about), Needs.NOTHING),
    "help": Spec(_plain(menu.help_screen), Needs.NOTHING),
    "settings": Spec(_plain(menu.settings), Needs.NOTHING),
    "forget": Spec(_plain(menu.forget_confirm), Needs.NOTHING),
    "forgetok": Spec(_forget, Needs.NOTHING),
    "unregistered": Spec(_plain(registration.unregistered), Needs.NOTHING),
    "emergency": Spec(_plain(contacts.emergency_numbers), Needs.HOST),
    "call": Spec(_plain(guides.what_to_say), Needs.HOST),
    "src": Spec(_one(contacts.sources), Needs.HOST, 1),
    "missions": Spec(_plain(contacts.missions_list), Needs.COUNTRIES),
    "mission": Spec(_one(contacts.mission_detail_or_none), Needs.COUNTRIES, 1),
    "map": Spec(_one(contacts.mission_map_or_none), Needs.COUNTRIES, 1),
    "wrong": Spec(_one(reports.which_number), Needs.HOST, 1),
    "wrongok": Spec(lambda view, args: reports.reported(view, *args), Needs.HOST, 2),
    "plans": Spec(_plain(guides.plans_list), Needs.COUNTRIES),
    "plan": Spec(_plan, Needs.COUNTRIES, 2),
    "topics": Spec(_plain(guides.topics_list), Needs.HOST),
    "topic": Spec(_one(guides.topic_page), Needs.COUNTRIES, 1),
    "reg": Spec(_plain(registration.privacy_notice), Needs.COUNTRIES),
    "regfirst": Spec(_one(registration.privacy_notice_then), Needs.COUNTRIES, 1),
    "regask": Spec(_plain(registration.confirm_countries), Needs.COUNTRIES),
    "regregion": Spec(_plain(registration.region_picker), Needs.COUNTRIES),
    "regpage": Spec(_one(regions.region_page), Needs.COUNTRIES, 1),
    "myreg": Spec(_plain(registration.my_registration), Needs.COUNTRIES),
    "regparty": Spec(lambda view, args: _registration(view, "regparty", args), Needs.COUNTRIES, 1),
    "regsave": Spec(lambda view, args: _registration(view, "regsave", args), Needs.COUNTRIES, 2),
    "renew": Spec(lambda view, args: _registration(view, "renew", args), Needs.COUNTRIES),
    "unreg": Spec(lambda view, args: _registration(view, "unreg", args), Needs.NOTHING),
}
ADAPTER_ONLY = frozenset({"adm", "rc"})
"""Buttons the Telegram adapter answers itself (staff tools, roll-call answers need storage)."""
SCREENS = frozenset(REGISTRY) | ADAPTER_ONLY
"""Every screen name a button may carry; anything else is a forged or outdated button."""


def view_for(content: Content, state: UserState) -> View:
    return View(content, translator(state.language), state)


def next_question(view: View) -> Screen:
    """Where onboarding stands: ask what is still unanswered, else show the menu. The country
    she is in comes first: it decides the emergency numbers."""
    if view.state.host is None:
        return onboarding.host_picker(view)
    if view.state.origin is None:
        return onboarding.origin_picker(view)
    return menu.home(view)


def _registration(view: View, name: str, args: tuple[str, ...]) -> Outcome | None:
    state, registered = view.state, view.state.registration
    if name == "unreg":
        return Outcome(None, state, Unregister())
    if not regions.registrable(view):
        return None
    answers = regions.her_regions(view).ids | {regions.NOT_SAID}
    if registered is not None and registered.host == state.host and registered.region:
        answers |= {registered.region}  # kept when the host file's list changed since
    if name == "regparty" and args == ("=",) and registered is not None:
        return Outcome(registration.party_picker(view, registered.region or "-"), state)
    if name == "regparty" and args[0] in answers:
        return Outcome(registration.party_picker(view, args[0]), state)
    if name == "regsave" and args[0] in answers and args[1] in registration.PARTY_SIZES:
        return Outcome(None, state, Register(args[0], args[1]))
    if name == "renew" and registered is not None:
        return Outcome(None, state, Renew())
    return None


def _met(view: View, needs: Needs) -> bool:
    if needs is Needs.HOST:
        return view.state.host is not None
    if needs is Needs.COUNTRIES:
        return view.state.host is not None and view.state.origin is not None
    return True


def route(view: View, action: Action) -> Outcome:
    """The screen for a button; a button that no longer fits the content says it has expired."""
    spec = REGISTRY.get(action.screen)
    if spec is None or len(action.args) != spec.arity:
        return Outcome(menu.expired(view, next_question(view)), view.state)
    if not _met(view, spec.needs):
        return Outcome(next_question(view), view.state)
    result = spec.build(view, action.args)
    if result is None:
        return Outcome(menu.expired(view, next_question(view)), view.state)
    if isinstance(result, Outcome):
        return result
    return Outcome(result, view.state)


def first_contact(
    content: Content, saved: UserState | None, telegram_language: str | None, payload: str
) -> Outcome:
    """/start: deep link, else saved choices, else greet in her language and ask the questions."""
    language = match_language(telegram_language)
    state = saved or UserState(language=language or "en")
    link = DEEP_LINK.match(payload.strip())
    if link:
        origin, host, linked_language = link.group(1).upper(), link.group(2).upper(), link.group(3)
        if origin in content.origins and host in countries():
            state = replace(
                state,
                origin=origin,
                host=host,
                language=match_language(linked_language) or state.language,
            )
            return Outcome(menu.home(view_for(content, state)), state)
    view = view_for(content, state)
    if saved is not None and state.host is not None and state.origin is not None:
        return Outcome(menu.home(view), state)
    greeting = onboarding.greeting(view) + "\n\n"
    if language is None and saved is None:  # her Telegram language is not one we speak yet
        return Outcome(onboarding.language_picker(view, intro=greeting), state)
    if state.host is None:
        return Outcome(onboarding.host_picker(view, intro=greeting), state)
    return Outcome(next_question(view), state)
