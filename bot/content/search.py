"""Forgiving keyword search: any script, any case, accents ignored, small typos tolerated."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"(?:\w|[\u0900-\u0dff])+")
r"""Words; Indic vowel signs (marks, not letters to `\w`) belong to their word."""
INDIC = range(0x0900, 0x0E00)
MIN_SIMILARITY = 0.8
TYPO = 0.85
"""The similarity of a word with a small typo."""
MAX_QUERY_WORDS = 12


@dataclass(frozen=True)
class Entry:
    """Something findable: a key the caller understands and the phrases that should find it."""

    key: str
    phrases: tuple[str, ...]


def normalise(text: str) -> str:
    """Case-folded, without accents, Arabic vowel marks or invisible marks, so "Pasaporte"
    finds "pasaporté"; Indic vowel signs are letters there and stay."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (
        char
        for char in decomposed
        if ord(char) in INDIC or unicodedata.category(char) not in ("Mn", "Cf")
    )
    return unicodedata.normalize("NFC", "".join(kept))


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Normalised words; cached, since the same keyword phrases are matched for every query."""
    return tuple(WORD.findall(normalise(text)))


@lru_cache(maxsize=8192)
def _letters(word: str) -> frozenset[str]:
    return frozenset(word)


def similarity(typed: str, known: str) -> float:
    """1 for the same word, about 0.9 for a prefix, TYPO for a small typo, else 0."""
    if typed == known:
        return 1.0
    if (
        len(typed) >= 4
        and len(known) >= 4
        and (known.startswith(typed) or typed.startswith(known))
    ):
        return 0.9  # "passp" or "passports"
    if min(len(typed), len(known)) < 4:
        return 0.0  # short words match exactly or not at all: "in" must not find "inn"
    allowed = 1 if max(len(typed), len(known)) <= 6 else 2
    if abs(len(typed) - len(known)) > allowed:
        return 0.0
    # Each letter of one word missing from the other costs an edit: most pairs stop here.
    typed_letters, known_letters = _letters(typed), _letters(known)
    if (
        len(typed_letters - known_letters) > allowed
        or len(known_letters - typed_letters) > allowed
    ):
        return 0.0
    if edit_distance(typed, known, allowed) <= allowed:  # "fier", "pasport", "embasy"
        return TYPO
    return 0.0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _score(closeness: Callable[[str], float], entry: Entry) -> float:
    best = 0.0
    for phrase in entry.phrases:
        phrase_words = words(phrase)
        if not phrase_words:
            continue
        total = 0.0
        for known in phrase_words:  # every word of the phrase was typed (roughly)
            matched = closeness(known)
            if matched < MIN_SIMILARITY:
                break
            total += matched
        else:
            best = max(best, total / len(phrase_words) + 0.1 * (len(phrase_words) - 1))
    return best


def rank(query: str, entries: Iterable[Entry], limit: int = 5) -> list[Entry]:
    """The best matches, best first; nothing when nothing is close enough."""
    typed = words(query)[:MAX_QUERY_WORDS]
    if not typed:
        return []
    best_match: dict[str, float] = {}
    """Per known word, its best similarity to a typed word: the same keyword words come back
    in many phrases and languages, so each is compared once per query."""

    def closeness(known: str) -> float:
        found = best_match.get(known)
        if found is None:
            found = best_match[known] = max(similarity(word, known) for word in typed)
        return found

    scored = [
        (score, index, entry)
        for index, entry in enumerate(entries)
        if (score := _score(closeness, entry)) > 0
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    seen: set[str] = set()
    best: list[Entry] = []
    for _, _, entry in scored:
        if entry.key not in seen:
            seen.add(entry.key)
            best.append(entry)
    return best[:limit]
