"""What every Telegram handler receives: the bot's dependencies, typed (PTB's bot_data)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.config import Settings
from bot.content.live import LiveContent
from bot.content.model import Content
from bot.storage.repository import Store
from bot.telegram.flood import FloodGuard


@dataclass
class Deps:
    live: LiveContent
    """The content served now; a reload replaces it (bot/telegram/reload.py)."""
    store: Store
    settings: Settings
    flood: FloodGuard = field(default_factory=FloodGuard)
    outbox_due: asyncio.Event = field(default_factory=asyncio.Event)
    """Set when staff queue something, so the outbox does not wait for its next poll."""

    @property
    def content(self) -> Content:
        """The content served now: read it per update, never keep it across a reload."""
        return self.live.current


class BotData:
    """Typed bot_data (PTB creates it with no arguments; build_application fills it)."""

    deps: Deps


Ctx = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
LifelineApp = Application[ExtBot[None], Ctx, dict[Any, Any], dict[Any, Any], BotData, Any]
