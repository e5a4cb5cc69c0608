"""HTTP to the Bot API over aiohttp, with a few quick retries: a dropped connection or a 5xx from
Telegram should not cost a person her answer. Long waits are not retried here (RetryAfter is
the rate limiter's, timeouts are the caller's).

aiohttp, not PTB's default httpx: on the development machine a request cost 3.6-4.6 ms of CPU
through httpx (its connection pool checks every connection, with system calls, and scans
every waiting request each time a request starts or ends) against 0.9 ms through aiohttp
(BENCHMARKS.md, "Load"; a known httpx problem, encode/httpx issue 3215). In a surge the bot
was bound by that CPU, not by Telegram's limits.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
from functools import cache
from typing import Any

import aiohttp
import certifi
from telegram import Update
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

ATTEMPTS = 5
PAUSE = 0.5  # seconds, doubled after each failure: about 7.5 s in all
POOL_SIZE = 256  # connections, as PTB's default
TIMEOUT = 5.0  # seconds to connect and between reads, as PTB's defaults
MEDIA_WRITE_TIMEOUT = 20.0
log = logging.getLogger(__name__)


@cache
def _tls() -> ssl.SSLContext:
    """As PTB's httpx client did: certifi's CA bundle (HTTPS_PROXY & co. are honoured by the
    session). One for all sessions: each copy of the bundle costs 0.6-2.5 MB."""
    return ssl.create_default_context(cafile=certifi.where())


class RetryingRequest(BaseRequest):
    unreadable_updates: int = 0
    """Updates skipped because the library cannot parse them (counted, never logged)."""

    def __init__(
        self,
        connection_pool_size: int = POOL_SIZE,
        read_timeout: float = TIMEOUT,
        connect_timeout: float = TIMEOUT,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=_tls()),
                headers={"User-Agent": self.USER_AGENT},
                trust_env=True,
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(  # noqa: PLR0917 - the signature is PTB's
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        if request_data is not None and request_data.contains_files:
            read = max(read or 0.0, MEDIA_WRITE_TIMEOUT)  # the upload is within the read wait
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        # No pool timeout: a request waits for a free connection (each in use ends within its
        # own timeouts) rather than being dropped, as PTB's 1 s pool timeout drops it.
        limits = aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read)
        code, payload = await self._with_retries(url, method, request_data, limits)
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

    async def _with_retries(
        self,
        url: str,
        method: str,
        request_data: RequestData | None,
        limits: aiohttp.ClientTimeout,
    ) -> tuple[int, bytes]:
        pause = PAUSE
        for attempt in range(1, ATTEMPTS + 1):
            try:
                code, payload = await self._once(url, method, request_data, limits)
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

    async def _once(
        self,
        url: str,
        method: str,
        request_data: RequestData | None,
        limits: aiohttp.ClientTimeout,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("RetryingRequest is not initialized")
        body: aiohttp.FormData | dict[str, str] | None = None
        if request_data is not None:
            body = request_data.json_parameters
            if request_data.contains_files:
                form = aiohttp.FormData(body)
                for name, (filename, content, mimetype) in request_data.multipart_data.items():
                    form.add_field(name, content, filename=filename, content_type=mimetype)
                body = form
        try:
            async with self._session.request(method, url, data=body, timeout=limits) as answer:
                return answer.status, await answer.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            # The class only: some aiohttp messages carry the URL, and the URL the token.
            raise NetworkError(f"aiohttp.{type(error).__name__}") from None
