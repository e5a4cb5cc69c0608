"""The same screens in a terminal, with numbered buttons: for content editors and for tests."""

from __future__ import annotations

import asyncio
import html
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import replace

from bot.content.model import Content
from bot.effects import Who, respond
from bot.i18n import Translator, translator
from bot.screens.base import HOME, Action, Button, Screen
from bot.screens.inputs import USER_COMMANDS, Command, Input, Place, Tap, read_text
from bot.state import UserState
from bot.storage.repository import Store

LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
TAG = re.compile(r"</?(?:b|i|u|s|code|pre|a)(?: [^>]*)?>")
SHELL_HELP = (
    f"Type a button's number, a command ({' '.join('/' + c.name for c in USER_COMMANDS)}), "
    "'loc LAT LON' to share a location, any words to search, or 'q' to quit."
)


def plain(text: str) -> str:
    """Telegram HTML as terminal text: links keep their address, tags go, entities decode."""
    text = LINK.sub(lambda m: f"{m.group(2)} <{html.unescape(m.group(1))}>", text)
    return html.unescape(TAG.sub("", text))


def render(screen: Screen, tr: Translator | None = None) -> tuple[str, list[Button]]:
    """The screen as text with numbered buttons, and the buttons in that order."""
    lines = [plain(tr.directed(screen.text) if tr else screen.text)]
    if screen.venue is not None:
        venue = screen.venue
        lines.append(
            f"[map] {venue.title}: {venue.lat:.5f}, {venue.lon:.5f} "
            f"https://www.openstreetmap.org/?mlat={venue.lat}&mlon={venue.lon}"
        )
    buttons = [button for row in screen.buttons for button in row]
    if screen.ask_location:
        lines.append("(type: loc LAT LON)")
    lines.append("")
    for number, button in enumerate(buttons, start=1):
        target = f" -> {button.url}" if button.url else ""
        target = f" (copies {button.copy})" if button.copy else target
        lines.append(f"  [{number}] {button.label}{target}")
    return "\n".join(lines), buttons


SHELL_USER = Who(user_id=1, chat_id=1)
"""The terminal has one user; her id stands in for a Telegram id in the in-memory store."""


class Session:
    """One terminal user, with the bot's own storage code on an in-memory database."""

    def __init__(self, content: Content, language: str) -> None:
        self.content = content
        self.buttons: list[Button] = []
        self._runner = asyncio.Runner()
        self._store = Store(":memory:", secrets.token_bytes(32))
        self._runner.run(self._store.open())
        self.state = UserState(language=language)

    def close(self) -> None:
        self._runner.run(self._store.close())
        self._runner.close()

    def answer(self, said: Input) -> Screen:
        """What a Telegram handler does for the same input."""
        who = replace(SHELL_USER, language=self.state.language)
        screen, self.state = self._runner.run(respond(self._store, self.content, said, who))
        return screen

    def start(self, payload: str) -> Screen:
        return self.answer(Command("start", payload))

    def handle(self, line: str) -> Screen | str:
        """The screen for one input line, or a plain message (a URL, a hint)."""
        said = self.decoded(line)
        return said if isinstance(said, str) else self.answer(said)

    def decoded(self, line: str) -> Input | str:
        """A typed line as the input Telegram would deliver, or a plain message instead."""
        line = line.strip()
        if line.isdigit():
            index = int(line) - 1
            if not 0 <= index < len(self.buttons):
                return f"No button {line}. {SHELL_HELP}"
            button = self.buttons[index]
            if button.url:
                return f"Open in a browser: {button.url}"
            if button.copy:
                return f"Copied: {button.copy}"
            return Tap(button.action or HOME)
        words = line.split()
        if words and words[0].lower() == "loc":
            try:
                lat, lon = (float(part) for part in words[1:3])
            except ValueError:
                return "Usage: loc LAT LON, for example: loc 25.2 55.27"
            return Place(lat, lon)
        return read_text(line) if line else SHELL_HELP


def run_shell(
    content: Content,
    language: str | None,
    origin: str | None,
    host: str | None,
    *,
    read: Callable[[], str] = input,
    write: Callable[[str], object] = print,
) -> None:
    session = Session(content, language or "en")
    screen = session.start("")
    # Answered as she would answer the two questions: any country, with a folder or not.
    for name, code in (("sethost", host), ("setorg", origin)):
        if code:
            screen = session.answer(Tap(Action(name, (code,))))
    write(SHELL_HELP)
    try:
        _loop(session, screen, read, write)
    finally:
        session.close()


def _loop(
    session: Session, screen: Screen, read: Callable[[], str], write: Callable[[str], object]
) -> None:
    while True:
        text, session.buttons = render(screen, translator(session.state.language))
        write("\n" + text)
        while True:
            try:
                line = read()
            except (EOFError, KeyboardInterrupt):
                return
            if line.strip().lower() in {"q", "quit", "exit"}:
                return
            result = session.handle(line)
            if isinstance(result, Screen):
                screen = result
                break
            write(result)


def replay(content: Content, inputs: Iterable[str], **start: str | None) -> list[str]:
    """Run the shell on scripted inputs and return what it printed (tests, previews)."""
    feed = iter(inputs)
    printed: list[str] = []

    def read() -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    run_shell(
        content,
        start.get("language"),
        start.get("origin"),
        start.get("host"),
        read=read,
        write=printed.append,
    )
    return printed
