"""HTML injection: content and user input with tags and ampersands reach Telegram escaped."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.content.loader import load_content
from bot.storage.repository import Store
from tests.conftest import FIXTURE_CONTENT, SECRET, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker


async def test_tags_and_ampersands_in_content_and_input_are_escaped(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content_dir)
    missions = content_dir / "origins" / "PH" / "missions.yaml"
    missions.write_text(
        missions.read_text().replace(
            "Consulate General in Dubai", "Consulate <b>General</b> & Co <script>x</script>"
        )
    )
    plan = content_dir / "origins" / "PH" / "plans" / "fire.yaml"
    plan.write_text(plan.read_text().replace("Do not use the lift.", "Do <i>not</i> & use </b>"))
    content = load_content(content_dir).content
    assert content is not None
    store = Store(tmp_path / "bot.sqlite", SECRET.encode())
    async with bot_running(bot_api, content, store):
        me = Walker(bot_api, 601, "en")
        await me.type("/start ph-ae")
        missions_screen = await me.press("1:missions")
        detail = await me.press("1:mission:ae-consulate-dubai")
        step = await me.press("1:plan:fire:1")
        found = await me.type("<b>fire</b> & <a href='x'>")
        emergency = await me.press("1:emergency")
    assert "Consulate &lt;b&gt;General&lt;/b&gt; &amp; Co &lt;script&gt;" in detail.params["text"]
    assert "Do &lt;i&gt;not&lt;/i&gt; &amp; use &lt;/b&gt;" in step.params["text"]
    assert "1:plan:fire:1" in str(found.params.get("reply_markup"))  # input searched, not echoed
    assert missions_screen and emergency
    assert bot_api.errors == []  # the fake server parses HTML like Telegram and found no fault
