"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.

It speaks HTTP like api.telegram.org: the bot under test long-polls getUpdates and calls
sendMessage, editMessageText, ... Every call is checked against the Bot API method list
(tests/data/bot_api_methods.json, from the official spec), HTML text is checked the way
Telegram parses it, and every call is recorded for assertions.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

METHODS: dict[str, dict[str, list[str]]] = json.loads(
    (Path(__file__).parent / "data" / "bot_api_methods.json").read_text(encoding="utf-8")
)["methods"]
LOWER_METHODS = {name.lower(): name for name in METHODS}
TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
SENDS = {"sendMessage", "editMessageText", "answerCallbackQuery", "sendVenue"}
LIMITED_SENDS = {"sendMessage", "sendVenue"}
SERVER_ERRORS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
OVERALL_LIMIT = 30
PER_CHAT_LIMIT = 3
DEFAULTS_PTB_SENDS = {"parse_mode", "link_preview_options"}
"""PTB adds Defaults to some methods that do not take them; Telegram ignores such extras."""
BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Lifeline",
    "username": "lifeline_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


class TelegramHTMLError(ValueError):
    pass


TAG_NAME = re.compile(r"[a-zA-Z0-9-]*")
ATTRIBUTE_NAME = re.compile(r"[a-zA-Z0-9_-]+")
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def _fail(why: str, offset: int) -> TelegramHTMLError:
    return TelegramHTMLError(f"Bad Request: can't parse entities: {why} at byte offset {offset}")


def _attributes(text: str, i: int, tag: str) -> int:
    """Skip the attributes of a start tag as Telegram reads them; return the index of '>'."""
    equal_sign = f'Expected equal sign in declaration of an attribute of the tag "{tag}"'
    while True:
        while i < len(text) and text[i] == " ":
            i += 1
        if i >= len(text):
            raise _fail(f'Unclosed start tag "{tag}"', i)
        if text[i] == ">":
            return i
        name = ATTRIBUTE_NAME.match(text, i)
        if name is None:
            raise _fail(equal_sign, i)
        i = name.end()
        if i >= len(text) or text[i] != "=":
            raise _fail(equal_sign, i)
        i += 1
        if i < len(text) and text[i] in "\"'":
            end = text.find(text[i], i + 1)
            if end < 0:
                raise _fail(f'Unclosed end of attribute value of the tag "{tag}"', i)
            i = end + 1
            if i < len(text) and text[i] not in " >":
                raise _fail(equal_sign, i)
        else:
            while i < len(text) and text[i] not in " >":
                if text[i] in "\"'<":
                    raise _fail(f'Unexpected character in attribute of the tag "{tag}"', i)
                i += 1


def check_html(text: str) -> None:
    """Raise like Telegram's "can't parse entities" for text it would reject: a '<' that does
    not start a supported tag, a quote that ends an attribute early, a tag left open or closed
    out of order, an '&' that is not an entity."""
    opened: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "&" and ENTITY.match(text, i) is None:
            raise _fail("unescaped '&'", i)
        if char == "<":
            closing = text.startswith("</", i)
            name = TAG_NAME.match(text, i + (2 if closing else 1))
            tag = name.group(0).lower() if name else ""
            after = name.end() if name else i + 1
            if closing:
                end = text.find(">", after)
                if end < 0:
                    raise _fail(f'Unclosed end tag "{tag}"', i)
                if not opened or opened[-1] != tag:
                    expected = f"</{opened[-1]}>" if opened else "nothing"
                    raise _fail(f'Unmatched end tag "{tag}", expected {expected}', i)
                opened.pop()
                i = end
            else:
                if tag not in TELEGRAM_TAGS:
                    raise _fail(f'Unsupported start tag "{tag}"', i)
                i = _attributes(text, after, tag)
                opened.append(tag)
        i += 1
    if opened:
        raise _fail(f'Can\'t find end tag corresponding to start tag "{opened[-1]}"', len(text))


PROFILE = {
    f"{verb}My{name}": (field, limit)
    for name, field, limit in (
        ("Name", "name", 64),
        ("Description", "description", 512),
        ("ShortDescription", "short_description", 120),
    )
    for verb in ("get", "set")
}
"""The bot's profile per language, with the lengths Telegram accepts (Bot API: setMyName...)."""


def _length_after_parsing(text: str, parse_mode: object) -> int:
    """Telegram's 4096 counts the text after entities are parsed; we count UTF-16 code units
    (an emoji is two), the stricter reading."""
    if parse_mode == "HTML":
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None
    at: float = field(default_factory=time.perf_counter)
    """When the server answered it (perf_counter), for the benchmarks' timings."""
    status: int = 200

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None


@dataclass
class FakeBotApi:
    """Start with `await api.start()`; push updates; read `api.calls`."""

    token: str = "123456:TEST-token-for-the-fake-bot-api-server-000"
    calls: list[Call] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    port: int = 0
    profile: dict[tuple[str, str], str] = field(default_factory=dict)
    """(name | description | short_description, language_code) -> what setMy* stored."""
    blocked: set[int] = field(default_factory=set)
    """Chats whose user blocked the bot: sending there answers 403 Forbidden."""
    faults: list[str] = field(default_factory=list)
    """Faults for the next sends, in order: "500" (or 502, 503, 504), "reset" (connection
    dropped), "slow", "hang" (answers after the client timed out, like Telegram delivering
    late), "429:N" (Too Many Requests, retry after N seconds)."""
    fault_rate: float = 0.0
    """Share of sends that get a random fault from `random_faults` (benchmarks/faults.py)."""
    random_faults: tuple[str, ...] = ("429:1", "429:3", "429:5", "500", "502", "slow")
    rng: random.Random = field(default_factory=lambda: random.Random(8))  # noqa: S311 - faults
    refused: list[Call] = field(default_factory=list)
    """Calls answered with an error (429, 400, 403, 5xx), with their status and time."""
    throttle: int = 0
    """How many of the next sends answer 429 Too Many Requests (with retry_after)."""
    retry_after: int = 1
    by_chat: dict[int, list[Call]] = field(default_factory=dict)
    """Calls per chat, so tests and the load benchmark need not scan every call."""
    polls: int = 0
    """How many getUpdates calls the bot made."""
    throttled: int = 0
    """How many sends were answered 429 by `telegram_limits`."""
    late_answers: int = 0
    """How many button taps were answered after their lifetime."""
    telegram_limits: bool = False
    """Answer 429 as Telegram does when a bot sends faster than its limits (assumed, as
    bot/telegram/limits.py documents: 30 messages a second overall, 3 a second in one chat)."""
    callback_lifetime: float = 15.0
    """A button tap older than this cannot be answered any more ("query is too old")."""
    slow_chats: dict[int, float] = field(default_factory=dict)
    """Seconds every answer to a send for this chat takes (a slow or far-away chat)."""
    _sends: list[tuple[float, int]] = field(default_factory=list)
    _queries: dict[str, float] = field(default_factory=dict)
    handed_out: dict[int, float] = field(default_factory=dict)
    """update_id -> when getUpdates first returned it (perf_counter), for latency figures."""
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _messages: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _pushed: asyncio.Event | None = None
    _chat_events: dict[int, asyncio.Event] = field(default_factory=dict)
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        self._pushed = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def restart(self, down_for: float) -> None:
        """Go away (connections refused) and come back on the same port, state kept."""
        port = self.port
        await self.stop()
        await asyncio.sleep(down_for)
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()

    # -- what a test pushes ---------------------------------------------------------------

    def _push(self, kind: str, payload: dict[str, Any]) -> None:
        self.updates.append({"update_id": next(self._ids), kind: payload})
        if self._pushed is not None:
            self._pushed.set()

    @staticmethod
    def user(
        user_id: int, language: str | None = "en", first_name: str = "Maria"
    ) -> dict[str, Any]:
        person: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language:
            person["language_code"] = language
        return person

    def _message(self, user: dict[str, Any], **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._messages),
            "date": int(time.time()),
            "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
            "from": user,
            **content,
        }

    def send_text(self, user: dict[str, Any], text: str) -> None:
        entities = []
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        self._push("message", self._message(user, text=text, entities=entities))

    def send_location(self, user: dict[str, Any], lat: float, lon: float) -> None:
        self._push("message", self._message(user, location={"latitude": lat, "longitude": lon}))

    def send_sticker(self, user: dict[str, Any]) -> None:
        sticker = {
            "file_id": "s1",
            "file_unique_id": "u1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        self._push("message", self._message(user, sticker=sticker))

    def block(self, user: dict[str, Any], blocked: bool = True) -> None:
        """She blocks (or unblocks) the bot: sends to her answer 403, and Telegram tells the
        bot with a my_chat_member update, as it does."""
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        (self.blocked.add if blocked else self.blocked.discard)(user["id"])
        self._push(
            "my_chat_member",
            {
                "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
                "from": user,
                "date": int(time.time()),
                "old_chat_member": {"status": old, "user": BOT_USER, "until_date": 0},
                "new_chat_member": {"status": new, "user": BOT_USER, "until_date": 0},
            },
        )

    def press(self, user: dict[str, Any], data: str, message_id: int, text: str = "x") -> None:
        message = self._message(user, text=text)
        message["message_id"] = message_id
        message["from"] = BOT_USER
        query_id = str(next(self._ids))
        self._queries[query_id] = time.monotonic()
        query = {
            "id": query_id,
            "from": user,
            "chat_instance": "1",
            "message": message,
            "data": data,
        }
        self._push("callback_query", query)

    # -- what a test reads ----------------------------------------------------------------

    def sent_to(
        self,
        chat_id: int,
        methods: tuple[str, ...] = ("sendMessage", "editMessageText", "sendVenue"),
    ) -> list[Call]:
        return [c for c in self.by_chat.get(chat_id, ()) if c.method in methods]

    async def wait_for(self, chat_id: int, count: int, timeout: float = 10.0) -> list[Call]:
        """Wait until `count` messages were sent or edited for this chat in total."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(sent := self.sent_to(chat_id)) < count:
            arrived = self._chat_events.setdefault(chat_id, asyncio.Event())
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), max(deadline - loop.time(), 0.001))
        return sent

    # -- the HTTP side -------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return dict(await request.json())
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if not isinstance(value, str):  # an uploaded file (a photo): keep its size
                params[key] = {"uploaded_bytes": len(value.file.read())}
                continue
            text = value
            try:
                params[key] = json.loads(text) if text[:1] in "[{" else text
            except json.JSONDecodeError:
                params[key] = text
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._fail(401, "Unauthorized")
        method = LOWER_METHODS.get(request.match_info["method"].lower())
        if method is None:
            return self._fail(404, "Not Found: method not found")
        params = await self._params(request)
        response = await self._answer(request, method, params)
        if response.status != 200:
            self.refused.append(Call(method, params, status=response.status))
        return response

    async def _answer(
        self, request: web.Request, method: str, params: dict[str, Any]
    ) -> web.Response:
        missing = [name for name in METHODS[method]["required"] if name not in params]
        known = {*METHODS[method]["required"], *METHODS[method]["optional"], *DEFAULTS_PTB_SENDS}
        unknown = set(params) - known
        if missing or unknown:
            return self._fail(400, f"Bad Request: {method}: missing {missing}, unknown {unknown}")
        problem = self._check(params)
        if problem:
            return self._fail(400, problem)
        if method == "getUpdates":
            return await self._get_updates(params)
        fault = None
        if method in SENDS and self.faults:
            fault = self.faults.pop(0)
        elif method in SENDS and self.fault_rate and self.rng.random() < self.fault_rate:
            fault = self.rng.choice(self.random_faults)
        if fault is not None and fault.isdigit():  # a 5xx from Telegram or its front end
            code = int(fault)
            body = {"ok": False, "error_code": code, "description": SERVER_ERRORS.get(code, "")}
            return web.json_response(body, status=code)
        if fault == "reset":
            assert request.transport is not None
            request.transport.close()  # the client sees the connection dropped
            return web.Response(status=500)
        if fault and fault.startswith("429:"):
            return self._too_many(int(fault[4:]))
        if fault == "slow":
            await asyncio.sleep(1.5)
        if fault == "hang":  # longer than the client's read timeout; then it is delivered
            await asyncio.sleep(6.0)
        injected = self._injected_fault(method, params) or self._limited(method, params)
        if injected is not None:
            return injected
        if (delay := self.slow_chats.get(int(params.get("chat_id", 0) or 0))) is not None:
            await asyncio.sleep(delay)
        result = self._result(method, params)
        call = Call(method, params, result)
        self.calls.append(call)
        if call.chat_id is not None:
            self.by_chat.setdefault(call.chat_id, []).append(call)
            if (event := self._chat_events.get(call.chat_id)) is not None:
                event.set()
        return web.json_response({"ok": True, "result": result})

    def _limited(self, method: str, params: dict[str, Any]) -> web.Response | None:
        """Telegram's limits when `telegram_limits` is on; an expired button tap always."""
        now = time.monotonic()
        if method == "answerCallbackQuery":
            tapped = self._queries.get(str(params.get("callback_query_id")))
            if tapped is not None and now - tapped > self.callback_lifetime:
                self.late_answers += 1
                description = (
                    "Bad Request: query is too old and response timeout expired or query ID "
                    "is invalid"
                )
                return web.json_response(
                    {"ok": False, "error_code": 400, "description": description}, status=400
                )
            return None
        if not self.telegram_limits or method not in LIMITED_SENDS:
            return None
        chat = int(params.get("chat_id", 0) or 0)
        self._sends = [(at, c) for at, c in self._sends if now - at < 1.0]
        in_chat = sum(1 for _, c in self._sends if c == chat)
        if len(self._sends) >= OVERALL_LIMIT or in_chat >= PER_CHAT_LIMIT:
            self.throttled += 1
            return self._too_many(1)
        self._sends.append((now, chat))
        return None

    def _injected_fault(self, method: str, params: dict[str, Any]) -> web.Response | None:
        """Faults a test asked for; they are Telegram's normal answers, not test errors."""
        if method not in {"sendMessage", "editMessageText"}:
            return None
        if int(params.get("chat_id", 0) or 0) in self.blocked:
            body = {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
            return web.json_response(body, status=403)
        if self.throttle > 0:
            self.throttle -= 1
            return self._too_many(self.retry_after)
        return None

    @staticmethod
    def _too_many(retry_after: int) -> web.Response:
        body = {
            "ok": False,
            "error_code": 429,
            "description": f"Too Many Requests: retry after {retry_after}",
            "parameters": {"retry_after": retry_after},
        }
        return web.json_response(body, status=429)

    def _fail(self, code: int, description: str) -> web.Response:
        self.errors.append(description)
        return web.json_response(
            {"ok": False, "error_code": code, "description": description}, status=code
        )

    def _check(self, params: dict[str, Any]) -> str | None:
        for field_name, limit in PROFILE.values():
            if len(str(params.get(field_name) or "")) > limit:
                return f"Bad Request: {field_name} is too long"
        text = params.get("text")
        if isinstance(text, str):
            if _length_after_parsing(text, params.get("parse_mode")) > 4096:
                return "Bad Request: message is too long"
            if not text.strip():
                return "Bad Request: message text is empty"
            if params.get("parse_mode") == "HTML":
                try:
                    check_html(text)
                except TelegramHTMLError as error:
                    return str(error)
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and len(data.encode()) > 64:
                    return "Bad Request: BUTTON_DATA_INVALID"
                kinds = [key for key in ("callback_data", "url", "copy_text") if key in button]
                if len(kinds) != 1:
                    return (
                        "Bad Request: a button needs exactly one of callback_data, url, copy_text"
                    )
                copied = button.get("copy_text")
                if copied is not None and not 1 <= len(str(copied.get("text", ""))) <= 256:
                    return "Bad Request: copy_text must be 1-256 characters"
        return None

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        self.polls += 1
        offset = int(params.get("offset", 0) or 0)
        deadline = time.monotonic() + min(float(params.get("timeout", 0) or 0), 0.5)
        while True:
            ready = [u for u in self.updates if u["update_id"] >= offset]
            now = time.perf_counter()
            for update in ready:
                self.handed_out.setdefault(update["update_id"], now)
            if ready or time.monotonic() >= deadline:
                return web.json_response({"ok": True, "result": ready})
            assert self._pushed is not None
            self._pushed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._pushed.wait(), max(deadline - time.monotonic(), 0))

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in PROFILE:
            field, _ = PROFILE[method]
            language = params.get("language_code") or ""
            if method.startswith("set"):
                self.profile[(field, language)] = params.get(field) or ""
                return True
            return {field: self.profile.get((field, language), "")}
        if method in {"sendMessage", "sendVenue", "editMessageText"}:
            chat_id = int(params["chat_id"]) if "chat_id" in params else 0
            message: dict[str, Any] = {
                "message_id": int(params.get("message_id") or next(self._messages)),
                "date": int(time.time()),
                "from": BOT_USER,
                "chat": {"id": chat_id, "type": "private"},
            }
            if "text" in params:
                message["text"] = params["text"]
            if method == "sendVenue":
                message["venue"] = {
                    "location": {"latitude": params["latitude"], "longitude": params["longitude"]},
                    "title": params["title"],
                    "address": params["address"],
                }
            return message
        return True
