"""Each nationality of the shipped content, end to end through Telegram, in the languages its
people read: a worker in the country of her corridor types both countries in her language and
reaches the numbers, her missions, a written plan, a search and the orientation topics."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.content.model import Content
from bot.storage.repository import Store
from tests.conftest import SECRET, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker, data_of

CORRIDORS = [  # (language, host typed, host, passport typed, passport)
    ("ky", "Россия", "RU", "Кыргызстан", "KG"),
    ("ru", "Казахстан", "KZ", "Киргизия", "KG"),
    ("tg", "Русия", "RU", "Тоҷикистон", "TJ"),
    ("uz", "Koreya", "KR", "O'zbekiston", "UZ"),
    ("uk", "Польща", "PL", "Україна", "UA"),
    ("ar", "السعودية", "SA", "مصر", "EG"),
    ("bn", "মালয়েশিয়া", "MY", "বাংলাদেশ", "BD"),
    ("fil", "Qatar", "QA", "Pilipinas", "PH"),
    ("be", "Польшча", "PL", "Беларусь", "BY"),
]


@pytest.fixture
async def shipped_bot(
    bot_api: FakeBotApi, real_content: Content, tmp_path: Path
) -> AsyncIterator[FakeBotApi]:
    async with bot_running(bot_api, real_content, Store(tmp_path / "bot.sqlite", SECRET.encode())):
        yield bot_api


def shown(text: str) -> str:
    return html.unescape(text)


@pytest.mark.parametrize("corridor", CORRIDORS, ids=[f"{c[4]}-{c[2]}-{c[0]}" for c in CORRIDORS])
async def test_a_worker_of_each_nationality_walks_her_corridor_in_her_language(
    shipped_bot: FakeBotApi, real_content: Content, corridor: tuple[str, str, str, str, str]
) -> None:
    language, host_typed, host, origin_typed, origin = corridor
    assert language in real_content.origins[origin].origin.languages
    me = Walker(shipped_bot, 20_000 + CORRIDORS.index(corridor), language)
    await me.type("/start")
    home = await me.choose_countries(host_typed, host, origin_typed, origin)
    assert {"1:emergency", "1:missions", "1:plans", "1:topics"} <= set(data_of(home))

    numbers = await me.press("1:emergency")
    for emergency in real_content.hosts[host].emergency:
        assert emergency.number in numbers.params["text"]
    await me.press("1:home")

    missions = [m for m in real_content.origins[origin].missions if m.host == host]
    assert missions, f"{origin} has no curated mission in {host}"
    listed = await me.press("1:missions")
    offered = [d for d in data_of(listed) if d.startswith("1:mission:")]
    if offered:  # a list; a single mission is shown at once
        mission = next(m for m in missions if f"1:mission:{m.id}" == offered[0])
        detail = await me.press(offered[0])
    else:
        mission, detail = missions[0], listed
    assert (mission.name.get(language) or mission.name.en) in shown(detail.params["text"])
    await me.press("1:home")

    written = real_content.origins[origin].plans_in(host)
    assert written, f"{origin} has no written plan for {host}"
    plan = written[0]
    step = await me.press(f"1:plan:{plan.id}:1")
    assert (plan.title.get(language) or plan.title.en) in shown(step.params["text"])
    found = await me.type(plan.title.get(language) or plan.title.en)
    assert f"1:plan:{plan.id}:1" in data_of(found)

    topics = await me.press("1:topics")
    topic_button = next(d for d in data_of(topics) if d.startswith("1:topic:"))
    topic = await me.press(topic_button)
    assert topic.params["text"].strip()
    assert shipped_bot.errors == []


async def test_an_egyptian_in_libya_gets_her_plans_and_topics_without_a_host_file(
    shipped_bot: FakeBotApi, real_content: Content
) -> None:
    """Libya has no host file: the numbers come from Android's list, and still her folder's
    plans (stranded, the 2011 case) and its topics for Libya reach her, in Arabic."""
    assert "LY" not in real_content.hosts
    me = Walker(shipped_bot, 20_900, "ar")
    await me.type("/start")
    home = await me.choose_countries("ليبيا", "LY", "مصر", "EG")
    assert "1515" in home.params["text"]  # Android's list
    assert {"1:plans", "1:topics"} <= set(data_of(home))
    plans = await me.press("1:plans")
    assert "1:plan:stranded:1" in data_of(plans)
    step = await me.press("1:plan:stranded:1")
    assert "+218 91-4897985" in shown(step.params["text"])  # her embassy in Tripoli
    topics = await me.press("1:topics")
    assert "ليبيا" in shown(topics.params["text"]) and "1:topic:rules-ly" in data_of(topics)
    topic = await me.press("1:topic:rules-ly")
    assert "globaldetentionproject.org" in shown(topic.params["text"])
    assert shipped_bot.errors == []
