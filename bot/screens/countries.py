"""The country questions for any of about 250 countries: type its name (any language, small
typos), or browse by part of the world, or share a location. No 250-button screen."""

from __future__ import annotations

from bot.content.countries import PARTS_OF_THE_WORLD, countries, part_of_the_world
from bot.i18n import N_
from bot.screens.base import Action, Button, Screen, View, rows
from bot.screens.common import finish
from bot.screens.html import bold, esc
from bot.state import UNLISTED

PAGE = 12
SETTERS = {"h": "sethost", "o": "setorg"}
"""Which question a country button answers: the country she is in, or her passport's."""
PART_NAMES = {
    "Africa": N_("🌍 Africa"),
    "America": N_("🌎 The Americas"),
    "Asia": N_("🌏 Asia and the Middle East"),
    "Europe": N_("🌍 Europe"),
    "Oceania": N_("🌏 Oceania"),
}


def _question(view: View, which: str) -> str:
    if which == "h":
        return view.tr.gettext("Which country are you in now?")
    return view.tr.gettext("Which country's passport do you hold?")


def _parts(view: View, which: str) -> list[Button]:
    return [
        Button(view.tr.gettext(PART_NAMES[part]), Action("world", (which, part, "1")))
        for part in PARTS_OF_THE_WORLD
    ]


def _without_it(view: View, which: str) -> Button:
    return Button(view.tr.gettext("➡️ Go on without it"), Action(SETTERS[which], (UNLISTED,)))


def country_question(view: View, which: str) -> Screen:
    """Type the name, or choose a part of the world (or share a location: the country in)."""
    tr = view.tr
    hint = tr.gettext("Type its name in any language, or choose a part of the world:")
    buttons = _parts(view, which)
    if which == "h":
        buttons.append(Button(tr.gettext("📍 Find it from my location"), Action("loc")))
    buttons.append(_without_it(view, which))
    back = Action("host" if which == "h" else "origin")
    return finish(view, f"{bold(_question(view, which))}\n{esc(hint)}", rows(*buttons), back=back)


def world_part(view: View, which: str, part: str, page: str) -> Screen | None:
    """One page of the countries of a part of the world, by name in her language."""
    if which not in SETTERS or part not in PARTS_OF_THE_WORLD or not page.isdigit():
        return None
    tr = view.tr
    overrides = view.content.countries.parts
    codes = [code for code in countries() if part_of_the_world(code, overrides) == part]
    codes.sort(key=lambda code: tr.territory(code).casefold())
    pages = max((len(codes) + PAGE - 1) // PAGE, 1)
    number = int(page)
    if not 1 <= number <= pages:
        return None
    shown = codes[(number - 1) * PAGE : number * PAGE]
    buttons = [Button(tr.territory(code), Action(SETTERS[which], (code,))) for code in shown]
    moves = []
    if number > 1:
        moves.append(Button(tr.gettext("◀️ Back"), Action("world", (which, part, str(number - 1)))))
    if number < pages:
        moves.append(Button(tr.gettext("More ▶️"), Action("world", (which, part, str(number + 1)))))
    counter = tr.gettext("Page {number} of {total}").format(number=number, total=pages)
    text = f"{bold(_question(view, which))}\n{esc(tr.gettext(PART_NAMES[part]))} · {esc(counter)}"
    other = Button(tr.gettext("Another part of the world"), Action("other" + which))
    return Screen(text, (*rows(*buttons, per_row=2), tuple(moves), (other,)))


def typed_country(view: View, which: str, typed: str) -> Screen:
    """The countries her words name (best first), or a way to browse when none does."""
    tr = view.tr
    found = view.content.country_index.find(typed)
    if not found:
        note = tr.gettext("I did not recognise a country in that. Try its name again, or:")
        buttons = [*_parts(view, which), _without_it(view, which)]
        return Screen(f"{bold(_question(view, which))}\n{esc(note)}", rows(*buttons))
    buttons = [Button(tr.territory(code), Action(SETTERS[which], (code,))) for code in found]
    buttons.append(Button(tr.gettext("None of these"), Action("other" + which)))
    title = tr.gettext("Did you mean:")
    return Screen(f"{bold(_question(view, which))}\n{esc(title)}", rows(*buttons))
