"""The content being served: one reference that every reader goes through, so a reload
(bot/telegram/reload.py) swaps the whole set in one assignment and nothing keeps an old one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.model import Content


@dataclass
class LiveContent:
    """Read `current` when you need it (per update, per message); do not keep it."""

    current: Content
    generation: int = 0
    """How many reloads were swapped in since the start."""

    def swap(self, content: Content) -> None:
        self.current = content  # one reference change: a reader sees the old set or the new
        self.generation += 1
