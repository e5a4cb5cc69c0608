"""Generic plans (content/plans/): shown to a nationality without a folder and in a country
without a host file, in every UI language, with the numbers of the country she is in from
the best tier known, and never a number under a label it does not have."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.loader import load_content
from bot.content.model import Content
from bot.languages import languages
from bot.screens.base import Action, Screen
from bot.screens.router import route, view_for
from bot.screens.search import search_results
from bot.state import UserState
from tests.conftest import FIXTURE_CONTENT, ROOT


def _screen(content: Content, state: UserState, action: Action) -> Screen:
    screen = route(view_for(content, state), action).screen
    assert screen is not None
    return screen


def _labels(screen: Screen) -> list[str]:
    return [button.label for row in screen.buttons for button in row]


def test_the_shipped_generic_plans_are_in_every_ui_language(real_content: Content) -> None:
    assert len(real_content.plans) >= 9
    for plan in real_content.plans:
        for text in (plan.title, *(step.text for step in plan.steps)):
            assert set(languages().ui) <= set(text.languages()), (plan.id, text.languages())


def test_a_nationality_without_a_folder_gets_plans_with_the_hosts_numbers(
    real_content: Content,
) -> None:
    """A Pakistani in Qatar: the menu offers plans, all general advice, and says so; the
    medical plan says Qatar's 999. An Egyptian there also gets her folder's plans, and the
    list no longer calls them all general advice."""
    state = UserState("en", "PK", "QA")
    home = _screen(real_content, state, Action("home"))
    assert "📋 What to do if…" in _labels(home)
    listed = _screen(real_content, state, Action("plans"))
    assert "General advice for anyone" in listed.text
    egyptian = _screen(real_content, UserState("en", "EG", "QA"), Action("plans"))
    assert "General advice for anyone" not in egyptian.text
    assert "✈️ Stranded, or I want to go home" in _labels(egyptian)
    assert "🏥 Medical emergency" in _labels(listed)
    step = _screen(real_content, state, Action("plan", ("medical", "1")))
    assert "<b>999</b>" in step.text and "redcross.org" in step.text
    assert "🏛 Find my embassy" in _labels(step)


def test_in_a_country_without_a_host_file_the_numbers_come_from_androids_list(
    real_content: Content,
) -> None:
    """A Kyrgyz reader in Uzbekistan (her folder is not written): the ambulance is 103, said
    to come from Android's list; in Antarctica, where nothing is known, words instead."""
    state = UserState("ru", "KG", "UZ")
    step = _screen(real_content, state, Action("plan", ("medical", "1")))
    assert "<b>103</b>" in step.text
    assert "Android" in step.text and "Lifeline их не проверял" in step.text
    nowhere = _screen(real_content, UserState("en", "KG", "AQ"), Action("plan", ("medical", "1")))
    assert "the local emergency number (see “🆘 Emergency numbers”)" in nowhere.text
    assert "<b>" not in nowhere.text.split("\n\n")[1]


def test_in_a_country_with_no_number_for_all_each_is_shown_under_its_own_service(
    real_content: Content,
) -> None:
    """{emergency} where Android lists police, ambulance and fire apart (Uzbekistan)."""
    plan = next(
        p
        for p in real_content.plans
        if any("{emergency}" in s.text.get("en") or "" for s in p.steps)
    )
    number = next(
        i for i, s in enumerate(plan.steps, 1) if "{emergency}" in (s.text.get("en") or "")
    )
    step = _screen(
        real_content, UserState("en", "KG", "UZ"), Action("plan", (plan.id, str(number)))
    )
    assert "<b>102</b> (Police), <b>103</b> (Ambulance), <b>101</b> (Fire)" in step.text


@pytest.mark.parametrize(
    ("language", "typed"), [("en", "earthquake"), ("ar", "زلزال"), ("ru", "пожар")]
)
def test_search_finds_generic_plans_for_a_nationality_without_a_folder(
    real_content: Content, language: str, typed: str
) -> None:
    view = view_for(real_content, UserState(language, "EG", "JO"))
    found = search_results(view, typed)
    actions = [b.action for row in found.buttons for b in row if b.action]
    assert any(a.screen == "plan" for a in actions), (typed, found.text)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    (target / "plans").mkdir()
    return target


PLAN = """id: shelter
title: {en: Shelter, ar: مأوى}
reviewed: {ar: false}
steps:
  - text:
      en: "Go to the shelter. Call {police} if you are in danger."
      ar: "اذهب إلى المأوى. اتصل بـ {police} إذا كنت في خطر."
  - text:
      en: "Call your embassy: {mission.emergency}."
      ar: "اتصل بسفارتك: {mission.emergency}."
"""


def test_a_generic_plan_may_name_only_the_hosts_numbers_and_is_checked_at_its_line(
    content_dir: Path,
) -> None:
    (content_dir / "plans" / "shelter.yaml").write_text(PLAN)
    result = load_content(content_dir)
    errors = [str(e) for e in result.errors]
    assert any(
        "plans/shelter.yaml:10:" in e
        and "unknown placeholder {mission.emergency}" in e
        and "a generic plan may use only {emergency}, {police}, {ambulance}, {fire}" in e
        for e in errors
    ), errors
    (content_dir / "plans" / "shelter.yaml").write_text(PLAN.replace(": {mission.emergency}", ""))
    result = load_content(content_dir)
    assert result.content is not None, [str(e) for e in result.errors]
    warnings = [str(w) for w in result.warnings]
    assert any("plans/shelter.yaml:" in w and "missing translation: ru" in w for w in warnings)
    assert result.content.plans[0].id == "shelter"


def test_the_shipped_content_folder_has_the_plans(real_content: Content) -> None:
    assert (ROOT / "content" / "plans" / "medical.yaml").is_file()
    assert "medical" in {plan.id for plan in real_content.generic_plans()}
