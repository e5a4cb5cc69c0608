""" "Report a wrong number": the screens, what is stored (nothing about the reader), the limit,
and the button end to end, from the emergency screen to the staff's `stats`."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.content.model import Content, HostHelpline
from bot.i18n import SUPPORTED
from bot.screens.base import Action, Report
from bot.screens.reports import EMERGENCY, HELPLINES, report_button, reportables
from bot.screens.router import route
from bot.state import WrongNumber
from bot.storage.reports import DAILY_REPORTS, Reported
from bot.storage.repository import Store
from bot.telegram.callbacks import encode
from tests.conftest import FIXTURE_CONTENT, SECRET, bot_running, make_view
from tests.fakebotapi import FakeBotApi, check_html
from tests.test_cli import run
from tests.test_end_to_end import Walker, buttons, data_of

ADMIN = 950
POLICE = WrongNumber("content/hosts/AE.yaml", "emergency/police 999", "PH")


def test_emergency_screen_has_the_button_and_the_choice_lists_its_numbers(
    fixture_content: Content,
) -> None:
    view = make_view(fixture_content)
    emergency = route(view, Action("emergency")).screen
    assert emergency is not None
    labels = {b.label: b.action for row in emergency.buttons for b in row}
    assert labels["⚠️ Report a wrong number"] == Action("wrong", (EMERGENCY,))
    which = route(view, Action("wrong", (EMERGENCY,))).screen
    assert which is not None and "Which number is wrong?" in which.text
    choices = [b.label for row in which.buttons for b in row if b.action.screen == "wrongok"]
    assert choices == [
        "⚠️ 999 · Police",
        "⚠️ 998 · Ambulance",
        "⚠️ 997 · Fire",
        "⚠️ +971 50 443 8003 · Embassy of the Philippines in Abu Dhabi",
        "⚠️ +63 2 8722 1144 · DMW hotline",
    ]
    items = [(r.report.path, r.report.item, r.report.origin) for r in reportables(view, "E")]
    assert items[0] == ("content/hosts/AE.yaml", "emergency/police 999", "PH")
    assert items[3][0] == "content/origins/PH/missions.yaml"
    assert items[3][1].startswith("mission ae-embassy phone +971")
    assert items[4][0] == "content/origins/PH/origin.yaml"
    for row in which.buttons:  # every button fits Telegram's 64 bytes
        for button in row:
            if button.action is not None:
                encode(button.action)


def test_a_country_without_a_host_file_reports_android_numbers_her_mission_and_hotlines(
    real_content: Content,
) -> None:
    """Egypt's embassy in Tripoli and its home hotline are curated; Libya's 1515 is Android's."""
    view = make_view(real_content, origin="EG", host="LY")
    assert "LY" not in real_content.hosts
    emergency = route(view, Action("emergency")).screen
    assert emergency is not None
    assert any(b.action == Action("wrong", (EMERGENCY,)) for row in emergency.buttons for b in row)
    items = [(r.report.path, r.report.item, r.report.origin) for r in reportables(view, "E")]
    assert items[0] == ("content/directory/emergency.json", "emergency/general 1515", "EG")
    assert items[1][0] == "content/origins/EG/missions.yaml"
    assert items[-1][0] == "content/origins/EG/origin.yaml"
    [first, *_] = reportables(view, "E")
    thanks = route(view, Action("wrongok", (EMERGENCY, first.key))).screen
    assert thanks is not None and "content/directory/emergency.json" in thanks.text


def test_a_mission_screen_reports_its_own_lines(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    mission = route(view, Action("mission", ("ae-embassy",))).screen
    assert mission is not None
    assert any(
        b.action == Action("wrong", ("ae-embassy",)) for row in mission.buttons for b in row
    )
    found = reportables(view, "ae-embassy")
    assert {r.report.path for r in found} == {"content/origins/PH/missions.yaml"}
    assert all(r.report.item.startswith("mission ae-embassy phone +971") for r in found)


def test_one_number_is_one_tap_and_host_files_go_to_her_nationality(
    fixture_content: Content,
) -> None:
    """A screen with a single number reports it at once. A host file is shared: without a
    folder for her passport the report goes to the host nationality's staff."""
    line = HostHelpline.model_validate(
        {
            "kind": "labour",
            "name": {"en": "MOHRE"},
            "number": "80060",
            "source": "https://example.org/mohre",
            "as_of": "2025-12",
            "checked": "2026-01-10",
        }
    )
    host = fixture_content.hosts["AE"].model_copy(update={"helplines": [line]})
    content = fixture_content.model_copy(update={"hosts": {**fixture_content.hosts, "AE": host}})
    view = make_view(content)
    living = route(view, Action("topics")).screen
    assert living is not None
    [one] = reportables(view, HELPLINES)
    assert one.report == WrongNumber("content/hosts/AE.yaml", "helpline labour 80060", "PH")
    tap = Action("wrongok", (HELPLINES, one.key))
    assert any(b.action == tap for row in living.buttons for b in row)  # no choice to make
    stranger = make_view(content, origin="ZZ")
    assert reportables(stranger, HELPLINES)[0].report.origin == "AE"
    thanks = route(stranger, Action("wrongok", (HELPLINES, one.key))).screen
    assert thanks is not None and "the Lifeline maintainers" in thanks.text


def test_the_thank_you_says_what_is_sent_and_who_sees_it(fixture_content: Content) -> None:
    view = make_view(fixture_content)
    [police] = [r for r in reportables(view, EMERGENCY) if r.report == POLICE]
    outcome = route(view, Action("wrongok", (EMERGENCY, police.key)))
    assert isinstance(outcome.effect, Report) and outcome.effect.report == POLICE
    assert outcome.screen is not None
    text = outcome.screen.text
    assert "content/hosts/AE.yaml" in text and "emergency/police 999" in text
    assert "Not sent: who you are" in text
    operator = fixture_content.origins["PH"].origin.operator.name.en
    assert f"Who sees it: {operator}." in text
    assert outcome.state == view.state  # a report changes none of her choices


@pytest.mark.parametrize("language", SUPPORTED)
def test_report_screens_are_whole_in_every_language(
    fixture_content: Content, language: str
) -> None:
    view = make_view(fixture_content, language)
    first = reportables(view, EMERGENCY)[0]
    which = route(view, Action("wrong", (EMERGENCY,))).screen
    outcome = route(view, Action("wrongok", (EMERGENCY, first.key)))
    assert which is not None and outcome.screen is not None
    assert isinstance(outcome.effect, Report)
    button = report_button(view, EMERGENCY)
    assert button is not None and button.label.startswith("⚠️")
    for screen in (which, outcome.screen, outcome.effect.refused):
        assert "{" not in screen.text and screen.text.strip()
        check_html(screen.text)


@pytest.mark.parametrize(
    "action",
    [
        Action("wrongok", (EMERGENCY, "000000")),  # a number not on that screen
        Action("wrongok", ("no-such-mission", "abcdef")),
        Action("wrong", ("no-such-mission",)),
        Action("wrong", ()),  # wrong arity
        Action("wrongok", (EMERGENCY,)),
    ],
)
def test_a_forged_report_button_is_expired(fixture_content: Content, action: Action) -> None:
    outcome = route(make_view(fixture_content), action)
    assert outcome.effect is None and outcome.screen is not None
    assert "This button has expired" in outcome.screen.text


async def test_storage_keeps_no_identity_and_limits_each_person(tmp_path: Path) -> None:
    day = [date(2026, 12, 1)]
    path = tmp_path / "db.sqlite"
    async with Store(path, SECRET.encode(), lambda: day[0]) as store:
        assert await store.reports.add(7001, POLICE) is Reported.COUNTED
        assert await store.reports.add(7001, POLICE) is Reported.ALREADY  # not counted twice
        assert await store.reports.add(7002, POLICE) is Reported.COUNTED
        for n in range(DAILY_REPORTS - 1):
            other = WrongNumber(POLICE.path, f"emergency/fire 99{n}", "PH")
            assert await store.reports.add(7001, other) is Reported.COUNTED
        flood = WrongNumber(POLICE.path, "emergency/ambulance 998", "PH")
        assert await store.reports.add(7001, flood) is Reported.LIMITED
        [police, *_] = await store.reports.counts(("PH",))
        assert (police.item, police.count, police.last) == (POLICE.item, 2, day[0])
        assert await store.reports.counts(("BY",)) == []
        day[0] += timedelta(days=1)  # the marks of yesterday are gone: she may report again
        assert await store.reports.add(7001, POLICE) is Reported.COUNTED
        assert (await store.reports.counts())[0].count == 3
        await store.forget(7002)
        user_keys = {store.key(7001), store.key(7002)}
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(wrong_number_reports)")]
        assert columns == ["path", "item", "origin", "day", "count"]
        stored = db.execute("SELECT * FROM wrong_number_reports").fetchall()
        marks = db.execute("SELECT mark, reader, day FROM report_marks").fetchall()
    for row in stored:
        assert not any(isinstance(value, bytes) for value in row)
        assert not any(str(value) in {"7001", "7002"} for value in row)
    assert {row[2] for row in marks} == {"2026-12-02"}  # yesterday's were deleted
    assert not user_keys & {bytes(value) for row in marks for value in row[:2]}
    assert b"7001" not in path.read_bytes()


async def test_the_report_button_end_to_end(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> None:
    """From the emergency screen to the thank-you, a forged report button, then staff's
    /stats in Telegram and `python -m bot stats` in the terminal list the report."""
    database = tmp_path / "bot.sqlite"
    store = Store(database, SECRET.encode())
    async with bot_running(bot_api, fixture_content, store, bot_admin_ids=f"{ADMIN}"):
        me = Walker(bot_api, 7101, "en")
        await me.type("/start ph-ae-en")
        numbers = await me.type("/emergency")
        assert "1:wrong:E" in data_of(numbers)
        which = await me.press("1:wrong:E")
        police = next(b for b in buttons(which) if b["text"] == "⚠️ 999 · Police")
        thanks = await me.press(police["callback_data"])
        assert "Thank you" in thanks.params["text"]
        assert "content/hosts/AE.yaml" in thanks.params["text"]
        forged = await me.press("1:wrongok:E:ffffff")
        assert "expired" in forged.params["text"]
        admin = Walker(bot_api, ADMIN, "en")
        stats = await admin.type("/stats", answers=3)  # figures, alerts, reports
        assert "Reports of wrong numbers" in stats.params["text"]
        assert "PH · content/hosts/AE.yaml · emergency/police 999: 1" in stats.params["text"]
        assert bot_api.errors == []
    env = {
        "BOT_SECRET_KEY": SECRET,
        "BOT_DATABASE": str(database),
        "BOT_CONTENT_DIR": str(FIXTURE_CONTENT),
    }
    printed = run("stats", "--origin", "PH", **env)
    assert printed.returncode == 0, printed.stderr
    assert "PH · content/hosts/AE.yaml · emergency/police 999: 1 (last " in printed.stdout
    assert "emergency/police" not in run("stats", "--origin", "BY", **env).stdout


async def test_one_person_cannot_flood_the_reports(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the day's limit she is thanked and told to wait; nothing more is counted."""
    monkeypatch.setattr("bot.storage.reports.DAILY_REPORTS", 2)
    database = tmp_path / "bot.sqlite"
    async with bot_running(bot_api, fixture_content, Store(database, SECRET.encode())):
        me = Walker(bot_api, 7201, "en")
        await me.type("/start ph-ae-en")
        await me.type("/emergency")
        which = await me.press("1:wrong:E")
        choices = [d for d in data_of(which) if d.startswith("1:wrongok:")]
        first, second, third = choices[:3]
        assert "Thank you" in (await me.press(first)).params["text"]
        assert "Thank you" in (await me.press(first)).params["text"]  # the same: not counted
        assert "Thank you" in (await me.press(second)).params["text"]
        refused = await me.press(third)
        assert "many reports today" in refused.params["text"]
        other = Walker(bot_api, 7202, "en")  # someone else is not held back by her
        await other.type("/start ph-ae-en")
        await other.type("/emergency")
        await other.press("1:wrong:E")
        assert "Thank you" in (await other.press(third)).params["text"]
        assert bot_api.errors == []
    async with Store(database, SECRET.encode()) as store:
        counted = {r.item: r.count for r in await store.reports.counts()}
    assert sum(counted.values()) == 3 and max(counted.values()) == 1
