"""Compact, versioned callback data: `1:plan:earthquake:3`, at most 64 bytes, never trusted."""

from __future__ import annotations

from bot.screens.base import Action
from bot.screens.router import SCREENS

CODEC_VERSION = "1"
MAX_BYTES = 64  # Bot API limit for callback_data
SEPARATOR = ":"
FORGED = Action("expired")
"""What any unknown, outdated or tampered data decodes to; the router answers it safely."""


def encode(action: Action) -> str:
    if any(SEPARATOR in part or not part for part in (action.screen, *action.args)):
        raise ValueError(f"cannot encode {action!r}: empty part or '{SEPARATOR}' inside")
    data = SEPARATOR.join((CODEC_VERSION, action.screen, *action.args))
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: object) -> Action:
    if not isinstance(data, str) or len(data.encode()) > MAX_BYTES:
        return FORGED
    version, _, rest = data.partition(SEPARATOR)
    screen, *args = rest.split(SEPARATOR)
    if version != CODEC_VERSION or screen not in SCREENS or not all(args):
        return FORGED
    return Action(screen, tuple(args))
