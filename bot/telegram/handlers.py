"""Telegram handlers: decode the update, ask a screen, render it. No logic of their own."""

from __future__ import annotations

import asyncio
import logging
from typing import cast

from telegram import CallbackQuery, Chat, ChatMember, Update, User
from telegram.error import TelegramError, TimedOut
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.effects import Who, load_state, respond
from bot.i18n import match_language, translator
from bot.screens.html import esc
from bot.screens.inputs import Cancel, Input, Place, Tap, Unreadable, Words, read_text
from bot.telegram.admin import on_admin_button, on_admin_text, on_alert, on_stats
from bot.telegram.callbacks import decode
from bot.telegram.context import Ctx, LifelineApp
from bot.telegram.flood import Verdict
from bot.telegram.render import edit_in_place, remove_reply_keyboard, send_screen
from bot.telegram.rollcall import on_rollcall

log = logging.getLogger(__name__)


def decoded(update: Update) -> Input:
    """The update as one of the inputs every adapter speaks (bot/screens/inputs.py)."""
    if update.callback_query is not None:
        return Tap(decode(update.callback_query.data))
    message = update.effective_message
    if message is None:
        return Unreadable()
    if message.location is not None:
        return Place(message.location.latitude, message.location.longitude)
    if message.text is not None:
        return read_text(message.text)
    return Unreadable()


async def _answer(
    update: Update, context: Ctx, said: Input, first: asyncio.Task[None] | None = None
) -> None:
    """Let the screens answer her input, store what changed, show the result; after `first`,
    a message sent meanwhile, which must arrive before the screen."""
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    deps = context.bot_data.deps
    who = Who(user.id, chat.id, user.language_code)
    try:
        screen, state = await respond(deps.store, deps.content, said, who)
    finally:  # awaited even when the screen failed: no task is left with its error unread
        if first is not None:
            await _sent_or_logged(first)
    tr = translator(state.language)
    if update.callback_query is not None:
        await edit_in_place(update.callback_query, screen, tr)
    else:
        await send_screen(context.bot, chat.id, screen, tr)


async def _sent_or_logged(note: asyncio.Task[None]) -> None:
    try:
        await note
    except TelegramError as error:  # the note is a courtesy: the screen matters
        log.info("a note before the screen was not sent: %s", type(error).__name__)


async def only_private_chats(update: Update, context: Ctx) -> None:
    """Lifeline talks one to one; in a group it answers commands with a pointer, nothing else."""
    chat = update.effective_chat
    if chat is None or chat.type == Chat.PRIVATE:
        return
    message = update.effective_message
    if message is not None and message.text and message.text.startswith("/"):
        user = update.effective_user
        tr = translator(match_language(user.language_code if user else None) or "en")
        await message.reply_text(tr.gettext("Please write to me in a private chat."))
    raise ApplicationHandlerStop


async def flood_control(update: Update, context: Ctx) -> None:
    """Drop a flood from one user early and cheaply; warn her once, politely."""
    user = update.effective_user
    if user is None:
        return
    verdict = context.bot_data.deps.flood.verdict(update.update_id, user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN and update.effective_chat is not None:
        state = await load_state(context.bot_data.deps.store, user.id, user.language_code)
        note = translator(state.language).gettext(
            "You are sending messages very fast. I will answer again in a few seconds."
        )
        await context.bot.send_message(update.effective_chat.id, esc(note))
    if update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


async def on_button(update: Update, context: Ctx) -> None:
    query = cast(CallbackQuery, update.callback_query)
    said = decoded(update)
    if isinstance(said, Tap) and said.action.screen == "adm":  # these answer the query
        await on_admin_button(update, context, said.action.args)  # themselves, with a notice
        return
    if isinstance(said, Tap) and said.action.screen == "rc":
        await on_rollcall(update, context, said.action.args)
        return
    # Answered at once (or the client keeps spinning) while the screen is made: one round
    # trip to Telegram less per tap; a failure to answer never stops the screen.
    answering = asyncio.create_task(_acknowledge(query))
    await _answer(update, context, said)
    await answering


async def _acknowledge(query: CallbackQuery) -> None:
    try:
        await query.answer()
    except TelegramError as error:  # expired or refused: she still gets her screen
        log.info("a button could not be answered: %s", type(error).__name__)


async def on_message(update: Update, context: Ctx) -> None:
    """Commands, words, a location, stickers and photos: all through the one decoder."""
    if update.effective_user is None or update.effective_chat is None:
        return
    said = decoded(update)
    if isinstance(said, Words) and await on_admin_text(update, context):
        return
    noting = None
    if isinstance(said, Place | Cancel):  # the location keyboard has done its work
        user = update.effective_user
        state = await load_state(context.bot_data.deps.store, user.id, user.language_code)
        note = (
            translator(state.language).gettext("📍 Thank you.")
            if isinstance(said, Place)
            else "👌"
        )
        # sent while the screen is made: one round trip to Telegram less to wait for
        chat_id = update.effective_chat.id
        noting = asyncio.create_task(remove_reply_keyboard(context.bot, chat_id, note))
    await _answer(update, context, said, noting)


async def on_my_chat_member(update: Update, context: Ctx) -> None:
    """She blocked the bot, or unblocked it: alerts stop, or reach her again at once."""
    change = update.my_chat_member
    if change is None or change.chat.type != Chat.PRIVATE:
        return
    status = change.new_chat_member.status
    reachable = status not in {ChatMember.BANNED, ChatMember.LEFT}
    registrations = context.bot_data.deps.store.registrations
    if await registrations.set_reachable(change.from_user.id, reachable):
        log.info("a registered user %s the bot", "unblocked" if reachable else "blocked")


async def on_error(update: object, context: Ctx) -> None:
    """Log the kind of failure (never the update: it holds ids and text) and apologise."""
    error = context.error
    if isinstance(error, TimedOut):
        # Telegram may well have delivered the answer: an apology on top would be a second,
        # confusing message. If it was lost, she taps again.
        log.warning("an answer timed out; it may still have been delivered")
        return
    log.error("update failed: %s", type(error).__name__, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        language = match_language(
            update.effective_user.language_code if update.effective_user else None
        )
        tr = translator(language or "en")
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                tr.gettext("Sorry, something went wrong. Send /start to see the menu again."),
            )
        except Exception as second:
            log.error("could not apologise: %s", type(second).__name__)


def register_handlers(app: LifelineApp) -> None:
    """Order matters: the first matching handler in a group wins."""
    app.add_handler(TypeHandler(Update, flood_control), group=-2)  # groups too; may stop it
    app.add_handler(TypeHandler(Update, only_private_chats), group=-1)  # may stop the update
    app.add_handler(CommandHandler("alert", on_alert))  # staff only: refuses everyone else
    app.add_handler(CommandHandler("stats", on_stats))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.ALL, on_message))
    app.add_error_handler(on_error)
