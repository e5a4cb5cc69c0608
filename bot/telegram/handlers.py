"""Telegram handlers: decode the update, ask a screen, render it. No logic of their own."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, cast

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.error import TelegramError, TimedOut
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

from bot.config import Settings
from bot.content.model import Content
from bot.effects import load_state, settle
from bot.i18n import N_, SUPPORTED, match_language, translator
from bot.screens.base import Action, Effect, Outcome, View, esc, noted
from bot.screens.location import located
from bot.screens.menu import forgotten
from bot.screens.router import first_contact, next_question, route, view_for
from bot.screens.search import search_results
from bot.state import UserState
from bot.storage.repository import Store
from bot.telegram.admin import on_admin_button, on_admin_text, on_alert, on_stats
from bot.telegram.background import Background
from bot.telegram.callbacks import decode
from bot.telegram.flood import FloodGuard, Verdict
from bot.telegram.render import cancel_label, edit_in_place, remove_reply_keyboard, send_screen
from bot.telegram.rollcall import on_rollcall

log = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 300
"""Longer messages are not searched: nobody types a crisis in 300 characters to a menu bot."""

TOO_LONG = N_("That message is too long for me. Type a few words, like “lost passport”.")
COMMAND_SCREENS = {
    "register": "reg",
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
    settings: Settings
    background: Background | None = None
    flood: FloodGuard = field(default_factory=FloodGuard)


class BotData:
    """Typed bot_data (PTB creates it with no arguments; build_application fills it)."""

    deps: Deps


Ctx = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
LifelineApp = Application[ExtBot[None], Ctx, dict[Any, Any], dict[Any, Any], BotData, Any]


Decide = Callable[[View], Outcome]


async def _respond(
    update: Update, context: Ctx, decide: Decide, query: CallbackQuery | None = None
) -> None:
    """Load her state, let a screen decide, store what changed, show the result."""
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    deps = context.bot_data.deps
    state = await load_state(deps.store, user.id, user.language_code)
    outcome = decide(view_for(deps.content, state))
    screen, state = await settle(
        deps.store, deps.content, outcome, before=state, telegram_id=user.id, chat_id=chat.id
    )
    tr = translator(state.language)
    if query is not None:
        await edit_in_place(query, screen, tr)
    else:
        await send_screen(context.bot, chat.id, screen, tr)


@cache
def _cancel_labels() -> frozenset[str]:
    return frozenset(cancel_label(translator(code)) for code in SUPPORTED)


def _noted(note: str) -> Decide:
    return lambda view: Outcome(noted(next_question(view), view.tr.gettext(note)), view.state)


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


async def on_start(update: Update, context: Ctx) -> None:
    user = cast(User, update.effective_user)
    deps = context.bot_data.deps
    saved, registration = await deps.store.load_user(user.id)
    if saved is not None:
        saved = replace(saved, registration=registration)
    payload = context.args[0] if context.args else ""
    outcome = first_contact(deps.content, saved, user.language_code, payload)
    if saved is None:  # a first contact stores her language even before she answers
        await deps.store.save_state(user.id, outcome.state)
    await _respond(update, context, lambda view: outcome)


async def on_command(update: Update, context: Ctx) -> None:
    message = cast(Message, update.effective_message)
    name = (message.text or "/").split()[0][1:].split("@")[0].lower()
    action = Action(COMMAND_SCREENS[name])
    await _respond(update, context, lambda view: route(view, action))


async def on_forget(update: Update, context: Ctx) -> None:
    def forget(view: View) -> Outcome:
        after = UserState(language=view.state.language)
        return Outcome(forgotten(view), after, Effect("forget"))

    await _respond(update, context, forget)


async def on_unknown_command(update: Update, context: Ctx) -> None:
    await _respond(
        update, context, _noted(N_("I do not know that command. Send /help to see what I can do."))
    )


async def on_button(update: Update, context: Ctx) -> None:
    query = cast(CallbackQuery, update.callback_query)
    action = decode(query.data)
    if action.screen == "adm":  # these answer the query themselves, with a notice
        await on_admin_button(update, context, action.args)
        return
    if action.screen == "rc":
        await on_rollcall(update, context, action.args)
        return
    try:
        await query.answer()  # at once, or the client keeps spinning
    except TelegramError as error:  # expired or refused: she still gets her screen
        log.info("a button could not be answered: %s", type(error).__name__)
    await _respond(update, context, lambda view: route(view, action), query=query)


async def on_location(update: Update, context: Ctx) -> None:
    chat = cast(Chat, update.effective_chat)
    point = cast(Message, update.effective_message).location
    if point is None:
        return
    user = cast(User, update.effective_user)
    state = await load_state(context.bot_data.deps.store, user.id, user.language_code)
    thanks = translator(state.language).gettext("📍 Thank you.")
    await remove_reply_keyboard(context.bot, chat.id, thanks)
    await _respond(update, context, lambda view: located(view, point.latitude, point.longitude))


async def on_text(update: Update, context: Ctx) -> None:
    if await on_admin_text(update, context):
        return
    text = cast(Message, update.effective_message).text or ""

    def answer(view: View) -> Outcome:
        if text.strip() == cancel_label(view.tr):
            return Outcome(next_question(view), view.state)
        if view.origin is None or view.host is None:
            return Outcome(next_question(view), view.state)
        if len(text) > MAX_TEXT_LENGTH:
            return _noted(TOO_LONG)(view)
        return Outcome(search_results(view, text), view.state)

    if text.strip() in _cancel_labels():
        chat = cast(Chat, update.effective_chat)
        await remove_reply_keyboard(context.bot, chat.id, "👌")
    await _respond(update, context, answer)


async def on_anything_else(update: Update, context: Ctx) -> None:
    """Stickers, photos, voice, files, contacts: say what works, show the menu."""
    if update.effective_user is None or update.effective_chat is None:
        return
    await _respond(
        update,
        context,
        _noted(
            N_(
                "I can read short text, button taps and a shared location, "
                "but not this kind of message."
            )
        ),
    )


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
    app.add_handler(CommandHandler("start", on_start))
    app.add_handler(CommandHandler("forget", on_forget))
    app.add_handler(CommandHandler("alert", on_alert))  # staff only: refuses everyone else
    app.add_handler(CommandHandler("stats", on_stats))
    app.add_handler(CommandHandler(list(COMMAND_SCREENS), on_command))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.LOCATION, on_location))
    app.add_handler(MessageHandler(filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(filters.TEXT, on_text))
    app.add_handler(MessageHandler(filters.ALL, on_anything_else))
    app.add_error_handler(on_error)
