"""Staff figures never let someone subtract a hidden small cell; alerts Telegram would refuse
are refused when queued (CLI and composer), not at delivery to everyone."""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.content.model import Content
from bot.figures import staff_figures
from bot.i18n import translator
from bot.screens.alerts import stats_text, too_long_for
from bot.screens.figures import people_shown
from bot.shell import plain
from bot.staff_cli import (
    EXIT_NOT_PICKED_UP,
    EXIT_REFUSED,
    AlertFileError,
    alert,
    follow,
    read_alert_file,
)
from bot.state import Alert, People, RegionStats, UserState, suppressed_total
from bot.storage.lease import SENDER
from bot.storage.repository import Store
from tests.conftest import FIXTURE_CONTENT, SECRET, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_cli import run
from tests.test_end_to_end import Walker

NAMES: dict[str | None, str] = {"dubai": "Dubai", "abu-dhabi": "Abu Dhabi"}


def _env(tmp_path: Path) -> dict[str, str]:
    """The staff CLI on this test's database and the fixture content."""
    return {
        "BOT_SECRET_KEY": SECRET,
        "BOT_DATABASE": str(tmp_path / "bot.sqlite"),
        "BOT_CONTENT_DIR": str(FIXTURE_CONTENT),
    }


def _alert(rollcall: bool = False, text: str = "Stay inside.") -> Alert:
    return Alert(7, "PH", "AE", (), "urgent", {"en": text}, rollcall, 1, 1)


def test_a_total_over_a_hidden_cell_is_rounded() -> None:
    assert suppressed_total(13, [10, 3]) == "≈15"
    assert suppressed_total(12, [6, 6]) == "12"  # nothing hidden: exact
    assert suppressed_total(3, [3]) == "< 5"
    assert suppressed_total(0, []) == "0"


def test_alert_figures_do_not_give_away_a_small_region() -> None:
    stats = [
        RegionStats("dubai", 10, 10, 0, 0, 0),
        RegionStats("abu-dhabi", 3, 3, 0, 0, 0),
    ]
    text = stats_text(translator("en"), _alert(), stats, 0, NAMES)
    assert "Dubai: 10" in text and "Abu Dhabi: &lt; 5" in text
    assert "13" not in text  # 13 - 10 = 3 people in Abu Dhabi
    assert "Sent: ≈15 of ≈15" in text


def test_a_region_total_is_rounded_when_one_answer_is_hidden() -> None:
    """10 recipients, 6 safe, 0 with no answer: exactly 4 need help, unless 10 is rounded."""
    stats = [RegionStats("dubai", 10, 10, 6, 4, 0)]
    text = stats_text(translator("en"), _alert(rollcall=True), stats, 0, NAMES)
    assert "Need help: &lt; 5" in text
    assert "Dubai: 10" not in text and "Dubai: ≈10" in text


def test_an_alert_longer_than_telegram_allows_is_found_in_every_language(
    fixture_content: Content,
) -> None:
    assert too_long_for(fixture_content, _alert(text="Stay inside.")) == {}
    found = too_long_for(fixture_content, _alert(text="🚨" * 2100))  # 4,200 UTF-16 units
    assert "en" in found and "ar" in found  # Arabic readers get the English text


def test_the_cli_refuses_a_too_long_alert_before_queueing_it(tmp_path: Path) -> None:
    alert = tmp_path / "alert.yaml"
    alert.write_text("severity: urgent\ntext:\n  en: " + "🚨" * 2100 + "\n")
    env = _env(tmp_path)
    refused = run("alert", "--origin", "PH", "--host", "AE", "--file", str(alert), "--yes", **env)
    assert refused.returncode == 2
    assert "too long for Telegram" in refused.stderr and "Nothing was queued" in refused.stderr
    assert "Alert #" not in refused.stdout


def test_an_alert_file_over_the_text_limit_is_one_line_per_problem(tmp_path: Path) -> None:
    alert = tmp_path / "alert.yaml"
    alert.write_text("severity: urgent\ntext:\n  en: " + "Go north now. " * 400 + "\n")
    env = {"BOT_SECRET_KEY": SECRET, "BOT_DATABASE": str(tmp_path / "bot.sqlite")}
    refused = run("alert", "--origin", "PH", "--host", "AE", "--file", str(alert), "--yes", **env)
    assert refused.returncode == 2
    about_the_file = [line for line in refused.stderr.splitlines() if "alert.yaml" in line]
    assert about_the_file == [f"{alert}:3:7: text, en: String should have at most 4000 characters"]


# --- the figures that plan an evacuation (bot/figures.py, bot/screens/figures.py) ---

DAY = date(2026, 12, 1)


def _store(tmp_path: Path, today: list[date] | None = None) -> Store:
    days = today or [DAY]
    return Store(tmp_path / "bot.sqlite", SECRET.encode(), lambda: days[0])


async def _register(
    store: Store, first_id: int, region: str | None, parties: list[str], host: str = "AE"
) -> None:
    for offset, party in enumerate(parties):
        user = first_id + offset
        await store.registrations.save(
            user, user, origin="PH", host=host, region=region, party=party, language="en"
        )


async def _figures(store: Store, content: Content, origins: tuple[str, ...] = ("PH",)) -> str:
    return plain((await staff_figures(store, content, translator("en"), origins)).registrations)


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def test_people_are_a_range_from_the_party_sizes() -> None:
    assert People.of("1", 3) + People.of("2-4", 2) == People(7, 11)
    assert People.of("5+", 1) + People.of("1", 1) == People(6, None)  # open above
    assert people_shown(translator("en"), People(7, 11)) == "7–11"
    assert people_shown(translator("en"), People(6, 6)) == "6"
    assert people_shown(translator("en"), People(6, None)) == "at least 6"


async def test_a_place_with_4_registrations_is_hidden_and_one_with_5_shown(
    tmp_path: Path, fixture_content: Content
) -> None:
    async with _store(tmp_path) as store:
        await _register(store, 100, "dubai", ["1", "1", "2-4", "5+"])
        await _register(store, 200, "abu-dhabi", ["1", "1", "1", "2-4", "2-4"])
        text = await _figures(store, fixture_content)
    assert "“2-4” 2 to 4" in text  # how the estimate is made, in one line
    assert _line(text, "PH → AE · Dubai:") == "PH → AE · Dubai: < 5"  # no estimate either
    assert _line(text, "PH → AE · Abu Dhabi:") == "PH → AE · Abu Dhabi: 5 · people: 7–11"
    # 9 in all, 5 shown: an exact 9 would tell Dubai's 4; an exact people range would tell
    # Dubai's (and its upper end whether Dubai has a party of 5+)
    total = _line(text, "PH → AE · all regions:")
    assert total == "PH → AE · all regions: ≈10 · people: at least 15"
    assert "9" not in total


async def test_totals_are_exact_when_no_place_is_hidden(
    tmp_path: Path, fixture_content: Content
) -> None:
    async with _store(tmp_path) as store:
        await _register(store, 100, "dubai", ["1"] * 5)
        await _register(store, 200, None, ["2-4"] * 6)
        await _register(store, 300, None, ["1"] * 5, host="KW")
        text = await _figures(store, fixture_content)
    assert "PH → AE · Region not said: 6 · people: 12–24" in text
    assert "PH → AE · all regions: 11 · people: 17–29" in text
    assert "PH · all countries: 16 · people: 22–34" in text


async def test_bot_users_count_everyone_who_chose_the_countries_registered_or_not(
    tmp_path: Path, fixture_content: Content
) -> None:
    today = [DAY - timedelta(days=91)]
    async with _store(tmp_path, today) as store:
        for user in range(10):  # chose PH in AE long ago, and never since
            await store.save_state(500 + user, UserState("en", "PH", "AE"))
        today[0] = DAY
        for user in range(7):  # not registered
            await store.save_state(600 + user, UserState("en", "PH", "AE"))
        for user in range(3):
            await store.save_state(700 + user, UserState("fil", "PH", "KW"))
        await store.save_state(800, UserState("ru", "BY", "AE"))  # not PH staff's to see
        await _register(store, 900, "dubai", ["1"] * 6)  # registered, no settings saved
        text = await _figures(store, fixture_content)
        everyone = await _figures(store, fixture_content, ())
    assert "in the last 90 days" in text
    assert _line(text, "PH → AE:") == "PH → AE: bot users 13 · registered 6"
    assert _line(text, "PH → KW:") == "PH → KW: bot users < 5 · registered 0"
    assert _line(text, "PH · all countries:") == "PH · all countries: bot users ≈15 · registered 6"
    assert "BY" not in text
    assert _line(everyone, "BY → AE:") == "BY → AE: bot users < 5 · registered 0"


async def test_bot_users_do_not_give_away_a_hidden_region(
    tmp_path: Path, fixture_content: Content
) -> None:
    """Everyone in AE registered: an exact count of users would be the exact registered
    total, and with Dubai's 6 shown, tell Abu Dhabi's 2."""
    async with _store(tmp_path) as store:
        await _register(store, 100, "dubai", ["1"] * 6)
        await _register(store, 200, "abu-dhabi", ["1"] * 2)
        text = await _figures(store, fixture_content)
    assert _line(text, "PH → AE:") == "PH → AE: bot users ≈10 · registered ≈10"
    assert "8" not in text


async def test_each_alert_is_summed_up_with_date_severity_and_first_line(
    tmp_path: Path, fixture_content: Content
) -> None:
    long_line = "Flooding in Deira: stay on high floors, away from the creek, until told."
    async with _store(tmp_path) as store:
        await _register(store, 100, "dubai", ["1"] * 7)
        first, _ = await store.alerts.create(
            origin="PH", host="AE", regions=(), severity="info", texts={"en": "Heat."},
            rollcall=False,
        )  # fmt: skip
        rollcall, _ = await store.alerts.create(
            origin="PH", host="AE", regions=(), severity="urgent",
            texts={"en": f"{long_line}\nSecond line.", "fil": "Baha sa Deira."}, rollcall=True,
        )  # fmt: skip
        for delivery in await store.alerts.due():
            if delivery.alert.id == rollcall:
                await store.alerts.sent(delivery, 42)
        for user in range(100, 106):
            await store.alerts.answer(rollcall, 1, user, "safe")
        await store.alerts.answer(rollcall, 1, 106, "help")
        figures = await staff_figures(store, fixture_content, translator("en"), ("PH",))
        in_filipino = await staff_figures(store, fixture_content, translator("fil"), ("PH",))
    text = plain(figures.alerts)
    assert figures.alert_ids == (rollcall, first)  # newest first
    lines = text.splitlines()
    head = lines.index(next(line for line in lines if line.startswith(f"#{rollcall} ·")))
    assert re.fullmatch(
        rf"#{rollcall} · \d{{4}}-\d\d-\d\d \d\d:\d\d UTC · 🚨 Urgent · PH → AE · "
        r"Whole country · roll-call, round 1",
        lines[head],
    )
    assert lines[head + 1] == f"“{long_line[:59].rstrip()}…”"  # first line, cut at 60
    assert len(lines[head + 1]) <= 62
    # 1 needs help: every figure beside it is rounded, or 7 - 6 safe - 0 would tell it
    assert lines[head + 2] == ("recipients ≈5 · sent ≈5 · failed 0 · blocked 0 · still to send 0")
    assert lines[head + 3] == "Safe: ≈5 · Need help: < 5 · No answer yet: 0"
    assert "ℹ️ Info (silent)" in text and "“Heat.”" in text
    assert "still to send 7" in text  # the first alert: nothing sent, nothing hidden
    assert "“Baha sa Deira.”" in plain(in_filipino.alerts)  # the staff member's language


async def test_an_alert_to_few_people_shows_no_exact_figure(
    tmp_path: Path, fixture_content: Content
) -> None:
    async with _store(tmp_path) as store:
        await _register(store, 100, "dubai", ["1"])
        await store.alerts.create(
            origin="PH", host="AE", regions=(), severity="warning", texts={"en": "Wind."},
            rollcall=False,
        )  # fmt: skip
        for delivery in await store.alerts.due():
            await store.alerts.sent(delivery, 42)
        text = plain((await staff_figures(store, fixture_content, translator("en"), ())).alerts)
    assert "recipients < 5 · sent < 5 · failed 0 · blocked 0 · still to send 0" in text
    assert "1 of 1" not in text and "recipients 1" not in text


async def test_the_cli_and_telegram_stats_show_the_same_figures(
    tmp_path: Path, fixture_content: Content
) -> None:
    async with _store(tmp_path) as store:
        await _register(store, 100, "dubai", ["2-4"] * 5)
    env = _env(tmp_path)
    printed = run("stats", "--origin", "PH", **env)
    assert printed.returncode == 0, printed.stderr
    assert "PH → AE · Dubai: 5 · people: 10–20" in printed.stdout
    assert "PH → AE: bot users 5 · registered 5" in printed.stdout
    assert "No alerts yet." in printed.stdout


# --- alert files: path:line:column, as content files ---


def _alert_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alert.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(AlertFileError) as refused:
        read_alert_file(path)
    return refused.value.problems


def test_a_misspelt_field_and_a_bad_severity_are_named_at_their_line(tmp_path: Path) -> None:
    path = _alert_file(tmp_path, "severity: loud\nrolcall: true\ntext:\n  en: Stay inside.\n")
    assert _problems(path) == [
        f"{path}:1:11: severity: Input should be 'info', 'warning' or 'urgent'",
        f"{path}:2:10: rolcall: unknown field (check the spelling; an alert file has "
        "severity, rollcall and text)",
    ]


def test_malformed_yaml_is_one_line_with_its_position(tmp_path: Path) -> None:
    path = _alert_file(tmp_path, "severity: urgent\ntext:\n  en: Stay: inside\n  fil: x\n")
    [problem] = _problems(path)
    assert problem.startswith(f"{path}:3:")
    assert "must be quoted" in problem


def test_text_over_the_field_limit_is_named_at_its_line(tmp_path: Path) -> None:
    path = _alert_file(tmp_path, "severity: urgent\ntext:\n  en: " + "Go north. " * 410 + "\n")
    assert _problems(path) == [f"{path}:3:7: text, en: String should have at most 4000 characters"]


async def test_the_cli_refuses_a_bad_file_with_positions_and_no_traceback(
    tmp_path: Path, fixture_content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(bot_secret_key=SECRET, bot_database=tmp_path / "bot.sqlite")
    wrong = _alert_file(tmp_path, "severity: urgent\ntext:\n  en: [never closed\n")
    code = await alert(settings, fixture_content, origin="PH", host="AE", regions=(),
                       file=wrong, yes=True, wait=False)  # fmt: skip
    err = capsys.readouterr().err
    assert code == EXIT_REFUSED == 2
    assert err.startswith(f"{wrong}:4:1: YAML syntax: ") and "Traceback" not in err
    assert "Nothing was queued" in err
    # 4,200 UTF-16 units once sent: too long for Telegram, though under the field's limit
    emoji = "severity: urgent\ntext:\n  fil: Manatili.\n  en: " + "🚨" * 2100 + "\n"
    code = await alert(settings, fixture_content, origin="PH", host="AE", regions=(),
                       file=_alert_file(tmp_path, emoji), yes=True, wait=False)  # fmt: skip
    [line] = capsys.readouterr().err.splitlines()
    assert code == EXIT_REFUSED
    assert line.startswith(f"{wrong}:4:7: text, en: This text is too long for Telegram")
    assert "Nothing was queued" in line and "ar" in line  # who reads the English text
    async with Store(tmp_path / "bot.sqlite", SECRET.encode()) as store:
        assert await store.alerts.summaries() == []


# --- the CLI says when no bot takes the alert ---


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


async def _queued(store: Store) -> tuple[int, int]:
    await _register(store, 100, "dubai", ["1"] * 6)
    return await store.alerts.create(
        origin="PH", host="AE", regions=(), severity="urgent", texts={"en": "Go."},
        rollcall=False,
    )  # fmt: skip


async def test_the_cli_warns_when_no_bot_takes_the_alert_and_leaves_it_queued(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    async with _store(tmp_path) as store:
        alert_id, queued = await _queued(store)
        code = await follow(
            store, alert_id, queued, [queued], pickup_timeout=30, clock=clock, sleep=clock.sleep
        )
        assert await store.alerts.pending(alert_id) == queued  # still queued, not deleted
    printed = capsys.readouterr()
    assert code == EXIT_NOT_PICKED_UP == 3
    assert 30 <= clock.now <= 31  # it waited 30 s of its clock, and ended
    assert printed.err.strip() == (
        "No bot has picked up this alert in 30 s: is the bot running on this database? "
        "The alert stays queued and will be sent when it starts."
    )


async def test_no_warning_when_a_sender_holds_the_lease_and_delivers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    async with _store(tmp_path) as store, _store(tmp_path) as bot:
        alert_id, queued = await _queued(store)
        await bot.lease.acquire(SENDER)  # a bot runs on this database

        async def slow_sleep(seconds: float) -> None:
            await clock.sleep(seconds)
            if clock.now >= 50:  # it delivers late, but it is there: no warning meanwhile
                for delivery in await bot.alerts.due():
                    await bot.alerts.sent(delivery, 1)

        code = await follow(
            store, alert_id, queued, [queued], pickup_timeout=30, clock=clock, sleep=slow_sleep
        )
    printed = capsys.readouterr()
    assert code == 0 and printed.err == ""
    assert "delivered 6 of 6" in printed.out


async def test_the_cli_warns_when_delivery_stops_half_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    async with _store(tmp_path) as store, _store(tmp_path) as bot:
        alert_id, queued = await _queued(store)
        for delivery in (await bot.alerts.due())[:2]:  # a bot sent two, then stopped
            await bot.alerts.sent(delivery, 1)
        code = await follow(
            store, alert_id, queued, [queued], pickup_timeout=5, clock=clock, sleep=clock.sleep
        )
    assert code == EXIT_NOT_PICKED_UP
    assert "has stopped: no bot has held this database for 5 s" in capsys.readouterr().err


def test_the_cli_documents_its_exit_codes() -> None:
    shown = run("alert", "--help").stdout
    assert "3: queued, but no bot took it" in " ".join(shown.split())


async def test_staff_see_the_figures_in_their_language_with_a_button_per_alert(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> None:
    store = Store(tmp_path / "bot.sqlite", SECRET.encode())
    async with bot_running(bot_api, fixture_content, store, bot_admin_ids="990"):
        await _register(store, 100, "dubai", ["1"] * 3 + ["2-4"] * 3)
        await _register(store, 200, "abu-dhabi", ["5+"])
        alert_id, _ = await store.alerts.create(
            origin="PH", host="AE", regions=(), severity="urgent", texts={"en": "Go <north>."},
            rollcall=True,
        )  # fmt: skip
        admin = Walker(bot_api, 990, "ru")
        await admin.type("/stats", answers=3)  # figures, alerts, reports (and a chart)
        figures, alerts = (call.params["text"] for call in bot_api.sent_to(990)[-3:-1])
        assert "Регистрации и сколько людей за ними стоит" in figures
        assert "PH → AE · Dubai: 6 · людей: 9–15" in figures
        assert "PH → AE · Abu Dhabi: &lt; 5" in figures
        assert "PH → AE · все регионы: ≈5 · людей: не меньше 10" in figures
        assert "Последние оповещения" in alerts and "Go &lt;north&gt;." in alerts
        assert bot_api.errors == []
        details = await admin.press(f"1:adm:stat:{alert_id}")
        assert f"Alert #{alert_id}" in details.params["text"]


async def test_the_follow_loop_ends_when_a_bot_holds_the_database_but_delivers_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A halted bot (its disk full) keeps its lease: the loop still ends, after longer than
    any wait the bot obeys (a RetryAfter is capped at 300 s)."""
    clock = FakeClock()
    async with _store(tmp_path) as store, _store(tmp_path) as bot:
        alert_id, queued = await _queued(store)
        await bot.lease.acquire(SENDER)
        code = await follow(
            store, alert_id, queued, [queued], pickup_timeout=30, clock=clock, sleep=clock.sleep
        )
    assert code == EXIT_NOT_PICKED_UP
    assert 330 <= clock.now <= 331
    err = capsys.readouterr().err
    assert "Nothing of alert #1 has been delivered for 330 s, though a bot (pid " in err


async def test_alert_exits_3_when_no_bot_runs_and_the_alert_stays_queued(tmp_path: Path) -> None:
    async with _store(tmp_path) as store:
        await _register(store, 100, "dubai", ["1"] * 6)
    env = _env(tmp_path)
    path = _alert_file(tmp_path, "severity: urgent\ntext:\n  en: Go north.\n")
    sent = run("alert", "--origin", "PH", "--host", "AE", "--file", str(path), "--yes",
               "--wait-for-bot", "0.5", **env)  # fmt: skip
    assert sent.returncode == 3, sent.stderr
    assert "No bot has picked up this alert in 0.5 s: is the bot running" in sent.stderr
    assert "still to send 6" in run("stats", **env).stdout
