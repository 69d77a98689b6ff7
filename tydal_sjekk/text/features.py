"""Features for the learned layers: hashed word 1–2-grams, character 3–5-grams, word classes, roles ×
word classes per sentence, question marks, exclamation marks and emoji, and (optionally) the rule signals
found in the text («jobbrolle», «besvarer», «arbeidsperson-enkelt» …).

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
from array import array
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple
from zlib import crc32

from tydal_sjekk.text.wordlist import WordList

_WORD = re.compile(r"\w+")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "é": "e", "è": "e", "ê": "e",
                       "ó": "o", "ò": "o", "ô": "o", "ü": "u", "á": "a", "à": "a"})


def fold(word: str) -> str:
    """Lower-case, accent-folded form: «Sjukeheimen» → «sjukeheimen», «på»/«paa» → «pa»."""
    return word.lower().translate(_FOLD).replace("aa", "a")


_SENTENCE = re.compile(r"[.!?…\n]+")
# How much each kind of feature counts: words, word pairs, character n-grams (many per word), word
# classes, and role × class combinations.
WEIGHTS = {"w": 1.0, "b": 0.7, "c": 0.5, "k": 2.0, "s": 1.0, "r": 1.0, "t": 0.5}
# A rule signal («g:<id>») is one feature per signal present, weighted by ``FeatureSpec.signal_weight``;
# it is never a reason (its matched text may be a name or a number).
# Question and exclamation marks and emoji carry tone («?», «🙄», «😂», «🤫», «👏») that words alone miss.
_SYMBOL = re.compile("[?!\U0001F000-\U0001FAFF\u2600-\u27BF]")
# Longer "words" (a run of one letter, a URL) carry no meaning and would cost quadratic work.
MAX_WORD = 40
# The parts of a feature key: (weight, buckets) groups; every bucket of a group counts with the group's weight.
Parts = tuple[tuple[float, tuple[int, ...]], ...]
# Negations (folded, function words): the next content word of the sentence becomes one feature «x:<word>»
# instead of its own features, so that «ikke godt nok» is not «godt nok».
_NEGATIONS = frozenset({"ikke", "ikkje", "itj", "ikkj", "ikk"})
# At most this many remembered buckets are character n-grams (about 6 MB).
_NGRAM_MEMO = 50_000
# word pairs rarely come back in varied text: only the first are remembered (a crc32 is as quick as a look-up)
_PAIR_MEMO = 20_000
# The scorer's cached contributions: at most this many keys, of which this many have one bucket (word pairs).
_ENTRY_CACHE = 300_000
_ONE_BUCKET_CACHE = 20_000
# The distinct role sets of words (at most one per subset of the roles), shared by every word that has one.
_ROLE_SETS: dict[frozenset[str], frozenset[str]] = {}


class FeatureSpec:
    """How features are made: bucket count, n-gram sizes, function words, word classes and roles.

    ``roles`` maps a role («selv», «egen_familie», «andre», «jobb») to words that mark it. For every sentence
    the roles present are combined with the word classes present («andre» + «helse» + «jobb»): a linear
    model cannot form such conjunctions itself, and they are what separates someone's health learned at
    work from one's own health or from general criticism.
    """

    __slots__ = (
        "_class_index", "_memo", "_memo_buckets", "_memo_words", "ambiguous", "buckets", "char_max", "char_min",
        "classes", "names", "roles", "signal_weight", "stopwords",
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
        signal_weight: float = 0.0,
        ambiguous: WordList | None = None,
    ) -> None:
        self.buckets = buckets
        self.signal_weight = signal_weight
        self.stopwords = frozenset(fold(w) for w in stopwords)
        self.classes = dict(classes)
        self.char_min = char_min
        self.char_max = char_max
        self.roles = {name: frozenset(fold(w) for w in ws) for name, ws in (roles or {}).items()}
        # A capitalised first name is never a feature of its own (names carry no meaning that generalises):
        # it becomes the single feature «a name» and the role «andre».
        self.names = names
        # First names that are also ordinary words («Per i dag», «Liv og helse»): as the first word of a
        # sentence, where every word is capitalised, they count as the ordinary word.
        self.ambiguous = ambiguous
        self._class_index: dict[str, tuple[str, ...]] | None = None
        self._memo: dict[str, list[str]] = {}
        self._memo_words: dict[str, _WordInfo] = {}
        self._memo_buckets: dict[str, int] = {}

    _STATE = ("ambiguous", "buckets", "char_max", "char_min", "classes", "names", "roles", "signal_weight", "stopwords")

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
        object.__setattr__(self, "_memo_buckets", {})

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
        found = _classes_in(index, raw_lower)
        if not found and len(raw_lower) >= 6:
            # nynorsk and Trøndersk endings of a word the lists have in bokmål: «medisinane», «medisinan» →
            # «medisinene», «pasientar» → «pasienter»
            for ending, bokmal in _NYNORSK_ENDINGS:
                if raw_lower.endswith(ending):
                    found = _classes_in(index, raw_lower[: -len(ending)] + bokmal)
                    break
        out = [name for name in self.classes if name in found]
        if len(self._memo) < 100_000:
            self._memo[raw_lower] = out
        return out

    def _bucket_of(self, feature: str, limit: int = 200_000) -> int:
        """The bucket of ``feature``, remembered while the memo has fewer than ``limit`` entries."""
        hit = self._memo_buckets.get(feature)
        if hit is None:
            hit = self._bucket(feature)
            if len(self._memo_buckets) < limit:
                self._memo_buckets[feature] = hit
        return hit

    def _word(self, raw: str) -> _WordInfo:
        """What one written word contributes (memoised: the same words come back)."""
        info = self._memo_words.get(raw)
        if info is not None:
            return info
        word = fold(raw)
        lower = raw.lower()
        is_name = self.is_name(raw)
        roles = frozenset(name for name, words in self.roles.items() if word in words)
        if is_name and "andre" in self.roles:
            roles |= {"andre"}
        roles = _ROLE_SETS.setdefault(roles, roles)  # a handful of distinct sets, shared by all words
        # A name belongs to no word class, whatever it ends in («Jostein» is no «stein», «Kristian» no illness).
        situation_classes = (() if is_name or word in self.stopwords or len(word) < 3
                             else tuple(self.classes_of(lower)))
        key: str | None = None
        parts: Parts = ()
        content = False
        if word in self.stopwords or word.isdigit() or len(word) < 2 or len(word) > MAX_WORD:
            pass
        elif is_name:
            # A name is no feature of its own: it only says that the sentence is about someone else (the role
            # «andre» above). Trained with a feature for names, the model learned «a name and a cake» as a
            # breach; that a person can be recognised is the rules' part (``identifiserbar``).
            pass
        else:
            content = True
            key = "w:" + raw
            wc = WEIGHTS["c"]
            padded = f"<{word}>"
            n = len(padded)
            grams = ["c:" + padded[k : k + size] for size in range(self.char_min, self.char_max + 1)
                     for k in range(0, n - size + 1)]
            # the same character n-grams come back in many words: their buckets are remembered (the frequent
            # n-grams come early, so a smaller memo limit keeps memory small)
            buckets = tuple(self._bucket_of(g, _NGRAM_MEMO) for g in grams)
            classes = tuple(self._bucket("k:" + name) for name in self.classes_of(lower))
            # one group per weight, in the order word, n-grams, classes: a few hundred bytes a word
            parts = ((WEIGHTS["w"], (self._bucket("w:" + word),)), (wc, buckets),
                     *(((WEIGHTS["k"], classes),) if classes else ()))
        info = _WordInfo(word, key, parts, content, roles, situation_classes, is_name)
        if len(self._memo_words) < 200_000:
            self._memo_words[raw] = info
        return info

    def collect(self, text: str, signals: Iterable[str] = ()) -> tuple[
            dict[str, int], dict[str, str], dict[str, Parts]]:
        """The features of ``text`` counted: key → times it occurs, key → the written word it is credited to
        (its first occurrence), key → its parts: (weight, buckets) groups.

        ``signals`` are the ids of the rule signals found in the text (each counts once); they are features
        only when ``signal_weight`` is above 0, and are credited to no word.

        A key always has the same parts, so a scorer computes each key's contribution once. Works sentence
        by sentence (memory stays with the distinct features): every content word gives its word,
        character n-gram and word-class features; neighbouring content words give a word pair; per
        sentence, the roles present (also in the sentence before) × the word classes present. One loop
        with no generator in between: this is the hot path of a long text.
        """
        counts: dict[str, int] = {}
        credited: dict[str, str] = {}
        parts_of: dict[str, Parts] = {}
        get_count = counts.get

        def add_feature(feature: str, raw: str, weight: float) -> None:
            n = get_count(feature)
            if n is None:
                counts[feature] = 1
                credited[feature] = raw
                parts_of[feature] = ((weight, (self._bucket_of(feature),)),)
            else:
                counts[feature] = n + 1

        ws, wr, wb, wt, ww = WEIGHTS["s"], WEIGHTS["r"], WEIGHTS["b"], WEIGHTS["t"], WEIGHTS["w"]
        memo_words = self._memo_words
        word_info = self._word
        ambiguous = self.ambiguous
        previous: tuple[str, str] | None = None  # (folded, raw) of the last content word
        previous_roles: frozenset[str] = frozenset()
        pos = 0
        ends = itertools.chain((m.end() for m in _SENTENCE.finditer(text)), (len(text),))
        for end in ends:
            if end <= pos and end != len(text):
                continue
            roles: set[str] = set()
            negated = False  # a negation reaches the next content word of the same sentence
            classes: dict[str, str] = {}
            anchor: str | None = None
            for raw in _WORD.findall(text, pos, end):
                info = memo_words.get(raw)
                if info is None:
                    info = word_info(raw)
                if anchor is None:
                    anchor = raw
                    if info.name and ambiguous is not None and raw.lower() in ambiguous:
                        info = word_info(raw.lower())
                if info.roles:
                    roles |= info.roles
                for name in info.situation_classes:
                    classes.setdefault(name, raw)
                key = info.key
                if key is None:
                    if info.word in _NEGATIONS:  # «ikke godt», «itj bra»: the next content word is negated
                        negated = True
                    continue
                if negated and info.content:
                    # A negated word is one feature of its own («x:godt»), without the word's own features: «ikke
                    # godt nok» must not count as «godt nok».
                    negated = False
                    add_feature("x:" + info.word, raw, ww)
                    previous = (info.word, raw)
                    continue
                n = get_count(key)
                if n is None:
                    counts[key] = 1
                    credited[key] = raw
                    parts_of[key] = info.parts
                else:
                    counts[key] = n + 1
                if not info.content:
                    continue
                if previous is not None:  # (inlined add_feature: one word pair per content word)
                    a, b = previous[0], info.word
                    feature = f"b:{a} {b}"
                    n = get_count(feature)
                    if n is None:
                        counts[feature] = 1
                        credited[feature] = previous[1] if len(a) >= len(b) else raw
                        parts_of[feature] = ((wb, (self._bucket_of(feature, _PAIR_MEMO),)),)
                    else:
                        counts[feature] = n + 1
                previous = (info.word, raw)
            for symbol in _SYMBOL.findall(text, pos, end):
                add_feature("t:" + symbol, symbol, wt)
            pos = end
            if anchor is None:
                continue
            context = roles | {f"forrige-{r}" for r in previous_roles}
            for cls, raw in classes.items():
                features = [f"s:{cls}", *(f"s:{role}&{cls}" for role in sorted(context))]
                if "jobb" in context:
                    features += [f"s:jobb&{role}&{cls}" for role in ("andre", "selv", "egen_familie", "mottaker")
                                 if role in context]
                for feature in features:
                    add_feature(feature, raw, ws)
            if roles and not classes:
                features = [f"r:{role}" for role in sorted(roles)]
                if "jobb" in roles and "andre" in roles:
                    features.append("r:jobb&andre")
                for feature in features:
                    add_feature(feature, anchor, wr)
            previous_roles = frozenset(roles)
        if self.signal_weight > 0:
            for sid in sorted(set(signals)):
                add_feature("g:" + sid, "", self.signal_weight)
        return counts, credited, parts_of

    def vector(self, text: str, signals: Iterable[str] = ()) -> dict[int, float]:
        """Bucket → value: every distinct part counts √(times it occurs) × its weights, and the vector is
        divided by √(Σ over parts of occurrences × squared weights).

        A part that comes back n times counts √n (so a repeated phrase does not take over), and a text
        repeated m times scores about the same as the text once (only the word pairs and roles across the
        joins differ). For parts that occur once this is the usual
        length-1 scaling. The transform is linear in per-part contributions, so a scorer can add them up
        (``LinearScorer``) and get exactly the same score as the dot product with this vector.
        """
        counts, _, parts_of = self.collect(text, signals)
        values: dict[int, float] = {}
        squares = 0.0
        for key, n in counts.items():
            root = math.sqrt(n)
            for weight, buckets in parts_of[key]:
                for bucket in buckets:
                    values[bucket] = values.get(bucket, 0.0) + root * weight
                    squares += n * weight * weight
        norm = math.sqrt(squares) or 1.0
        return {bucket: v / norm for bucket, v in values.items()}


class _WordInfo(NamedTuple):
    word: str  # folded
    key: str | None  # None: the word gives no features of its own (function word, digits, too short or long)
    parts: Parts
    content: bool  # takes part in word pairs
    roles: frozenset[str]
    situation_classes: tuple[str, ...]
    name: bool = False  # a first name (no features; the role «andre»)


_NYNORSK_ENDINGS = (("ane", "ene"), ("an", "ene"), ("ar", "er"))


def _classes_in(index: dict[str, tuple[str, ...]], word: str) -> set[str]:
    """The classes of ``word`` and of the compound heads it ends in (at least five letters)."""
    found: set[str] = set(index.get(word, ()))
    # compound heads are at most 40 letters: only those suffixes are looked up (linear, not quadratic)
    for cut in range(max(1, len(word) - 40), max(1, len(word) - 4)):
        names = index.get(word[cut:])
        if names:
            found.update(names)
    return found


class Totals:
    """The sums of one text: per weight row, sum of weight × feature value before dividing by ``norm``."""

    __slots__ = ("_counts", "_credited", "_entries", "_stopwords", "dots", "has_class_word", "norm")

    def __init__(self, counts: dict[str, int], credited: dict[str, str],
                 entries: dict[str, tuple[float, tuple[float, ...]]], rows: int,
                 stopwords: frozenset[str] = frozenset()) -> None:
        self._counts = counts
        self._credited = credited
        self._entries = entries
        self._stopwords = stopwords
        squares = 0.0
        columns: list[tuple[float, ...]] = []
        for key, n in counts.items():
            sq, contribution = entries[key]
            squares += sq * n
            if n != 1:
                root = math.sqrt(n)
                contribution = tuple(c * root for c in contribution)
            columns.append(contribution)
        # one sum per row over all parts (zip and sum run in C)
        self.dots = [sum(row) for row in zip(*columns, strict=True)] if columns else [0.0] * rows
        self.norm = math.sqrt(squares) or 1.0
        # a word of one of the word classes (health, substance use, child welfare …) is in the text: the
        # per-sentence class features («s:…») are made exactly then
        self.has_class_word = any(key.startswith("s:") for key in counts)

    def top_words(self, row: int, limit: int = 3) -> tuple[str, ...]:
        """The written words (longer than two letters) whose features pushed row ``row`` up the most.

        Each part is credited to the written word it first came from in the text (a word pair to the
        longer word, a sentence's roles and word classes to the word that brought them).
        """
        credit: dict[str, float] = {}
        first: dict[str, str] = {}
        stopword: dict[str, bool] = {}
        entries, credited = self._entries, self._credited
        for key, n in self._counts.items():
            if key.startswith("g:"):  # rule signals are never reasons (their text may be personal data)
                continue
            value = entries[key][1][row]
            raw = credited[key]
            lower = raw.lower()
            skip = stopword.get(lower)
            if skip is None:
                skip = stopword[lower] = fold(lower) in self._stopwords
            if skip:  # a role feature is credited to a sentence's first word
                continue
            credit[lower] = credit.get(lower, 0.0) + value * n
            first.setdefault(lower, raw)
        ranked = sorted(((v, w) for w, v in credit.items() if v > 0 and len(w) > 2), reverse=True)
        return tuple(first[w] for _, w in ranked[:limit])


class LinearScorer:
    """Adds up per-part contributions of a text to several rows of int8 weights, in one pass.

    Each distinct part key is looked up once per text and its contribution cached across texts, so a
    long text costs one dictionary look-up per part, and memory stays with the distinct words.
    """

    def __init__(self, spec: FeatureSpec, weights: Sequence[int], offsets: Sequence[int]) -> None:
        self.spec = spec
        self.weights = weights
        self.offsets = tuple(offsets)
        self._cache: dict[str, tuple[float, tuple[float, ...]]] = {}
        # one view per row (no copy): a part's buckets are read from it with one C-level item getter
        view = memoryview(weights) if isinstance(weights, array) else weights
        self._rows = [view[o : o + spec.buckets] for o in self.offsets]

    def _entry(self, key: str, parts: Parts) -> tuple[float, tuple[float, ...]]:
        entry = self._cache.get(key)
        if entry is None:
            rows = self._rows
            if len(parts) == 1 and len(parts[0][1]) == 1:  # a word pair, a role, a class, a symbol: one bucket
                ((v, (b,)),) = parts
                entry = (v * v, tuple([row[b] * v for row in rows]))
                # cheap to compute again, and in varied text a word pair rarely comes back: only the first of
                # them are remembered, so memory stays with the words
                limit = _ONE_BUCKET_CACHE
            else:
                columns: list[list[float]] = []
                for v, buckets in parts:  # a word's character n-grams have one weight: summed as integers
                    if len(buckets) == 1:
                        b = buckets[0]
                        columns.append([row[b] * v for row in rows])
                    else:
                        get = itemgetter(*buckets)
                        columns.append([sum(get(row)) * v for row in rows])
                contribution = tuple(map(sum, zip(*columns, strict=True))) if len(columns) > 1 else tuple(columns[0])
                entry = (sum(v * v for v, buckets in parts for _ in buckets), contribution)
                limit = _ENTRY_CACHE
            if len(self._cache) < limit:
                self._cache[key] = entry
        return entry

    def totals(self, text: str, signals: Iterable[str] = ()) -> Totals:
        counts, credited, parts_of = self.spec.collect(text, signals)
        cache, entry = self._cache, self._entry
        entries = {key: cache.get(key) or entry(key, parts) for key, parts in parts_of.items()}
        return Totals(counts, credited, entries, len(self.offsets), self.spec.stopwords)


def shared_scorer(spec: FeatureSpec, weights: Sequence[int], offsets: Sequence[int]) -> LinearScorer:
    """One scorer per weight array and set of rows, kept while the weights live (its cache spans texts)."""
    key = (id(weights), tuple(offsets))
    hit = _SCORERS.get(key)
    if hit is None or hit[0] is not weights:
        if len(_SCORERS) > 8:
            _SCORERS.clear()
        hit = _SCORERS[key] = (weights, LinearScorer(spec, weights, offsets))
    return hit[1]


_SCORERS: dict[tuple[int, tuple[int, ...]], tuple[Sequence[int], LinearScorer]] = {}


def read_wordlist_lines(lines: Iterable[str]) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
