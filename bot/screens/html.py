"""Telegram HTML, made in one place: every tag a screen shows comes from here, and each one
escapes the plain text it wraps. Screens join these pieces; they never write a tag themselves."""

from __future__ import annotations

from html import escape


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    """A value inside a double-quoted attribute: quotes escaped too, or Telegram refuses it."""
    return escape(text, quote=True)


def bold(text: str) -> str:
    return f"<b>{esc(text)}</b>"


def italic(text: str) -> str:
    return f"<i>{esc(text)}</i>"


def link(url: str, text: str) -> str:
    return f'<a href="{attr(url)}">{esc(text)}</a>'


def fill(template: str, **pieces: str) -> str:
    """A translated template escaped, with pieces already made here put in its placeholders."""
    return esc(template).format(**pieces)


def bold_html(html: str) -> str:
    """Bold around pieces already made here (a label with a number inside)."""
    return f"<b>{html}</b>"


def italic_html(html: str) -> str:
    return f"<i>{html}</i>"
