"""HTTP to the Bot API with a few quick retries: a dropped connection or a 5xx from Telegram
should not cost a person her answer. Long waits are not retried here (RetryAfter is the rate
limiter's, timeouts are the caller's)."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Update
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

ATTEMPTS = 5
PAUSE = 0.5  # seconds, doubled after each failure: about 7.5 s in all
log = logging.getLogger(__name__)


class RetryingRequest(HTTPXRequest):
    unreadable_updates: int = 0
    """Updates skipped because the library cannot parse them (counted, never logged)."""

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
