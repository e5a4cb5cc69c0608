"""The first questions: language, passport country, country she is in now."""

from __future__ import annotations

from bot.i18n import SUPPORTED, language_name
from bot.screens.base import Action, Button, Screen, View, rows
from bot.screens.common import finish
from bot.screens.html import bold, esc
from bot.state import UNLISTED


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
    unlisted = Button(tr.gettext("My passport is not listed"), Action("setorg", (UNLISTED,)))
    language = Button(tr.gettext("🌐 Language"), Action("lang"))
    return Screen(text=text, buttons=(*rows(*buttons, per_row=2), (unlisted,), (language,)))


def host_picker(view: View, intro: str = "") -> Screen:
    tr = view.tr
    codes = _by_name(view, list(view.content.hosts))
    buttons = [Button(tr.territory(code), Action("sethost", (code,))) for code in codes]
    question = tr.gettext("Which country are you in now?")
    text = f"{intro}{bold(question)}"
    other = Button(tr.gettext("Another country"), Action("otherhost"))
    located = Button(tr.gettext("📍 Find it from my location"), Action("loc"))
    language = Button(tr.gettext("🌐 Language"), Action("lang"))
    return Screen(
        text=text, buttons=(*rows(*buttons, per_row=2), (other,), (located,), (language,))
    )


def other_host(view: View) -> Screen:
    """Her country is not in the list: say so plainly, offer her location, or go on without."""
    tr = view.tr
    lines = [
        esc(tr.gettext("I have detailed information only for the countries in the list.")),
        esc(
            tr.gettext(
                "Share your location and I will tell you what I know about the country you are "
                "in, or go on: I will show what helps anywhere."
            )
        ),
    ]
    buttons = rows(
        Button(tr.gettext("📍 Find it from my location"), Action("loc")),
        Button(tr.gettext("➡️ Go on without it"), Action("sethost", (UNLISTED,))),
    )
    return finish(view, "\n\n".join(lines), buttons, back=Action("host"))
