"""What Telegram shows before a chat starts, in every UI language: the bot's name, its
description and the command menu (setMyName, setMyDescription, setMyCommands)."""

from __future__ import annotations

import logging

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.i18n import N_, SOURCE_LANGUAGE, SUPPORTED, translator
from bot.languages import languages
from bot.screens.inputs import USER_COMMANDS

log = logging.getLogger(__name__)

NAME = N_("Lifeline: help abroad")
DESCRIPTION = N_(
    "Emergency numbers, what to do in a crisis and how to reach your embassy or consulate, "
    "in your language. Free. You do not need to give your name."
)
SHORT_DESCRIPTION = N_("Emergency numbers, crisis plans and your embassy, in your language.")


def command_menu(language: str) -> list[BotCommand]:
    tr = translator(language)
    return [BotCommand(command.name, tr.gettext(command.description)) for command in USER_COMMANDS]


async def publish_commands(bot: ExtBot[None]) -> None:
    """Set what changed (Telegram limits how often a name may be set); a refusal is logged and
    the bot runs on with what Telegram shows already."""
    for language in SUPPORTED:
        tag = None if language == SOURCE_LANGUAGE else languages().telegram_tag(language)
        tr = translator(language)
        try:
            await bot.set_my_commands(command_menu(language), language_code=tag)
            if (await bot.get_my_name(tag)).name != tr.gettext(NAME):
                await bot.set_my_name(tr.gettext(NAME), language_code=tag)
            if (await bot.get_my_description(tag)).description != tr.gettext(DESCRIPTION):
                await bot.set_my_description(tr.gettext(DESCRIPTION), language_code=tag)
            short = tr.gettext(SHORT_DESCRIPTION)
            if (await bot.get_my_short_description(tag)).short_description != short:
                await bot.set_my_short_description(short, language_code=tag)
        except TelegramError as error:
            log.warning("Telegram did not take the %s name or menu: %s", language, error.message)
