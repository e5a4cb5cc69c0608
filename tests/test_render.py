"""Rendering details: long texts split at paragraphs, keyboards carry encoded actions."""

from __future__ import annotations

from bot.screens.base import Action, Button, Screen
from bot.telegram.render import inline_keyboard, split_text


def test_short_text_is_one_piece() -> None:
    assert split_text("hello") == ["hello"]


def test_long_text_splits_at_paragraphs_within_the_limit() -> None:
    paragraphs = [f"paragraph {n} " + "x" * 1500 for n in range(6)]
    pieces = split_text("\n\n".join(paragraphs))
    assert all(len(piece) <= 4096 for piece in pieces)
    assert "\n\n".join(pieces) == "\n\n".join(paragraphs)
    assert all(piece.startswith("paragraph") for piece in pieces)


def test_a_paragraph_longer_than_a_message_is_cut_at_lines() -> None:
    lines = "\n".join("line " + "y" * 90 for _ in range(100))
    pieces = split_text(lines)
    assert len(pieces) > 1 and all(len(piece) <= 4096 for piece in pieces)
    assert all(piece.startswith("line") for piece in pieces)


def test_keyboard_encodes_actions_and_keeps_urls() -> None:
    screen = Screen(
        "x",
        (
            (Button("Plan", Action("plan", ("fire", "1"))),),
            (Button("Site", url="https://example.org"),),
        ),
    )
    markup = inline_keyboard(screen)
    assert markup is not None
    first, second = markup.inline_keyboard
    assert first[0].callback_data == "1:plan:fire:1"
    assert second[0].url == "https://example.org"
