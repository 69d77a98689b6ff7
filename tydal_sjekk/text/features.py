"""Features for the learned layers: hashed word 1–2-grams, character 3–5-grams and word classes.

The text is lower-cased and accent-folded (æ → ae, ø → o, å → a, and «aa» → «a», so «på», «paa» and «pa»
are the same word). Function words never become features (they carried the style of a story, not its
content, in the pilot). Each feature is hashed with CRC-32 (stable across platforms and Python versions)
into a fixed number of buckets, and remembers which word it came from, so a score can be explained by
the content words that drove it. Used at run time (pure Python) and by the training script alike, so the
two can never disagree.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from zlib import crc32

from tydal_sjekk.text.wordlist import WordList

_WORD = re.compile(r"\w+")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "é": "e", "è": "e", "ê": "e",
                       "ó": "o", "ò": "o", "ô": "o", "ü": "u", "á": "a", "à": "a"})


def fold(word: str) -> str:
    """Lower-case, accent-folded form: «Sjukeheimen» → «sjukeheimen», «på»/«paa» → «pa»."""
    return word.lower().translate(_FOLD).replace("aa", "a")


def words_of(text: str) -> list[str]:
    """The words of a text as written (the indexes of ``FeatureSpec.extract`` point into this list)."""
    return _WORD.findall(text)


_SENTENCE = re.compile(r"[.!?…\n]+")
# How much each kind of feature counts: words, word pairs, character n-grams (many per word), word
# classes, and role × class combinations.
WEIGHTS = {"w": 1.0, "b": 0.7, "c": 0.5, "k": 2.0, "s": 1.0, "r": 1.0}
Feature = tuple[int, int, float]  # (bucket, index of the word it came from, weight)
# Longer "words" (a run of one letter, a URL) carry no meaning and would cost quadratic work.
MAX_WORD = 40


class FeatureSpec:
    """How features are made: bucket count, n-gram sizes, function words, word classes and roles.

    ``roles`` maps a role («selv», «egen_familie», «andre», «jobb») to words that mark it. For every sentence
    the roles present are combined with the word classes present («andre» + «helse» + «jobb»): a linear
    model cannot form such conjunctions itself, and they are what separates someone's health learned at
    work from one's own health or from general criticism.
    """

    __slots__ = (
        "_class_index", "_memo", "_memo_words", "buckets", "char_max", "char_min", "classes", "names", "roles",
        "stopwords",
    )

    def __init__(
        self,
        buckets: int,
        stopwords: frozenset[str],
        classes: Mapping[str, WordList],
        char_min: int = 3,
        char_max: int = 5,
        roles: Mapping[str, frozenset[str]] | None = None,
        names: WordList | None = None,
    ) -> None:
        self.buckets = buckets
        self.stopwords = frozenset(fold(w) for w in stopwords)
        self.classes = dict(classes)
        self.char_min = char_min
        self.char_max = char_max
        self.roles = {name: frozenset(fold(w) for w in ws) for name, ws in (roles or {}).items()}
        # A capitalised first name is never a feature of its own (names carry no meaning that generalises):
        # it becomes the single feature «a name» and the role «andre».
        self.names = names
        self._class_index: dict[str, tuple[str, ...]] | None = None
        self._memo: dict[str, list[str]] = {}
        self._memo_words: dict[str, list[tuple[int, float]]] = {}

    _STATE = ("buckets", "char_max", "char_min", "classes", "names", "roles", "stopwords")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FeatureSpec):
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self._STATE)

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict[str, object]:
        # The word-class index is rebuilt on first use: unpickling 10 000 entries costs more than building them.
        return {k: getattr(self, k) for k in self._STATE}

    def __setstate__(self, state: dict[str, object]) -> None:
        object.__setattr__(self, "_class_index", None)
        for k, v in state.items():
            object.__setattr__(self, k, v)
        object.__setattr__(self, "_memo", {})
        object.__setattr__(self, "_memo_words", {})

    def warm(self) -> None:
        """Build the word-class index now (before pickling, so a start does not have to)."""
        self._index()

    def _index(self) -> dict[str, tuple[str, ...]]:
        """word → the classes it belongs to: one dict look-up per word or compound suffix."""
        if self._class_index is None:
            index: dict[str, list[str]] = {}
            for name, wordlist in self.classes.items():
                for word in wordlist.words():
                    index.setdefault(word, []).append(name)
            self._class_index = {word: tuple(names) for word, names in index.items()}
        return self._class_index

    def _bucket(self, feature: str) -> int:
        return crc32(feature.encode("utf-8")) % self.buckets

    def is_name(self, raw: str) -> bool:
        return self.names is not None and raw[:1].isupper() and raw[1:2].islower() and raw.lower() in self.names

    def classes_of(self, raw_lower: str) -> list[str]:
        """The word classes of a (lower-case, unfolded) word, also as the last part of a compound
        («hoftebruddet» ends in a class word of at least five letters), in the order of ``classes``."""
        hit = self._memo.get(raw_lower)
        if hit is not None:
            return hit
        index = self._index()
        found: set[str] = set(index.get(raw_lower, ()))
        # compound heads are at most 40 letters: only those suffixes are looked up (linear, not quadratic)
        for cut in range(max(1, len(raw_lower) - 40), max(1, len(raw_lower) - 4)):
            names = index.get(raw_lower[cut:])
            if names:
                found.update(names)
        out = [name for name in self.classes if name in found]
        if len(self._memo) < 100_000:
            self._memo[raw_lower] = out
        return out

    def extract(self, text: str) -> list[Feature]:
        """(bucket, index of the word it came from, weight) for every feature of ``text``."""
        matches = list(_WORD.finditer(text))
        toks = [m.group() for m in matches]
        out: list[Feature] = []
        ww, wb, wc, wk = WEIGHTS["w"], WEIGHTS["b"], WEIGHTS["c"], WEIGHTS["k"]
        content: list[int] = []
        folded = [fold(t) for t in toks]
        memo = self._memo_words
        for i, (raw, word) in enumerate(zip(toks, folded, strict=True)):
            if word in self.stopwords or word.isdigit() or len(word) < 2 or len(word) > MAX_WORD:
                continue
            if self.is_name(raw):
                out.append((self._bucket("n:navn"), i, ww))
                continue
            content.append(i)
            per_word = memo.get(raw)
            if per_word is None:
                per_word = [(self._bucket("w:" + word), ww)]
                padded = f"<{word}>"
                n = len(padded)
                for size in range(self.char_min, self.char_max + 1):
                    for k in range(0, n - size + 1):
                        per_word.append((self._bucket("c:" + padded[k : k + size]), wc))
                for name in self.classes_of(raw.lower()):
                    per_word.append((self._bucket("k:" + name), wk))
                if len(memo) < 200_000:  # the same words come back: compute each once per model
                    memo[raw] = per_word
            out.extend((bucket, i, weight) for bucket, weight in per_word)
        for a, b in itertools.pairwise(content):
            out.append((self._bucket(f"b:{folded[a]} {folded[b]}"), a if len(folded[a]) >= len(folded[b]) else b, wb))
        if self.roles:
            out.extend(self._situations(text, toks, folded, [m.start() for m in matches]))
        return out

    def _situations(self, text: str, toks: list[str], folded: list[str], starts: list[int]) -> list[Feature]:
        """Per sentence: roles × word classes, credited to the class word (the detail that matters)."""
        ws, wr = WEIGHTS["s"], WEIGHTS["r"]
        out: list[Feature] = []
        cuts = [m.end() for m in _SENTENCE.finditer(text)]
        k = 0
        sentence = 0
        groups: dict[int, list[int]] = {}
        for i, start in enumerate(starts):
            while k < len(cuts) and cuts[k] <= start:
                k += 1
                sentence += 1
            groups.setdefault(sentence, []).append(i)
        previous_roles: set[str] = set()
        for indexes in groups.values():
            roles = {name for name, ws in self.roles.items() for i in indexes if folded[i] in ws}
            if "andre" in self.roles and any(self.is_name(toks[i]) for i in indexes):
                roles.add("andre")
            classes: dict[str, int] = {}
            for i in indexes:
                if folded[i] in self.stopwords or len(folded[i]) < 3:
                    continue
                for name in self.classes_of(toks[i].lower()):
                    classes.setdefault(name, i)
            context = roles | {f"forrige-{r}" for r in previous_roles}
            for cls, i in classes.items():
                out.append((self._bucket(f"s:{cls}"), i, ws))
                for role in context:
                    out.append((self._bucket(f"s:{role}&{cls}"), i, ws))
                if "jobb" in context:
                    for role in ("andre", "selv", "egen_familie"):
                        if role in context:
                            out.append((self._bucket(f"s:jobb&{role}&{cls}"), i, ws))
            if roles and not classes:
                anchor = indexes[0]
                for role in roles:
                    out.append((self._bucket(f"r:{role}"), anchor, wr))
                if "jobb" in roles and "andre" in roles:
                    out.append((self._bucket("r:jobb&andre"), anchor, wr))
            previous_roles = roles
        return out

    def vector(self, text: str, feats: list[Feature] | None = None) -> dict[int, float]:
        """Bucket → value: log(1 + weighted count), the vector scaled to length 1 (training and scoring)."""
        counts: dict[int, float] = {}
        for bucket, _, weight in feats if feats is not None else self.extract(text):
            counts[bucket] = counts.get(bucket, 0.0) + weight
        for bucket, count in counts.items():
            counts[bucket] = math.log1p(count)
        norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
        return {bucket: v / norm for bucket, v in counts.items()}


def read_wordlist_lines(lines: Iterable[str]) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
