"""The labelled search questions (tests/data/search_queries.tsv) and how they are judged;
shared by tests/test_search.py and benchmarks/search_recall.py.

Each row: the reader's UI language, what she typed, the plan or topic ids any of which
answers her (`emergency` for the emergency numbers, `missions` for her embassy or any of its
offices), her nationality and the country she is in (they decide which plans and topics
exist), and in `heldout` the batch of questions written after the lexicon and never used to
tune it: `1` after the lexicon was written, `2` after the last change to the search that the
misses of batch 1 were seen before (empty: the questions the lexicon was written against).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from bot.content.model import Content
from bot.screens.base import HOME, Screen
from bot.screens.html import bold
from bot.screens.router import view_for
from bot.screens.search import search_results
from bot.state import UserState

QUERIES = Path(__file__).resolve().parent / "data" / "search_queries.tsv"


@dataclass(frozen=True)
class Question:
    language: str
    query: str
    expected: frozenset[str]
    origin: str
    host: str
    heldout: int
    """0 for the questions the lexicon was written against; else its held-out batch."""


def read_questions(path: Path = QUERIES) -> list[Question]:
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Question(
                row["language"].strip(),
                row["query"],
                frozenset(row["expected"].split()),
                row["origin"].strip(),
                row["host"].strip(),
                int(row["heldout"].strip() or 0),
            )
            for row in rows
            if row.get("query")
        ]


def found_keys(screen: Screen) -> list[str]:
    """What a search screen offers, best first, as ids: a plan's or topic's id, `emergency`,
    `missions` (her embassy list or one of her offices); the menu button is not a result, and
    the main menu shown when nothing was found is no result at all."""
    if not screen.buttons or [b.action for b in screen.buttons[-1]] != [HOME]:
        return []
    keys: list[str] = []
    for row in screen.buttons[:-1]:
        for button in row:
            action = button.action
            if action is None or action.screen == "home":
                continue
            if action.screen in ("plan", "topic"):
                keys.append(action.args[0])
            elif action.screen in ("mission", "missions"):
                keys.append("missions")
            else:
                keys.append(action.screen)
    return keys


def answer(content: Content, question: Question) -> list[str]:
    """What the search offers her, best first; nothing when it shows another screen (the
    menu with a hint, or the region question when her words name no region)."""
    view = view_for(content, UserState(question.language, question.origin, question.host))
    screen = search_results(view, question.query)
    if screen.text != bold(view.tr.gettext("This may help:")):
        return []
    return found_keys(screen)


def hit(question: Question, found: list[str], limit: int) -> bool:
    return bool(question.expected & set(found[:limit]))
