"""Staff figures never let someone subtract a hidden small cell; alerts Telegram would refuse
are refused when queued (CLI and composer), not at delivery to everyone."""

from __future__ import annotations

from pathlib import Path

from bot.content.model import Content
from bot.i18n import translator
from bot.screens.alerts import stats_text, too_long_for
from bot.state import Alert, RegionStats, suppressed_total
from tests.conftest import FIXTURE_CONTENT, SECRET
from tests.test_cli import run

NAMES: dict[str | None, str] = {"dubai": "Dubai", "abu-dhabi": "Abu Dhabi"}


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
    env = {
        "BOT_SECRET_KEY": SECRET,
        "BOT_DATABASE": str(tmp_path / "bot.sqlite"),
        "BOT_CONTENT_DIR": str(FIXTURE_CONTENT),
    }
    refused = run("alert", "--origin", "PH", "--host", "AE", "--file", str(alert), "--yes", **env)
    assert refused.returncode == 2
    assert "too long for Telegram" in refused.stderr and "Nothing was queued" in refused.stderr
    assert "Alert #" not in refused.stdout


def test_an_alert_file_over_the_text_limit_is_one_line_per_problem(tmp_path: Path) -> None:
    alert = tmp_path / "alert.yaml"
    alert.write_text("severity: urgent\ntext:\n  en: " + "Go north now. " * 400 + "\n")
    env = {"BOT_SECRET_KEY": SECRET, "BOT_DATABASE": str(tmp_path / "bot.sqlite")}
    refused = run("alert", "--origin", "PH", "--host", "AE", "--file", str(alert), "--yes", **env)
    assert refused.returncode == 1
    about_the_file = [line for line in refused.stderr.splitlines() if "alert.yaml" in line]
    assert about_the_file == [f"{alert}: text.en: String should have at most 4000 characters"]
