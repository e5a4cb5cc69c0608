"""The same screens in a terminal, with numbered buttons: for content editors and for tests."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.content.model import Content
from bot.i18n import Translator, translator
from bot.screens.base import Action, Button, Outcome, Screen, UserState
from bot.screens.location import located
from bot.screens.menu import forgotten
from bot.screens.router import first_contact, next_question, route, view_for
from bot.screens.search import search_results

COMMANDS = {
    "/emergency": "emergency",
    "/consulate": "missions",
    "/plans": "plans",
    "/language": "lang",
    "/help": "help",
}
LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.DOTALL)
TAG = re.compile(r"</?(?:b|i|u|s|code|pre|a)(?: [^>]*)?>")
SHELL_HELP = (
    "Type a button's number, a command (/start /emergency /consulate /plans /language /help "
    "/forget), 'loc LAT LON' to share a location, any words to search, or 'q' to quit."
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
        lines.append(f"  [{number}] {button.label}{target}")
    return "\n".join(lines), buttons


@dataclass
class Session:
    """One terminal user's state; every input produces the next screen."""

    content: Content
    state: UserState
    buttons: list[Button]

    @classmethod
    def start(
        cls,
        content: Content,
        language: str | None,
        origin: str | None,
        host: str | None,
    ) -> tuple[Session, Screen]:
        payload = f"{origin}-{host}-{language or ''}".rstrip("-") if origin and host else ""
        outcome = first_contact(content, None, language or "en", payload)
        session = cls(content, outcome.state, [])
        return session, outcome.screen

    def _take(self, outcome: Outcome) -> Screen:
        self.state = outcome.state
        return outcome.screen

    def handle(self, line: str) -> Screen | str:
        """The screen for one input line, or a plain message (a URL, a hint)."""
        line = line.strip()
        view = view_for(self.content, self.state)
        if line.isdigit():
            index = int(line) - 1
            if not 0 <= index < len(self.buttons):
                return f"No button {line}. {SHELL_HELP}"
            button = self.buttons[index]
            if button.url:
                return f"Open in a browser: {button.url}"
            return self._take(route(view, button.action or Action("home")))
        command = line.split()[0].lower() if line else ""
        if command == "/start":
            payload = line.split()[1] if len(line.split()) > 1 else ""
            return self._take(first_contact(self.content, self.state, None, payload))
        if command == "/forget":
            self.state = UserState(language=self.state.language)
            return forgotten(view_for(self.content, self.state))
        if command in COMMANDS:
            return self._take(route(view, Action(COMMANDS[command])))
        if command == "loc":
            try:
                lat, lon = (float(part) for part in line.split()[1:3])
            except ValueError:
                return "Usage: loc LAT LON, for example: loc 25.2 55.27"
            return self._take(located(view, lat, lon))
        if command.startswith("/"):
            return f"Unknown command. {SHELL_HELP}"
        if not line:
            return SHELL_HELP
        if view.origin is None or view.host is None:
            return next_question(view)
        return search_results(view, line)


def run_shell(
    content: Content,
    language: str | None,
    origin: str | None,
    host: str | None,
    *,
    read: Callable[[], str] = input,
    write: Callable[[str], object] = print,
) -> None:
    session, screen = Session.start(content, language, origin, host)
    write(SHELL_HELP)
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
