"""The commands menu (setMyCommands) in every UI language."""

from __future__ import annotations

from telegram import BotCommand
from telegram.ext import ExtBot

from bot.i18n import SOURCE_LANGUAGE, SUPPORTED, translator

TELEGRAM_LANGUAGE_CODES = {"fil": "tl"}
"""setMyCommands takes two-letter ISO 639-1 codes: Filipino phones report `tl`."""


def command_menu(language: str) -> list[BotCommand]:
    tr = translator(language)
    return [
        BotCommand("start", tr.gettext("Start and show the menu")),
        BotCommand("emergency", tr.gettext("Emergency numbers")),
        BotCommand("consulate", tr.gettext("My embassy or consulate")),
        BotCommand("plans", tr.gettext("What to do if…")),
        BotCommand("register", tr.gettext("Be counted in a crisis (anonymous)")),
        BotCommand("language", tr.gettext("Change the language")),
        BotCommand("help", tr.gettext("Help")),
        BotCommand("forget", tr.gettext("Delete my data")),
    ]


async def publish_commands(bot: ExtBot[None]) -> None:
    await bot.set_my_commands(command_menu(SOURCE_LANGUAGE))
    for language in SUPPORTED:
        code = TELEGRAM_LANGUAGE_CODES.get(language, language)
        await bot.set_my_commands(command_menu(language), language_code=code)
