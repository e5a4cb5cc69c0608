"""HTTP to the Bot API with a few quick retries: a dropped connection or a 5xx from Telegram
should not cost a person her answer. Long waits are not retried here (RetryAfter is the rate
limiter's, timeouts are the caller's).

At most `connection_pool_size` requests are handed to httpx at a time; the others wait here,
in order. httpcore's pool walks every waiting request and every connection each time a request
starts or ends, and asks each idle connection's socket whether the server closed it (a system
call). With up to 256 updates in flight sharing 16 connections that walk was a fifth of the
bot's CPU (profiled), and a request waiting more than `pool_timeout` (1 s) for a connection
failed: an answer lost in a surge. So the connections are split into `pools` pools, each
request going to the least busy one: each walk covers one small pool, while all of them
together still hold enough connections for Telegram's round trips in a surge."""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
from functools import cache
from typing import Any

import httpx
from telegram import Update
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

ATTEMPTS = 5
PAUSE = 0.5  # seconds, doubled after each failure: about 7.5 s in all
log = logging.getLogger(__name__)


@cache
def _certificates() -> ssl.SSLContext:
    """One certificate store for every client: httpx loads one per client otherwise (0.8 MB)."""
    return httpx.create_ssl_context()


class RetryingRequest(HTTPXRequest):
    __slots__ = ("_busy", "_in_flight", "_pools")
    unreadable_updates: int = 0
    """Updates skipped because the library cannot parse them (counted, never logged)."""

    def __init__(self, connection_pool_size: int = 256, pools: int = 1, **kwargs: Any) -> None:
        kwargs["httpx_kwargs"] = {"verify": _certificates(), **(kwargs.get("httpx_kwargs") or {})}
        per_pool = max(connection_pool_size // pools, 1)
        super().__init__(connection_pool_size=per_pool, **kwargs)
        self._pools: list[HTTPXRequest] = [self]
        self._pools += (
            HTTPXRequest(connection_pool_size=per_pool, **kwargs) for _ in range(pools - 1)
        )
        self._busy = [0] * pools
        """Requests in flight per pool."""
        self._in_flight = asyncio.Semaphore(per_pool * pools)
        """One slot per connection: the least busy pool always has a connection free."""

    async def initialize(self) -> None:
        for pool in self._pools:
            await HTTPXRequest.initialize(pool)

    async def shutdown(self) -> None:
        for pool in self._pools:
            await HTTPXRequest.shutdown(pool)

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await self._with_retries(*args, **kwargs)
        url = str(kwargs.get("url", args[0] if args else ""))
        if code == 200 and url.endswith("/getUpdates"):
            payload = self._readable(payload)
        return code, payload

    def _readable(self, payload: bytes) -> bytes:
        """One update the library cannot parse would fail the whole batch, forever, and PTB
        would log the raw batch (ids, names, texts) each time: it is replaced by an empty
        update with the same id, so polling moves past it."""
        try:
            body = json.loads(payload)
        except ValueError:
            return payload
        updates = body.get("result") if isinstance(body, dict) else None
        if not isinstance(updates, list):
            return payload
        kept = []
        for item in updates:
            try:
                Update.de_json(item, None)
                kept.append(item)
            except Exception:  # anything the library chokes on
                update_id = item.get("update_id") if isinstance(item, dict) else None
                if not isinstance(update_id, int):
                    continue
                type(self).unreadable_updates += 1
                log.warning("skipped an unreadable update (%d so far)", self.unreadable_updates)
                kept.append({"update_id": update_id})
        body["result"] = kept
        return json.dumps(body).encode()

    async def _with_retries(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        pause = PAUSE
        for attempt in range(1, ATTEMPTS + 1):
            try:
                async with self._in_flight:  # not held while pausing between attempts
                    code, payload = await self._on_least_busy_pool(*args, **kwargs)
            except TimedOut:
                raise  # the request may have reached Telegram: do not send it twice
            except NetworkError:  # connection refused or reset: nothing was processed
                if attempt == ATTEMPTS:
                    raise
            else:
                if code < 500 or attempt == ATTEMPTS:
                    return code, payload
            await asyncio.sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    async def _on_least_busy_pool(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        index = min(range(len(self._pools)), key=self._busy.__getitem__)  # the first if idle
        self._busy[index] += 1
        try:
            return await HTTPXRequest.do_request(self._pools[index], *args, **kwargs)
        finally:
            self._busy[index] -= 1
