"""The first questions: language, passport country, country she is in now."""

from __future__ import annotations

from bot.content.facts import display_number
from bot.i18n import SUPPORTED, language_name
from bot.screens.base import Action, Button, Screen, View, esc, rows
from bot.screens.common import finish


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
    text = f"{intro}<b>{esc(question)}</b>"
    return Screen(text=text, buttons=rows(*buttons, per_row=2))


def origin_picker(view: View, intro: str = "") -> Screen:
    tr = view.tr
    codes = _by_name(view, list(view.content.origins))
    buttons = [Button(tr.territory(code), Action("setorg", (code,))) for code in codes]
    question = esc(tr.gettext("Which country's passport do you hold?"))
    text = f"{intro}<b>{question}</b>"
    language = Button(tr.gettext("🌐 Language"), Action("lang"))
    return Screen(text=text, buttons=(*rows(*buttons, per_row=2), (language,)))


def host_picker(view: View) -> Screen:
    tr = view.tr
    codes = _by_name(view, list(view.content.hosts))
    buttons = [Button(tr.territory(code), Action("sethost", (code,))) for code in codes]
    question = tr.gettext("Which country are you in now?")
    text = f"<b>{esc(question)}</b>"
    other = Button(tr.gettext("Another country"), Action("otherhost"))
    located = Button(tr.gettext("📍 Find it from my location"), Action("loc"))
    return Screen(text=text, buttons=(*rows(*buttons, per_row=2), (other,), (located,)))


def other_host(view: View) -> Screen:
    """No content for her country yet: say so, and give what still helps, never a guess."""
    tr = view.tr
    lines = [
        esc(tr.gettext("I have no information for that country yet.")),
        esc(
            tr.gettext(
                "Many mobile networks connect 112 to emergency services, but not all: "
                "if it does not work, ask people near you for the local number."
            )
        ),
    ]
    origin = view.origin
    buttons: list[Button] = []
    if origin is not None:
        for hotline in origin.origin.hotlines:
            name = esc(tr.isolate(tr.text(hotline.name)[0]))
            numbers = ", ".join(
                f"<b>{tr.number(display_number(p.number))}</b>" for p in hotline.phones
            )
            lines.append(f"📞 {name}: {numbers}")
        if origin.origin.website is not None:
            lines.append(esc(tr.gettext("Your embassies worldwide are listed here:")))
            buttons.append(
                Button(tr.gettext("🌐 Official website"), url=origin.origin.website.url)
            )
    return finish(view, "\n\n".join(lines), rows(*buttons), back=Action("host"))
