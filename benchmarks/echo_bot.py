"""The baseline for benchmarks/load.py: a bare python-telegram-bot echo bot (no content, no
storage), long-polling the same fake Bot API server. Not part of Lifeline."""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


async def place(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Two messages, as Lifeline answers a location (a note that removes the keyboard, then
    the screen), so both bots send as much."""
    message = update.effective_message
    if message is not None and message.location is not None:
        await message.reply_text("📍")
        await message.reply_text(f"{message.location.latitude} {message.location.longitude}")


async def tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is not None:
        await query.answer()
        if query.message is not None:
            await context.bot.send_message(query.message.chat.id, query.data or "?")


def main() -> None:
    app = (
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_URL"])
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.add_handler(MessageHandler(filters.LOCATION, place))
    app.add_handler(CallbackQueryHandler(tap))
    app.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
