"""Callback data: compact, versioned, at most 64 bytes; forged data decodes to a safe action."""

from __future__ import annotations

import pytest

from bot.screens.base import Action
from bot.telegram.callbacks import FORGED, decode, encode


@pytest.mark.parametrize(
    "action",
    [
        Action("home"),
        Action("plan", ("conflict-evacuation", "9")),
        Action("setlang", ("fil",)),
        Action("mission", ("ae-consulate-general-dubai-migrant-workers",)),
    ],
)
def test_round_trip(action: Action) -> None:
    data = encode(action)
    assert len(data.encode()) <= 64
    assert decode(data) == action


def test_encode_refuses_data_over_64_bytes() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(Action("mission", ("x" * 70,)))


def test_encode_refuses_separator_inside_an_argument() -> None:
    with pytest.raises(ValueError):
        encode(Action("plan", ("a:b", "1")))


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "garbage",
        "2:home",
        "1:",
        "1:nosuchscreen",
        "1:plan::",
        "1:home" + "x" * 80,
        "1:plan:fire:1:" + "é" * 30,
        12345,
        "\u202e1:home",
    ],
)
def test_forged_data_decodes_to_forged(data: object) -> None:
    assert decode(data) == FORGED
