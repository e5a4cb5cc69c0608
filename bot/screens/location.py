"""Her location, used once and never stored: the country's emergency numbers first, then her
missions, those serving her region first."""

from __future__ import annotations

from dataclasses import replace

from bot.content.contacts import offices_for
from bot.content.facts import display_number
from bot.content.geo import distance_km, place_at
from bot.content.model import Mission
from bot.content.regions import regions_in
from bot.screens.base import Action, Button, Outcome, Screen, View, rows
from bot.screens.common import finish
from bot.screens.contacts import emergency_numbers, unknown_country
from bot.screens.html import bold, esc, italic
from bot.state import UNLISTED


def ask_location(view: View) -> Screen:
    tr = view.tr
    text = esc(
        tr.gettext(
            "Tap “📍 Send my location” below. "
            "I use it once to find your country and your missions, and do not keep it."
        )
    )
    return Screen(text=text, ask_location=True)


def located(view: View, lat: float, lon: float) -> Outcome:
    tr, state = view.tr, view.state
    place = place_at(lat, lon)
    if place is None:
        message = esc(tr.gettext("I could not tell which country this is."))
        choose = rows(Button(tr.gettext("📍 Country I am in"), Action("host")))
        return Outcome(finish(view, message, choose), state)
    country, division = place
    if state.host in (None, UNLISTED):  # her location answers "Which country are you in now?"
        state = replace(state, host=country)
    host = view.content.hosts.get(country)
    shown = view.with_state(replace(state, host=country))
    if host is None:
        screen = unknown_country(shown)
        text = "\n".join([screen.text, *_listed_near(shown, lat, lon)])
        return Outcome(replace(screen, text=text), state)
    shown = replace(shown, place=regions_in(view.content, country).at(division))
    numbers = emergency_numbers(shown)
    lines = [numbers.text]
    buttons: list[Button] = []
    origin = shown.origin
    if origin is not None:
        lines.append("")
        lines.append(bold(tr.gettext("📍 Your missions, nearest first")))
        missions = _nearest(shown, origin.missions_in(country), lat, lon)
        if not missions:
            lines.append(esc(tr.gettext("No office of your country here is known to me.")))
        buttons += missions
    elif state.origin is None:
        buttons.append(Button(tr.gettext("🛂 Passport country"), Action("origin")))
    else:
        lines += _listed_near(shown, lat, lon)
    if country != state.host:
        switch = tr.gettext("Switch to {country}").format(country=tr.territory(country))
        buttons.append(Button(switch, Action("sethost", (country,))))
    return Outcome(finish(shown, "\n".join(lines), rows(*buttons), with_footer=False), state)


NEAR_SHOWN = 3


def _listed_near(view: View, lat: float, lon: float) -> list[str]:
    """For a passport without a folder: the missions of her country that serve the country she
    is in (there, or accredited from abroad), nearest first, as Wikidata lists them, with the
    data's date and never called checked. The nearest across a border may not serve her."""
    found, passport, country = view.content.directory, view.state.origin, view.state.host
    if found is None or passport is None or passport == UNLISTED or country is None:
        return []
    serving = found.in_host(passport, country) + found.accredited(passport, country)
    placed = [(m, distance_km(lat, lon, *m.location)) for m in serving if m.location]
    near = sorted(placed, key=lambda item: item[1])[:NEAR_SHOWN]
    if not near:
        return []
    tr = view.tr
    when = tr.date(found.date)
    title = tr.gettext("From Wikidata (data of {date}), not checked by the consulate:")
    heading = bold(tr.gettext("📍 Your missions, nearest first"))
    lines = ["", heading, italic(title.format(date=when))]
    for mission, km in near:
        distance = tr.gettext("{km} km").format(km=f"{km:,.0f}" if km >= 1 else f"{km:.1f}")
        phone = f" · {bold(tr.number(display_number(mission.phone)))}" if mission.phone else ""
        lines.append(f"🏛 {esc(tr.isolate(mission.name))} · {esc(distance)}{phone}")
    return lines


def _nearest(view: View, missions: list[Mission], lat: float, lon: float) -> list[Button]:
    """Offices serving her region first, then by distance; one without coordinates is placed
    by its region."""
    tr, region = view.tr, view.region
    origin, host = view.origin, view.host
    if origin is None or host is None:
        return []
    ordered = offices_for(origin, host.code, region, "general")
    rank = {mission.id: index for index, mission in enumerate(ordered)}

    def distance(mission: Mission) -> float | None:
        if mission.location is None:
            return None
        return distance_km(lat, lon, mission.location.lat, mission.location.lon)

    def key(mission: Mission) -> tuple[bool, float, int]:
        """Her region's own office first (an embassy covering the whole country is not it)."""
        covered = mission.jurisdiction()
        own = region is not None and covered is not None and region in covered
        km = distance(mission)
        return (not own, km if km is not None else 1e9, rank[mission.id])

    buttons = []
    for mission in sorted(missions, key=key):
        name = view.label(mission.name)
        km = distance(mission)
        if km is not None:
            label = f"{name} · " + tr.gettext("{km} km").format(
                km=f"{km:,.0f}" if km >= 1 else f"{km:.1f}"
            )
        elif mission.region is not None and host.region(mission.region) is not None:
            region_name = tr.text(host.region(mission.region).name)[0]  # type: ignore[union-attr]
            label = f"{name} · {region_name}"
        else:
            label = name
        buttons.append(Button(label, Action("mission", (mission.id,))))
    return buttons
