"""Pieces every screen shares: the emergency footer, navigation, content text with placeholders."""

from __future__ import annotations

import re

from bot.content.facts import fill
from bot.content.model import PLACEHOLDER, Guide, Text
from bot.i18n import SOURCE_LANGUAGE
from bot.screens.base import HOME, Action, Button, Screen, View, esc


def footer(view: View) -> str:
    """The host's main emergency number, one glance away on every screen."""
    host = view.host
    if host is None:
        return ""
    tr = view.tr
    line = tr.gettext("🆘 Emergency in {country}: {number}").format(
        country=esc(tr.territory(host.code)), number=f"<b>{tr.number(host.main_number.number)}</b>"
    )
    return f"\n\n{line}"


def nav_row(view: View, back: Action | None = None) -> tuple[Button, ...]:
    tr = view.tr
    row = [Button(tr.gettext("⬅️ Back"), back)] if back else []
    row.append(Button(tr.gettext("☰ Menu"), HOME))
    return tuple(row)


def finish(
    view: View,
    text: str,
    buttons: tuple[tuple[Button, ...], ...] = (),
    back: Action | None = None,
    with_footer: bool = True,
) -> Screen:
    """A screen with the emergency footer and a navigation row below its own buttons."""
    return Screen(
        text=text + (footer(view) if with_footer else ""),
        buttons=(*buttons, nav_row(view, back)),
    )


def say(view: View, value: Text) -> str:
    """Content text in the reader's language (or its fallback), escaped, placeholders filled."""
    raw, _ = view.tr.text(value)
    return fill_placeholders(view, esc(raw))


def fill_placeholders(view: View, html: str) -> str:
    tr = view.tr
    origin, host = view.origin, view.host

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        found = fill(name, origin, host) if origin and host else None
        if found is None:
            return esc(tr.gettext("your embassy (see “My embassy”)"))
        if isinstance(found, Text):
            return esc(tr.isolate(tr.text(found)[0]))
        return f"<b>{tr.number(found)}</b>"

    return PLACEHOLDER.sub(value, html)


def language_notices(view: View, guide: Guide, texts: list[Text]) -> str:
    """Say plainly when a text is shown in another language or is an unreviewed translation."""
    tr = view.tr
    shown = {tr.text(text)[1] for text in texts}
    notices = []
    if view.tr.language not in shown:
        notices.append(
            tr.gettext("ℹ️ Not yet translated into {language}: shown in {fallback}.").format(
                language=tr.language_name(tr.language),
                fallback=", ".join(tr.language_name(code) for code in sorted(shown)),
            )
        )
    if any(code != SOURCE_LANGUAGE and not guide.reviewed.get(code, False) for code in shown):
        notices.append(
            tr.gettext("⚠️ Machine-assisted translation, not yet checked by a native speaker.")
        )
    return "".join(f"\n<i>{esc(notice)}</i>" for notice in notices)
