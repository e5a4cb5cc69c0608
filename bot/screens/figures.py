"""The figures staff plan with (`/stats` and `python -m bot stats` show the same): people
estimated from party sizes, bot users per nationality and country, the latest alerts.

Every figure keeps the small-cell rule of bot/state.py: a count of 1 to 4 is "< 5", and a
total over such a cell is rounded to 5 ("≈15"; its people become "at least" a multiple of 5),
so no one is found by subtracting the shown cells from a total."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from bot.content.model import Content
from bot.content.regions import english_names
from bot.i18n import N_, Translator
from bot.screens.alerts import alert_text
from bot.screens.html import bold, esc, italic
from bot.state import (
    SMALL_CELL,
    AlertSummary,
    People,
    PlaceCount,
    UserCount,
    hides,
    suppressed_total,
)

FIRST_LINE = 60
"""Characters of an alert's first line shown in the list."""
SEVERITY_LABELS = {
    "info": N_("ℹ️ Info (silent)"),
    "warning": N_("⚠️ Warning"),
    "urgent": N_("🚨 Urgent"),
}


def people_shown(tr: Translator, people: People) -> str:
    if people.high is None:
        return tr.gettext("at least {count}").format(count=people.low)
    if people.high == people.low:
        return str(people.low)
    return f"{people.low}–{people.high}"


def _line(tr: Translator, place: str, count: int, cells: list[int], people: People) -> str:
    """`place: registrations · people: estimate`; no estimate when the count is hidden, and a
    widened one when a cell under it is."""
    shown = f"{place}: {suppressed_total(count, cells)}"
    if count >= SMALL_CELL:
        estimate = people.widened() if hides(cells) else people
        shown += " · " + tr.gettext("people: {people}").format(people=people_shown(tr, estimate))
    return esc(shown)


def _sum(places: Iterable[PlaceCount]) -> People:
    total = People()
    for place in places:
        total += place.people
    return total


def people_figures(tr: Translator, content: Content, places: list[PlaceCount]) -> str:
    """Registrations per region and the people they stand for, with totals per country and,
    for a nationality in several countries, over all of them."""
    lines = [
        bold(tr.gettext("Registrations and the people they stand for")),
        esc(
            tr.gettext(
                "People are estimated from the party sizes given: “1” counts 1, “2-4” 2 to 4, "
                "“5+” at least 5. Under 5 registrations: “< 5” and no estimate; a total over "
                "such a place is rounded (≈) and its people a lower bound."
            )
        ),
    ]
    for origin, in_origin in groupby(places, key=lambda place: place.origin):
        mine = list(in_origin)
        hosts = 0
        for host, in_host in groupby(mine, key=lambda place: place.host):
            here = list(in_host)
            hosts += 1
            names = english_names(content, host)
            cells = [place.registrations for place in here]
            for place in here:
                name = names.get(place.region) or tr.gettext("Region not said")
                where = f"{origin} → {host} · {name}"
                lines.append(_line(tr, where, place.registrations, [], place.people))
            if len(here) > 1:
                all_regions = tr.gettext("all regions")
                where = f"{origin} → {host} · {all_regions}"
                lines.append(_line(tr, where, sum(cells), cells, _sum(here)))
        if hosts > 1:
            cells = [place.registrations for place in mine]
            all_countries = tr.gettext("all countries")
            where = f"{origin} · {all_countries}"
            lines.append(_line(tr, where, sum(cells), cells, _sum(mine)))
    if not places:
        lines.append(esc(tr.gettext("No registrations yet.")))
    return "\n".join(lines)


def user_figures(
    tr: Translator, places: list[PlaceCount], users: list[UserCount], days: int
) -> str:
    """Bot users per nationality and country, registered or not, beside the registered."""
    lines = [
        bold(tr.gettext("People using the bot")),
        esc(
            tr.gettext(
                "From the choices the bot keeps: people who chose this nationality and country "
                "in the last {days} days, or are registered there. No one is named."
            ).format(days=days)
        ),
    ]
    cells: dict[tuple[str, str], list[int]] = {}
    for place in places:
        cells.setdefault((place.origin, place.host), []).append(place.registrations)
    for origin, in_origin in groupby(users, key=lambda count: count.origin):
        mine = list(in_origin)
        every_cell: list[int] = []
        for count in mine:
            registered = cells.get((count.origin, count.host), [])
            unregistered = count.users - count.registered
            # users = registered + unregistered: exact over a hidden region, or with few
            # unregistered, it would tell the registered total the figures above round
            under = [*registered, unregistered]
            every_cell += [*under, count.users]
            line = tr.gettext("bot users {users} · registered {registered}").format(
                users=suppressed_total(count.users, under),
                registered=suppressed_total(count.registered, registered),
            )
            lines.append(esc(f"{origin} → {count.host}: {line}"))
        if len(mine) > 1:
            every_registration = [c for (o, _), cs in cells.items() if o == origin for c in cs]
            line = tr.gettext("bot users {users} · registered {registered}").format(
                users=suppressed_total(sum(c.users for c in mine), every_cell),
                registered=suppressed_total(sum(c.registered for c in mine), every_registration),
            )
            all_countries = tr.gettext("all countries")
            lines.append(esc(f"{origin} · {all_countries}: {line}"))
    if not users:
        lines.append(esc(tr.gettext("No one has chosen these countries yet.")))
    return "\n".join(lines)


def first_line(tr: Translator, summary: AlertSummary) -> str:
    """The alert's first line in the staff member's language (else along its chain)."""
    text = next(iter(alert_text(tr, summary.alert).strip().splitlines()), "")
    return text if len(text) <= FIRST_LINE else text[: FIRST_LINE - 1].rstrip() + "…"


def _targets(tr: Translator, content: Content, summary: AlertSummary) -> str:
    alert = summary.alert
    if not alert.regions:
        everywhere = tr.gettext("Whole country")
        return f"{alert.origin} → {alert.host} · {everywhere}"
    names = english_names(content, alert.host)
    return f"{alert.origin} → {alert.host} · " + ", ".join(
        names.get(region) or region for region in alert.regions
    )


def alert_summaries(tr: Translator, content: Content, summaries: list[AlertSummary]) -> str:
    """Per alert, newest first: when, how urgent, where, its first line, delivery and
    answers."""
    lines = [bold(tr.gettext("Latest alerts"))]
    for summary in summaries:
        alert, regions = summary.alert, summary.regions
        sent = sum(region.delivered for region in regions)
        failed = sum(region.failed for region in regions)
        blocked = sum(region.blocked for region in regions)
        answers = [
            sum(region.safe for region in regions),
            sum(region.help for region in regions),
            sum(region.no_answer for region in regions),
        ]
        # every figure is a part of the recipients: one hidden, all are rounded
        cells = [region.recipients for region in regions]
        cells += [sent, failed, blocked, summary.pending, *(answers if alert.rollcall else ())]

        def shown(count: int, cells: list[int] = cells) -> str:
            return suppressed_total(count, cells)

        head = [
            f"#{alert.id}",
            f"{summary.created:%Y-%m-%d %H:%M} UTC",
            tr.gettext(SEVERITY_LABELS[alert.severity]),
            _targets(tr, content, summary),
        ]
        if alert.rollcall:
            head.append(tr.gettext("roll-call, round {round}").format(round=alert.round))
        lines.append("")
        lines.append(bold(" · ".join(head)))
        lines.append(italic(f"“{first_line(tr, summary)}”"))
        counts = tr.gettext(
            "recipients {recipients} · sent {sent} · failed {failed} · blocked {blocked} · "
            "still to send {pending}"
        ).format(
            recipients=shown(sum(region.recipients for region in regions)),
            sent=shown(sent),
            failed=shown(failed),
            blocked=shown(blocked),
            pending=shown(summary.pending),
        )
        lines.append(esc(counts))
        if alert.rollcall:
            safe, help_, none = (shown(count) for count in answers)
            answered = tr.gettext("Safe: {safe} · Need help: {help} · No answer yet: {none}")
            lines.append(esc(answered.format(safe=safe, help=help_, none=none)))
    if not summaries:
        lines.append(esc(tr.gettext("No alerts yet.")))
    return "\n".join(lines)
