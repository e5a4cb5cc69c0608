"""A recipient's answer to "Are you safe?": counted once per round (the latest counts)."""

from __future__ import annotations

from typing import cast

from telegram import CallbackQuery, Chat, Update

from bot.effects import load_state
from bot.screens.alerts import answered
from bot.screens.base import Action
from bot.screens.router import route, view_for
from bot.telegram.context import Ctx
from bot.telegram.render import edit_in_place, send_screen


async def on_rollcall(update: Update, context: Ctx, args: tuple[str, ...]) -> None:
    query = cast(CallbackQuery, update.callback_query)
    deps = context.bot_data.deps
    user, chat = query.from_user, cast(Chat, update.effective_chat)
    state = await load_state(deps.store, user.id, user.language_code)
    view = view_for(deps.content, state)
    alert_id, round_, answer = ((*args, "", "", ""))[:3]
    try:
        region = await deps.store.alerts.answer(int(alert_id), int(round_), user.id, answer)
    except (LookupError, ValueError):  # forged, or a round that has been replaced
        await query.answer()
        outcome = route(view, Action("expired"))
        if outcome.screen is not None:
            await edit_in_place(query, outcome.screen, view.tr)
        return
    await query.answer(view.tr.gettext("Thank you, your answer is counted."))
    stats = await deps.store.alerts.stats(int(alert_id))
    mine = next((row for row in stats if row.region == region), None)
    # A new message: the alert keeps its buttons, so she can change her answer later.
    await send_screen(context.bot, chat.id, answered(view, answer, mine), view.tr)
