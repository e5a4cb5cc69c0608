"""build_application: the one place the Telegram application is put together."""

from __future__ import annotations

import logging
from functools import partial

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults
from telegram.request import BaseRequest

from bot.broadcast import Broadcaster
from bot.config import Settings
from bot.content.model import Content
from bot.storage.lease import SENDER
from bot.storage.repository import Store
from bot.telegram.background import Background
from bot.telegram.commands import publish_commands
from bot.telegram.flood import FloodGuard
from bot.telegram.handlers import CONTEXT_TYPES, Deps, LifelineApp, register_handlers
from bot.telegram.limits import TelegramLimiter
from bot.telegram.ordering import PerChatOrder
from bot.telegram.request import RetryingRequest

log = logging.getLogger(__name__)


async def _on_startup(app: LifelineApp) -> None:
    deps = app.bot_data.deps
    await deps.store.open()
    await deps.store.lease.acquire(SENDER)  # a second bot on this database stops here
    await publish_commands(app.bot)
    broadcaster = Broadcaster(
        deps.store, app.bot, deps.content, rate=deps.settings.bot_broadcast_rate
    )
    deps.store.lease.keep(SENDER, on_lost=partial(_stop_delivery, broadcaster))
    deps.background = Background(broadcaster)
    deps.background.start()


def _stop_delivery(broadcaster: Broadcaster, why: str) -> None:
    """Another process delivers now: sending here too would send every alert twice."""
    broadcaster.halted = True
    log.error("Alert delivery stopped: %s.", why)


async def _on_shutdown(app: LifelineApp) -> None:
    deps = app.bot_data.deps
    if deps.background is not None:
        await deps.background.close()
    await deps.store.close()


def build_application(
    settings: Settings,
    content: Content,
    store: Store,
    request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> LifelineApp:
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is required to talk to Telegram")
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
        .post_init(_on_startup)
        .post_shutdown(_on_shutdown)
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
    app.bot_data.deps = Deps(content, store, settings, flood=flood)
    register_handlers(app)
    return app
