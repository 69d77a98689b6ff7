"""Shared view of one normalised text: tokens, sentences and word-list matches."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from tydal_sjekk.text.lexicon import Tokens

# A sentence ends after . ! ? … (with closing quotes or brackets) followed by white space, or at a newline.
# The look-behind makes a match start only at the first mark of a run, so a long run of marks without
# white space after it costs linear time, not quadratic.
_SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'»”’)\]]*+\s+|\n")


def sentence_starts(text: str) -> list[int]:
    n = len(text)
    return [0, *[e for m in _SENTENCE_END.finditer(text) if (e := m.end()) < n]]


class Taken:
    """Spans already claimed by a detector (personal data); ``overlaps`` is a binary search."""

    __slots__ = ("_max_end", "_spans", "_starts")

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._max_end: list[int] = []

    def add(self, spans: list[tuple[int, int]]) -> None:
        if not spans:
            return
        self._spans = sorted(self._spans + spans)
        self._starts = [s for s, _ in self._spans]
        reach = -1
        self._max_end = []
        for _, e in self._spans:
            reach = max(reach, e)
            self._max_end.append(reach)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end) - 1  # last span starting before ``end``
        return k >= 0 and self._max_end[k] > start


class TextContext:
    """Shared view of one normalised text for the detectors."""

    __slots__ = ("_match_starts", "cache", "matches", "sentences", "taken", "text", "tokens")

    def __init__(self, text: str, tokens: Tokens, matches: dict[str, list[tuple[int, int]]]) -> None:
        self.text = text
        self.tokens = tokens
        self.matches = matches
        self.sentences = sentence_starts(text)
        self._match_starts: dict[str, list[int]] = {}
        self.taken = Taken()
        # Work that several detectors share (e.g. the digit runs), computed once per text.
        self.cache: dict[str, Any] = {}

    def sentence_of(self, pos: int) -> int:
        return bisect_right(self.sentences, pos) - 1

    def spans(self, key: str) -> list[tuple[int, int]]:
        return self.matches.get(key, [])

    def _starts(self, key: str) -> list[int]:
        cached = self._match_starts.get(key)
        if cached is None:
            cached = [s for s, _ in self.spans(key)]
            self._match_starts[key] = cached
        return cached

    def before(self, key: str, pos: int, max_chars: int, *, same_sentence: bool = True) -> bool:
        """Is there a match of ``key`` ending within ``max_chars`` before ``pos`` (in the same sentence, unless
        ``same_sentence`` is false)?"""
        spans = self.spans(key)
        if not spans:
            return False
        sentence = self.sentence_of(pos)
        hi = bisect_left(self._starts(key), pos)
        for k in range(hi - 1, -1, -1):
            s, e = spans[k]
            if e <= pos and pos - e <= max_chars and (not same_sentence or self.sentence_of(s) == sentence):
                return True
            if pos - s > max_chars + 200:
                break
        return False

    def after(self, key: str, pos: int, max_chars: int) -> bool:
        """Is there a match of ``key`` starting within ``max_chars`` after ``pos`` in the same sentence?"""
        spans = self.spans(key)
        if not spans:
            return False
        sentence = self.sentence_of(pos)
        lo = bisect_left(self._starts(key), pos)
        for k in range(lo, len(spans)):
            s, _ = spans[k]
            if s - pos > max_chars:
                break
            if self.sentence_of(s) == sentence:
                return True
        return False

    def near(self, key: str, start: int, end: int, max_chars: int) -> bool:
        return self.before(key, start, max_chars) or self.after(key, end, max_chars)
