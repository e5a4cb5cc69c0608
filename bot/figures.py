"""The staff figures, gathered once for both places that show them: `/stats` in Telegram
(bot/telegram/admin.py) and `python -m bot stats` (bot/staff_cli.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.content.model import Content
from bot.i18n import Translator
from bot.screens.admin import wrong_number_reports
from bot.screens.figures import alert_summaries, people_figures, user_figures
from bot.state import PlaceCount
from bot.storage.repository import Store

USERS_WINDOW = timedelta(days=90)
"""Bot users are those whose choices were saved this recently (or who are registered):
user_settings rows are kept until /forget, so counting them all would count people long gone."""
ALERTS_SHOWN = 10


@dataclass(frozen=True)
class Figures:
    """Telegram HTML, one piece per message."""

    registrations: str
    """People estimated from party sizes, then bot users per country."""
    alerts: str
    alert_ids: tuple[int, ...]
    reports: str
    places: list[PlaceCount]
    """For the charts."""


async def staff_figures(
    store: Store, content: Content, tr: Translator, origins: tuple[str, ...]
) -> Figures:
    """Everything for these nationalities (all when none), small cells hidden."""
    places = await store.registrations.places(origins)
    since = store.today() - USERS_WINDOW
    users = await store.usage.counts(since, origins)
    summaries = await store.alerts.summaries(origins, ALERTS_SHOWN)
    people = people_figures(tr, content, places)
    using = user_figures(tr, places, users, USERS_WINDOW.days)
    return Figures(
        f"{people}\n\n{using}",
        alert_summaries(tr, content, summaries),
        tuple(summary.alert.id for summary in summaries),
        wrong_number_reports(tr, await store.reports.counts(origins)),
        places,
    )
