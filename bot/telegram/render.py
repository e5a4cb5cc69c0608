"""Screens to Telegram messages: keyboards, splitting long text, editing in place."""

from __future__ import annotations

import re
from functools import lru_cache

from telegram import (
    Bot,
    CallbackQuery,
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import MessageLimit
from telegram.error import BadRequest

from bot.i18n import Translator
from bot.screens.base import Button, Screen
from bot.telegram.callbacks import encode


def inline_keyboard(screen: Screen) -> InlineKeyboardMarkup | None:
    return _markup(screen.buttons)


@lru_cache(maxsize=4096)
def _markup(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """Menus repeat: PTB objects are immutable, so one markup serves every identical menu."""
    if not buttons:
        return None
    return InlineKeyboardMarkup([[_button(button) for button in row] for row in buttons])


def _button(button: Button) -> InlineKeyboardButton:
    if button.url:
        return InlineKeyboardButton(button.label, url=button.url)
    if button.copy:
        return InlineKeyboardButton(button.label, copy_text=CopyTextButton(button.copy))
    data = encode(button.action) if button.action else None
    return InlineKeyboardButton(button.label, callback_data=data)


def location_keyboard(tr: Translator) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(tr.gettext("📍 Send my location"), request_location=True)],
            [KeyboardButton(cancel_label(tr))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def cancel_label(tr: Translator) -> str:
    return tr.gettext("✖️ Cancel")


TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph (else line) boundaries; a tag
    open at a cut is closed there and opened again in the next piece, so every piece is valid
    Telegram HTML on its own."""
    room = limit - 200  # space for the tags closed and reopened at a cut
    pieces: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        part = paragraph
        while len(part) > room:  # one paragraph longer than a message: cut at a line
            if current:
                pieces.append(current)
                current = ""
            cut = _safe_cut(part, room)
            pieces.append(part[:cut])
            part = part[cut:].lstrip("\n")
        candidate = f"{current}\n\n{part}" if current else part
        if len(candidate) <= room:
            current = candidate
        else:
            pieces.append(current)
            current = part
    if current or not pieces:
        pieces.append(current)
    return _balanced(pieces)


def _safe_cut(part: str, room: int) -> int:
    """The last line break before `room`, else the last place not inside a tag or entity."""
    cut = part.rfind("\n", 0, room)
    if cut > 0:
        return cut
    cut = room
    for opener, closer in (("<", ">"), ("&", ";")):
        start = part.rfind(opener, 0, cut)
        if start >= 0 and part.find(closer, start, cut) < 0:
            cut = start
    return max(cut, 1)


def _balanced(pieces: list[str]) -> list[str]:
    result: list[str] = []
    carried: list[tuple[str, str]] = []  # (name, full opening tag) open at the previous cut
    for piece in pieces:
        text = "".join(tag for _, tag in carried) + piece
        stack: list[tuple[str, str]] = []
        for match in TAG.finditer(text):
            if match.group(1):
                if stack and stack[-1][0] == match.group(2):
                    stack.pop()
            else:
                stack.append((match.group(2), match.group(0)))
        result.append(text + "".join(f"</{name}>" for name, _ in reversed(stack)))
        carried = stack
    return result


async def send_screen(bot: Bot, chat_id: int, screen: Screen, tr: Translator) -> None:
    pieces = split_text(tr.directed(screen.text))
    for piece in pieces[:-1]:
        await bot.send_message(chat_id, piece)
    markup = location_keyboard(tr) if screen.ask_location else inline_keyboard(screen)
    await bot.send_message(chat_id, pieces[-1], reply_markup=markup)
    if screen.venue is not None:
        await send_venue(bot, chat_id, screen)


async def send_venue(bot: Bot, chat_id: int, screen: Screen) -> None:
    venue = screen.venue
    if venue is not None:
        await bot.send_venue(
            chat_id,
            latitude=venue.lat,
            longitude=venue.lon,
            title=venue.title,
            address=venue.address or venue.title,
        )


async def remove_reply_keyboard(bot: Bot, chat_id: int, text: str) -> None:
    await bot.send_message(chat_id, text, reply_markup=ReplyKeyboardRemove())


async def edit_in_place(query: CallbackQuery, screen: Screen, tr: Translator) -> None:
    """Navigation edits the message it came from; where that is impossible, send a new one."""
    message = query.message
    pieces = split_text(tr.directed(screen.text))
    if (
        isinstance(message, Message)
        and message.text is not None
        and len(pieces) == 1
        and not screen.ask_location
    ):
        try:
            await message.edit_text(pieces[0], reply_markup=inline_keyboard(screen))
        except BadRequest as error:
            if "not modified" not in error.message.lower():
                await send_screen(query.get_bot(), message.chat_id, screen, tr)
                return
        if screen.venue is not None:
            await send_venue(query.get_bot(), message.chat_id, screen)
        return
    chat = query.message.chat if query.message else None
    if chat is not None:
        await send_screen(query.get_bot(), chat.id, screen, tr)
