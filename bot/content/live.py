"""The content being served: loaded in a process of its own, and one reference that every
reader goes through, so a reload (bot/telegram/reload.py) swaps the whole set in one
assignment and nothing keeps an old one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.content.apart import apart
from bot.content.model import Content
from bot.content.problems import LoadResult


@dataclass
class LiveContent:
    """Read `current` when you need it (per update, per message); do not keep it."""

    current: Content
    generation: int = 0
    """How many reloads were swapped in since the start."""

    def swap(self, content: Content) -> None:
        self.current = content  # one reference change: a reader sees the old set or the new
        self.generation += 1


def load_content_apart(
    root: Path, *, today: date | None = None, strict: bool = False
) -> LoadResult:
    """`load_content` in a process of its own, for the bot: it holds only the finished content
    (BENCHMARKS.md: 16 MB instead of 39 MB), and neither the loader nor its checks."""
    return apart("content", _finished, root, today, strict)


def _finished(root: Path, today: date | None, strict: bool) -> LoadResult:
    """What the serving process needs of a load: where problems are was only for the checks."""
    from bot.content.loader import load_content  # noqa: PLC0415 - imported in that process

    result = load_content(root, today=today, strict=strict)
    if result.content is not None:  # built here, it comes packed; built in the bot, its
        result.content.search_index  # noqa: B018 - garbage would stay in the bot's heap
    return LoadResult(result.content, result.problems)
