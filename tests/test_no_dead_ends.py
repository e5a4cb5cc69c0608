"""Walked through the router as a user walks it: from /start, every button of every screen, in
every UI language, as a covered and an uncovered nationality, in a covered and an uncovered
country. Every tap leads to a screen with somewhere to go; no screen has a hole in its text or
HTML Telegram would refuse."""

from __future__ import annotations

from collections import deque
from dataclasses import replace

import pytest

from bot.content.model import Content
from bot.i18n import SUPPORTED
from bot.screens.base import Action, Screen
from bot.screens.router import first_contact, route, view_for
from bot.state import UNLISTED, UserState
from bot.telegram.render import split_text
from tests.fakebotapi import check_html

EXPIRED = "This button has expired"
FRAGMENTS = ("{", "}", "see “My embassy”)", "None")


def assert_usable(screen: Screen, where: str) -> None:
    tr_text = screen.text
    assert tr_text.strip(), f"{where}: empty screen"
    for fragment in FRAGMENTS:
        assert fragment not in tr_text, f"{where}: {fragment!r} in {tr_text!r}"
    for piece in split_text(tr_text):
        check_html(piece)
    actions = [b for row in screen.buttons for b in row if b.action]
    assert actions or screen.ask_location, f"{where}: no way forward from {tr_text!r}"


def walk(content: Content, start: UserState, limit: int = 20_000) -> set[str]:
    """Breadth-first over every button reachable from `start`; returns the screens reached."""
    seen: set[tuple[UserState, Action]] = set()
    queue: deque[tuple[UserState, Action, str]] = deque()
    view = view_for(content, start)
    first = first_contact(content, None, start.language, "")
    if start.host or start.origin:
        first = route(view, Action("home"))
    assert first.screen is not None
    assert_usable(first.screen, "start")
    state = first.state if not (start.host or start.origin) else start
    for row in first.screen.buttons:
        for button in row:
            if button.action:
                queue.append((state, button.action, "start"))
    while queue and len(seen) < limit:
        state, action, trail = queue.popleft()
        if (state, action) in seen or action.screen in {"adm", "rc"}:
            continue
        seen.add((state, action))
        where = f"{trail} > {action.screen}{action.args} [{state}]"
        outcome = route(view_for(content, state), action)
        if outcome.effect is not None:  # storage effects: what the user sees next is `then`
            continue
        assert outcome.screen is not None, where
        assert EXPIRED not in outcome.screen.text, f"{where}: a button of a screen is expired"
        assert_usable(outcome.screen, where)
        if _changed_an_answer(state, outcome.state):
            continue  # another language or country: that walk is its own scenario
        for row in outcome.screen.buttons:
            for button in row:
                if button.action:
                    queue.append((outcome.state, button.action, f"{action.screen}"))
    assert not queue or len(seen) >= limit
    return {action.screen for _, action in seen}


def _changed_an_answer(before: UserState, after: UserState) -> bool:
    """She changed a choice she had already made (answering an open question is the walk)."""
    return any(
        getattr(before, name) is not None and getattr(before, name) != getattr(after, name)
        for name in ("origin", "host")
    ) or (before.language != after.language and before.host is not None)


SCENARIOS = {
    "nothing chosen": UserState(),
    "covered in a covered country": UserState(origin="PH", host="SA"),
    "covered, other covered country": UserState(origin="BY", host="PL"),
    "uncovered nationality": UserState(origin=UNLISTED, host="AE"),
    "uncovered country": UserState(origin="PH", host=UNLISTED),
    "neither covered": UserState(origin=UNLISTED, host=UNLISTED),
    "a passport without a folder, a country without a host file": UserState(
        origin="KG", host="UZ"
    ),
    "a passport without a folder in a host with a file": UserState(origin="EG", host="QA"),
}


@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_dead_end_anywhere(real_content: Content, language: str, scenario: str) -> None:
    start = replace(SCENARIOS[scenario], language=language)
    assert len(walk(real_content, start)) > 5


def test_walk_reaches_every_screen_a_user_can_reach(real_content: Content) -> None:
    reached = set().union(*(walk(real_content, state) for state in SCENARIOS.values()))
    expected = {"home", "emergency", "missions", "mission", "plans", "plan", "topics", "topic"}
    expected |= {"call", "src", "reg", "regask", "regregion", "regparty", "settings", "about"}
    expected |= {"lang", "setlang", "origin", "setorg", "host", "sethost", "otherh", "loc"}
    expected |= {"othero", "world"}
    assert expected <= reached, expected - reached


def test_a_location_anywhere_answers_with_numbers_first(real_content: Content) -> None:
    from bot.screens.location import located

    for state in SCENARIOS.values():
        outcome = located(view_for(real_content, state), 21.54, 39.17)  # Jeddah
        assert outcome.screen is not None
        assert outcome.screen.text.startswith("<b>Emergency in Saudi Arabia</b>\n🚓 Police")
        assert_usable(outcome.screen, f"location {state}")
        missions = [b.label for row in outcome.screen.buttons for b in row if b.action]
        if state.origin == "PH":  # the office serving Makkah region first, though unplaced
            assert missions[0].startswith("Consulate General of the Philippines in Jeddah")
