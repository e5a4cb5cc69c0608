"""HTTP to the Bot API with a few quick retries: a dropped connection or a 5xx from Telegram
should not cost a person her answer. Long waits are not retried here (RetryAfter is the rate
limiter's, timeouts are the caller's)."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

ATTEMPTS = 5
PAUSE = 0.5  # seconds, doubled after each failure: about 7.5 s in all


class RetryingRequest(HTTPXRequest):
    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        pause = PAUSE
        for attempt in range(1, ATTEMPTS + 1):
            try:
                code, payload = await super().do_request(*args, **kwargs)
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
