"""What a person can send, decoded once for every adapter, and the outcome each one has.

Telegram and the terminal shell turn their own input (an update, a typed line) into one of
these and call `answer`, so a command, a long message or a cancel behaves the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import assert_never

from bot.i18n import N_, SUPPORTED, translator
from bot.screens.base import Action, Outcome, View, noted
from bot.screens.countries import typed_country
from bot.screens.location import located
from bot.screens.router import next_question, route
from bot.screens.search import search_results


@dataclass(frozen=True)
class Command:
    name: str
    """Lower case, without the slash or a @botname suffix; may be one we do not know."""
    payload: str = ""


@dataclass(frozen=True)
class Tap:
    action: Action


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float


@dataclass(frozen=True)
class Words:
    text: str


@dataclass(frozen=True)
class Cancel:
    """The "✖️ Cancel" button of the location keyboard, in any UI language."""


@dataclass(frozen=True)
class Unreadable:
    """A sticker, photo, voice message, file: something the bot cannot read."""


Input = Command | Tap | Place | Words | Cancel | Unreadable


@dataclass(frozen=True)
class UserCommand:
    name: str
    description: str
    """A msgid: the command menu shows it in her language."""
    action: Action | None
    """None for /start, which is a first contact rather than a screen."""


USER_COMMANDS = (
    UserCommand("start", N_("Start and show the menu"), None),
    UserCommand("emergency", N_("Emergency numbers"), Action("emergency")),
    UserCommand("consulate", N_("My embassy or consulate"), Action("missions")),
    UserCommand("plans", N_("What to do if…"), Action("plans")),
    UserCommand("register", N_("Be counted in a crisis (anonymous)"), Action("reg")),
    UserCommand("language", N_("Change the language"), Action("lang")),
    UserCommand("help", N_("Help"), Action("help")),
    UserCommand("forget", N_("Delete my data"), Action("forgetok")),
)
"""Every command a user has, in menu order: the Telegram menu, its handlers and the shell."""
COMMAND_ACTIONS = {command.name: command.action for command in USER_COMMANDS if command.action}

MAX_TEXT_LENGTH = 300
"""Longer messages are not searched: nobody types a crisis in 300 characters to a menu bot."""

TOO_LONG = N_("That message is too long for me. Type a few words, like “lost passport”.")
UNKNOWN_COMMAND = N_("I do not know that command. Send /help to see what I can do.")
UNREADABLE = N_(
    "I can read short text, button taps and a shared location, but not this kind of message."
)


def cancel_label(language: str) -> str:
    return translator(language).gettext("✖️ Cancel")


@cache
def _cancel_labels() -> frozenset[str]:
    return frozenset(cancel_label(code) for code in SUPPORTED)


def read_text(text: str) -> Input:
    """A typed message: a command, the cancel button, or words to search."""
    stripped = text.strip()
    if stripped.startswith("/"):
        first, _, payload = stripped.partition(" ")
        return Command(first[1:].split("@")[0].lower(), payload.strip())
    if stripped in _cancel_labels():
        return Cancel()
    return Words(text)


def answer(view: View, said: Input) -> Outcome:
    """The outcome of anything but /start (which needs to know whether she is new)."""
    match said:
        case Tap(action):
            return route(view, action)
        case Command(name):
            screen = COMMAND_ACTIONS.get(name)
            return route(view, screen) if screen else _noted(view, UNKNOWN_COMMAND)
        case Place(lat, lon):
            return located(view, lat, lon)
        case Words(text):
            if len(text) > MAX_TEXT_LENGTH:
                return _noted(view, TOO_LONG)
            if view.state.host is None:  # the question asked is the country she is in
                return Outcome(typed_country(view, "h", text), view.state)
            if view.state.origin is None:
                return Outcome(typed_country(view, "o", text), view.state)
            return Outcome(search_results(view, text), view.state)
        case Cancel():
            return Outcome(next_question(view), view.state)
        case Unreadable():
            return _noted(view, UNREADABLE)
        case _:
            assert_never(said)


def _noted(view: View, note: str) -> Outcome:
    return Outcome(noted(next_question(view), view.tr.gettext(note)), view.state)
