"""The commands menu (setMyCommands) in every UI language, from the one command table."""

from __future__ import annotations

from telegram import BotCommand
from telegram.ext import ExtBot

from bot.i18n import SOURCE_LANGUAGE, SUPPORTED, translator
from bot.screens.inputs import USER_COMMANDS

TELEGRAM_LANGUAGE_CODES = {"fil": "tl"}
"""setMyCommands takes two-letter ISO 639-1 codes: Filipino phones report `tl`."""


def command_menu(language: str) -> list[BotCommand]:
    tr = translator(language)
    return [BotCommand(command.name, tr.gettext(command.description)) for command in USER_COMMANDS]


async def publish_commands(bot: ExtBot[None]) -> None:
    await bot.set_my_commands(command_menu(SOURCE_LANGUAGE))
    for language in SUPPORTED:
        code = TELEGRAM_LANGUAGE_CODES.get(language, language)
        await bot.set_my_commands(command_menu(language), language_code=code)
