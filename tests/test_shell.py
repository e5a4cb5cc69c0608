"""The terminal shell shows the same screens with numbered buttons."""

from __future__ import annotations

from bot.content.model import Content
from bot.shell import plain, replay


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
    assert "Unknown command" in printed


def test_shell_url_button_prints_the_address(fixture_content: Content) -> None:
    printed = "\n".join(
        replay(fixture_content, ["2", "1", "5"], language="en", origin="PH", host="AE")
    )
    assert "Open in a browser: https://example.org/emb" in printed


def test_plain_keeps_link_targets_and_decodes_entities() -> None:
    assert plain('<b>A &amp; B</b> <a href="https://x.org/?a=1&amp;b=2">x.org</a>') == (
        "A & B x.org <https://x.org/?a=1&b=2>"
    )
