"""Staff commands in the terminal: `alert` (enqueue, preview, confirm, follow) and `stats`
(registrations, alerts, reports of wrong numbers)."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.config import Settings
from bot.content.countries import countries
from bot.content.model import Content, Text
from bot.content.regions import english_names, regions_in
from bot.i18n import translator
from bot.screens.admin import Draft, registration_counts, wrong_number_reports
from bot.screens.alerts import alert_message, sender, stats_text, too_long_for, too_long_note
from bot.shell import plain
from bot.state import suppressed_total
from bot.storage.errors import StoreError
from bot.storage.repository import Store


class AlertFile(BaseModel):
    """The YAML an operator writes for `python -m bot alert --file`."""

    model_config = ConfigDict(extra="forbid")

    severity: str = Field(pattern="^(info|warning|urgent)$")
    rollcall: bool = False
    text: Text = Field(description="The message per language; en is required.")


def _store(settings: Settings) -> Store:
    if settings.bot_secret_key is None:
        raise SystemExit("Configuration error: BOT_SECRET_KEY is not set.")
    return Store(settings.bot_database, settings.bot_secret_key.get_secret_value().encode())


def read_alert_file(path: Path) -> AlertFile:
    try:
        return AlertFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as error:
        found = (
            f"{path}: {'.'.join(map(str, e['loc'])) or 'file'}: {e['msg']}" for e in error.errors()
        )
        raise SystemExit("\n".join(found)) from None
    except (OSError, yaml.YAMLError) as error:
        raise SystemExit(f"{path}: {error}") from None


def run_checked(coroutine: Coroutine[Any, Any, int]) -> int:
    try:
        return asyncio.run(coroutine)
    except StoreError as error:
        print(f"Database error: {error}", file=sys.stderr)
        return 2


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
) -> int:
    spec = read_alert_file(file)
    if origin not in content.origins or host not in countries():
        print(f"Unknown origin {origin} or host {host} (see content/).", file=sys.stderr)
        return 2
    known = regions_in(content, host).ids  # registration is offered in every country
    if unknown := set(regions) - known:
        print(f"Unknown region(s) {sorted(unknown)} for {host}: {sorted(known)}", file=sys.stderr)
        return 2
    texts = {code: spec.text.get(code) or "" for code in spec.text.languages()}
    draft = Draft(origin, host, regions, spec.severity, spec.rollcall, texts)
    if lengths := too_long_for(content, draft.as_alert()):
        print(f"{file}: {too_long_note(translator('en'), lengths)}", file=sys.stderr)
        return 2
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
            return 1
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
        while wait and (pending := await store.alerts.pending(alert_id)):
            done = suppressed_total(queued - pending, cells)
            print(f"\rdelivered {done} of {total}", end="", flush=True)
            await asyncio.sleep(1.0)
        if wait:
            print(f"\rdelivered {total} of {total}")
    return 0


async def stats(settings: Settings, content: Content, origins: tuple[str, ...]) -> int:
    tr = translator("en")
    async with _store(settings) as store:
        counts = await store.registrations.counts(origins)
        named = [
            (
                c.origin,
                c.host,
                english_names(content, c.host).get(c.region, "Region not said"),
                c.people,
            )
            for c in counts
        ]
        print(plain(registration_counts(tr, named)))
        for item in await store.alerts.recent(origins):
            rows = await store.alerts.stats(item.id)
            pending = await store.alerts.pending(item.id)
            print()
            print(plain(stats_text(tr, item, rows, pending, english_names(content, item.host))))
        print()
        print(plain(wrong_number_reports(tr, await store.reports.counts(origins))))
    return 0
