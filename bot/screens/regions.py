"""The region question in any country (the host file's regions, else ISO 3166-2's): a few
are buttons; many (81 in Türkiye) are typed, with small typos, or browsed a page at a time.
"I prefer not to say" is always there."""

from __future__ import annotations

from bot.content.model import Region
from bot.content.regions import Regions, region_named, regions_in
from bot.content.search import normalise
from bot.i18n import N_
from bot.screens.base import Action, Button, Screen, View, rows
from bot.screens.common import finish
from bot.screens.countries import PAGE
from bot.screens.html import bold, esc
from bot.state import UNLISTED

NOT_SAID = "-"
"""Callback value for "I prefer not to say" (no region is stored)."""
TYPED_SHOWN = 3
"""Regions offered for what she typed, best first."""
TYPE_IT = N_("Type its name, or choose it below.")
NOT_RECOGNISED = N_("I did not recognise a region in that. Type its name again, or choose below.")


def registrable(view: View) -> bool:
    """Registration is run by her nationality's operator, in any country she names."""
    return view.origin is not None and view.state.host not in (None, UNLISTED)


def her_regions(view: View) -> Regions:
    return regions_in(view.content, view.state.host or UNLISTED)


def region_label(view: View, region_id: str | None) -> str:
    """A stored region's name in her language (her fallback chain, then English), isolated:
    a Latin name must not reorder a right-to-left sentence."""
    found = region_named(view.content, view.state.host or UNLISTED, region_id)
    if found is None:
        return view.tr.gettext("Not said")
    return view.tr.isolate(view.tr.text(found.name)[0])


def _target(view: View, region: str) -> Action:
    """A first answer goes on to the next question; a change is saved at once."""
    registered = view.state.registration
    if registered is not None:
        return Action("regsave", (region, registered.party))
    return Action("regparty", (region,))


def _button(view: View, region: Region) -> Button:
    return Button(view.tr.text(region.name)[0], _target(view, region.id))


def _not_said(view: View) -> Button:
    return Button(view.tr.gettext("I prefer not to say"), _target(view, NOT_SAID))


def _question(view: View) -> str:
    country = view.tr.territory(view.state.host or UNLISTED)
    return bold(view.tr.gettext("Which region of {country} are you in?").format(country=country))


def _in_her_order(view: View, found: Regions) -> list[Region]:
    """The host file's order (its editors chose it); ISO's by name in her language, accents
    ignored (Ağrı before Aksaray)."""
    if found.curated:
        return list(found.items)
    return sorted(found.items, key=lambda region: normalise(view.tr.text(region.name)[0]))


def region_question(view: View) -> Screen:
    """Every region as a button, or, where there are many, the first page and a word that
    typing the name works."""
    found = her_regions(view)
    first_page = region_page(view, "1")
    if first_page is not None:
        return first_page
    buttons = [_button(view, region) for region in _in_her_order(view, found)]
    return finish(view, _question(view), rows(*buttons, _not_said(view), per_row=2))


def region_page(view: View, page: str, hint: str = TYPE_IT) -> Screen | None:
    """One page of a long list, with the hint that she may type the name instead."""
    found = her_regions(view)
    if not found.typed or not page.isdigit():
        return None
    tr = view.tr
    ordered = _in_her_order(view, found)
    pages = (len(ordered) + PAGE - 1) // PAGE
    number = int(page)
    if not 1 <= number <= pages:
        return None
    shown = ordered[(number - 1) * PAGE : number * PAGE]
    moves = []
    if number > 1:
        moves.append(Button(tr.gettext("◀️ Back"), Action("regpage", (str(number - 1),))))
    if number < pages:
        moves.append(Button(tr.gettext("More ▶️"), Action("regpage", (str(number + 1),))))
    counter = tr.gettext("Page {number} of {total}").format(number=number, total=pages)
    text = f"{_question(view)}\n{esc(tr.gettext(hint))}\n{esc(counter)}"
    buttons = rows(*(_button(view, region) for region in shown), per_row=2)
    return finish(view, text, (*buttons, tuple(moves), (_not_said(view),)))


def typed_region_applies(view: View) -> bool:
    """The region question is one she answers by typing: a long list, registration offered."""
    return registrable(view) and her_regions(view).typed


def not_recognised(view: View) -> Screen | None:
    """Her words found nothing, where she may have been answering the region question."""
    return region_page(view, "1", NOT_RECOGNISED) if typed_region_applies(view) else None


def typed_regions(view: View, typed: str) -> list[Button]:
    """Answers to the region question in what she typed, where that question is one she
    types the answer to; else nothing."""
    if not typed_region_applies(view):
        return []
    found = her_regions(view).find(typed, TYPED_SHOWN)
    if view.state.registration is None:  # words typed anywhere: the notice comes first
        return [
            Button(view.tr.text(region.name)[0], Action("regfirst", (region.id,)))
            for region in found
        ]
    return [_button(view, region) for region in found]


def typed_region(view: View, answers: list[Button]) -> Screen:
    """The regions her words name, to choose from (or the list, or not to say)."""
    tr = view.tr
    others = Button(tr.gettext("None of these"), Action("regpage", ("1",)))
    title = tr.gettext("Did you mean:")
    text = f"{_question(view)}\n{esc(title)}"
    return finish(view, text, rows(*answers, others, _not_said(view)))
