"""What a screen is: text and buttons computed from content, language and the user's state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from html import unescape

from bot.content.model import Content, Host, OriginContent, Text
from bot.i18n import Translator
from bot.screens.html import italic
from bot.state import UNLISTED, UserState, WrongNumber


@dataclass(frozen=True)
class Action:
    """Where a button leads: a screen name and its arguments (encoded into callback data)."""

    screen: str
    args: tuple[str, ...] = ()


HOME = Action("home")


@dataclass(frozen=True)
class Button:
    label: str
    action: Action | None = None
    url: str | None = None
    copy: str | None = None
    """Text a tap copies to the clipboard (Telegram cannot dial from a button)."""


@dataclass(frozen=True)
class Venue:
    lat: float
    lon: float
    title: str
    address: str


@dataclass(frozen=True)
class Screen:
    """Telegram-flavoured HTML text (every dynamic value already escaped) and button rows."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    venue: Venue | None = None
    ask_location: bool = False
    """Show the reply keyboard with a "Send my location" button instead of inline buttons."""


@dataclass(frozen=True)
class View:
    """The inputs every screen is a pure function of."""

    content: Content
    tr: Translator
    state: UserState
    today: date = field(default_factory=date.today)
    """Screens judge the age of a source against this (tests set it)."""
    place: str | None = None
    """Her region as found from a location she just shared (used for this screen only)."""

    @property
    def origin(self) -> OriginContent | None:
        return self.content.origins.get(self.state.origin or "")

    @property
    def host(self) -> Host | None:
        return self.content.hosts.get(self.state.host or "")

    @property
    def host_code(self) -> str | None:
        """The country she is in, host file or not (None if she has not said or it is not
        in the list)."""
        code = self.state.host
        return code if code is not None and code != UNLISTED else None

    @property
    def region(self) -> str | None:
        """Her region: the one she registered in this country, else where her location is."""
        registered = self.state.registration
        if registered is not None and registered.host == self.state.host and registered.region:
            return registered.region
        return self.place

    def label(self, text: Text) -> str:
        """A fact's name or label in her language, unless that translation is older than its
        English (then the next language of her chain): `Translator.fact_text`."""
        return self.tr.fact_text(text, self.content.is_outdated)

    def with_state(self, state: UserState) -> View:
        return replace(self, state=state)


@dataclass(frozen=True)
class Forget:
    """Delete every row about her (her screen is given with the outcome)."""


@dataclass(frozen=True)
class Register:
    region: str
    party: str
    then: Action = Action("myreg")


@dataclass(frozen=True)
class Renew:
    then: Action = Action("myreg")


@dataclass(frozen=True)
class Unregister:
    then: Action = Action("unregistered")


@dataclass(frozen=True)
class Report:
    """Count a wrong number (nothing about her is stored with it); her thanks is the outcome's
    screen, `refused` the one to show if she has already sent as many as a day allows."""

    report: WrongNumber
    refused: Screen


Effect = Forget | Register | Renew | Unregister | Report
"""Something the adapter must store before showing the screen (screens cannot touch storage)."""


@dataclass(frozen=True)
class Outcome:
    """The state after an action and what to show: a screen, or an effect and where to go next."""

    screen: Screen | None
    state: UserState
    effect: Effect | None = field(default=None)


TEXT_LIMIT = 4096
"""Telegram's limit on a message: 4096 characters after its entities (our tags) are parsed."""
_TAG = re.compile(r"<[^>]*>")


def visible_length(html: str) -> int:
    """A message's length as Telegram counts it against TEXT_LIMIT: tags parsed away, entities
    decoded, in UTF-16 code units (an emoji counts twice: we assume the stricter count)."""
    return len(unescape(_TAG.sub("", html)).encode("utf-16-le")) // 2


def rows(*buttons: Button, per_row: int = 1) -> tuple[tuple[Button, ...], ...]:
    listed = list(buttons)
    return tuple(tuple(listed[i : i + per_row]) for i in range(0, len(listed), per_row))


def noted(screen: Screen, note: str) -> Screen:
    """The same screen with a one-line remark above it (expired button, unreadable message)."""
    return replace(screen, text=f"{italic(note)}\n\n{screen.text}")
