"""The outbox loop: delivers alerts and roll-calls from the database, resumably, through any
transport (Telegram's is bot/telegram/sender.py).

Each recipient's row says what is due (the live message, an edit, a reminder). The loop hands
the transport at most `rate` messages a second overall and one a second per chat; the
transport says what happened, and the loop records it. A row is marked done in the same step
that records the answer, so after a crash or kill -9 only messages in flight at that moment can
be sent twice; nothing due is ever skipped. A sent message that cannot be recorded stops all
delivery: a missing alert can be sent again by hand, a flood cannot be undone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Protocol, assert_never

from bot.content.live import LiveContent
from bot.content.model import Content
from bot.content.regions import english_names
from bot.i18n import translator
from bot.screens.alerts import alert_message, sender, stats_text
from bot.screens.base import Screen
from bot.screens.html import bold, esc
from bot.storage.alerts import Delivery
from bot.storage.repository import Store

log = logging.getLogger(__name__)

PROGRESS_EVERY = 2.0  # seconds between edits of the staff member's progress message
HALTED = (
    "⛔ Alert delivery stopped: the database could not record a message as sent (is the disk "
    "full?). Nothing more is sent, so nobody gets it twice. Free space and restart the bot; "
    "the rest of the outbox is still due."
)


@dataclass(frozen=True)
class Sent:
    message_id: int | None
    """The live message in her chat (None when an edit or a reminder)."""


@dataclass(frozen=True)
class WaitFor:
    """The transport asked us to slow down for this chat (not a failure)."""

    seconds: float


@dataclass(frozen=True)
class Blocked:
    """She blocked the bot: stop until she comes back."""


@dataclass(frozen=True)
class Failed:
    retry_in: float
    why: str


Result = Sent | WaitFor | Blocked | Failed


class Transport(Protocol):
    async def deliver(self, delivery: Delivery, screen: Screen, quiet: bool) -> Result: ...

    async def tell_staff(self, chat_id: int, html: str, replacing: int | None) -> int | None:
        """Send (or edit `replacing`) a note to staff; the message id, or None if it failed."""
        ...


async def alert_status(store: Store, content: Content, alert_id: int) -> str | None:
    """The staff view of one alert: counts per region, small numbers suppressed."""
    alert = await store.alerts.get(alert_id)
    if alert is None:
        return None
    stats = await store.alerts.stats(alert_id)
    pending = await store.alerts.pending(alert_id)
    names = english_names(content, alert.host)
    return stats_text(translator("en"), alert, stats, pending, names)


@dataclass
class Pace:
    """Spacing for `rate` messages a second overall (a wait for one chat holds only it)."""

    rate: float
    next_slot: float = 0.0

    async def slot(self) -> None:
        now = time.monotonic()
        start = max(now, self.next_slot)
        self.next_slot = start + 1.0 / self.rate
        if start > now:
            await asyncio.sleep(start - now)


@dataclass
class Outbox:
    store: Store
    transport: Transport
    live: LiveContent
    """The content served now (a reload swaps it): each message reads it afresh."""
    rate: float = 25.0
    per_chat_interval: float = 1.0
    concurrency: int = 8
    idle_poll: float = 0.5
    due_now: asyncio.Event = field(default_factory=asyncio.Event)
    """Set it to deliver at once rather than at the next poll."""
    halted: bool = False
    """Set when a sent message could not be recorded: delivery stops until restart."""
    pace: Pace = field(init=False)
    _last_in_chat: dict[int, float] = field(default_factory=dict)
    _progress: dict[int, tuple[int, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pace = Pace(self.rate)

    @property
    def content(self) -> Content:
        return self.live.current

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until `stop` is set; what is not done stays due in the database."""
        while not stop.is_set() and not self.halted:
            try:
                worked = await self.step()
            except Exception as error:
                log.error("outbox step failed: %s", type(error).__name__, exc_info=error)
                worked = False
            if self.halted:
                await stop.wait()  # nothing more is sent until the bot restarts
                return
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._either(stop), self.idle_poll)
                self.due_now.clear()

    async def _either(self, stop: asyncio.Event) -> None:
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.due_now.wait())]
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
        tr = translator(delivery.language)
        signed = sender(tr, self.content, delivery.alert.origin)
        screen = alert_message(tr, delivery.alert, signed, reminder=delivery.remind)
        result = await self.transport.deliver(delivery, screen, delivery.alert.severity == "info")
        alerts = self.store.alerts
        match result:
            case Sent(message_id):
                await self._record(delivery, message_id)
            case WaitFor(seconds):
                await alerts.postpone(delivery, seconds)
            case Blocked():
                await alerts.blocked(delivery)
            case Failed(retry_in, why):
                log.warning("alert %s not delivered: %s", delivery.alert.id, why)
                await alerts.retry_later(delivery, retry_in)
            case _:
                assert_never(result)

    async def _record(self, delivery: Delivery, message_id: int | None) -> None:
        """A sent message must be recorded as sent, or it would be sent again every round (a
        full disk once sent one alert 74 times). If that fails, stop and tell staff."""
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
        if chat is not None:
            with contextlib.suppress(Exception):
                await self.transport.tell_staff(chat, esc(HALTED), None)

    async def _tell_staff(self, alert_id: int, html: str, final: bool) -> None:
        chat = await self.store.alerts.admin_chat(alert_id)
        if chat is None:
            return
        known = self._progress.get(alert_id)
        replacing = known[0] if known and not final else None
        message_id = await self.transport.tell_staff(chat, html, replacing)
        if message_id is not None:
            self._progress[alert_id] = (message_id, time.monotonic())

    async def _show_progress(self, alert_ids: set[int]) -> None:
        for alert_id in alert_ids:
            known = self._progress.get(alert_id)
            if known and time.monotonic() - known[1] < PROGRESS_EVERY:
                continue
            text = await alert_status(self.store, self.content, alert_id)
            if text is not None:
                await self._tell_staff(alert_id, text, final=False)

    async def _report_finished(self) -> None:
        for alert_id, version in await self.store.alerts.unreported():
            text = await alert_status(self.store, self.content, alert_id)
            if text is not None:
                title = translator("en").gettext("Delivery finished.")
                await self._tell_staff(alert_id, f"{bold(title)}\n{text}", final=True)
            await self.store.alerts.mark_reported(alert_id, version)
