"""The terminal shell shows the same screens with numbered buttons."""

from __future__ import annotations

from bot.content.model import Content
from bot.screens.base import Action
from bot.screens.inputs import USER_COMMANDS, Tap, cancel_label, read_text
from bot.shell import Session, plain, replay
from bot.state import UNLISTED


def test_shell_walks_from_language_to_a_plan(fixture_content: Content) -> None:
    printed = "\n".join(replay(fixture_content, ["1", "1"], language="en"))
    assert "Which country's passport do you hold?" in printed
    assert "[1] Philippines" in printed


def test_shell_with_preset_countries_opens_menu_and_plan(fixture_content: Content) -> None:
    printed = replay(fixture_content, ["3", "1", "1"], language="fil", origin="PH", host="AE")
    assert "[1] 🆘" in printed[1]
    assert "Sunog" in printed[2]
    assert "Lumabas agad" in printed[3]
    assert "997" in printed[4]


def test_shell_search_location_and_bad_input(fixture_content: Content) -> None:
    printed = "\n".join(
        replay(
            fixture_content,
            ["fire", "loc 25.2 55.27", "loc x", "99", "/nope"],
            language="en",
            origin="PH",
            host="AE",
        )
    )
    assert "This may help:" in printed
    assert "Consulate General in Dubai · " in printed
    assert "Usage: loc LAT LON" in printed
    assert "No button 99" in printed
    assert "I do not know that command" in printed


def test_shell_url_button_prints_the_address(fixture_content: Content) -> None:
    printed = "\n".join(
        replay(fixture_content, ["2", "1", "5"], language="en", origin="PH", host="AE")
    )
    assert "Open in a browser: https://example.org/emb" in printed


def test_plain_keeps_link_targets_and_decodes_entities() -> None:
    assert plain('<b>A &amp; B</b> <a href="https://x.org/?a=1&amp;b=2">x.org</a>') == (
        "A & B x.org <https://x.org/?a=1&b=2>"
    )


def test_shell_and_telegram_share_the_decoder(fixture_content: Content) -> None:
    """Every command of the menu works in the shell; long text and cancel are checked there
    too (they once were checked in the Telegram adapter only)."""
    commands = ["/" + command.name for command in USER_COMMANDS if command.name != "forget"]
    printed = replay(
        fixture_content,
        [*commands, "x" * 301, cancel_label("en"), "/forget"],
        language="en",
        origin="PH",
        host="AE",
    )
    answers = printed[2:]  # after the help line and the first screen
    assert not any("I do not know that command" in text for text in answers)
    assert "That message is too long for me" in answers[-3]
    assert "[1] 🆘" in answers[-2]  # cancel: back to the menu
    assert "deleted" in answers[-1]


def test_an_uncovered_nationality_can_search_for_the_numbers(fixture_content: Content) -> None:
    session = Session(fixture_content, "en")
    try:
        for said in (Tap(Action("sethost", ("AE",))), Tap(Action("setorg", (UNLISTED,)))):
            session.answer(said)
        found = session.answer(read_text("police"))
    finally:
        session.close()
    labels = [button.label for row in found.buttons for button in row]
    assert "🆘 Emergency numbers" in labels


def test_shell_with_a_passport_and_a_country_without_content_opens_their_screen(
    real_content: Content,
) -> None:
    """A Pakistani in Iran: neither has a file; the shell answers both questions as she
    would and shows Iran's numbers from Android's list, not the first question again."""
    printed = replay(real_content, [], language="en", origin="PK", host="IR")
    assert "Emergency in Iran" in printed[1] and "110" in printed[1]
    assert "Which country are you in now?" not in "\n".join(printed)
