"""What the benchmarks share: the real bot as its own process (`python -m bot run`) against the
fake Bot API server, figures from /proc, percentiles, and a person who taps the buttons she is
shown. Every timing is taken at the fake server (`Call.at`, `FakeBotApi.handed_out`)."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import ROOT, SECRET
from tests.fakebotapi import Call, FakeBotApi
from tests.test_end_to_end import data_of

HZ = os.sysconf("SC_CLK_TCK")
SHIPPED_CONTENT = ROOT / "content"
SCREENS = ("sendMessage", "editMessageText")
"""What she sees as the answer to an action: a new message or the one she tapped, edited."""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def start_bot(
    api: FakeBotApi,
    database: Path,
    content: Path = SHIPPED_CONTENT,
    command: list[str] | None = None,
    log: Path | None = None,
    **settings: str,
) -> asyncio.subprocess.Process:
    """The bot as its own process, talking to `api`; returns once it polls for updates.
    `settings` are environment variables in lower case (`bot_rate_limiter="false"`)."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.base_url,
        "BOT_SECRET_KEY": SECRET,
        "BOT_DATABASE": str(database),
        "BOT_CONTENT_DIR": str(content),
        "PTB_TIMEDELTA": "1",
        **{name.upper(): value for name, value in settings.items()},
    }
    polls = api.polls
    errors = log.open("w") if log is not None else asyncio.subprocess.DEVNULL
    bot = await asyncio.create_subprocess_exec(
        *(command or [sys.executable, "-m", "bot", "run"]),
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=errors,
    )
    while api.polls == polls:  # another process: nothing to await
        if bot.returncode is not None:
            raise RuntimeError(f"the bot exited with {bot.returncode} before polling")
        await asyncio.sleep(0.05)
    return bot


async def stop_bot(bot: asyncio.subprocess.Process) -> None:
    if bot.returncode is None:
        bot.terminate()
    await bot.wait()


def spread(seconds: list[float]) -> str:
    """p50/p95/p99/max of durations, in ms."""
    if not seconds:
        return "none"
    if len(seconds) == 1:
        return f"{seconds[0] * 1000:.0f} ms (one)"
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    figures = (cuts[49], cuts[94], cuts[98], max(seconds))
    return " · ".join(
        f"{name} {value * 1000:,.0f} ms"
        for name, value in zip(("p50", "p95", "p99", "max"), figures, strict=True)
    )


@dataclass
class Action:
    """One thing a person did and what the server saw of the bot's answer to it."""

    kind: str  # "text" or "tap"
    value: str
    update_id: int
    pushed: float
    query_id: str | None = None
    screen: Call | None = None
    """The first message sent or edited for her chat after she acted."""


@dataclass
class Person:
    """A user who types and taps the buttons of the last screen she was shown."""

    api: FakeBotApi
    user_id: int
    timeout: float = 30.0
    actions: list[Action] = field(default_factory=list)

    @property
    def user(self) -> dict[str, Any]:
        return self.api.user(self.user_id, "en")

    def screens(self) -> list[Call]:
        return self.api.sent_to(self.user_id, SCREENS)

    def buttons(self) -> tuple[int, list[str]]:
        """The message id and callback data of the last screen that has buttons."""
        for call in reversed(self.screens()):
            if data := data_of(call):
                return int(call.result["message_id"]), data
        return 0, []

    async def type(self, text: str) -> Action:
        return await self._act("text", text)

    async def tap(self, prefix: str, choose: Any = None) -> Action | None:
        """Tap a button whose data starts with `prefix` (the first, or `choose(candidates)`);
        None if her last screen has no such button."""
        message_id, data = self.buttons()
        candidates = [item for item in data if item.startswith(prefix)]
        if not candidates:
            return None
        return await self._act("tap", choose(candidates) if choose else candidates[0], message_id)

    async def _act(self, kind: str, value: str, message_id: int = 0) -> Action:
        seen = len(self.screens())
        if kind == "text":
            self.api.send_text(self.user, value)
        else:
            self.api.press(self.user, value, message_id)
        update = self.api.updates[-1]
        query = update.get("callback_query")
        action = Action(kind, value, update["update_id"], time.perf_counter())
        action.query_id = query["id"] if query else None
        self.actions.append(action)
        try:
            arrived = await self.api.wait_for(self.user_id, seen + 1, timeout=self.timeout)
        except TimeoutError:
            return action
        action.screen = arrived[seen]
        return action


def answers_to_taps(api: FakeBotApi) -> dict[str, Call]:
    """callback_query_id -> the server's first answer to answerCallbackQuery for it, accepted
    or refused (a refused one keeps its status: 400 "query is too old", 429, 5xx)."""
    first: dict[str, Call] = {}
    for call in sorted([*api.calls, *api.refused], key=lambda c: c.at):
        if call.method == "answerCallbackQuery":
            first.setdefault(str(call.params.get("callback_query_id")), call)
    return first


SEARCHES = ("fire", "earthquake", "lost passport", "flood", "arrested")
"""Free text that finds a plan for every nationality and country of the shipped content."""
WALK_ACTIONS = 6


async def walk(person: Person, rng: random.Random, think: tuple[float, float]) -> None:
    """Six actions, each on the screen the previous one showed, reading `think` s between:
    /start, the country she is in, her passport, emergency numbers, a search, a plan it found
    (the plan is opened from the search results: no screen before it offers one)."""

    def listed(candidates: list[str]) -> str:
        return rng.choice([data for data in candidates if not data.endswith(":ZZ")])

    if (await person.type("/start")).screen is None:
        return
    for step in ("1:sethost:", "1:setorg:", "1:emergency"):
        await asyncio.sleep(rng.uniform(*think))
        if await person.tap(step, listed) is None:
            return
    await asyncio.sleep(rng.uniform(*think))
    await person.type(rng.choice(SEARCHES))
    await asyncio.sleep(rng.uniform(*think))
    await person.tap("1:plan:")


def replies(api: FakeBotApi, person: Person) -> list[tuple[Action, list[Call]]]:
    """Each action with every message the server accepted for her chat until her next action
    (sent, edited or a venue): a person acts only after she saw the answer, so this is exact."""
    calls = api.sent_to(person.user_id)
    result = []
    for number, action in enumerate(person.actions):
        until = (
            person.actions[number + 1].pushed if number + 1 < len(person.actions) else float("inf")
        )
        result.append((action, [c for c in calls if action.pushed <= c.at < until]))
    return result
