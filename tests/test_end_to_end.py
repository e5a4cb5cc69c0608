"""The whole bot over HTTP: the Application long-polls a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.i18n import SUPPORTED, translator
from bot.languages import languages
from tests.fakebotapi import Call, FakeBotApi

LRI, PDI = "\u2066", "\u2069"


def buttons(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def data_of(call: Call) -> list[str]:
    return [b["callback_data"] for b in buttons(call) if "callback_data" in b]


class Walker:
    """A user tapping through the bot; every step waits for the bot's answer."""

    def __init__(self, api: FakeBotApi, user_id: int, language: str | None) -> None:
        self.api = api
        self.user = api.user(user_id, language)
        self.chat = user_id

    @property
    def seen(self) -> int:
        return len(self.api.sent_to(self.chat))

    async def type(self, text: str, answers: int = 1) -> Call:
        before = self.seen
        self.api.send_text(self.user, text)
        return (await self.api.wait_for(self.chat, before + answers))[-1]

    async def press(self, data: str, answers: int = 1) -> Call:
        before = self.seen
        last_message = self.api.sent_to(self.chat, ("sendMessage",))[-1]
        self.api.press(self.user, data, last_message.result["message_id"])
        return (await self.api.wait_for(self.chat, before + answers))[-1]

    async def choose_countries(
        self, host_typed: str, host: str, origin_typed: str, origin: str
    ) -> Call:
        """Both questions answered by typing, each country the first one offered; her menu."""
        found = await self.type(host_typed)
        assert data_of(found)[0] == f"1:sethost:{host}"
        await self.press(f"1:sethost:{host}")
        passport = await self.type(origin_typed)
        assert data_of(passport)[0] == f"1:setorg:{origin}"
        return await self.press(f"1:setorg:{origin}")

    async def locate(self, lat: float, lon: float) -> Call:
        before = self.seen
        self.api.send_location(self.user, lat, lon)
        return (await self.api.wait_for(self.chat, before + 2))[-1]


async def walk_everything(api: FakeBotApi, user_id: int, language: str) -> list[str]:
    """/start → pickers → every menu item → every step of a plan → location → search."""
    me = Walker(api, user_id, language)
    texts: list[str] = []
    start = await me.type("/start")
    assert "1:sethost:AE" in data_of(start)  # where she is comes first: it decides the numbers
    origin_picker = await me.press("1:sethost:AE")
    assert "1:setorg:PH" in data_of(origin_picker)
    home = await me.press("1:setorg:PH")
    menu = data_of(home)
    assert menu == [
        "1:emergency",
        "1:missions",
        "1:plans",
        "1:topics",
        "1:loc",
        "1:reg",
        "1:settings",
        "1:about",
    ]
    for item in menu:
        screen = await me.press(item)
        texts.append(screen.params["text"])
        if item == "1:loc":
            assert screen.method == "sendMessage"  # a reply keyboard needs a new message
            keyboard = screen.params["reply_markup"]
            keyboard = json.loads(keyboard) if isinstance(keyboard, str) else keyboard
            assert keyboard["keyboard"][0][0]["request_location"] is True
            await me.type("/start")
        else:
            assert screen.method == "editMessageText"
            await me.press("1:home")
    plans = await me.press("1:plans")
    first_plan = data_of(plans)[0]
    step = await me.press(first_plan)
    steps = 1
    while any(d.startswith("1:plan:fire:") and d.endswith(str(steps + 1)) for d in data_of(step)):
        step = await me.press(f"1:plan:fire:{steps + 1}")
        steps += 1
        texts.append(step.params["text"])
    assert steps == 3
    missions = await me.press("1:missions")
    mission = await me.press("1:mission:ae-embassy")
    assert "1:map:ae-embassy" in data_of(mission)
    venue = await me.press("1:map:ae-embassy", answers=2)
    assert venue.method == "sendVenue" and float(venue.params["latitude"]) == pytest.approx(24.45)
    near = await me.locate(25.2, 55.27)
    labels = [b["text"] for b in buttons(near)]
    assert any(unit in labels[0] for unit in ("km", "كم", "км"))
    assert labels[0].startswith("Consulate General in Dubai")  # the nearer one comes first
    found = await me.type("fire")
    assert "1:plan:fire:1" in data_of(found)
    texts += [missions.params["text"], mission.params["text"], found.params["text"]]
    return texts


@pytest.mark.parametrize(
    ("user_id", "telegram_language"),
    [
        (111, "be"),
        (112, "ru-RU"),
        (113, "uk"),
        (114, "pt-br"),
    ],
)
async def test_every_screen_works_in_other_languages(
    running_bot: FakeBotApi, user_id: int, telegram_language: str
) -> None:
    if telegram_language == "pt-br":  # unsupported: the language picker comes first
        me = Walker(running_bot, user_id, telegram_language)
        picker = await me.type("/start")
        assert "1:setlang:fil" in data_of(picker)
        await me.press("1:setlang:en")
    texts = await walk_everything(running_bot, user_id, telegram_language)
    assert texts and running_bot.errors == []


async def test_english_user_walks_every_screen(running_bot: FakeBotApi) -> None:
    texts = await walk_everything(running_bot, 101, "en")
    assert any("Step 3 of 3" in text for text in texts)
    assert running_bot.errors == []


async def test_filipino_phone_tl_gets_filipino_content(running_bot: FakeBotApi) -> None:
    texts = await walk_everything(running_bot, 102, "tl")
    assert any("Sunog" in text for text in texts)
    assert running_bot.errors == []


async def test_arabic_user_sees_numbers_isolated_left_to_right(running_bot: FakeBotApi) -> None:
    texts = await walk_everything(running_bot, 103, "ar")
    assert any(f"{LRI}999{PDI}" in text for text in texts)
    assert running_bot.errors == []


async def test_forged_button_says_expired_and_shows_menu(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 104, "en")
    await me.type("/start ph-ae-en")
    for forged in (
        "1:plan:nonexistent:1",
        "9:home",
        "garbage",
        "1:mission:../../etc",
        "1:plan:fire:99",
    ):
        screen = await me.press(forged)
        assert "expired" in screen.params["text"]
        assert "1:emergency" in data_of(screen)
    assert running_bot.errors == []


async def test_deep_link_opens_menu_in_filipino(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 105, "en")
    home = await me.type("/start ph-ae-fil")
    assert "1:emergency" in data_of(home)
    plans = await me.press("1:plans")
    assert "Sunog" in " ".join(b["text"] for b in buttons(plans))


async def test_bad_deep_link_falls_back_to_normal_start(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 106, "en")
    start = await me.type("/start zz-qq-xx")
    assert "1:sethost:AE" in data_of(start)


async def test_sticker_long_text_and_unknown_command_get_a_short_answer(
    running_bot: FakeBotApi,
) -> None:
    me = Walker(running_bot, 107, "en")
    await me.type("/start ph-ae-en")
    before = me.seen
    running_bot.send_sticker(me.user)
    sticker = (await running_bot.wait_for(me.chat, before + 1))[-1]
    assert "not this kind of message" in sticker.params["text"]
    long = await me.type("help " * 2000)
    assert "too long" in long.params["text"]
    unknown = await me.type("/teleport")
    assert "do not know that command" in unknown.params["text"]
    assert running_bot.errors == []


async def test_forget_deletes_choices_and_says_so(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 108, "en")
    await me.type("/start ph-ae-en")
    done = await me.type("/forget")
    assert "deleted" in done.params["text"]
    again = await me.type("/start")
    assert "1:sethost:AE" in data_of(again)  # nothing remembered: the questions come again


async def test_choices_survive_in_storage_between_messages(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 109, "en")
    await me.type("/start ph-ae-en")
    numbers = await me.type("/emergency")
    assert "999" in numbers.params["text"]


async def test_name_description_and_menu_are_published_in_every_language(
    running_bot: FakeBotApi,
) -> None:
    """English is the default (no language_code); every other UI language by Telegram's tag."""
    expected = {None} | {languages().telegram_tag(code) for code in SUPPORTED if code != "en"}
    for method in ("setMyCommands", "setMyName", "setMyDescription", "setMyShortDescription"):
        published = [c for c in running_bot.calls if c.method == method]
        assert {c.params.get("language_code") for c in published} == expected, method
    assert "tl" in expected and "fil" not in expected
    assert running_bot.profile[("name", "ru")] == "Lifeline: помощь за границей"


async def test_logs_of_a_whole_session_contain_no_id_name_or_text(
    running_bot: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")  # the level `python -m bot run` logs at
    user_id = 7350142987
    me = Walker(running_bot, user_id, "en")
    me.user["first_name"] = "Zanubiya"
    await me.type("/start ph-ae-en")
    await me.type("my secret words about a fire")
    await me.press("1:plan:nonexistent:1")
    await me.locate(25.2, 55.27)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (str(user_id), "Zanubiya", "secret words"):
        assert secret not in logged


async def test_arabic_lines_start_right_to_left(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 110, "ar")
    home = await me.type("/start ph-ae-ar")
    lines = [line for line in home.params["text"].split("\n") if line]
    assert all(line.startswith("\u200f") for line in lines)


async def test_uncovered_nationality_gets_the_host_numbers_in_arabic(
    running_bot: FakeBotApi,
) -> None:
    me = Walker(running_bot, 131, "ar")
    await me.type("/start")
    await me.press("1:sethost:AE")
    home = await me.press("1:setorg:ZZ")  # "My passport is not listed"
    assert "1:emergency" in data_of(home) and "1:missions" in data_of(home)
    numbers = await me.press("1:emergency")
    assert f"{LRI}999{PDI}" in numbers.params["text"]
    copies = [b["copy_text"]["text"] for b in buttons(numbers) if "copy_text" in b]
    assert copies[:3] == ["999", "998", "997"]
    sources = await me.press("1:src:e")
    assert '<a href="https://example.org/ae-numbers">' in sources.params["text"]
    embassy = await me.press("1:missions")
    assert "1:emergency" in data_of(embassy)  # how to find her embassy, and the way back
    assert running_bot.errors == []


async def test_uncovered_country_gives_home_lines_and_a_way_on(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 132, "en")
    await me.type("/start")
    other = await me.press("1:otherh")
    assert "1:loc" in data_of(other) and "1:sethost:ZZ" in data_of(other)
    await me.press("1:sethost:ZZ")
    home = await me.press("1:setorg:PH")
    text = home.params["text"]
    assert "no emergency numbers for the country you are in" in text
    assert "+63 2 8722 1144" in text and "1:call" in data_of(home)
    located = await me.locate(24.45, 54.38)  # Abu Dhabi: the location answers the question
    assert located.params["text"].startswith("<b>Emergency in United Arab Emirates</b>")
    assert running_bot.errors == []


async def test_an_egyptian_in_qatar_types_both_countries_and_gets_numbers(
    running_bot: FakeBotApi,
) -> None:
    """Neither country has a folder: both are typed (in Arabic), and the numbers known for
    Qatar are shown with where they come from."""
    me = Walker(running_bot, 133, "ar")
    await me.type("/start")
    found = await me.type("قطر")
    assert data_of(found)[0] == "1:sethost:QA"
    await me.press("1:sethost:QA")
    passport = await me.type("مصر")
    assert data_of(passport)[0] == "1:setorg:EG"
    home = await me.press("1:setorg:EG")
    assert "999" in home.params["text"] and "libphonenumber" in home.params["text"]
    assert "1:missions" in data_of(home) and "1:settings" in data_of(home)
    assert running_bot.errors == []


WALKS = [  # (Telegram language, typed host, host, typed passport, passport, a number shown)
    ("ky", "Россия", "RU", "Кыргызстан", "KG", "112"),
    ("ur", "سعودی عرب", "SA", "پاکستان", "PK", "997"),
    ("ne", "कतार", "QA", "नेपाल", "NP", "999"),
    ("de", "Libyen", "LY", "Deutschland", "DE", "193"),
]


@pytest.mark.parametrize("walk", WALKS, ids=[walk[0] for walk in WALKS])
async def test_readers_of_new_languages_walk_to_their_numbers(
    running_bot: FakeBotApi, walk: tuple[str, str, str, str, str, str]
) -> None:
    """A Kyrgyz reader in Russia, an Urdu reader in Saudi Arabia (right to left), a Nepali in
    Qatar, a German in Libya: both countries typed, the numbers shown, in her language or,
    for German (no catalog), after she picks one."""
    language, host_typed, host, origin_typed, origin, number = walk
    me = Walker(running_bot, 9_000 + WALKS.index(walk), language)
    first = await me.type("/start")
    if language == "de":
        assert "1:setlang:en" in data_of(first)
        await me.press("1:setlang:en")
    home = await me.choose_countries(host_typed, host, origin_typed, origin)
    numbers = await me.press("1:emergency") if "1:emergency" in data_of(home) else home
    assert number in numbers.params["text"]
    if language == "ur":
        assert "\u200f" in numbers.params["text"]  # every line laid out right to left
    if language in {"ky", "ur", "ne"}:
        assert translator(language).gettext("☰ Menu") != "☰ Menu"
    assert running_bot.errors == []
