"""build_application: the one place the Telegram application is put together."""

from __future__ import annotations

import asyncio
import gc
import logging
from dataclasses import dataclass

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults
from telegram.request import BaseRequest

from bot.config import Settings
from bot.content.geo import places
from bot.content.live import LiveContent
from bot.content.model import Content
from bot.outbox import Outbox
from bot.screens import search
from bot.storage.lease import SENDER
from bot.storage.repository import Store
from bot.telegram.background import Background
from bot.telegram.commands import publish_commands
from bot.telegram.context import CONTEXT_TYPES, Deps, LifelineApp
from bot.telegram.flood import FloodGuard
from bot.telegram.handlers import register_handlers
from bot.telegram.limits import TelegramLimiter
from bot.telegram.ordering import PerChatOrder
from bot.telegram.reload import Reloader
from bot.telegram.request import RetryingRequest
from bot.telegram.sender import TelegramSender

log = logging.getLogger(__name__)


@dataclass
class Lifecycle:
    """What runs beside the handlers: started after the application starts, stopped before."""

    background: Background | None = None
    watching: asyncio.Task[None] | None = None
    stop_watching: asyncio.Event | None = None

    async def start(self, app: LifelineApp) -> None:
        deps = app.bot_data.deps
        await asyncio.to_thread(places)  # now, not at the first shared location (0.7 s, 4 MB)
        # and Android's emergency list, not at the first country without a host file (70 ms)
        await asyncio.to_thread(lambda: deps.content.emergency_list)
        # and the search's phrases, normalised and indexed, not at the first free text (0.1 s)
        await asyncio.to_thread(search.warm, deps.content)
        await deps.store.open()
        await deps.store.lease.acquire(SENDER)  # a second bot on this database stops here
        await publish_commands(app.bot)
        outbox = Outbox(
            deps.store,
            TelegramSender(app.bot),
            deps.live,
            rate=deps.settings.bot_broadcast_rate,
            due_now=deps.outbox_due,
        )
        deps.store.lease.keep(SENDER, on_lost=lambda why: _stop_delivery(outbox, why))
        self.background = Background(outbox, app.bot)
        self.background.start()
        self._watch_content(app)
        # What startup built (content, places, the library) lives as long as the bot: frozen,
        # full collections skip it, 5 ms instead of 65 ms pauses every update in flight waited.
        gc.collect()
        gc.freeze()

    def _watch_content(self, app: LifelineApp) -> None:
        """BOT_CONTENT_RELOAD: an edited content folder goes live once it validates."""
        deps = app.bot_data.deps
        folder = deps.content.folder
        if not deps.settings.bot_content_reload or folder is None:
            return

        async def tell(chat_id: int, html: str) -> None:
            await app.bot.send_message(chat_id, html)

        reloader = Reloader(deps.live, folder, deps.settings.bot_admin_ids, tell)
        self.stop_watching = asyncio.Event()
        self.watching = asyncio.create_task(
            reloader.watch(self.stop_watching), name="content reload"
        )

    async def stop(self, app: LifelineApp) -> None:
        if self.watching is not None and self.stop_watching is not None:
            self.stop_watching.set()
            await asyncio.gather(self.watching, return_exceptions=True)
        gc.unfreeze()
        if self.background is not None:
            await self.background.close()
        await app.bot_data.deps.store.close()


def _stop_delivery(outbox: Outbox, why: str) -> None:
    """Another process delivers now: sending here too would send every alert twice."""
    outbox.halted = True
    log.error("Alert delivery stopped: %s.", why)


def build_application(
    settings: Settings,
    content: Content,
    store: Store,
    request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> LifelineApp:
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is required to talk to Telegram")
    lifecycle = Lifecycle()
    flood = FloodGuard(burst=settings.bot_flood_burst, per_second=settings.bot_flood_per_second)
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(PerChatOrder(on_arrival=flood.arrived))
        .post_init(lifecycle.start)
        .post_shutdown(lifecycle.stop)
    )
    if rate_limit:
        builder = builder.rate_limiter(TelegramLimiter())  # type: ignore[arg-type] # PTB generics
    if settings.telegram_api_url:  # a self-hosted Bot API server, or the tests' fake one
        builder = builder.base_url(settings.telegram_api_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.request(RetryingRequest(connection_pool_size=16)).get_updates_request(
            RetryingRequest(read_timeout=10.0)
        )
    app: LifelineApp = builder.build()
    app.bot_data.deps = Deps(LiveContent(content), store, settings, flood=flood)
    register_handlers(app)
    return app
