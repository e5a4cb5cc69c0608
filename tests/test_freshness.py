"""Freshness: how old a check may be (a fake clock), what validate and the running bot make of
an overdue emergency line, the note people see, and `python -m bot checked`."""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date

from bot.__main__ import main
from bot.content.freshness import CHECK_AGAIN_AFTER, OVERDUE_AFTER
from bot.content.loader import load_content
from bot.screens.common import caution
from bot.screens.contacts import emergency_numbers
from tests.conftest import FIXTURE_CONTENT, ROOT, bot_env, make_view
from tests.fakebotapi import FakeBotApi

CHECKED = date(2026, 1, 10)
"""The day every fact of the fixture content was checked."""
KW_112 = ("hosts/KW.yaml", 4)  # the general emergency number, one line
EMBASSY_ADDRESS = ("origins/PH/missions.yaml", 7)
EMBASSY_MAIN_LINE = ("origins/PH/missions.yaml", 10)  # purposes: [general]
EMBASSY_24_7_LINE = ("origins/PH/missions.yaml", 11)  # purposes: [emergency]
HOME_HOTLINE = ("origins/PH/origin.yaml", 9)  # purposes: [emergency]
OVERDUE_NOTE = {"en": "⚠️ not re-checked since", "ar": "⚠️ لم يُراجَع منذ"}


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def severity_at(root: Path, where: tuple[str, int], today: date, strict: bool) -> str | None:
    """What loading says about the `checked:` date on that line: error, warning or nothing."""
    file, line = where
    found = [
        problem.severity
        for problem in load_content(root, today=today, strict=strict).problems
        if problem.path.endswith(file) and problem.line == line and "checked" in problem.message
    ]
    assert len(found) <= 1, found
    return found[0] if found else None


def test_the_thresholds_are_half_a_year_and_a_year() -> None:
    assert (CHECK_AGAIN_AFTER.days, OVERDUE_AFTER.days) == (180, 365)


@pytest.mark.parametrize(
    ("where", "days", "validate", "serving"),
    [
        (KW_112, 179, None, None),
        (KW_112, 181, "warning", "warning"),
        (KW_112, 364, "warning", "warning"),
        (KW_112, 366, "error", "warning"),
        (EMBASSY_24_7_LINE, 366, "error", "warning"),
        (HOME_HOTLINE, 366, "error", "warning"),
        (EMBASSY_MAIN_LINE, 366, "warning", "warning"),
        (EMBASSY_ADDRESS, 179, None, None),
        (EMBASSY_ADDRESS, 181, "warning", "warning"),
        (EMBASSY_ADDRESS, 364, "warning", "warning"),
        (EMBASSY_ADDRESS, 366, "warning", "warning"),
    ],
    ids=lambda value: "-".join(map(str, value)) if isinstance(value, tuple) else str(value),
)
def test_an_old_check_warns_and_an_overdue_emergency_line_fails_validate(
    where: tuple[str, int], days: int, validate: str | None, serving: str | None
) -> None:
    today = CHECKED + timedelta(days=days)
    assert severity_at(FIXTURE_CONTENT, where, today, strict=True) == validate
    assert severity_at(FIXTURE_CONTENT, where, today, strict=False) == serving


def test_the_message_says_how_old_and_what_to_run() -> None:
    today = CHECKED + timedelta(days=366)
    [problem] = [
        p
        for p in load_content(FIXTURE_CONTENT, today=today, strict=True).errors
        if p.path.endswith("hosts/KW.yaml")
    ]
    assert problem.message.startswith("emergency line checked 2026-01-10, 366 days ago")
    assert "python -m bot checked FILE:LINE" in problem.message
    assert "marked as not re-checked" in problem.message


def test_validate_exits_1_on_an_overdue_emergency_line_and_0_a_day_before(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(FIXTURE_CONTENT)], lambda: CHECKED + timedelta(days=365)) == 0
    printed = capsys.readouterr()
    assert printed.out.startswith("OK: ") and "hosts/KW.yaml:4:" in printed.err
    with pytest.raises(SystemExit) as exited:
        main(["validate", str(FIXTURE_CONTENT)], lambda: CHECKED + timedelta(days=366))
    assert exited.value.code == 1
    printed = capsys.readouterr()
    assert "hosts/KW.yaml:4:" in printed.err and "emergency line checked" in printed.err
    assert "error(s) in content" in printed.err


def test_the_shipped_content_passes_validate() -> None:
    """Checked from 2026-11-25: it fails validate from 2027-11-26 unless re-checked."""
    day = max(date(2026, 12, 1), datetime.now(UTC).date())
    errors = load_content(ROOT / "content", today=day, strict=True).errors
    assert [str(error) for error in errors] == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_number_not_rechecked_for_a_year_shows_since_when(language: str) -> None:
    content = load_content(FIXTURE_CONTENT).content
    assert content is not None
    view = replace(make_view(content, language), today=CHECKED + timedelta(days=400))
    text = emergency_numbers(view).text
    since = format_date(CHECKED, format="medium", locale=language)
    note = f"{OVERDUE_NOTE[language]} {since}"
    police = next(line for line in text.splitlines() if "999" in line)
    assert note in police  # next to the number it is about
    assert text.count(note) == len({item.number for item in content.hosts["AE"].emergency}) + 2
    fresh = replace(view, today=CHECKED + timedelta(days=365))
    assert OVERDUE_NOTE[language] not in emergency_numbers(fresh).text


def test_one_note_per_number_the_overdue_one_first() -> None:
    content = load_content(FIXTURE_CONTENT).content
    assert content is not None
    phone = content.origins["PH"].origin.hotlines[0].phones[0]
    old_source = phone.model_copy(update={"as_of": "2015"})
    view = replace(make_view(content), today=CHECKED + timedelta(days=400))
    assert caution(view, old_source) == " · ⚠️ not re-checked since Jan 10, 2026"
    view = replace(view, today=CHECKED + timedelta(days=300))
    assert caution(view, old_source) == " · ⚠️ published 2015, may have changed"


async def wait_until(api: FakeBotApi, chat: int, count: int) -> str:
    calls = await api.wait_for(chat, count, timeout=30)
    return str(calls[-1].params.get("text", ""))


async def test_the_bot_starts_and_serves_a_400_day_old_emergency_number_with_a_note(
    bot_api: FakeBotApi, content_dir: Path, tmp_path: Path
) -> None:
    # `python -m bot run` judges by the real clock: the number is made 400 days old today.
    old = datetime.now(UTC).date() - timedelta(days=400)
    host = content_dir / "hosts" / "AE.yaml"
    line = '{service: police, number: "999", source: https://example.org/ae-numbers, '
    text = host.read_text(encoding="utf-8")
    before = line + "as_of: 2025-12, checked: 2026-01-10}"
    assert before in text
    host.write_text(text.replace(before, f"{line}as_of: {old}, checked: {old}}}"), "utf-8")
    env = bot_env(bot_api, tmp_path / "bot.sqlite", BOT_CONTENT_DIR=str(content_dir))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        screens = {}
        for chat, language in ((701, "en"), (702, "ar")):
            user = bot_api.user(chat, language)
            bot_api.send_text(user, f"/start ph-ae-{language}")
            home = await wait_until(bot_api, chat, 1)
            bot_api.send_text(user, "/emergency")
            screens[language] = (home, await wait_until(bot_api, chat, 2))
    finally:
        process.send_signal(signal.SIGTERM)
        printed, _ = await asyncio.wait_for(process.communicate(), 30)
    for language, (home, emergency) in screens.items():
        since = format_date(old, format="medium", locale=language)
        police = next(line for line in emergency.splitlines() if "999" in line)
        assert f"{OVERDUE_NOTE[language]} {since}" in police
        assert f"{OVERDUE_NOTE[language]} {since}" in home  # the footer's main number
    log = printed.decode()
    assert "hosts/AE.yaml:5:" in log and "warning: emergency line checked" in log
    assert "error(s) in content" not in log


# -- python -m bot checked ---------------------------------------------------------------

TODAY = date(2026, 12, 1)


def checked(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["checked", *args], lambda: TODAY)
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def dates_in(file: Path) -> list[str]:
    return [
        part.split(",")[0].split("}")[0].strip()
        for part in file.read_text(encoding="utf-8").split("checked: ")[1:]
    ]


def test_checked_records_every_fact_of_a_file(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    host = content_dir / "hosts" / "AE.yaml"
    before = host.read_text(encoding="utf-8")
    code, out, _ = checked(capsys, str(host))
    assert code == 0
    assert f"{host}:5: emergency number 1 (police): checked 2026-01-10 → 2026-12-01" in out
    assert "3 of 3 fact(s) recorded as checked on 2026-12-01." in out
    assert host.read_text(encoding="utf-8") == before.replace("2026-01-10", "2026-12-01")
    assert load_content(content_dir, today=TODAY, strict=True).errors == []


def test_checked_records_one_mission_only(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    missions = content_dir / "origins" / "PH" / "missions.yaml"
    code, out, _ = checked(capsys, f"{missions}:ae-embassy", "--date", "2026-11-30")
    assert code == 0
    assert f"{missions}:11: mission ae-embassy, phone 2: checked 2026-01-10 → 2026-11-30" in out
    assert dates_in(missions) == ["2026-11-30"] * 4 + ["2026-01-10"] * 2  # not the consulate's


def test_checked_records_one_hotline(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    origin = content_dir / "origins" / "PH" / "origin.yaml"
    code, out, _ = checked(capsys, f"{origin}:dmw")
    assert code == 0 and f"{origin}:9: hotline dmw, phone 1: checked 2026-01-10 →" in out
    assert dates_in(origin) == ["2026-12-01"]


def test_checked_records_the_fact_on_a_line_as_validate_prints_it(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    missions = content_dir / "origins" / "PH" / "missions.yaml"
    code, out, _ = checked(capsys, f"{missions}:18")
    assert code == 0 and "mission ae-consulate-dubai, location" in out
    assert dates_in(missions) == ["2026-01-10"] * 4 + ["2026-12-01", "2026-01-10"]


def test_checked_records_a_service_and_a_line_in_block_style(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    host = content_dir / "hosts" / "QA.yaml"
    host.write_text(BLOCK_HOST, encoding="utf-8")
    code, out, _ = checked(capsys, f"{host}:police")
    assert code == 0 and f"{host}:11: emergency number 1 (police)" in out
    code, out, _ = checked(capsys, f"{host}:16")  # the helpline's number line, not its date
    assert code == 0 and f"{host}:13: helpline 1 (labour)" in out  # its checked: line


BLOCK_HOST = """\
# yaml-language-server: $schema=../../schema/host.schema.json
# An editor's comment above everything.
code: QA
main: police
emergency:
  - service: police   # the police answer in Arabic and English
    number: "999"
    # the ministry's page, found on 2026-01-09
    source: https://portal.moi.gov.qa/
    as_of: 2025-12
    checked: "2026-01-10"  # quoted on purpose
helplines:
  - checked: 2026-01-10
    kind: labour
    name: {en: Labour line, ar: خط العمل}
    number: "16008"
    source: https://www.mol.gov.qa/
    as_of: undated

notes: {en: "Keep your QID with you."}
"""


def test_checked_keeps_comments_key_order_and_quotes(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    host = content_dir / "hosts" / "QA.yaml"
    host.write_text(BLOCK_HOST, encoding="utf-8")
    code, out, err = checked(capsys, str(host))
    assert code == 0, err
    assert host.read_text(encoding="utf-8") == BLOCK_HOST.replace(
        '"2026-01-10"', '"2026-12-01"'
    ).replace("checked: 2026-01-10", "checked: 2026-12-01")
    assert "2 of 2 fact(s)" in out


def test_checked_refuses_an_unknown_item_and_a_missing_file(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    missions = content_dir / "origins" / "PH" / "missions.yaml"
    before = missions.read_bytes()
    code, out, err = checked(capsys, f"{missions}:ae-embassy-dubai")
    assert code == 2 and out == ""
    assert "no item 'ae-embassy-dubai'" in err and "ae-consulate-dubai, ae-embassy" in err
    assert checked(capsys, f"{missions}:3")[0] == 2  # a mission's kind line: no fact on it
    code, _, err = checked(capsys, str(content_dir / "hosts" / "XX.yaml"))
    assert code == 2 and "no such file" in err
    assert missions.read_bytes() == before


def test_checked_refuses_an_item_named_twice(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    host = content_dir / "hosts" / "QA.yaml"
    second = """\
  - kind: labour
    name: {en: Second labour line}
    number: "16009"
    source: https://www.mol.gov.qa/
    as_of: undated
    checked: 2026-01-10
"""
    host.write_text(BLOCK_HOST.replace("\nnotes:", second + "notes:"), encoding="utf-8")
    before = host.read_bytes()
    code, _, err = checked(capsys, f"{host}:labour")
    assert code == 2 and "'labour' names 2 items (lines 13, 19): give a line" in err
    assert host.read_bytes() == before


def test_checked_refuses_a_future_date(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    host = content_dir / "hosts" / "AE.yaml"
    before = host.read_bytes()
    code, out, err = checked(capsys, str(host), "--date", "2026-12-02")
    assert code == 2 and out == "" and "--date 2026-12-02 is in the future" in err
    assert host.read_bytes() == before


def test_checked_writes_nothing_when_the_file_would_not_be_valid(
    capsys: pytest.CaptureFixture[str], content_dir: Path
) -> None:
    host = content_dir / "hosts" / "QA.yaml"
    host.write_text(BLOCK_HOST.replace("as_of: undated", "as_of: 2026-02"), encoding="utf-8")
    before = host.read_bytes()  # the helpline's as_of is after its check: an error
    code, out, err = checked(capsys, f"{host}:police")
    assert code == 1 and out == ""
    assert f"{host}:18:" in err and "as_of is after checked" in err
    assert "Nothing was written" in err
    assert host.read_bytes() == before
    assert sorted(path.name for path in host.parent.iterdir()) == ["AE.yaml", "KW.yaml", "QA.yaml"]
    code, out, err = checked(capsys, str(host))  # recording the helpline's check fixes it
    assert code == 0, err
    assert load_content(content_dir, today=TODAY, strict=True).errors == []
