"""Where an outcome meets storage: load a user's state, apply effects, persist her choices.

Both adapters (Telegram and the terminal shell) use these, so they behave the same.
"""

from __future__ import annotations

from dataclasses import replace

from bot.content.model import Content
from bot.i18n import match_language
from bot.screens.base import HOME, Outcome, Screen
from bot.screens.menu import home
from bot.screens.registration import NOT_SAID
from bot.screens.router import route, view_for
from bot.state import UserState
from bot.storage.repository import Store


async def load_state(store: Store, telegram_id: int, telegram_language: str | None) -> UserState:
    saved, registration = await store.load_user(telegram_id)
    state = saved or UserState(language=match_language(telegram_language) or "en")
    if registration is None:
        return state
    return replace(  # her registration answers what her settings do not (yet) say
        state,
        registration=registration,
        origin=state.origin or registration.origin,
        host=state.host or registration.host,
    )


async def settle(
    store: Store,
    content: Content,
    outcome: Outcome,
    *,
    before: UserState,
    telegram_id: int,
    chat_id: int,
) -> tuple[Screen, UserState]:
    """Apply the outcome's effect, save changed choices, and return the screen to show."""
    effect, state = outcome.effect, outcome.state
    if effect is not None:
        if effect.kind == "forget":
            await store.forget(telegram_id)
        elif effect.kind == "register" and state.origin and state.host:
            region, party = effect.args
            await store.registrations.save(
                telegram_id,
                chat_id,
                origin=state.origin,
                host=state.host,
                region=None if region == NOT_SAID else region,
                party=party,
                language=state.language,
            )
        elif effect.kind == "renew":
            await store.registrations.renew(telegram_id)
        elif effect.kind == "unregister":
            await store.registrations.delete(telegram_id)
    choices_changed = replace(state, registration=None) != replace(before, registration=None)
    if (effect is None or effect.kind != "forget") and choices_changed:
        await store.save_state(telegram_id, state)
        if state.language != before.language and before.registration is not None:
            await store.registrations.set_language(telegram_id, state.language)
    if outcome.screen is not None:
        return outcome.screen, state
    state = await load_state(store, telegram_id, state.language)
    view = view_for(content, state)
    shown = route(view, effect.then if effect is not None else HOME).screen
    return shown or home(view), state
