"""Broken content, one mistake per case: an error at the file and line to fix, in plain words,
never a traceback, a hang or a pass. The bot loads with the same code, so it cannot start on any
of these."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.content.loader import load_content
from tests.conftest import FIXTURE_CONTENT, ROOT

AE = "hosts/AE.yaml"
KW = "hosts/KW.yaml"
MISSIONS = "origins/PH/missions.yaml"
ORIGIN = "origins/PH/origin.yaml"
FIRE = "origins/PH/plans/fire.yaml"
PASSPORT = "origins/PH/plans/lost-passport.yaml"
TOPIC = "origins/PH/topics/money-home.yaml"
LEXICON = "lexicon/fire.yaml"
EMBASSY_LINE = '{number: "+971 2 639 0006", purposes: [general],'
CALL_STEP = '{en: "Call the fire service on {fire}.", fil: "Tawagan ang bumbero: {fire}."}'


@dataclass(frozen=True)
class Broken:
    file: str
    old: str
    new: str
    message: str
    where: str = ""
    """`file:line` (or `file:line:column`) the message must point at."""


CASES: dict[str, Broken] = {
    # dates
    "impossible month": Broken(
        KW, "checked: 2026-01-10", "checked: 2026-13-45", "real date", KW + ":4:"
    ),
    "impossible day": Broken(
        KW, "checked: 2026-01-10", "checked: 2026-02-30", "real date", KW + ":4:"
    ),
    "as_of impossible": Broken(
        KW, "as_of: 2025-12", "as_of: 2025-02-30", "not a real date", KW + ":4:"
    ),
    "a topic for no country": Broken(
        TOPIC,
        "id: money-home\n",
        "id: money-home\nhosts: [XY]\n",
        "'XY' is not a country",
        TOPIC + ":2:",
    ),
    "as_of words": Broken(KW, "as_of: 2025-12", "as_of: last year", "2025, 2025-06", KW + ":4:"),
    "as_of missing": Broken(KW, "as_of: 2025-12, ", "", "as_of: required field", KW + ":4:"),
    "checked missing": Broken(
        MISSIONS,
        "as_of: 2025-12, checked: 2026-01-10}\n    website",
        "as_of: 2025-12}\n    website",
        "phone 2, checked: required field",
        MISSIONS + ":11:",
    ),
    "checked in future": Broken(
        KW,
        "checked: 2026-01-10",
        "checked: 2999-01-10",
        "checked date is in the future",
        KW + ":4:",
    ),
    "source newer than check": Broken(
        KW, "as_of: 2025-12", "as_of: 2026-06", "as_of is after checked", KW + ":4:"
    ),
    # placeholders
    "unclosed placeholder": Broken(
        FIRE, "on {fire}.", "on {fire.", "malformed placeholder near '{fire.'", FIRE + ":10:"
    ),
    "capital placeholder": Broken(
        FIRE, "on {fire}.", "on {Fire}.", "malformed placeholder near '{Fire}'", FIRE + ":10:"
    ),
    "stray brace": Broken(
        FIRE, "on {fire}.", "on {fire}}.", "malformed placeholder near '}'", FIRE + ":10:"
    ),
    "unknown placeholder": Broken(
        FIRE, "on {fire}.", "on {firemen}.", "unknown placeholder {firemen}", FIRE + ":10:"
    ),
    "unknown purpose": Broken(
        PASSPORT,
        "Call {mission.consular} for",
        "Call {mission.phone} for",
        "unknown placeholder {mission.phone}",
        PASSPORT + ":9:",
    ),
    "unknown hotline": Broken(
        PASSPORT,
        "Call {mission.consular} for",
        "Call {hotline.owwa} for",
        "unknown placeholder {hotline.owwa}",
        PASSPORT + ":9:",
    ),
    "placeholder only in English": Broken(
        FIRE,
        'fil: "Tawagan ang bumbero: {fire}."',
        'fil: "Tawagan ang bumbero."',
        "placeholders differ between languages",
        FIRE + ":10:",
    ),
    "different placeholder per language": Broken(
        FIRE,
        'fil: "Tawagan ang bumbero: {fire}."',
        'fil: "Tawagan ang bumbero: {police}."',
        "fil has ['police']",
        FIRE + ":10:",
    ),
    "digits instead of placeholder": Broken(
        FIRE,
        'fil: "Tawagan ang bumbero: {fire}."',
        'fil: "Tawagan ang bumbero: {fire} o 997."',
        "'997' is written as digits",
        FIRE + ":10:",
    ),
    "phone written in a step": Broken(
        FIRE,
        "Get out now.",
        "Get out now, call +971 4 220 7100.",
        "'+971 4 220 7100' is written as digits",
        FIRE + ":8:",
    ),
    "law in a host without it": Broken(
        FIRE,
        "Get out now.",
        "Get out now. {law.passport-withholding}",
        "no such law in hosts AE, KW",
        FIRE + ":8:",
    ),
    # phones and facts
    "invalid phone": Broken(
        MISSIONS,
        "+971 2 639 0006",
        "+971 2 639",
        "+971 2 639 is not a valid phone number",
        MISSIONS + ":10:",
    ),
    "phone of another country": Broken(
        MISSIONS,
        "+971 2 639 0006",
        "+44 20 7946 0958",
        "is a number of GB, not AE",
        MISSIONS + ":10:",
    ),
    "hotline not of the home country": Broken(
        ORIGIN, "+63 2 8722 1144", "+971 4 220 7100", "number of AE, not PH", ORIGIN + ":9:"
    ),
    "letters in a phone": Broken(
        MISSIONS,
        "+971 2 639 0006",
        "call the embassy",
        "write it in international format",
        MISSIONS + ":10:",
    ),
    "main service without a number": Broken(
        AE,
        "main: police",
        "main: coast-guard",
        "main service 'coast-guard' has no number",
        AE + ":3:",
    ),
    "emergency number with letters": Broken(
        KW, 'number: "112"', 'number: "11a2"', "digits only (2 to 6)", KW + ":4:"
    ),
    "unquoted number": Broken(KW, 'number: "112"', "number: 112", "valid string", KW + ":4:"),
    "5000-digit number": Broken(
        KW,
        'number: "112"',
        "number: " + "1" * 5000,
        "number with 5000 digits is too long",
        KW + ":4:",
    ),
    "service twice": Broken(AE, "service: fire", "service: ambulance", "listed twice", AE + ":7:"),
    "unknown purpose of a line": Broken(
        MISSIONS, "purposes: [general]", "purposes: [everything]", "purposes", MISSIONS + ":10:"
    ),
    "no purpose": Broken(
        MISSIONS, "purposes: [general], ", "", "purposes: required field", MISSIONS + ":10:"
    ),
    "misspelt field names the mission and phone": Broken(
        MISSIONS,
        "label: {en: Main line",
        "lable: {en: Main line",
        "mission ae-embassy, phone 1, lable: unknown field",
        MISSIONS + ":10:",
    ),
    "serves an unknown region": Broken(
        MISSIONS,
        "region: dubai\n",
        "region: dubai\n    serves: [dubai, deira]\n",
        "serves: region 'deira'",
        MISSIONS + ":18:",
    ),
    "parent unknown": Broken(
        MISSIONS,
        "region: dubai\n",
        "region: dubai\n    parent: ae-embasy\n",
        "no mission with id 'ae-embasy'",
        MISSIONS + ":18:",
    ),
    "source with a quote": Broken(
        KW,
        "source: Kuwait fixture leaflet",
        "source: 'https://x.org/\"a'",
        "without < > or quotes",
        KW + ":4:",
    ),
    "website not a web address": Broken(
        ORIGIN,
        "website: {url: https://example.org/dfa}",
        "website: {url: example.org/dfa}",
        "web address starting with https://",
        ORIGIN + ":4:",
    ),
    "icon with markup": Broken(FIRE, 'icon: "🔥"', 'icon: "<"', "one emoji", FIRE + ":3:"),
    # YAML mistakes, in plain words
    "a number PyYAML cannot read": Broken(
        AE,
        "main: police",
        "main: police\nextra: 0b_",
        "'0b_' looks like a number but is not one: put it in quotes",
        AE + ":4:8",
    ),
    "tab indentation": Broken(
        AE,
        "main: police",
        "main: police\n\tfoo: bar",
        "tab character: indent with spaces",
        AE + ":4:",
    ),
    "unquoted colon": Broken(
        AE,
        'notes: {en: "Carry your ID card & keep a copy of your <contract>."}',
        "notes:\n  en: Note: carry your ID",
        "text containing ': ' must be quoted",
        AE + ":",
    ),
    "bad indentation": Broken(
        AE, "main: police", "main: police\n  extra: 1\n bad: 2", "indented too far", AE + ":"
    ),
    "unclosed bracket": Broken(AE, "main: police", "main: [police", "YAML syntax", AE + ":"),
    "duplicate key": Broken(
        AE, "main: police", "main: police\nmain: fire", "duplicate key 'main'", AE + ":4:1"
    ),
    "alias": Broken(
        AE, "main: police", "main: &m police\nx: *m", "anchors and aliases", AE + ":3:"
    ),
    "recursive alias": Broken(
        AE, "main: police", "main: police\nloop: &a [*a]", "anchors and aliases", AE + ":4:"
    ),
    "deep nesting": Broken(
        AE,
        "main: police",
        "main: police\nx: " + "[" * 60 + "]" * 60,
        "nested more than",
        AE + ":4:",
    ),
    "control character": Broken(
        AE, "main: police", "main: pol\x07ice", "invisible control character", AE + ":3:"
    ),
    "NUL character": Broken(AE, "main: police", "main: pol\x00ice", "NUL character", AE + ":3:"),
    "file name and code differ": Broken(
        AE, "code: AE", "code: SA", "must match the file name 'AE'", AE + ":2:"
    ),
    "replaces an unknown step": Broken(
        FIRE, "replaces: call", "replaces: cal", "no generic step with id 'cal'", FIRE + ":14:"
    ),
    "step too long": Broken(
        FIRE,
        "Get out now. Do not use the lift.",
        "Get out now. " * 60,
        "fit one phone screen",
        FIRE + ":8:",
    ),
    # the search lexicon
    "lexicon language unknown": Broken(
        LEXICON, "  ar: [", "  xx: [", "unknown language 'xx'", LEXICON + ":5:"
    ),
    "lexicon phrase too long": Broken(
        LEXICON,
        "on fire,",
        "there is a big fire in the house next door,",
        "has 10 words; a phrase of at most 6",
        LEXICON + ":3:",
    ),
    "lexicon unquoted number": Broken(
        LEXICON, "smoke,", "999,", "phrases, en 3: Input should be a valid string", LEXICON + ":3:"
    ),
    "lexicon phrase without a word": Broken(
        LEXICON, "smoke,", "'!!',", "has no word search could match", LEXICON + ":3:"
    ),
    "lexicon id and file name differ": Broken(
        LEXICON, "id: fire", "id: fir", "must match the file name 'fire'", LEXICON + ":1:"
    ),
    "lexicon phrases missing": Broken(
        LEXICON, "phrases:", "words:", "words: unknown field", LEXICON + ":3:"
    ),
    "text too long": Broken(
        TOPIC,
        "Keep every receipt.",
        "Keep every receipt. " * 300,
        "at most 4000 characters",
        TOPIC + ":",
    ),
}


def _apply(root: Path, case: Broken) -> None:
    path = root / case.file
    text = path.read_text(encoding="utf-8")
    assert case.old in text, f"fixture changed: {case.old!r} not in {case.file}"
    path.write_text(text.replace(case.old, case.new, 1), encoding="utf-8")


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_content_is_an_error_at_its_line(name: str, content_dir: Path) -> None:
    case = CASES[name]
    _apply(content_dir, case)
    result = load_content(content_dir)
    assert result.content is None, f"{name}: content loaded"
    errors = [str(problem) for problem in result.errors]
    matching = [e for e in errors if case.message in e]
    assert matching, f"{name}: {errors}"
    assert any(case.where in e for e in matching), f"{name}: {matching}"


def test_every_kind_of_mistake_has_a_case() -> None:
    assert len(CASES) >= 40


def test_libphonenumber_disagreeing_is_a_warning_not_a_silence(content_dir: Path) -> None:
    _apply(content_dir, Broken(AE, 'number: "998"', 'number: "4455"', ""))
    result = load_content(content_dir)
    assert result.content is not None
    warnings = [str(w) for w in result.warnings]
    assert any("hosts/AE.yaml:6:" in w and "not an emergency number in AE" in w for w in warnings)


def test_huge_file_is_refused_before_parsing(content_dir: Path) -> None:
    (content_dir / "hosts" / "AE.yaml").write_text("x: " + "a" * (60 * 1024 * 1024))
    errors = [str(p) for p in load_content(content_dir).errors]
    assert any("hosts/AE.yaml:1:1: file is" in e and "must be under" in e for e in errors)


def test_a_pipe_is_reported_not_read(content_dir: Path) -> None:
    os.mkfifo(content_dir / "hosts" / "QA.yaml")
    errors = [str(p) for p in load_content(content_dir).errors]
    assert any("hosts/QA.yaml:1:1: not a regular file" in e for e in errors)


def test_bad_encoding_is_reported_with_its_line(content_dir: Path) -> None:
    (content_dir / "hosts" / "KW.yaml").write_bytes(b"code: KW\nmain: g\xe9n\xe9ral\n")
    errors = [str(p) for p in load_content(content_dir).errors]
    assert any("hosts/KW.yaml:2:1: not UTF-8 text" in e for e in errors)


def test_validate_exits_1_without_a_traceback(content_dir: Path) -> None:
    for name in ("impossible month", "recursive alias", "unknown placeholder"):
        _apply(content_dir, CASES[name])
    result = subprocess.run(
        [sys.executable, "-m", "bot", "validate", str(content_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "real date" in result.stderr and "anchors and aliases" in result.stderr
    assert "unknown placeholder {firemen}" in result.stderr


def test_a_problem_that_cannot_be_placed_is_still_reported(tmp_path: Path) -> None:
    """Cross-checks point at lines through the content path of each part; without a line
    the problem is still reported under that path, never dropped."""
    from bot.content.checks import check_content
    from bot.content.loader import load_content

    result = load_content(ROOT / "content")
    assert result.content is not None
    placed = check_content(result.content, result.located)
    unplaced = check_content(result.content, {})
    assert placed and len(unplaced) == len(placed)
    assert all(problem.path == "content" for problem in unplaced)
    assert any(problem.message.startswith("hosts/") for problem in unplaced)
