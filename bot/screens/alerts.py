"""Alerts as recipients see them, roll-call answers, and the counts staff see (never people)."""

from __future__ import annotations

from bot.content.model import Content
from bot.i18n import N_, SUPPORTED, Translator, chain, translator
from bot.screens.base import TEXT_LIMIT, Action, Button, Screen, View, noted, rows, visible_length
from bot.screens.contacts import emergency_numbers
from bot.screens.html import bold, esc, italic
from bot.screens.registration import operator_name
from bot.state import Alert, RegionStats, suppressed, suppressed_total

SEVERITY_HEADERS = {
    "info": N_("ℹ️ Information from {operator}"),
    "warning": N_("⚠️ Warning from {operator}"),
    "urgent": N_("🚨 URGENT message from {operator}"),
}


def alert_text(tr: Translator, alert: Alert) -> str:
    """The alert in her language, else along her fallback chain (English is always there)."""
    return next(alert.texts[code] for code in (*chain(tr.language), "en") if code in alert.texts)


def sender(tr: Translator, content: Content, origin: str) -> str:
    """Who signs an alert: the operator named in the origin's content, in her language."""
    item = content.origins.get(origin)
    if item is None:
        return tr.gettext("the people who run this bot")
    return tr.fact_text(item.origin.operator.name, content.is_outdated)


def alert_message(tr: Translator, alert: Alert, signed: str, reminder: bool = False) -> Screen:
    """The alert as she receives it, signed by whoever sent it (`sender`)."""
    header = tr.gettext(SEVERITY_HEADERS[alert.severity]).format(operator=signed)
    lines = [bold(header)]
    if reminder:
        reminded = tr.gettext("Reminder: please answer, it helps those organising help.")
        lines.append(italic(reminded))
    lines.append(esc(alert_text(tr, alert)))
    buttons: tuple[tuple[Button, ...], ...] = ()
    if alert.rollcall:
        lines.append(bold(tr.gettext("Are you safe?")))
        ids = (str(alert.id), str(alert.round))
        buttons = (
            (
                Button(tr.gettext("✅ I am safe"), Action("rc", (*ids, "safe"))),
                Button(tr.gettext("🆘 I need help"), Action("rc", (*ids, "help"))),
            ),
        )
    return Screen(text="\n\n".join(lines), buttons=buttons)


def too_long_for(content: Content, alert: Alert) -> dict[str, int]:
    """Languages in which the alert as sent (a reminder is its longest form) would be longer
    than Telegram accepts, with that length: it would be refused to everyone reading them."""
    found = {}
    for code in SUPPORTED:
        tr = translator(code)
        screen = alert_message(tr, alert, sender(tr, content, alert.origin), reminder=True)
        length = visible_length(tr.directed(screen.text))
        if length > TEXT_LIMIT:
            found[code] = length
    return found


def too_long_note(tr: Translator, lengths: dict[str, int]) -> str:
    over = max(lengths.values()) - TEXT_LIMIT
    return tr.gettext(
        "This text is too long for Telegram: shorten it by at least {count} characters "
        "(languages: {languages}). Nothing was queued."
    ).format(count=over, languages=", ".join(lengths))


def region_counts(tr: Translator, stats: RegionStats) -> str:
    return tr.gettext("Safe: {safe} · Need help: {help} · No answer yet: {none}").format(
        safe=suppressed(stats.safe), help=suppressed(stats.help), none=suppressed(stats.no_answer)
    )


def answered(view: View, answer: str, mine: RegionStats | None) -> Screen:
    """After her answer: help numbers at once if she needs help, else her region's counts."""
    tr = view.tr
    if answer == "help":
        note = tr.gettext(
            "{operator} see that someone in your region needs help, but not who. "
            "If you are in danger, call now:"
        ).format(operator=operator_name(view))
        return noted(emergency_numbers(view), note)
    lines = [esc(tr.gettext("Thank you. You are now counted as safe."))]
    if mine is not None:
        lines.append(
            esc(tr.gettext("In your region so far:")) + " " + esc(region_counts(tr, mine))
        )
    lines.append(esc(tr.gettext("If things change, tap “I need help” on the message above.")))
    return Screen("\n\n".join(lines), rows(Button(tr.gettext("☰ Menu"), Action("home"))))


def stats_text(
    tr: Translator,
    alert: Alert,
    stats: list[RegionStats],
    pending: int,
    region_name: dict[str | None, str],
) -> str:
    """What staff see: counts per region, small numbers suppressed so no one is singled out."""
    title = tr.gettext("Alert #{id} · {origin} in {host} · round {round}").format(
        id=alert.id, origin=alert.origin, host=alert.host, round=alert.round
    )
    lines = [bold(title)]
    cells = [row.recipients for row in stats]
    delivered = sum(row.delivered for row in stats)
    lines.append(
        esc(
            tr.gettext("Sent: {delivered} of {total} · still to send: {pending}").format(
                delivered=suppressed_total(delivered, cells),
                total=suppressed_total(sum(cells), cells),
                pending=suppressed_total(pending, cells),
            )
        )
    )
    for row in stats:
        name = region_name.get(row.region) or tr.gettext("Region not said")
        answers = (row.safe, row.help, row.no_answer) if alert.rollcall else ()
        counts = region_counts(tr, row) if alert.rollcall else ""
        people = suppressed_total(row.recipients, answers)  # else recipients - shown = hidden
        lines.append(f"• {esc(name)}: {esc(people)} · {esc(counts)}".rstrip(" ·"))
    return "\n".join(lines)
