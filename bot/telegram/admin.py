"""Handlers for consular staff (BOT_ADMIN_IDS): compose alerts, watch counts, run roll-calls.

Everyone else, and staff outside their nationality scope, gets a refusal.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from telegram import CallbackQuery, Chat, Message, Update, User

from bot.config import AdminId
from bot.content.regions import english_names
from bot.figures import staff_figures
from bot.i18n import Translator, match_language, translator
from bot.outbox import alert_status
from bot.screens.admin import Draft, admin_action, composer, sent_note
from bot.screens.admin import with_answer as draft_with
from bot.screens.alerts import too_long_for, too_long_note
from bot.screens.base import Button, Screen, rows
from bot.screens.html import esc
from bot.telegram.context import Ctx, Deps
from bot.telegram.render import edit_in_place, send_screen


def staff(deps: Deps, user: User | None) -> AdminId | None:
    if user is None:
        return None
    return next((a for a in deps.settings.bot_admin_ids if a.telegram_id == user.id), None)


def _tr(user: User) -> Translator:
    return translator(match_language(user.language_code) or "en")


async def _refuse(update: Update, context: Ctx) -> None:
    user = cast(User, update.effective_user)
    text = _tr(user).gettext("This command is for consular staff only.")
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await context.bot.send_message(cast(Chat, update.effective_chat).id, esc(text))


async def _show(update: Update, context: Ctx, screen: Screen) -> None:
    user, chat = cast(User, update.effective_user), cast(Chat, update.effective_chat)
    tr = _tr(user)
    if update.callback_query is not None:
        await edit_in_place(update.callback_query, screen, tr)
    else:
        await send_screen(context.bot, chat.id, screen, tr)


async def _next(update: Update, context: Ctx, draft: Draft) -> None:
    deps = context.bot_data.deps
    admin = cast(AdminId, staff(deps, update.effective_user))
    if draft.severity is not None and draft.rollcall is not None and "en" not in draft.texts:
        draft = replace(draft, waiting_for="en")
    await deps.store.drafts.put(admin.telegram_id, draft.to_record())
    recipients = None
    if draft.origin and draft.host and "en" in draft.texts:
        recipients = await deps.store.alerts.recipient_cells(
            draft.origin, draft.host, draft.regions
        )
    tr = _tr(cast(User, update.effective_user))
    await _show(update, context, composer(tr, deps.content, draft, admin.origins, recipients))


async def on_alert(update: Update, context: Ctx) -> None:
    if staff(context.bot_data.deps, update.effective_user) is None:
        await _refuse(update, context)
        return
    await _next(update, context, Draft())


async def on_admin_text(update: Update, context: Ctx) -> bool:
    """The admin's typed text, when the composer waits for one; False if it was not for us."""
    if (admin := staff(context.bot_data.deps, update.effective_user)) is None:
        return False
    draft = Draft.from_record(await context.bot_data.deps.store.drafts.get(admin.telegram_id))
    if draft is None or draft.waiting_for is None:
        return False
    text = (cast(Message, update.effective_message).text or "").strip()
    tr = _tr(cast(User, update.effective_user))
    texts = {**draft.texts, draft.waiting_for: text}
    lengths = too_long_for(context.bot_data.deps.content, replace(draft, texts=texts).as_alert())
    if not text or lengths:
        note = too_long_note(tr, lengths) if lengths else tr.gettext("Please send the text.")
        await context.bot.send_message(cast(Chat, update.effective_chat).id, esc(note))
        return True
    await _next(update, context, replace(draft, texts=texts, waiting_for=None))
    return True


async def on_admin_button(update: Update, context: Ctx, args: tuple[str, ...]) -> None:
    deps = context.bot_data.deps
    admin = staff(deps, update.effective_user)
    query = cast(CallbackQuery, update.callback_query)
    if admin is None:
        await _refuse(update, context)
        return
    await query.answer()
    draft = Draft.from_record(await deps.store.drafts.get(admin.telegram_id))
    step, value = ((*args, "", ""))[:2]
    if step == "x":
        await deps.store.drafts.drop(admin.telegram_id)
        await _show(update, context, Screen(esc(_tr(admin_user(update)).gettext("Cancelled."))))
        return
    if step in {"round", "fix", "stat"}:
        await _alert_action(update, context, admin, step, value)
        return
    if draft is None:
        await _next(update, context, Draft())
        return
    if step == "go":
        await _send(update, context, admin, draft)
        return
    if step == "o" and not admin.may_act_for(value):
        await _refuse(update, context)
        return
    changed = draft_with(draft, step, value, deps.content)
    await _next(update, context, changed or draft)


def admin_user(update: Update) -> User:
    return cast(User, update.effective_user)


async def _send(update: Update, context: Ctx, admin: AdminId, draft: Draft) -> None:
    deps = context.bot_data.deps
    chat = cast(Chat, update.effective_chat)
    tr = _tr(admin_user(update))
    if not (draft.origin and draft.host and draft.severity and "en" in draft.texts):
        await _next(update, context, draft)
        return
    if not admin.may_act_for(draft.origin):
        await _refuse(update, context)
        return
    await deps.store.drafts.drop(admin.telegram_id)
    if draft.correcting is not None:
        await deps.store.alerts.update_texts(draft.correcting, draft.texts)
        note = tr.gettext("Correction queued: every recipient's message will be edited.")
    else:
        cells = await deps.store.alerts.recipient_cells(draft.origin, draft.host, draft.regions)
        alert_id, count = await deps.store.alerts.create(
            origin=draft.origin,
            host=draft.host,
            regions=draft.regions,
            severity=draft.severity,
            texts=draft.texts,
            rollcall=bool(draft.rollcall),
            admin_chat=chat.id,
            remind_after=deps.settings.rollcall_reminder,
        )
        note = sent_note(tr, alert_id, count, cells)
    deps.outbox_due.set()
    await _show(update, context, Screen(esc(note)))


async def _alert_action(
    update: Update, context: Ctx, admin: AdminId, step: str, value: str
) -> None:
    deps = context.bot_data.deps
    alert = await deps.store.alerts.get(int(value)) if value.isdigit() else None
    if alert is None or not admin.may_act_for(alert.origin):
        await _refuse(update, context)
        return
    tr = _tr(admin_user(update))
    if step == "round" and alert.rollcall:
        await deps.store.alerts.new_round(alert.id, deps.settings.rollcall_reminder)
        deps.outbox_due.set()
        await _show(update, context, Screen(esc(tr.gettext("New round queued."))))
    elif step == "fix":
        draft = Draft(
            alert.origin,
            alert.host,
            alert.regions,
            alert.severity,
            alert.rollcall,
            {},
            waiting_for="en",
            correcting=alert.id,
        )
        await deps.store.drafts.put(admin.telegram_id, draft.to_record())
        await _show(
            update, context, Screen(esc(tr.gettext("Send the corrected text in English now.")))
        )
    else:
        text = await alert_status(deps.store, deps.content, alert.id)
        await _show(update, context, Screen(text or "—", _alert_buttons(tr, alert.id)))


def _alert_buttons(tr: Translator, alert_id: int) -> tuple[tuple[Button, ...], ...]:
    ident = str(alert_id)
    return rows(
        Button(tr.gettext("📊 Refresh counts"), admin_action("stat", ident)),
        Button(tr.gettext("🔁 New roll-call round"), admin_action("round", ident)),
        Button(tr.gettext("✏️ Correct the text"), admin_action("fix", ident)),
    )


async def on_stats(update: Update, context: Ctx) -> None:
    deps = context.bot_data.deps
    admin = staff(deps, update.effective_user)
    if admin is None:
        await _refuse(update, context)
        return
    chat = cast(Chat, update.effective_chat)
    tr = _tr(admin_user(update))
    figures = await staff_figures(deps.store, deps.content, tr, admin.origins)
    await send_screen(context.bot, chat.id, Screen(figures.registrations), tr)
    places = figures.places
    for origin, host in dict.fromkeys((place.origin, place.host) for place in places):
        bars = [
            (region_label(deps, host, place.region), place.registrations)
            for place in places
            if (place.origin, place.host) == (origin, host)
        ]
        title = f"Registrations: {origin} in {host}"  # the chart font has Latin letters only
        from bot.charts import bar_chart  # noqa: PLC0415 - Pillow (3 MB) only for staff charts

        await context.bot.send_photo(chat.id, bar_chart(title, bars))
    details = [
        Button(f"📊 #{alert_id}", admin_action("stat", str(alert_id)))
        for alert_id in figures.alert_ids
    ]
    await send_screen(context.bot, chat.id, Screen(figures.alerts, rows(*details, per_row=5)), tr)
    await send_screen(context.bot, chat.id, Screen(figures.reports), tr)


def region_label(deps: Deps, host: str, region: str | None) -> str:
    return english_names(deps.content, host).get(region, "Region not said")
