"""build_application: the one place the Telegram application is put together."""

from __future__ import annotations

import asyncio
import gc

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults
from telegram.request import BaseRequest

from bot.broadcast import Broadcaster
from bot.config import Settings
from bot.content.geo import places
from bot.content.model import Content
from bot.storage.repository import Store
from bot.telegram.background import Background
from bot.telegram.commands import publish_commands
from bot.telegram.flood import FloodGuard
from bot.telegram.handlers import CONTEXT_TYPES, Deps, LifelineApp, register_handlers
from bot.telegram.limits import TelegramLimiter
from bot.telegram.ordering import PerChatOrder
from bot.telegram.request import RetryingRequest

HTTP_CONNECTIONS = 16
"""Requests to Telegram at a time: in a surge each answer waits a round trip (tens of ms), and
a button tap needs two (answer, edit)."""
HTTP_POOLS = 4
"""httpcore's cost per request grows with the connections of its pool: four pools of four cost
what one pool of four does (profiled; bot/telegram/request.py)."""


async def _on_startup(app: LifelineApp) -> None:
    deps = app.bot_data.deps
    await asyncio.to_thread(places)  # now, not at the first shared location (0.7 s, 4 MB)
    await deps.store.open()
    await publish_commands(app.bot)
    deps.background = Background(
        Broadcaster(deps.store, app.bot, deps.content, rate=deps.settings.bot_broadcast_rate)
    )
    deps.background.start()
    # What startup built (content, places, the library) lives as long as the bot: frozen, full
    # collections skip it, 5 ms instead of 65 ms pauses that every update in flight waited out.
    gc.collect()
    gc.freeze()


async def _on_shutdown(app: LifelineApp) -> None:
    gc.unfreeze()
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
        sends = RetryingRequest(connection_pool_size=HTTP_CONNECTIONS, pools=HTTP_POOLS)
        builder = builder.request(sends).get_updates_request(RetryingRequest(read_timeout=10.0))
    app: LifelineApp = builder.build()
    app.bot_data.deps = Deps(content, store, settings, flood=flood)
    register_handlers(app)
    return app
