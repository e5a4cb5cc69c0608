"""Staff commands in the terminal: `alert` (read the file, preview, confirm, queue, follow
until a bot has delivered it, or say that none took it) and `stats` (bot/figures.py: the same
figures as `/stats` in Telegram)."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.config import Settings
from bot.content.countries import countries
from bot.content.loader import read_file
from bot.content.model import Content, Text
from bot.content.regions import regions_in
from bot.content.yamlmap import YamlDocument
from bot.figures import staff_figures
from bot.i18n import Translator, chain, translator
from bot.screens.admin import Draft
from bot.screens.alerts import alert_message, sender, too_long_for, too_long_note
from bot.shell import plain
from bot.state import suppressed_total
from bot.storage.alerts import LONGEST_DELAY
from bot.storage.errors import StoreError
from bot.storage.lease import SENDER, Holder
from bot.storage.repository import Store

EXIT_NOT_SENT = 1
"""Asked "Send?", she did not say yes."""
EXIT_REFUSED = 2
"""Nothing was queued: a mistake in the options or the alert file, or the database."""
EXIT_NOT_PICKED_UP = 3
"""Queued, but no bot took it within the wait (`--wait-for-bot`): it stays queued."""
PICKUP_TIMEOUT = 30.0
"""Seconds `alert` waits for a running bot to take the alert (the sender lease's lifetime:
a bot that runs renews it well within this)."""


class AlertFile(BaseModel):
    """The YAML an operator writes for `python -m bot alert --file`."""

    model_config = ConfigDict(extra="forbid")

    severity: Literal["info", "warning", "urgent"]
    rollcall: bool = False
    text: Text = Field(description="The message per language; en is required.")


class AlertFileError(Exception):
    """The alert file's mistakes, each `path:line:column: sentence`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _store(settings: Settings) -> Store:
    if settings.bot_secret_key is None:
        raise SystemExit("Configuration error: BOT_SECRET_KEY is not set.")
    return Store(settings.bot_database, settings.bot_secret_key.get_secret_value().encode())


ALERT_WORDS = (
    ("see docs/FIELDS.md", "an alert file has severity, rollcall and text"),
    ("text: Input should be a valid dictionary", "text: one line per language, e.g. en: ..."),
)
"""The content loader's words (bot/content/loader.py) where an alert file needs others."""


def _for_alert_files(message: str) -> str:
    for words, instead in ALERT_WORDS:
        message = message.replace(words, instead)
    return message


def read_alert_file(path: Path) -> tuple[AlertFile, YamlDocument]:
    """The file read as content files are (bot/content/yamlmap.py), with the same errors:
    `path:line:column: sentence`, never a traceback."""
    spec, document, problems = read_file(path, AlertFile, str(path))
    if spec is None or document is None or problems:
        raise AlertFileError([_for_alert_files(str(problem)) for problem in problems])
    return spec, document


def too_long_lines(
    content: Content, draft: Draft, document: YamlDocument, tr: Translator
) -> list[str]:
    """Per text in the file that some readers would get longer than Telegram accepts: its
    position and by how much to shorten it (a reader without her language gets the text of
    her fallback chain, so one text may be too long for several languages)."""
    by_text: dict[str, dict[str, int]] = {}
    for reader, length in too_long_for(content, draft.as_alert()).items():
        used = next(code for code in (*chain(reader), "en") if code in draft.texts)
        by_text.setdefault(used, {})[reader] = length
    return [
        str(document.problem(("text", code), f"text, {code}: {too_long_note(tr, lengths)}"))
        for code, lengths in by_text.items()
    ]


def run_checked(coroutine: Coroutine[Any, Any, int]) -> int:
    try:
        return asyncio.run(coroutine)
    except StoreError as error:
        print(f"Database error: {error}", file=sys.stderr)
        return EXIT_REFUSED


async def alert(
    settings: Settings,
    content: Content,
    *,
    origin: str,
    host: str,
    regions: tuple[str, ...],
    file: Path,
    yes: bool,
    wait: bool,
    pickup_timeout: float = PICKUP_TIMEOUT,
) -> int:
    try:
        spec, document = read_alert_file(file)
    except AlertFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("Nothing was queued: fix the file and try again.", file=sys.stderr)
        return EXIT_REFUSED
    if origin not in content.origins or host not in countries():
        print(f"Unknown origin {origin} or host {host} (see content/).", file=sys.stderr)
        return EXIT_REFUSED
    known = regions_in(content, host).ids  # registration is offered in every country
    if unknown := set(regions) - known:
        print(f"Unknown region(s) {sorted(unknown)} for {host}: {sorted(known)}", file=sys.stderr)
        return EXIT_REFUSED
    texts = {code: spec.text.get(code) or "" for code in spec.text.languages()}
    draft = Draft(origin, host, regions, spec.severity, spec.rollcall, texts)
    if too_long := too_long_lines(content, draft, document, translator("en")):
        print("\n".join(too_long), file=sys.stderr)
        return EXIT_REFUSED
    async with _store(settings) as store:
        cells = await store.alerts.recipient_cells(origin, host, regions)
        for code in texts:
            print(f"--- as recipients reading {code} see it ---")
            reader = translator(code)
            signed = sender(reader, content, origin)
            print(plain(alert_message(reader, draft.as_alert(), signed).text))
        print(f"\nRecipients now: {suppressed_total(sum(cells), cells)}")
        if not yes and (await asyncio.to_thread(input, "Send? [y/N] ")).strip().lower() not in {
            "y",
            "yes",
        }:
            print("Not sent.")
            return EXIT_NOT_SENT
        alert_id, queued = await store.alerts.create(
            origin=origin,
            host=host,
            regions=regions,
            severity=spec.severity,
            texts=texts,
            rollcall=spec.rollcall,
            remind_after=settings.rollcall_reminder,
        )
        total = suppressed_total(queued, cells)
        print(f"Alert #{alert_id} queued for {total} recipients; the running bot delivers it.")
        if wait:
            return await follow(store, alert_id, queued, cells, pickup_timeout=pickup_timeout)
        if queued and await store.lease.current(SENDER) is None:
            print(NO_BOT_NOW, file=sys.stderr)
    return 0


NO_BOT_NOW = (
    "No bot is running on this database now: the alert stays queued and will be sent when it "
    "starts."
)


def _not_taken(alert_id: int, seconds: float, taken: bool, holder: Holder | None) -> str:
    if holder is not None:
        return (
            f"Nothing of alert #{alert_id} has been delivered for {seconds:g} s, though a bot "
            f"({holder}) holds this database: see its log. The rest stays queued."
        )
    if not taken:
        return (
            f"No bot has picked up this alert in {seconds:g} s: is the bot running on this "
            "database? The alert stays queued and will be sent when it starts."
        )
    return (
        f"Delivery of alert #{alert_id} has stopped: no bot has held this database for "
        f"{seconds:g} s. The rest stays queued and will be sent when the bot starts again."
    )


async def follow(
    store: Store,
    alert_id: int,
    queued: int,
    cells: list[int],
    *,
    pickup_timeout: float = PICKUP_TIMEOUT,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    every: float = 1.0,
) -> int:
    """Print progress until nothing is due; 0 then. A bot that runs holds the sender lease
    (bot/storage/lease.py): if no process holds it and nothing is delivered for
    `pickup_timeout` seconds, say so once and return EXIT_NOT_PICKED_UP, the alert queued.
    A bot that holds it and delivers nothing for longer than any wait it obeys (a halted
    bot: a full disk) ends the loop the same way, so it always ends."""
    total = suppressed_total(queued, cells)
    last_pending, taken = queued, False
    delivered_at = held_at = clock()
    while pending := await store.alerts.pending(alert_id):
        now = clock()
        holder = await store.lease.current(SENDER)
        if pending != last_pending:
            last_pending, delivered_at, taken = pending, now, True
        if holder is not None:
            held_at, taken = now, True
        quiet = now - delivered_at
        if (now - held_at >= pickup_timeout and quiet >= pickup_timeout) or (
            quiet >= pickup_timeout + LONGEST_DELAY
        ):
            waited = pickup_timeout + (LONGEST_DELAY if holder is not None else 0)
            print()
            print(_not_taken(alert_id, waited, taken, holder), file=sys.stderr)
            return EXIT_NOT_PICKED_UP
        done = suppressed_total(queued - pending, cells)
        print(f"\rdelivered {done} of {total}", end="", flush=True)
        await sleep(every)
    print(f"\rdelivered {total} of {total}")
    return 0


async def stats(settings: Settings, content: Content, origins: tuple[str, ...]) -> int:
    async with _store(settings) as store:
        figures = await staff_figures(store, content, translator("en"), origins)
    parts = (figures.registrations, figures.alerts, figures.reports)
    print("\n\n".join(plain(part) for part in parts))
    return 0
