"""The first questions: language, passport country, country she is in now."""

from __future__ import annotations

from bot.i18n import SUPPORTED, language_name
from bot.screens.base import Action, Button, Screen, View, rows
from bot.screens.html import bold, esc


def _by_name(view: View, codes: list[str]) -> list[str]:
    return sorted(codes, key=lambda code: view.tr.territory(code).casefold())


def greeting(view: View) -> str:
    return esc(
        view.tr.gettext(
            "Welcome to Lifeline. In a crisis abroad I show you emergency numbers, "
            "your embassy and what to do, step by step."
        )
    )


def language_picker(view: View, intro: str = "") -> Screen:
    tr = view.tr
    buttons = [Button(language_name(code), Action("setlang", (code,))) for code in SUPPORTED]
    question = tr.gettext("Choose your language")
    text = f"{intro}{bold(question)}"
    return Screen(text=text, buttons=rows(*buttons, per_row=2))


def origin_picker(view: View, intro: str = "") -> Screen:
    tr = view.tr
    codes = _by_name(view, list(view.content.origins))
    buttons = [Button(tr.territory(code), Action("setorg", (code,))) for code in codes]
    question = tr.gettext("Which country's passport do you hold?")
    text = f"{intro}{bold(question)}"
    unlisted = Button(tr.gettext("My passport is not listed"), Action("othero"))
    language = Button(tr.gettext("🌐 Language"), Action("lang"))
    return Screen(text=text, buttons=(*rows(*buttons, per_row=2), (unlisted,), (language,)))


def host_picker(view: View, intro: str = "") -> Screen:
    """The countries her missions are written for, one tap each; any other by name, part of
    the world or location (dozens of host files must not make a screen of dozens of buttons)."""
    tr = view.tr
    codes = _by_name(view, list(view.content.corridor_hosts(tr.language)))
    buttons = [Button(tr.territory(code), Action("sethost", (code,))) for code in codes]
    question = tr.gettext("Which country are you in now?")
    text = f"{intro}{bold(question)}"
    other = Button(tr.gettext("Another country"), Action("otherh"))
    located = Button(tr.gettext("📍 Find it from my location"), Action("loc"))
    language = Button(tr.gettext("🌐 Language"), Action("lang"))
    return Screen(
        text=text, buttons=(*rows(*buttons, per_row=2), (other,), (located,), (language,))
    )
