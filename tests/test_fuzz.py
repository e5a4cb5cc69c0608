"""Fuzzing: generated updates (any script, emoji, invisible and RTL marks, 10,000 characters,
forged buttons, edits, media, contacts, locations at the poles and at 0,0) never make the bot
raise, never produce a call Telegram would reject, and every one gets an answer."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update

from bot.content.loader import load_content
from bot.storage.repository import Store
from tests.conftest import FIXTURE_CONTENT, SECRET, bot_running
from tests.fakebotapi import FakeBotApi

CONTENT = load_content(FIXTURE_CONTENT).content
USERS = [4001, 4002, 4003]
MARKS = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)

texts = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.text(alphabet=MARKS + "abcпожарحريق🔥 ", max_size=40),
    st.sampled_from(
        [
            "/start",
            "/start ph-ae-fil",
            "/help",
            "/forget",
            "/register",
            "/alert",
            "/stats",
            "/nope",
            "fire",
            "пожар",
            "nawala pasaporte",
            "<b>&amp;</b>&",
        ]
    ),
    st.integers(min_value=3_000, max_value=10_000).map(lambda n: "x" * n),
)
callback_data = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "1:home",
            "1:plan:fire:1",
            "1:plan:fire:99",
            "1:rc:1:1:safe",
            "1:adm:go",
            "1:regsave:dubai:1",
            "1:regsave:-:5+",
            "1:setlang:ar",
            "1:map:ae-embassy",
            "1:forgetok",
            "1:renew",
            "1:unreg",
            "2:home",
            "1:sethost:ZZ",
        ]
    ),
)
coordinates = st.tuples(
    st.one_of(st.sampled_from([90.0, -90.0, 0.0, 25.2]), st.floats(-90, 90)),
    st.one_of(st.sampled_from([180.0, -180.0, 0.0, 55.3]), st.floats(-180, 180)),
)


def message(user: int, **content: Any) -> dict[str, Any]:
    person = {"id": user, "is_bot": False, "first_name": "F", "language_code": "ar"}
    return {
        "message_id": 7,
        "date": 0,
        "chat": {"id": user, "type": "private"},
        "from": person,
        **content,
    }


@st.composite
def updates(draw: st.DrawFn) -> dict[str, Any]:
    user = draw(st.sampled_from(USERS))
    kind = draw(
        st.sampled_from(
            ["text", "edited", "callback", "location", "sticker", "contact", "photo", "unknown"]
        )
    )
    if kind in {"text", "edited"}:
        text = draw(texts)
        entities = (
            [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
            if text.startswith("/") and text.split()
            else []
        )
        body = message(user, text=text or ".", entities=entities)
        return {"edited_message" if kind == "edited" else "message": body}
    if kind == "callback":
        return {
            "callback_query": {
                "id": "q",
                "from": message(user)["from"],
                "chat_instance": "c",
                "data": draw(callback_data),
                "message": message(user, text="old screen"),
            }
        }
    if kind == "location":
        lat, lon = draw(coordinates)
        return {"message": message(user, location={"latitude": lat, "longitude": lon})}
    if kind == "sticker":
        return {
            "message": message(
                user,
                sticker={
                    "file_id": "s",
                    "file_unique_id": "u",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                },
            )
        }
    if kind == "contact":
        return {
            "message": message(user, contact={"phone_number": "+971500000000", "first_name": "X"})
        }
    if kind == "photo":
        return {
            "message": message(
                user, photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
            )
        }
    return {"update_type_from_the_future": {"user": user}}  # Bot API may add kinds any day


async def play(batch: list[dict[str, Any]]) -> tuple[FakeBotApi, list[logging.LogRecord]]:
    api = FakeBotApi()
    await api.start()
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    try:
        with tempfile.TemporaryDirectory() as folder:
            store = Store(Path(folder) / "fuzz.sqlite", SECRET.encode())
            assert CONTENT is not None
            async with bot_running(api, CONTENT, store, rate_limit=False) as app:
                for number, raw in enumerate(batch, start=1):
                    update = Update.de_json({"update_id": number, **raw}, app.bot)
                    await app.process_update(update)
    finally:
        logging.getLogger().removeHandler(handler)
        await api.stop()
    return api, records


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(updates(), min_size=5, max_size=25))
def test_generated_updates_never_crash_and_always_get_an_answer(
    batch: list[dict[str, Any]],
) -> None:
    api, errors = asyncio.run(play(batch))
    assert api.errors == []  # nothing Telegram would reject (HTML, lengths, button data)
    assert [r.getMessage() for r in errors] == []  # no handler raised
    answered = {c.chat_id for c in api.calls if c.chat_id is not None}
    answered |= {u for u in USERS if any(c.method == "answerCallbackQuery" for c in api.calls)}
    asked = {
        raw[next(iter(raw))].get("chat", {}).get("id")
        or raw[next(iter(raw))].get("from", {}).get("id")
        for raw in batch
        if "update_type_from_the_future" not in raw
    }
    assert asked <= answered  # everyone who wrote or tapped got something back
