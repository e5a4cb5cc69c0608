"""Live reload: when a content file changes, the whole folder is read again off the event
loop and swapped in only if it has no error. A bad edit leaves the last good content serving
and tells the staff of that nationality the path:line:column errors, once per set of errors;
the edit that fixes it is swapped in, and they are told so."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path, PurePath

from telegram.constants import MessageLimit
from watchfiles import Change, DefaultFilter, awatch

from bot.config import AdminId
from bot.content.live import LiveContent, load_content_apart
from bot.content.model import Content
from bot.content.problems import Problem
from bot.content.translations import LOCK_FILE
from bot.screens.html import bold, esc

log = logging.getLogger(__name__)

QUIET_MS = 500
"""Saves closer together than this are one change (an editor's save, a `git pull` of ten
files): the folder is read once they stop for this long."""
LONGEST_MS = 5000
"""...or this long after the first change, if they go on."""
ROOM = MessageLimit.MAX_TEXT_LENGTH - 200  # the heading and the "and N more" line fit beside

Tell = Callable[[int, str], Awaitable[None]]
"""Send this HTML to this staff chat."""


class ContentFiles(DefaultFilter):
    """YAML files, the translations lock (and deletions, which may be a whole folder); not
    editors' swap files, nor the built data of content/directory/, read once at start."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.built = root.resolve() / "directory"

    def __call__(self, change: Change, path: str) -> bool:
        if not super().__call__(change, path) or Path(path).resolve().is_relative_to(self.built):
            return False
        return (
            path.endswith((".yaml", ".yml"))
            or Path(path).name == LOCK_FILE  # which translations are outdated
            or change == Change.deleted
        )


def origin_of(problem: Problem) -> str | None:
    """The nationality whose folder the problem is in; None for a shared file (hosts, generic
    plans, sources, countries), which every nationality's staff hear about."""
    parts = PurePath(problem.path).parts
    for before, after in pairwise(parts):
        if before == "origins" and len(after) == 2 and after.isupper():
            return after
    return None


def problems_message(errors: list[Problem]) -> str:
    """One Telegram message: what is wrong, where, and that the old content still serves."""
    heading = bold("Content edit not published: the last good content is still serving.")
    lines: list[str] = []
    used = 0
    for problem in errors:
        line = esc(str(problem))
        if used + len(line) + 1 > ROOM:
            break
        lines.append(line)
        used += len(line) + 1
    more = len(errors) - len(lines)
    tail = [esc(f"… and {more} more: python -m bot validate lists them all.")] if more else []
    ending = esc("Fix the files; the next save that validates goes live.")
    return "\n".join([heading, *lines, *tail, ending])


FIXED = bold("Content fixed: the edited content is now live.")


def warm(content: Content) -> Content:
    """Build now, off the event loop, what a first tap would otherwise build (70 ms for
    Android's list, the typed-country index): the swap then costs nothing to anyone."""
    _ = content.emergency_list, content.directory, content.country_index
    _ = content.written_languages
    return content


@dataclass
class Reloader:
    live: LiveContent
    folder: Path
    admins: tuple[AdminId, ...]
    tell: Tell
    quiet_ms: int = QUIET_MS
    longest_ms: int = LONGEST_MS
    _told: dict[int, frozenset[str]] = field(default_factory=dict)
    """What each staff member was last told is wrong (nothing once it is fixed)."""

    async def reload(self) -> bool:
        """Read the folder again; True if it was swapped in."""
        today = datetime.now(UTC).date()
        result = await asyncio.to_thread(load_content_apart, self.folder, today=today)
        if result.content is None:
            for problem in result.errors:  # file, line and what is wrong: no user data
                log.warning("content reload refused: %s", problem)
            await self._report(result.errors)
            return False
        await asyncio.to_thread(warm, result.content)
        self.live.swap(result.content)
        log.info(
            "content reloaded (generation %d): %d warning(s)",
            self.live.generation,
            len(result.warnings),
        )
        _refreeze()
        await self._report([])
        return True

    async def _report(self, errors: list[Problem]) -> None:
        """Tell each staff member the errors of the nationalities they act for, when these
        are not what they were told already; tell those who were told that it is fixed."""
        for admin in self.admins:
            theirs = [e for e in errors if (o := origin_of(e)) is None or admin.may_act_for(o)]
            told = self._told.get(admin.telegram_id, frozenset())
            now = frozenset(str(problem) for problem in theirs)
            if now == told:
                continue
            if now:
                self._told[admin.telegram_id] = now
                await self._send(admin.telegram_id, problems_message(theirs))
            else:
                self._told.pop(admin.telegram_id, None)
                await self._send(admin.telegram_id, FIXED)

    async def _send(self, chat_id: int, html: str) -> None:
        try:
            await self.tell(chat_id, html)
        except Exception as error:  # a staff chat that cannot be reached stops nothing
            log.warning("staff not told of a content reload: %s", type(error).__name__)

    async def watch(self, stop: asyncio.Event) -> None:
        """Reload after each burst of changes until `stop` is set."""
        async for _changes in awatch(
            self.folder,
            watch_filter=ContentFiles(self.folder),
            debounce=self.longest_ms,
            step=self.quiet_ms,
            stop_event=stop,
            rust_timeout=500,
        ):
            try:
                await self.reload()
            except Exception as error:
                log.error("content reload failed: %s", type(error).__name__, exc_info=error)


def _refreeze() -> None:
    """Startup froze what it built (app.Lifecycle); the old content must be collectable, and
    the new one frozen too so full collections skip it."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
        gc.freeze()
