"""Webhook mode: the real process behind `run --webhook`, refusing calls without the secret."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp

from bot.storage.crypto import Keys
from tests.conftest import FIXTURE_CONTENT, ROOT, SECRET
from tests.fakebotapi import FakeBotApi


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_listening(port: int, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            assert loop.time() < deadline, "webhook server did not start"
            await asyncio.sleep(0.1)


async def test_webhook_refuses_requests_without_the_secret_token(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": bot_api.token,
        "TELEGRAM_API_URL": bot_api.base_url,
        "BOT_SECRET_KEY": SECRET,
        "BOT_DATABASE": str(tmp_path / "bot.sqlite"),
        "BOT_CONTENT_DIR": str(FIXTURE_CONTENT),
    }
    bot = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--webhook",
        url,
        "--listen",
        f"127.0.0.1:{port}",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await wait_listening(port)
        secret = Keys(SECRET.encode()).webhook_secret()
        registered = [c for c in bot_api.calls if c.method == "setWebhook"]
        assert registered and registered[-1].params["secret_token"] == secret
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "/start ph-ae",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                "chat": {"id": 777, "type": "private"},
                "from": {"id": 777, "is_bot": False, "first_name": "A"},
            },
        }
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, json=update, headers=headers) as response:
                    assert response.status == 403
            await asyncio.sleep(0.5)
            assert bot_api.sent_to(777) == []  # refused requests did nothing
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
            async with http.post(
                url,
                data=json.dumps(update),
                headers={**headers, "Content-Type": "application/json"},
            ) as response:
                assert response.status == 200
        answer = await bot_api.wait_for(777, 1, timeout=15)
        assert "1:emergency" in str(answer[-1].params.get("reply_markup"))
    finally:
        bot.send_signal(signal.SIGTERM)
        await bot.wait()
    assert bot.returncode == 0
