"""Where an input meets storage: load her state, let a screen decide, store what changed.

Both adapters (Telegram and the terminal shell) answer every input through `respond`, so they
behave the same.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import assert_never

from bot.content.model import Content
from bot.i18n import match_language
from bot.screens.base import HOME, Forget, Outcome, Register, Renew, Report, Screen, Unregister
from bot.screens.inputs import Command, Input, answer
from bot.screens.menu import home
from bot.screens.regions import NOT_SAID
from bot.screens.router import first_contact, route, view_for
from bot.state import Registration, UserState
from bot.storage.reports import Reported
from bot.storage.repository import Store


@dataclass(frozen=True)
class Who:
    """The person an input comes from, as the transport knows her (never stored as such)."""

    user_id: int
    chat_id: int
    language: str | None = None
    """The language her client reports, used until she chooses one."""


async def load_state(store: Store, user_id: int, client_language: str | None) -> UserState:
    saved, registration = await store.load_user(user_id)
    return _merged(saved, registration, client_language)


def _merged(
    saved: UserState | None, registration: Registration | None, client_language: str | None
) -> UserState:
    state = saved or UserState(language=match_language(client_language) or "en")
    if registration is None:
        return state
    return replace(  # her registration answers what her settings do not (yet) say
        state,
        registration=registration,
        origin=state.origin or registration.origin,
        host=state.host or registration.host,
    )


async def respond(
    store: Store, content: Content, said: Input, who: Who
) -> tuple[Screen, UserState]:
    """The screen to show for one input, and her state after it."""
    saved, registration = await store.load_user(who.user_id)
    if registration is not None and not registration.reachable:
        # She writes to the bot, so she has not blocked it (any more): alerts reach her again.
        await store.registrations.set_reachable(who.user_id, True)
        registration = replace(registration, reachable=True)
    before = _merged(saved, registration, who.language)
    if isinstance(said, Command) and said.name == "start":
        known = None if saved is None else before
        outcome = first_contact(content, known, who.language, said.payload)
        if saved is None:  # a first contact stores her language even before she answers
            await store.save_state(who.user_id, outcome.state)
    else:
        outcome = answer(view_for(content, before), said)
    return await settle(store, content, outcome, before=before, who=who)


async def settle(
    store: Store, content: Content, outcome: Outcome, *, before: UserState, who: Who
) -> tuple[Screen, UserState]:
    """Apply the outcome's effect, save changed choices, and return the screen to show."""
    effect, state = outcome.effect, outcome.state
    match effect:
        case None:
            pass
        case Forget():
            await store.forget(who.user_id)
        case Register(region, party):
            if state.origin and state.host:
                await store.registrations.save(
                    who.user_id,
                    who.chat_id,
                    origin=state.origin,
                    host=state.host,
                    region=None if region == NOT_SAID else region,
                    party=party,
                    language=state.language,
                )
        case Renew():
            await store.registrations.renew(who.user_id)
        case Unregister():
            await store.registrations.delete(who.user_id)
        case Report(report, refused):
            if await store.reports.add(who.user_id, report) is Reported.LIMITED:
                return refused, state
        case _:
            assert_never(effect)
    choices_changed = replace(state, registration=None) != replace(before, registration=None)
    if not isinstance(effect, Forget) and choices_changed:
        await store.save_state(who.user_id, state)
        if state.language != before.language and before.registration is not None:
            await store.registrations.set_language(who.user_id, state.language)
    if outcome.screen is not None:
        return outcome.screen, state
    state = await load_state(store, who.user_id, state.language)
    view = view_for(content, state)
    then = HOME if effect is None or isinstance(effect, Forget | Report) else effect.then
    return route(view, then).screen or home(view), state
