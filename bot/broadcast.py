"""The outbox worker: delivers alerts and roll-calls from SQLite at Telegram's pace, resumably.

Each recipient's row says what is due (the live message, an edit, a reminder). The worker sends
at most `rate` messages a second overall and one a second per chat, obeys RetryAfter, retries
timeouts and server errors with backoff, and marks people who blocked the bot inactive. A row is
marked done in the same step that records Telegram's answer, so after a crash or kill -9 only
messages that were in flight at that moment can be sent twice; nothing due is ever skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field

from telegram import Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot

from bot.content.model import Content
from bot.i18n import translator
from bot.screens.alerts import alert_message, sender, stats_text
from bot.storage.alerts import Delivery
from bot.storage.repository import Store
from bot.telegram.limits import BROADCAST
from bot.telegram.render import inline_keyboard

log = logging.getLogger(__name__)

PROGRESS_EVERY = 2.0  # seconds between edits of the admin's progress message


@dataclass
class Pace:
    """Spacing for `rate` messages a second overall (a RetryAfter holds only its chat)."""

    rate: float
    next_slot: float = 0.0

    async def slot(self) -> None:
        now = time.monotonic()
        start = max(now, self.next_slot)
        self.next_slot = start + 1.0 / self.rate
        if start > now:
            await asyncio.sleep(start - now)


@dataclass
class Broadcaster:
    store: Store
    bot: ExtBot[None]
    content: Content
    rate: float = 25.0
    per_chat_interval: float = 1.0
    concurrency: int = 8
    idle_poll: float = 0.5
    pace: Pace = field(init=False)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    _last_in_chat: dict[int, float] = field(default_factory=dict)
    _progress: dict[int, tuple[int, float]] = field(default_factory=dict)
    halted: bool = False
    """Set when a sent message could not be recorded: delivery stops until restart."""

    def __post_init__(self) -> None:
        self.pace = Pace(self.rate)

    @property
    def _behind_replies(self) -> str | None:
        """With the bot's limiter, alert sends wait behind replies to people (limits.py)."""
        return BROADCAST if self.bot.rate_limiter is not None else None

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until `stop` is set; what is not done stays due in the database."""
        while not stop.is_set() and not self.halted:
            try:
                worked = await self.step()
            except Exception as error:
                log.error("broadcast step failed: %s", type(error).__name__, exc_info=error)
                worked = False
            if self.halted:
                await stop.wait()  # nothing more is sent until the bot restarts
                return
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._either(stop), self.idle_poll)
                self.wake.clear()

    async def _either(self, stop: asyncio.Event) -> None:
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.wake.wait())]
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def step(self) -> bool:
        """One batch; True if anything was due."""
        await self.store.alerts.queue_reminders()
        batch = await self.store.alerts.due(limit=max(int(self.rate * 2), 10))
        if not batch:
            await self._report_finished()
            return False
        limit = asyncio.Semaphore(self.concurrency)
        tasks: list[asyncio.Task[None]] = []
        for delivery in batch:
            if self.halted:
                break
            wait = self._last_in_chat.get(delivery.chat_id, 0) + self.per_chat_interval
            if wait > time.monotonic():
                await self.store.alerts.postpone(delivery, wait - time.monotonic())
                continue
            self._last_in_chat[delivery.chat_id] = time.monotonic()
            await self.pace.slot()
            await limit.acquire()
            task = asyncio.create_task(self._deliver(delivery))
            task.add_done_callback(lambda _: limit.release())
            tasks.append(task)
        await asyncio.gather(*tasks)
        await self._show_progress({delivery.alert.id for delivery in batch})
        return True

    async def _deliver(self, delivery: Delivery) -> None:
        alerts = self.store.alerts
        tr = translator(delivery.language)
        signed = sender(tr, self.content, delivery.alert.origin)
        screen = alert_message(tr, delivery.alert, signed, reminder=delivery.remind)
        text, markup = tr.directed(screen.text), inline_keyboard(screen)
        quiet = delivery.alert.severity == "info"
        try:
            if delivery.remind or delivery.is_new_message:
                sent = await self.bot.send_message(
                    delivery.chat_id,
                    text,
                    reply_markup=markup,
                    disable_notification=quiet,
                    reply_to_message_id=delivery.message_id if delivery.remind else None,
                    allow_sending_without_reply=True,
                    rate_limit_args=self._behind_replies,  # type: ignore[arg-type] # PTB generics
                )
                await self._record(delivery, sent.message_id)
            else:
                await self._edit(delivery, text, markup)
        except RetryAfter as error:  # that chat waits; the others go on
            seconds = (
                error.retry_after
                if isinstance(error.retry_after, int | float)
                else error.retry_after.total_seconds()
            )
            await alerts.postpone(delivery, seconds)
        except Forbidden:
            await alerts.blocked(delivery)
        except (TimedOut, NetworkError) as error:
            if isinstance(error, BadRequest):
                log.warning("alert %s refused by Telegram: %s", delivery.alert.id, error.message)
                await alerts.retry_later(delivery, 60.0)
            else:
                await alerts.retry_later(delivery, min(2.0 ** (delivery.attempts + 1), 300.0))

    async def _record(self, delivery: Delivery, message_id: int | None) -> None:
        """A message that was sent must be recorded as sent, or it would be sent again every
        round (a full disk once sent one alert 74 times). If that fails, stop all delivery
        and tell staff: a missing alert can be sent again by hand, a flood cannot be undone."""
        try:
            await self.store.alerts.sent(delivery, message_id)
        except Exception as error:
            if not self.halted:
                self.halted = True
                log.error("delivery stopped: a sent message could not be recorded (%s)",
                          type(error).__name__)  # fmt: skip
                await self._tell_staff_halted(delivery.alert.id)

    async def _tell_staff_halted(self, alert_id: int) -> None:
        try:
            chat = await self.store.alerts.admin_chat(alert_id)
        except Exception:  # the database may be what failed
            chat = None
        if chat is None:
            return
        text = (
            "⛔ Alert delivery stopped: the database could not record a message as sent "
            "(is the disk full?). Nothing more is sent, so nobody gets it twice. Free space "
            "and restart the bot; the rest of the outbox is still due."
        )
        with contextlib.suppress(Exception):
            await self.bot.send_message(chat, text)

    async def _edit(self, delivery: Delivery, text: str, markup: object) -> None:
        """An update edits the message she already has; one live message per alert."""
        try:
            await self.bot.edit_message_text(
                text,
                chat_id=delivery.chat_id,
                message_id=delivery.message_id,
                reply_markup=markup,  # type: ignore[arg-type]
            )
        except BadRequest as error:
            if "not modified" not in error.message.lower():
                raise
        await self._record(delivery, delivery.message_id)

    async def _admin_message(self, alert_id: int, text: str, final: bool) -> None:
        chat = await self.store.alerts.admin_chat(alert_id)
        if chat is None:
            return
        known = self._progress.get(alert_id)
        try:
            if known and not final:
                await self.bot.edit_message_text(text, chat_id=chat, message_id=known[0])
                self._progress[alert_id] = (known[0], time.monotonic())
            else:
                message: Message = await self.bot.send_message(chat, text)
                self._progress[alert_id] = (message.message_id, time.monotonic())
        except (BadRequest, Forbidden, NetworkError) as error:
            log.warning("could not update the admin: %s", type(error).__name__)

    async def status(self, alert_id: int) -> str | None:
        """The staff view of one alert: counts per region, small numbers suppressed."""
        alert = await self.store.alerts.get(alert_id)
        if alert is None:
            return None
        stats = await self.store.alerts.stats(alert_id)
        pending = await self.store.alerts.pending(alert_id)
        host = self.content.hosts.get(alert.host)
        names: dict[str | None, str] = {}
        if host is not None:
            names = {region.id: region.name.en for region in host.regions}
        return stats_text(translator("en"), alert, stats, pending, names)

    async def _show_progress(self, alert_ids: set[int]) -> None:
        for alert_id in alert_ids:
            known = self._progress.get(alert_id)
            if known and time.monotonic() - known[1] < PROGRESS_EVERY:
                continue
            text = await self.status(alert_id)
            if text is not None:
                await self._admin_message(alert_id, text, final=False)

    async def _report_finished(self) -> None:
        for alert_id, version in await self.store.alerts.unreported():
            text = await self.status(alert_id)
            if text is not None:
                title = translator("en").gettext("Delivery finished.")
                await self._admin_message(alert_id, f"<b>{title}</b>\n{text}", final=True)
            await self.store.alerts.mark_reported(alert_id, version)
