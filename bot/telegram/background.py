"""Work the bot does on its own: deliver the outbox, expire registrations, ask for renewals."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field

from telegram import Bot
from telegram.error import TelegramError

from bot.i18n import translator
from bot.outbox import Outbox
from bot.screens.registration import renewal_question
from bot.storage.repository import Store
from bot.telegram.render import send_screen

log = logging.getLogger(__name__)


@dataclass
class Background:
    """Started after the application starts, stopped before it shuts down."""

    outbox: Outbox
    bot: Bot
    upkeep_every: float = 3600.0
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def start(self) -> None:
        self.tasks = [
            asyncio.create_task(self.outbox.run(self.stop), name="outbox"),
            asyncio.create_task(self._upkeep(), name="upkeep"),
        ]

    async def close(self) -> None:
        """Finish the message in flight; what is still due stays due in the database."""
        self.stop.set()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def _upkeep(self) -> None:
        while not self.stop.is_set():
            try:
                await upkeep(self.outbox.store, self.bot)
            except Exception as error:
                log.error("upkeep failed: %s", type(error).__name__, exc_info=error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), self.upkeep_every)


async def upkeep(store: Store, bot: Bot) -> None:
    """Delete lapsed registrations; ask once, two weeks before, whether she is still there."""
    expired = await store.registrations.expire()
    reminders = await store.registrations.due_reminders()
    for reminder in reminders:
        tr = translator(reminder.language)
        try:
            await send_screen(
                bot, reminder.chat_id, renewal_question(tr, reminder.host, reminder.expires_on), tr
            )
        except TelegramError as error:
            log.warning("renewal question not delivered: %s", type(error).__name__)
    if expired or reminders:
        log.info("upkeep: %d registrations lapsed, %d renewal questions", expired, len(reminders))
