"""The outbox's Telegram transport: one alert message sent, edited or replied to, and what
Telegram said about it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot.i18n import translator
from bot.outbox import Blocked, Failed, Result, Sent, WaitFor
from bot.screens.base import Screen
from bot.storage.alerts import Delivery
from bot.telegram.limits import BROADCAST
from bot.telegram.render import inline_keyboard

log = logging.getLogger(__name__)

REFUSED_RETRY = 60.0
MAX_BACKOFF = 300.0


@dataclass
class TelegramSender:
    bot: ExtBot[None]

    @property
    def _behind_replies(self) -> str | None:
        """With the bot's limiter, alert sends wait behind replies to people (limits.py)."""
        return BROADCAST if self.bot.rate_limiter is not None else None

    async def deliver(self, delivery: Delivery, screen: Screen, quiet: bool) -> Result:
        text = translator(delivery.language).directed(screen.text)
        markup = inline_keyboard(screen)
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
                return Sent(None if delivery.remind else sent.message_id)
            await self.bot.edit_message_text(
                text,
                chat_id=delivery.chat_id,
                message_id=delivery.message_id,
                reply_markup=markup,
            )
            return Sent(None)
        except RetryAfter as error:  # that chat waits; the others go on
            wait = error.retry_after
            return WaitFor(wait if isinstance(wait, int | float) else wait.total_seconds())
        except Forbidden:
            return Blocked()
        except BadRequest as error:
            if "not modified" in error.message.lower():  # an edit she already has
                return Sent(None)
            return Failed(REFUSED_RETRY, f"refused by Telegram: {error.message}")
        except NetworkError as error:  # timeouts and server errors: back off
            backoff = min(2.0 ** (delivery.attempts + 1), MAX_BACKOFF)
            return Failed(backoff, type(error).__name__)

    async def tell_staff(self, chat_id: int, html: str, replacing: int | None) -> int | None:
        try:
            if replacing is not None:
                await self.bot.edit_message_text(html, chat_id=chat_id, message_id=replacing)
                return replacing
            return (await self.bot.send_message(chat_id, html)).message_id
        except (BadRequest, Forbidden, NetworkError) as error:
            log.warning("could not update staff: %s", type(error).__name__)
            return None
