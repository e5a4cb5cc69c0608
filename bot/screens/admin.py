"""Screens for consular staff: the alert composer, its preview, and counts (never people)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from bot.content.model import Content
from bot.content.regions import regions_in
from bot.i18n import SUPPORTED, Translator
from bot.screens.alerts import alert_message, sender
from bot.screens.base import Action, Button, Screen, rows
from bot.screens.html import bold, esc
from bot.state import Alert, WrongNumberCount, suppressed_total

SEVERITIES = ("info", "warning", "urgent")


@dataclass(frozen=True)
class Draft:
    """An alert being composed; kept per admin (in the database, a day at most) until sent or
    cancelled."""

    origin: str | None = None
    host: str | None = None
    regions: tuple[str, ...] = ()
    severity: str | None = None
    rollcall: bool | None = None
    texts: dict[str, str] = field(default_factory=dict)
    waiting_for: str | None = None
    """The language whose text the admin's next message is."""
    correcting: int | None = None
    """Set when the draft corrects the text of an alert already sent."""

    def to_record(self) -> dict[str, Any]:
        """Plain JSON values, for storage."""
        return {**asdict(self), "regions": list(self.regions)}

    @classmethod
    def from_record(cls, record: dict[str, Any] | None) -> Draft | None:
        """None for no record, or one this version cannot read (kept before an upgrade)."""
        if record is None:
            return None
        try:
            return cls(**{**record, "regions": tuple(record.get("regions", ()))})
        except TypeError:
            return None

    def as_alert(self) -> Alert:
        return Alert(
            0,
            self.origin or "",
            self.host or "",
            self.regions,
            self.severity or "info",
            self.texts,
            bool(self.rollcall),
            1,
            1,
        )


def admin_action(*args: str) -> Action:
    return Action("adm", args)


def composer(
    tr: Translator,
    content: Content,
    draft: Draft,
    origins: tuple[str, ...],
    recipients: list[int] | None = None,
) -> Screen:
    """The next question of the composer, from what the draft already has."""
    cancel = (Button(tr.gettext("✖️ Cancel"), admin_action("x")),)
    if draft.origin is None:
        choices = [o for o in sorted(content.origins) if not origins or o in origins]
        buttons = [Button(tr.territory(code), admin_action("o", code)) for code in choices]
        return Screen(esc(tr.gettext("New alert. Whose nationals?")), (*rows(*buttons), cancel))
    if draft.host is None:
        buttons = [
            Button(tr.territory(code), admin_action("h", code)) for code in sorted(content.hosts)
        ]
        return Screen(esc(tr.gettext("In which country?")), (*rows(*buttons, per_row=2), cancel))
    if draft.severity is None:
        return _regions_and_severity(tr, content, draft, cancel)
    if draft.rollcall is None:
        choice = rows(
            Button(tr.gettext("Yes: ask “Are you safe?”"), admin_action("c", "1")),
            Button(tr.gettext("No, information only"), admin_action("c", "0")),
        )
        return Screen(esc(tr.gettext("Add a roll-call?")), (*choice, cancel))
    if "en" not in draft.texts:
        return Screen(esc(tr.gettext("Send the message text in English now.")), (cancel,))
    return preview(tr, content, draft, recipients or [], cancel)


def _regions_and_severity(
    tr: Translator, content: Content, draft: Draft, cancel: tuple[Button, ...]
) -> Screen:
    found = regions_in(content, draft.host or "")
    region_buttons = [
        Button(
            ("✅ " if region.id in draft.regions else "") + region.name.en,
            admin_action("r", region.id),
        )
        for region in ([] if found.typed else found.items)  # 81 provinces: `python -m bot alert`
    ]
    everywhere = tr.gettext("Whole country") if not draft.regions else tr.gettext("Only ticked")
    severity = [
        Button(tr.gettext("ℹ️ Info (silent)"), admin_action("s", "info")),
        Button(tr.gettext("⚠️ Warning"), admin_action("s", "warning")),
        Button(tr.gettext("🚨 Urgent"), admin_action("s", "urgent")),
    ]
    text = tr.gettext(
        "Tick regions (none ticked = the whole country: {target}), then choose how urgent it is."
    ).format(target=everywhere)
    return Screen(esc(text), (*rows(*region_buttons, per_row=2), tuple(severity), cancel))


def preview(
    tr: Translator,
    content: Content,
    draft: Draft,
    recipients: list[int],
    cancel: tuple[Button, ...],
) -> Screen:
    """Exactly what recipients will see, per language given, and how many will get it."""
    alert = draft.as_alert()
    title = tr.gettext("Preview")
    parts = [bold(title)]
    for language in draft.texts:
        reader = Translator(language)
        seen = alert_message(reader, alert, sender(reader, content, alert.origin))
        parts.append(f"— {language} —\n{seen.text}")
    count = tr.gettext("Recipients now: {count}").format(
        count=suppressed_total(sum(recipients), recipients)
    )
    parts.append(bold(count))
    add = [
        Button(f"+ {code}", admin_action("l", code))
        for code in SUPPORTED
        if code not in draft.texts
    ]
    label = tr.gettext("✅ Send") if draft.correcting is None else tr.gettext("✅ Correct it")
    return Screen(
        "\n\n".join(parts), (*rows(*add, per_row=5), (Button(label, admin_action("go")),), cancel)
    )


def with_answer(draft: Draft, step: str, value: str, content: Content) -> Draft | None:
    """The draft after one button; None if the button does not fit (forged or stale)."""
    if step == "o" and value in content.origins:
        return replace(draft, origin=value)
    if step == "h" and value in content.hosts:
        return replace(draft, host=value)
    if step == "r" and draft.host in content.hosts:
        found = regions_in(content, draft.host or "")
        if not found.typed and value in found.ids:
            chosen = set(draft.regions) ^ {value}
            return replace(draft, regions=tuple(sorted(chosen)))
    if step == "s" and value in SEVERITIES:
        return replace(draft, severity=value)
    if step == "c" and value in {"0", "1"}:
        return replace(draft, rollcall=value == "1")
    if step == "l" and value in SUPPORTED:
        return replace(draft, waiting_for=value)
    return None


def sent_note(tr: Translator, alert_id: int, queued: int, cells: list[int]) -> str:
    return tr.gettext(
        "Alert #{id} is being delivered to {count} people. Progress follows."
    ).format(id=alert_id, count=suppressed_total(queued, cells))


def wrong_number_reports(tr: Translator, reports: list[WrongNumberCount]) -> str:
    """Per file and item: how many readers said the number is wrong, and the last day. Exact
    counts: they count reports about content, and a report names no one."""
    lines = [bold(tr.gettext("Reports of wrong numbers"))]
    for report in reports:
        line = tr.gettext("{origin} · {file} · {item}: {count} (last {date})").format(
            origin=report.origin,
            file=report.path,
            item=report.item,
            count=report.count,
            date=report.last.isoformat(),
        )
        lines.append(esc(line))
    if len(lines) == 1:
        lines.append(esc(tr.gettext("No reports of wrong numbers.")))
    return "\n".join(lines)
