"""Telegram handlers: decode the update, ask a screen, render it. No logic of their own."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, cast

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.content.model import Content
from bot.i18n import match_language, translator
from bot.screens.base import Action, Outcome, UserState, View, noted
from bot.screens.location import located
from bot.screens.menu import forgotten
from bot.screens.router import first_contact, next_question, route, view_for
from bot.screens.search import search_results
from bot.storage.repository import Store
from bot.telegram.callbacks import decode
from bot.telegram.render import cancel_label, edit_in_place, remove_reply_keyboard, send_screen

log = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 300
"""Longer messages are not searched: nobody types a crisis in 300 characters to a menu bot."""

COMMAND_SCREENS = {
    "emergency": "emergency",
    "consulate": "missions",
    "plans": "plans",
    "language": "lang",
    "help": "help",
}


@dataclass
class Deps:
    content: Content
    store: Store


class BotData:
    """Typed bot_data (PTB creates it with no arguments; build_application fills it)."""

    deps: Deps


Ctx = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
LifelineApp = Application[ExtBot[None], Ctx, dict[Any, Any], dict[Any, Any], BotData, Any]


async def _state(user: User, deps: Deps) -> UserState:
    saved = await deps.store.load_state(user.id)
    return saved or UserState(language=match_language(user.language_code) or "en")


async def _apply(user: User, deps: Deps, before: UserState, outcome: Outcome) -> None:
    if outcome.forget:
        await deps.store.forget(user.id)
    elif outcome.state != before:
        await deps.store.save_state(user.id, outcome.state)


async def _answer(update: Update, context: Ctx, action: Action) -> None:
    """Route an action for a message (command, text) and send the result as a new message."""
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    deps = context.bot_data.deps
    state = await _state(user, deps)
    outcome = route(view_for(deps.content, state), action)
    await _apply(user, deps, state, outcome)
    await send_screen(context.bot, chat.id, outcome.screen, translator(outcome.state.language))


async def only_private_chats(update: Update, context: Ctx) -> None:
    """Lifeline talks one to one; in a group it answers commands with a pointer, nothing else."""
    chat = update.effective_chat
    if chat is None or chat.type == Chat.PRIVATE:
        return
    message = update.effective_message
    if message is not None and message.text and message.text.startswith("/"):
        language = match_language(
            update.effective_user.language_code if update.effective_user else None
        )
        tr = translator(language or "en")
        await message.reply_text(tr.gettext("Please write to me in a private chat."))
    raise ApplicationHandlerStop


async def on_start(update: Update, context: Ctx) -> None:
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    deps = context.bot_data.deps
    saved = await deps.store.load_state(user.id)
    payload = context.args[0] if context.args else ""
    outcome = first_contact(deps.content, saved, user.language_code, payload)
    if saved != outcome.state:
        await deps.store.save_state(user.id, outcome.state)
    await send_screen(context.bot, chat.id, outcome.screen, translator(outcome.state.language))


async def on_command(update: Update, context: Ctx) -> None:
    message = cast(Message, update.effective_message)
    name = (message.text or "/").split()[0][1:].split("@")[0].lower()
    await _answer(update, context, Action(COMMAND_SCREENS[name]))


async def on_forget(update: Update, context: Ctx) -> None:
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    deps = context.bot_data.deps
    state = await _state(user, deps)
    await deps.store.forget(user.id)
    view = view_for(deps.content, UserState(language=state.language))
    await send_screen(context.bot, chat.id, forgotten(view), view.tr)


async def on_unknown_command(update: Update, context: Ctx) -> None:
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    deps = context.bot_data.deps
    state = await _state(user, deps)
    view = view_for(deps.content, state)
    note = view.tr.gettext("I do not know that command. Send /help to see what I can do.")
    await _send_with_note(context, chat.id, note, view)


async def _send_with_note(context: Ctx, chat_id: int, note: str, view: View) -> None:
    await send_screen(context.bot, chat_id, noted(next_question(view), note), view.tr)


async def on_button(update: Update, context: Ctx) -> None:
    query = cast(CallbackQuery, update.callback_query)
    await query.answer()  # always, or the client keeps spinning
    user = query.from_user
    deps = context.bot_data.deps
    state = await _state(user, deps)
    outcome = route(view_for(deps.content, state), decode(query.data))
    await _apply(user, deps, state, outcome)
    await edit_in_place(query, outcome.screen, translator(outcome.state.language))


async def on_location(update: Update, context: Ctx) -> None:
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    message = cast(Message, update.effective_message)
    deps = context.bot_data.deps
    state = await _state(user, deps)
    point = message.location
    if point is None:
        return
    view = view_for(deps.content, state)
    await remove_reply_keyboard(context.bot, chat.id, view.tr.gettext("📍 Thank you."))
    outcome = located(view, point.latitude, point.longitude)
    await _apply(user, deps, state, outcome)
    await send_screen(context.bot, chat.id, outcome.screen, translator(outcome.state.language))


async def on_text(update: Update, context: Ctx) -> None:
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    message = cast(Message, update.effective_message)
    deps = context.bot_data.deps
    state = await _state(user, deps)
    view = view_for(deps.content, state)
    text = message.text or ""
    if text.strip() == cancel_label(view.tr):
        await remove_reply_keyboard(context.bot, chat.id, view.tr.gettext("OK."))
        await send_screen(context.bot, chat.id, next_question(view), view.tr)
        return
    if view.origin is None or view.host is None:
        await send_screen(context.bot, chat.id, next_question(view), view.tr)
        return
    if len(text) > MAX_TEXT_LENGTH:
        note = view.tr.gettext(
            "That message is too long for me. Type a few words, like “lost passport”."
        )
        await _send_with_note(context, chat.id, note, view)
        return
    await send_screen(context.bot, chat.id, search_results(view, text), view.tr)


async def on_anything_else(update: Update, context: Ctx) -> None:
    """Stickers, photos, voice, files, contacts: say what works, show the menu."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    deps = context.bot_data.deps
    view = view_for(deps.content, await _state(user, deps))
    note = view.tr.gettext(
        "I can read short text, button taps and a shared location, but not this kind of message."
    )
    await _send_with_note(context, chat.id, note, view)


async def on_error(update: object, context: Ctx) -> None:
    """Log the kind of failure (never the update: it holds ids and text) and apologise."""
    error = context.error
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
    app.add_handler(TypeHandler(Update, only_private_chats), group=-1)
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CommandHandler("forget", on_forget))
    app.add_handler(CommandHandler(list(COMMAND_SCREENS), on_command))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.LOCATION, on_location))
    app.add_handler(MessageHandler(filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(filters.TEXT, on_text))
    app.add_handler(MessageHandler(filters.ALL, on_anything_else))
    app.add_error_handler(on_error)
