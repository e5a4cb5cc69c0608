"""RetryingRequest hands httpx no more requests than it has connections, spread over its pools."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest
from telegram.request import HTTPXRequest

from bot.telegram.request import RetryingRequest


async def test_requests_beyond_the_connections_wait_and_pools_share_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    in_flight: Counter[int] = Counter()
    most: Counter[int] = Counter()
    most_overall = 0

    async def request(pool: HTTPXRequest, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        nonlocal most_overall
        in_flight[id(pool)] += 1
        most[id(pool)] = max(most[id(pool)], in_flight[id(pool)])
        most_overall = max(most_overall, sum(in_flight.values()))
        await asyncio.sleep(0.01)
        in_flight[id(pool)] -= 1
        return 200, b'{"ok": true, "result": true}'

    monkeypatch.setattr(HTTPXRequest, "do_request", request)
    sends = RetryingRequest(connection_pool_size=8, pools=2)
    answers = await asyncio.gather(
        *(sends.do_request("http://127.0.0.1/bot1:x/sendMessage", "POST") for _ in range(40))
    )
    assert all(code == 200 for code, _ in answers)
    assert most_overall == 8  # 40 waited their turn (no pool timeout), 8 at a time
    assert sorted(most.values()) == [4, 4]  # each pool of four, both used
    await sends.shutdown()


async def test_one_request_at_a_time_uses_the_first_pool_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used: list[int] = []

    async def request(pool: HTTPXRequest, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        used.append(id(pool))
        return 200, b'{"ok": true, "result": true}'

    monkeypatch.setattr(HTTPXRequest, "do_request", request)
    sends = RetryingRequest(connection_pool_size=16, pools=4)
    for _ in range(5):
        await sends.do_request("http://127.0.0.1/bot1:x/sendMessage", "POST")
    assert used == [id(sends)] * 5  # idle pools keep no connections open
    await sends.shutdown()
