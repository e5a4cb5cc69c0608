"""One entry point for both adapters: an action (or a first contact) in, a screen and state out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.content.model import Content
from bot.i18n import SUPPORTED, match_language, translator
from bot.screens import contacts, guides, location, menu, onboarding, registration
from bot.screens.base import Action, Effect, Outcome, Screen, View
from bot.state import UserState

DEEP_LINK = re.compile(r"^([a-z]{2})-([a-z]{2})(?:-([a-z]{2,3}))?$", re.IGNORECASE)

Simple = Callable[[View], Screen]
SIMPLE: dict[str, Simple] = {
    "home": menu.home,
    "lang": onboarding.language_picker,
    "origin": onboarding.origin_picker,
    "host": onboarding.host_picker,
    "otherhost": onboarding.other_host,
    "emergency": contacts.emergency_numbers,
    "missions": contacts.missions_list,
    "plans": guides.plans_list,
    "topics": guides.topics_list,
    "settings": menu.settings,
    "about": menu.about,
    "help": menu.help_screen,
    "forget": menu.forget_confirm,
    "loc": location.ask_location,
    "reg": registration.privacy_notice,
    "regask": registration.confirm_countries,
    "regregion": registration.region_picker,
    "myreg": registration.my_registration,
    "unregistered": registration.unregistered,
}
WITH_ARGUMENT = {
    "mission",
    "map",
    "plan",
    "topic",
    "setlang",
    "setorg",
    "sethost",
    "forgetok",
    "regparty",
    "regsave",
    "renew",
    "unreg",
}
ABOUT_HER = frozenset({"lang", "origin", "host", "about", "help", "forget", "unregistered"})
"""Screens that work before she has chosen her countries."""
ADAPTER_ONLY = {"adm", "rc"}
"""Buttons the Telegram adapter answers itself (staff tools, roll-call answers need storage)."""
SCREENS = frozenset(SIMPLE) | WITH_ARGUMENT | ADAPTER_ONLY
"""Every screen name a button may carry; anything else is a forged or outdated button."""


def view_for(content: Content, state: UserState) -> View:
    return View(content, translator(state.language), state)


def next_question(view: View) -> Screen:
    """Where onboarding stands: ask what is still unknown, else show the menu."""
    if view.origin is None:
        return onboarding.origin_picker(view)
    if view.host is None:
        return onboarding.host_picker(view)
    return menu.home(view)


def _argument(view: View, action: Action) -> Outcome | None:
    state, content = view.state, view.content
    name, args = action.screen, action.args
    first = args[0] if args else ""
    screen: Screen | None = None
    if name == "setlang" and first in SUPPORTED:
        state = replace(state, language=first)
        view = view_for(content, state)
        screen = next_question(view)
    elif name == "setorg" and first in content.origins:
        state = replace(state, origin=first)
        screen = next_question(view_for(content, state))
    elif name == "sethost" and first in content.hosts:
        state = replace(state, host=first)
        screen = next_question(view_for(content, state))
    elif name == "forgetok":
        forgotten = menu.forgotten(view)
        return Outcome(forgotten, UserState(language=state.language), Effect("forget"))
    elif name in {"regparty", "regsave", "renew", "unreg"}:
        return _registration(view, action)
    elif name == "mission" and view.origin and view.host:
        if any(m.id == first for m in view.origin.missions_in(view.host.code)):
            screen = contacts.mission_detail(view, first)
    elif name == "map" and view.origin and view.host:
        if any(m.id == first for m in view.origin.missions_in(view.host.code)):
            screen = contacts.mission_map(view, first)
    elif name == "plan" and len(args) == 2:
        screen = guides.plan_step(view, first, args[1])
    elif name == "topic":
        screen = guides.topic_page(view, first)
    return None if screen is None else Outcome(screen, state)


def _registration(view: View, action: Action) -> Outcome | None:
    state, host, registered = view.state, view.host, view.state.registration
    name, args = action.screen, action.args
    if host is None or view.origin is None:
        return None
    regions = {region.id for region in host.regions} | {registration.NOT_SAID}
    if name == "regparty" and args == ("=",) and registered is not None:
        return Outcome(registration.party_picker(view, registered.region or "-"), state)
    if name == "regparty" and len(args) == 1 and args[0] in regions:
        return Outcome(registration.party_picker(view, args[0]), state)
    if (
        name == "regsave"
        and len(args) == 2
        and args[0] in regions
        and args[1] in registration.PARTY_SIZES
    ):
        return Outcome(None, state, Effect("register", args, then=Action("myreg")))
    if name == "renew" and not args and registered is not None:
        return Outcome(None, state, Effect("renew", then=Action("myreg")))
    if name == "unreg" and not args:
        return Outcome(None, state, Effect("unregister", then=Action("unregistered")))
    return None


def route(view: View, action: Action) -> Outcome:
    """The screen for a button; a button that no longer fits the content says it has expired."""
    if action.screen in SIMPLE and not action.args:
        needs_countries = action.screen not in {
            "lang",
            "origin",
            "host",
            "about",
            "help",
            "forget",
        }
        if needs_countries and (view.origin is None or view.host is None):
            return Outcome(next_question(view), view.state)
        return Outcome(SIMPLE[action.screen](view), view.state)
    outcome = _argument(view, action)
    if outcome is None:
        return Outcome(menu.expired(view, next_question(view)), view.state)
    return outcome


def first_contact(
    content: Content, saved: UserState | None, telegram_language: str | None, payload: str
) -> Outcome:
    """/start: deep link, else saved choices, else greet in her language and ask the questions."""
    language = match_language(telegram_language)
    state = saved or UserState(language=language or "en")
    link = DEEP_LINK.match(payload.strip())
    if link:
        origin, host, linked_language = link.group(1).upper(), link.group(2).upper(), link.group(3)
        view = view_for(content, state)
        if origin in view.content.origins and host in view.content.hosts:
            state = replace(
                state,
                origin=origin,
                host=host,
                language=match_language(linked_language) or state.language,
            )
            return Outcome(menu.home(view_for(content, state)), state)
    view = view_for(content, state)
    if saved is not None and view.origin and view.host:
        return Outcome(menu.home(view), state)
    greeting = onboarding.greeting(view) + "\n\n"
    if language is None and saved is None:  # her Telegram language is not one we speak yet
        return Outcome(onboarding.language_picker(view, intro=greeting), state)
    if view.origin is None:
        return Outcome(onboarding.origin_picker(view, intro=greeting), state)
    return Outcome(next_question(view), state)
