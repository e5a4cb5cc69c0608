"""Her location, used once and never stored: which country she is in, missions by distance."""

from __future__ import annotations

from dataclasses import replace

from bot.content.geo import country_at, distance_km
from bot.screens.base import Action, Button, Outcome, Screen, View, esc, rows
from bot.screens.common import finish


def ask_location(view: View) -> Screen:
    tr = view.tr
    text = esc(
        tr.gettext(
            "Tap “📍 Send my location” below. "
            "I use it once to find your missions and do not keep it."
        )
    )
    return Screen(text=text, ask_location=True)


def located(view: View, lat: float, lon: float) -> Outcome:
    tr, state = view.tr, view.state
    country = country_at(lat, lon)
    if country is None or country not in view.content.hosts:
        message = (
            tr.gettext("I could not tell which country this is.")
            if country is None
            else tr.gettext(
                "You seem to be in {country}. I have no information for it yet."
            ).format(country=tr.territory(country))
        )
        choose = rows(Button(tr.gettext("📍 Country I am in"), Action("host")))
        return Outcome(finish(view, esc(message), choose), state)
    if state.host is None:  # first question still open: her location answers it
        state = replace(state, host=country)
        view = view.with_state(state)
    origin = view.origin
    lines = [
        "<b>"
        + esc(tr.gettext("You seem to be in {country}.").format(country=tr.territory(country)))
        + "</b>"
    ]
    buttons: list[Button] = []
    if country != state.host:
        switch = tr.gettext("Switch to {country}").format(country=tr.territory(country))
        buttons.append(Button(switch, Action("sethost", (country,))))
    if origin is None:
        return Outcome(finish(view, "\n".join(lines), rows(*buttons)), state)
    missions = origin.missions_in(country)
    placed = sorted(
        (
            (distance_km(lat, lon, m.location.lat, m.location.lon), m)
            for m in missions
            if m.location
        ),
        key=lambda pair: pair[0],
    )
    unplaced = [m for m in missions if m.location is None]
    if not missions:
        lines.append(esc(tr.gettext("I have no verified contacts of your missions there yet.")))
    for km, mission in placed:
        distance = tr.gettext("{km} km").format(km=f"{km:,.0f}" if km >= 1 else f"{km:.1f}")
        name = tr.text(mission.name)[0]
        buttons.append(Button(f"{name} · {distance}", Action("mission", (mission.id,))))
    if unplaced:
        if placed:
            lines.append(esc(tr.gettext("Also in this country (location not known):")))
        buttons += [Button(tr.text(m.name)[0], Action("mission", (m.id,))) for m in unplaced]
    return Outcome(finish(view, "\n".join(lines), rows(*buttons)), state)
