"""Whole-word matching of the content word lists, in one linear pass over the tokens.

Every term is compiled into token patterns (see :mod:`tydal_sjekk.check.loader`). Matching tokenises
the normalised text once, looks each distinct token up in an index of first words (exact, prefix and
suffix), and verifies the rest of a phrase token by token. No regular expression is built from the
word lists, so no input can make matching slower than linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable

from tydal_sjekk.text.terms import EXACT, PREFIX, SUFFIX, Phrase, SignalDef, token_matches

_TOKEN = re.compile(r"\w+")
_SEPARATOR_CHARS = frozenset(" \t\r\n-–/'’.,:")
_SENTENCE_PUNCT = frozenset(".!?;\n")

Entry = tuple[str, Phrase]  # (key, phrase)


class Tokens:
    """The words of a text: offsets, the words as written and in lower case."""

    __slots__ = ("ends", "lower", "raw", "starts")

    def __init__(self, starts: list[int], ends: list[int], raw: list[str], lower: list[str]) -> None:
        self.starts = starts
        self.ends = ends
        self.raw = raw
        self.lower = lower

    def __len__(self) -> int:
        return len(self.starts)


def tokenize(text: str) -> Tokens:
    starts: list[int] = []
    ends: list[int] = []
    raw: list[str] = []
    for m in _TOKEN.finditer(text):  # one match at a time: a list of all match objects would cost ~100 B a word
        starts.append(m.start())
        ends.append(m.end())
        raw.append(m.group())
    return Tokens(starts, ends, raw, [t.lower() for t in raw])


class _Index:
    def __init__(self) -> None:
        # Phrases whose first two words are exact are looked up by the pair, so that frequent first words
        # («det», «vi», «på») do not make every occurrence verify dozens of phrases.
        self.pairs: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        self.exact: dict[str, list[Entry]] = defaultdict(list)
        self.prefix: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        self.suffix: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
        self.cache: dict[str, list[Entry]] = {}
        self.groups: dict[tuple[str, str], _Group] = {}
        self.pair_firsts: frozenset[str] = frozenset()

    def add(self, key: str, phrase: Phrase) -> None:
        first = phrase[0]
        entry = (key, phrase)
        kind, text = first
        if len(phrase) > 1 and kind == EXACT and phrase[1][0] == EXACT:
            self.pairs[(text, phrase[1][1])].append(entry)
        elif kind == EXACT:
            self.exact[text].append(entry)
        elif kind == PREFIX:
            self.prefix[len(text)][text].append(entry)
        elif kind == SUFFIX:
            self.suffix[len(text)][text].append(entry)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["cache"] = {}  # the per-process memos of token look-ups are not worth storing
        state["groups"] = {}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("groups", {})

    def __eq__(self, other: object) -> bool:
        """Same index (the look-up memo ``cache`` is not part of it)."""
        if not isinstance(other, _Index):
            return NotImplemented
        return (self.pairs, self.exact, self.prefix, self.suffix) == (other.pairs, other.exact, other.prefix,
                                                                       other.suffix)

    __hash__ = None  # type: ignore[assignment]

    def freeze(self) -> None:
        self.pairs = dict(self.pairs)
        self.pair_firsts = frozenset(first for first, _ in self.pairs)
        self.exact = dict(self.exact)
        self.prefix = {k: dict(v) for k, v in self.prefix.items()}
        self.suffix = {k: dict(v) for k, v in self.suffix.items()}

    def candidates(self, token: str) -> list[Entry]:
        hit = self.cache.get(token)
        if hit is not None:
            return hit
        out = list(self.exact.get(token, ()))
        n = len(token)
        for length, table in self.prefix.items():
            if n >= length:
                out.extend(table.get(token[:length], ()))
        for length, table in self.suffix.items():
            if n > length:
                out.extend(table.get(token[n - length :], ()))
            elif n == length:
                out.extend(table.get(token, ()))
        if len(self.cache) < _MEMO_MAX:
            self.cache[token] = out
        return out


# The per-process memos of token and pair look-ups stay bounded, whatever the text.
_MEMO_MAX = 200_000
# The phrases that start with one pair of exact words, split by their third word: the phrases whose third
# word is exact (looked up by the text's third word) and the rest (two words, or a third word that is a
# prefix, a suffix or any word). «det er» starts dozens of phrases; only those that can match are verified.
_Group = tuple[dict[str, list[Entry]], list[Entry]]
_NO_GROUP: _Group = ({}, [])


def _by_third(entries: Iterable[Entry]) -> _Group:
    by_third: dict[str, list[Entry]] = defaultdict(list)
    rest: list[Entry] = []
    for entry in entries:
        phrase = entry[1]
        if len(phrase) > 2 and phrase[2][0] == EXACT:
            by_third[phrase[2][1]].append(entry)
        else:
            rest.append(entry)
    if not by_third and not rest:
        return _NO_GROUP
    return dict(by_third), rest


def _separator_ok(sep: str) -> bool:
    if sep == " ":
        return True
    return 0 < len(sep) <= 3 and sep.count("\n") <= 1 and all(c in _SEPARATOR_CHARS for c in sep)


class Lexicon:
    """All word lists of a rule set (signals, exceptions and detector context lists) in one index."""

    EXCEPTION = "#unntak:"

    def __init__(self, signals: dict[str, SignalDef], extra: dict[str, tuple[Phrase, ...]]) -> None:
        self._folded = _Index()
        self._cased = _Index()
        self._chars: list[tuple[str, str]] = []
        self._negations: dict[str, frozenset[str]] = {}
        for sid, sig in signals.items():
            index = self._cased if sig.case_sensitive else self._folded
            for phrase in sig.phrases:
                index.add(sid, phrase)
            for phrase in sig.exceptions:
                index.add(self.EXCEPTION + sid, phrase)
            for ch in sig.chars:
                self._chars.append((sid, ch))
            if sig.negations:
                self._negations[sid] = sig.negations
        for key, phrases in extra.items():
            for phrase in phrases:
                self._folded.add(key, phrase)
        self._folded.freeze()
        self._cased.freeze()
        self._has_cased = bool(self._cased.exact or self._cased.prefix or self._cased.suffix or self._cased.pairs)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Lexicon):
            return NotImplemented
        return (self._folded, self._cased, self._chars, self._negations) == (
            other._folded, other._cased, other._chars, other._negations)

    __hash__ = None  # type: ignore[assignment]

    def match(self, text: str, tokens: Tokens) -> dict[str, list[tuple[int, int]]]:
        """Return every key with its (start, end) character spans, sorted by start."""
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        n = len(tokens)
        starts, ends = tokens.starts, tokens.ends
        views: list[tuple[_Index, list[str]]] = [(self._folded, tokens.lower)]
        if self._has_cased:
            views.append((self._cased, tokens.raw))
        for index, words in views:
            pairs = index.pairs
            pair_firsts = index.pair_firsts
            cache = index.cache
            groups = index.groups
            candidates = index.candidates
            # Most words start no phrase: find the distinct words that do (or may, as the first of a pair)
            # once, and visit only their positions.
            hot = {w for w in set(words) if candidates(w) or w in pair_firsts}
            for i in [i for i, w in enumerate(words) if w in hot]:
                word = words[i]
                cands = cache.get(word)
                if cands is None:
                    cands = candidates(word)
                if word in pair_firsts and i + 1 < n:
                    pair_key = (word, words[i + 1])
                    group = groups.get(pair_key)
                    if group is None:
                        group = _by_third(pairs.get(pair_key, ()))
                        if len(groups) < _MEMO_MAX:
                            groups[pair_key] = group
                    if group is not _NO_GROUP:
                        by_third, rest = group
                        third = by_third.get(words[i + 2]) if i + 2 < n else None
                        if third:
                            cands = cands + rest + third
                        elif rest:
                            cands = cands + rest
                if not cands:
                    continue
                for key, phrase in cands:
                    last = i + len(phrase) - 1
                    if last >= n:
                        continue
                    ok = True
                    for k in range(1, len(phrase)):
                        j = i + k
                        if not _separator_ok(text[ends[j - 1] : starts[j]]) or not token_matches(phrase[k], words[j]):
                            ok = False
                            break
                    if ok and key in self._negations and self._negated(tokens, text, i, self._negations[key]):
                        continue
                    if ok:
                        found[key].append((starts[i], ends[last]))
        for key, ch in self._chars:
            pos = text.find(ch)
            while pos != -1:
                found[key].append((pos, pos + len(ch)))
                pos = text.find(ch, pos + len(ch))
        result: dict[str, list[tuple[int, int]]] = {}
        for key, spans in found.items():
            if key.startswith(self.EXCEPTION):
                continue
            spans = sorted(set(spans))
            exceptions = found.get(self.EXCEPTION + key)
            if exceptions:
                spans = _drop_inside(spans, sorted(exceptions))
            if spans:
                result[key] = spans
        return result

    @staticmethod
    def _negated(tokens: Tokens, text: str, i: int, negations: frozenset[str]) -> bool:
        for back in range(1, 4):
            j = i - back
            if j < 0:
                return False
            between = text[tokens.ends[j] : tokens.starts[j + 1]]
            if any(c in _SENTENCE_PUNCT for c in between):
                return False
            if tokens.lower[j] in negations:
                return True
        return False


def _drop_inside(spans: list[tuple[int, int]], exceptions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove spans that lie inside an exception span."""
    ex_starts = [s for s, _ in exceptions]
    # The longest exception ending at or after a given start, scanning candidates that start before it.
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        hi = bisect_right(ex_starts, s)
        lo = bisect_left(ex_starts, s - 200)
        if not any(exceptions[k][1] >= e for k in range(lo, hi)):
            kept.append((s, e))
    return kept
