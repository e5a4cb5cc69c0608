"""Forgiving phrase search: any script, any case, accents ignored, small typos tolerated.

Phrases (the lexicon's, and each plan's, topic's and mission's own words) are normalised once,
into a `PhraseIndex`; a query is matched word by word against its vocabulary, then against
the phrases whose every word was typed (roughly), and `rank` orders what the caller offers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

WORD = re.compile(r"(?:\w|[\u0900-\u0dff])+")
r"""Words; Indic vowel signs (marks, not letters to `\w`) belong to their word."""
INDIC = range(0x0900, 0x0E00)
MIN_SIMILARITY = 0.8
TYPO = 0.85
"""The similarity of a word with a small typo."""
PREFIX = 0.9
MAX_QUERY_WORDS = 12
CLOSE_WORDS_KEPT = 2048
"""Typed words whose close words are kept, the most recently typed: most of what people type
is the same few hundred words. Up to 20,000, with every word's letters cached too, took 11 MB
after a crowd's typing (BENCHMARKS.md, "Search")."""
APOSTROPHES = "'’‘ʻʼ`"
"""Letter marks inside a word (Uzbek oʻ gʻ, Belarusian ад'езд): people type them, or a quote, or
nothing; the search drops them."""
ARABIC_LETTERS = {
    "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ئ": "ي", "ک": "ك", "ہ": "ه", "ۃ": "ه", "ھ": "ه"
}  # fmt: skip
"""Arabic-script letters people type interchangeably: alef wasla and alef, taa marbuta and haa,
alef maqsura and yaa, the Persian and Urdu forms of yaa, kaf and haa."""
FOLD = str.maketrans({**ARABIC_LETTERS, "ـ": None, **dict.fromkeys(APOSTROPHES)})
"""Both of the above, and the tatweel (a stretch, not a letter), in one pass."""
ARABIC_ARTICLE = re.compile(r"^(?:وال|بال|فال|كال|لل|ال)(?=[\u0621-\u064a]{3})")
"""The article and the little words glued to it (al-, wal-, bil-...): "الجواز" is "جواز"."""
ARTICLE_STARTS = frozenset("اوبفكل")


def normalise(text: str) -> str:
    """Case-folded, without accents, Arabic vowel marks or invisible marks, so "Pasaporte"
    finds "pasaporté"; Indic vowel signs are letters there and stay."""
    if text.isascii():
        return text.casefold()  # no accents or marks to drop: most Latin phrases and queries
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (
        char
        for char in decomposed
        if ord(char) in INDIC or unicodedata.category(char) not in ("Mn", "Cf")
    )
    return unicodedata.normalize("NFC", "".join(kept))


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Normalised words; cached, since the same names are matched for every query."""
    return tuple(WORD.findall(normalise(text)))


def terms(text: str) -> tuple[str, ...]:
    """The words search compares: normalised, without letter marks, Arabic letters folded
    and the Arabic article dropped; phrases and queries both go through it. Not cached: a
    cache kept every phrase's text a second time (2.8 MB), and what people typed."""
    found = WORD.findall(normalise(text.translate(FOLD)))
    return tuple(
        ARABIC_ARTICLE.sub("", word) if word[0] in ARTICLE_STARTS else word for word in found
    )


def similarity(typed: str, known: str) -> float:
    """1 for the same word, about 0.9 for a prefix, TYPO for a small typo, else 0."""
    if typed == known:
        return 1.0
    if (
        len(typed) >= 4
        and len(known) >= 4
        and (known.startswith(typed) or typed.startswith(known))
    ):
        return PREFIX  # "passp" or "passports"
    if min(len(typed), len(known)) < 4:
        return 0.0  # short words match exactly or not at all: "in" must not find "inn"
    allowed = 1 if max(len(typed), len(known)) <= 6 else 2
    if abs(len(typed) - len(known)) > allowed:
        return 0.0
    # Each letter of one word missing from the other costs an edit: most pairs stop here.
    typed_letters, known_letters = set(typed), set(known)  # not cached: see CLOSE_WORDS_KEPT
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


def _swapped(a: str, b: str) -> bool:
    """The same letters with two neighbours swapped: "fier" for "fire"."""
    return len(a) == len(b) and sorted(a) == sorted(b)


Owner = Hashable
"""Whose phrase it is, as the caller names it: ("lexicon", "", "fire"), ("plan", "PH", "fire")."""


@dataclass(frozen=True, slots=True)
class Phrase:
    owner: Owner
    words: tuple[str, ...]
    sensitive: bool = False
    """Means one thing only (rape, suicide, trafficking): see `rank`."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase whose every word she typed (roughly)."""

    score: float
    covered: frozenset[int]
    """Which of her words it used (their positions in the query)."""
    sensitive: bool


class PhraseIndex:
    """Phrases normalised once, and their vocabulary indexed so that a typed word is compared
    only with the words it could be: its prefixes, the words it begins, and for typos the
    words within two letters of its length that share its first or its second letter (a typo
    rarely changes both, as in the country index)."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.phrases: list[Phrase] = []
        by_word: dict[str, list[int]] = defaultdict(list)
        seen: set[tuple[Owner, tuple[str, ...], bool]] = set()
        # One object for each owner and word, however many phrases have it (13,000 phrases
        # have 280 owners and 7,300 words): the index is held for as long as the bot runs.
        owners: dict[Owner, Owner] = {}
        vocabulary: dict[str, str] = {}
        for given in phrases:
            key = (given.owner, given.words, given.sensitive)
            if not given.words or key in seen:
                continue
            seen.add(key)
            phrase = Phrase(
                owners.setdefault(given.owner, given.owner),
                tuple(vocabulary.setdefault(word, word) for word in given.words),
                given.sensitive,
            )
            number = len(self.phrases)
            self.phrases.append(phrase)
            for word in dict.fromkeys(phrase.words):
                by_word[word].append(number)
        self.by_word = {word: tuple(numbers) for word, numbers in by_word.items()}
        by_start: dict[str, list[str]] = defaultdict(list)
        by_letter: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for word in self.by_word:
            if len(word) >= 4:
                by_start[word[:4]].append(word)
                by_letter[(len(word), 0, word[0])].append(word)
                by_letter[(len(word), 1, word[1])].append(word)
        self.by_start = {start: tuple(found) for start, found in by_start.items()}
        self.by_letter = {key: tuple(found) for key, found in by_letter.items()}
        self._cache: OrderedDict[str, dict[str, float]] = OrderedDict()

    def knows(self, word: str) -> bool:
        return word in self.by_word

    def close_words(self, typed: str) -> dict[str, float]:
        """The vocabulary words this typed word may be, with their similarity: itself, its
        prefixes, the words it begins, and the words one or two typos away; a 4-letter word
        only with two letters swapped ("yung" is not the Urdu "jung", war)."""
        if len(typed) < 4:
            return {typed: 1.0} if typed in self.by_word else {}
        found = self._cache.get(typed)
        if found is not None:
            self._cache.move_to_end(typed)
            return found
        found = {}
        candidates = {typed, *(typed[:length] for length in range(4, len(typed)))}
        candidates.update(self.by_start.get(typed[:4], ()))
        for length in range(len(typed) - 2, len(typed) + 3):
            if abs(length - len(typed)) > (1 if max(length, len(typed)) <= 6 else 2):
                continue  # no typo of hers is that much longer or shorter
            candidates.update(self.by_letter.get((length, 0, typed[0]), ()))
            candidates.update(self.by_letter.get((length, 1, typed[1]), ()))
        for known in candidates:
            if known not in self.by_word:
                continue
            score = similarity(typed, known)
            if score == TYPO and min(len(typed), len(known)) == 4 and not _swapped(typed, known):
                continue  # in thirteen languages a 4-letter word is one letter from many
            if score >= MIN_SIMILARITY:
                found[known] = score
        self._cache[typed] = found
        if len(self._cache) > CLOSE_WORDS_KEPT:
            self._cache.popitem(last=False)
        return found

    def hits(self, typed: Sequence[str], known: Sequence[bool]) -> dict[Owner, list[Hit]]:
        """Per owner, its phrases whose every word she typed (roughly): the mean similarity
        of their words, and 0.1 more for each word beyond the first (a phrase is surer than a
        word). A word she typed that some phrase has (`known`) is read as itself: it stands
        for another word only inside a phrase another word of which (not a little word like
        "my") she typed ("номер полиция" is "номер полиции"; "raped" alone is not
        "trapped")."""
        strong: dict[str, tuple[float, int]] = {}
        for position, word in enumerate(typed):
            if known[position]:
                close = {word: 1.0} if word in self.by_word else {}
            else:
                close = self.close_words(word)
            for candidate, score in close.items():
                if score > strong.get(candidate, (0.0, 0))[0]:
                    strong[candidate] = (score, position)
        as_written = [
            (position, word)
            for position, word in enumerate(typed)
            if known[position] and len(word) >= 4
        ]
        weak: dict[str, tuple[float, int] | None] = {}

        def inside_phrase(word: str) -> tuple[float, int] | None:
            if word not in weak:
                scores = [(similarity(typed_word, word), at) for at, typed_word in as_written]
                best = max(scores, default=(0.0, 0))
                weak[word] = best if best[0] >= MIN_SIMILARITY else None
            return weak[word]

        numbers = {number for word in strong for number in self.by_word[word]}
        found: dict[Owner, list[Hit]] = defaultdict(list)
        for number in numbers:
            phrase = self.phrases[number]
            matched = [strong.get(word) for word in phrase.words]
            sure = True
            if None in matched:
                anchors = zip(phrase.words, matched, strict=True)
                if not any(item and len(word) >= 4 for word, item in anchors):
                    continue  # alone, or only a little word like "my" or "ng" typed as written
                matched = [
                    item or inside_phrase(word)
                    for word, item in zip(phrase.words, matched, strict=True)
                ]
                if None in matched:
                    continue
                sure = False
            pairs = [item for item in matched if item is not None]
            sure = sure and all(
                score >= PREFIX or len(word) >= 6
                for word, (score, _) in zip(phrase.words, pairs, strict=True)
            )
            score = sum(item[0] for item in pairs) / len(pairs) + 0.1 * (len(phrase.words) - 1)
            covered = frozenset(item[1] for item in pairs)
            found[phrase.owner].append(Hit(score, covered, phrase.sensitive and sure))
        return found


COVERAGE = 0.3
"""What each more word of hers found by another phrase of the same result adds."""
AGREEMENT = 0.05
"""What each more owner whose phrases found the result adds: a plan found by its own keywords
and by the lexicon comes before one found by its keywords alone."""
SENSITIVE = 10.0
"""Lifts a result found by a sensitive phrase above every other."""
K = TypeVar("K", bound=Hashable)


def rank(
    query: str,
    indexes: Sequence[PhraseIndex],
    candidates: Sequence[tuple[K, Sequence[tuple[Owner, float]]]],
    limit: int = 5,
) -> list[K]:
    """The keys of the best candidates, best first; nothing when nothing is close enough.

    A candidate is found by the phrases of its owners (each owner with a weight: 1 for its
    own words, less for a stand-in); its score is its best phrase's, plus COVERAGE for each
    more word of hers its other phrases found. When she typed a sensitive phrase (rape,
    suicide, trafficking...), the results it found come first, and any other result must
    have been found by other words of hers: "raped" never offers "Earthquake" or "Employer
    abuse", "raped by my employer" offers both, sexual violence first.
    """
    typed = terms(query)[:MAX_QUERY_WORDS]
    if not typed:
        return []
    known = [any(index.knows(word) for index in indexes) for word in typed]
    found: dict[Owner, list[Hit]] = {}
    for index in indexes:
        found.update(index.hits(typed, known))
    weighted = [
        (
            key,
            [(hit, weight) for owner, weight in owners for hit in found.get(owner, ())],
            sum(1 for owner, _ in owners if owner in found),
        )
        for key, owners in candidates
    ]
    alarming = frozenset(
        position
        for _, hits, _ in weighted
        for hit, _ in hits
        if hit.sensitive
        for position in hit.covered
    )
    scored: list[tuple[float, int, K]] = []
    for order, (key, all_hits, owners) in enumerate(weighted):
        lifted = any(hit.sensitive for hit, _ in all_hits)
        hits = all_hits
        if alarming and not lifted:
            hits = [(hit, weight) for hit, weight in all_hits if not hit.covered & alarming]
        if not hits:
            continue
        best, weight = max(hits, key=lambda item: item[0].score * item[1])
        more = frozenset().union(*(hit.covered for hit, _ in hits)) - best.covered
        score = (best.score + COVERAGE * len(more)) * weight + AGREEMENT * (owners - 1)
        score += SENSITIVE if lifted else 0.0
        scored.append((score, order, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [key for _, _, key in scored[:limit]]
