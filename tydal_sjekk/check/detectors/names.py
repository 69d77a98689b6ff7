"""Personal names: a gazetteer of first names and surnames plus capitalisation and context.

A chain of capitalised words («Per Olaf Lundteigen») is a name when it starts with a known first name,
ends in a known surname, or stands after a title («ordfører Hansen»). A single capitalised word is a
name when it is a known first name or surname, or when context makes it one: a verb of saying right
before or after it («… sier Thomassen»), or an earlier full name in the same text («Jens Stoltenberg …
Stoltenberg»). Names that are also ordinary words (Per, Liv, Dag, Hans, Berg) are not taken as names at
the start of a sentence on capitalisation alone, and places and organisations in ``ikke-navn.txt`` are
never names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.detectors.base import Deferred, Detector, LoadEnv, PieceResult
from tydal_sjekk.check.model import Occurrence
from tydal_sjekk.core.schema import Table
from tydal_sjekk.text.wordlist import WordList

_SUBTOKEN = re.compile(r"\w+")

# Particles that may stand inside a name chain: «Ludwig van Beethoven».
_PARTICLES = frozenset({"van", "von", "bin", "ibn", "af", "del", "dos", "ter"})
_CHAIN_GAPS = frozenset({" ", "-", "\u00a0"})
# Words before a capitalised word that make it a place rather than a person.
_PLACE_PREPOSITIONS = frozenset(
    {"i", "på", "fra", "frå", "til", "mot", "ved", "over", "gjennom", "utenfor", "utanfor", "nær", "langs", "rundt"}
)
# Titles written with a period: «dr. Lie» is one phrase, «… sa ordføreren. Det …» is two sentences.
_ABBREVIATED = frozenset({"dr", "hr", "frk", "prof", "adv"})


def _title_touches(gap: str, title: str) -> bool:
    """Whether a title names the word after it: only right after it («rektor Hansen», «dr. Lie»), not the first word
    of the next sentence («… sa ordføreren. Det ble …») or of the next line («Hilsen fra kommunedirektøren 🎄» and
    then «I år …»). Only asked when the word before is a title, so the gap is not sliced for every capital."""
    between = gap.strip()
    return "\n" not in gap and (not between or (between == "." and title in _ABBREVIATED))


class NameLists(NamedTuple):
    first: WordList
    last: WordList
    ordinary: WordList
    not_names: frozenset[str]
    titles: frozenset[str]
    speech_verbs: frozenset[str]
    surname_suffixes: tuple[str, ...]
    noun_suffixes: tuple[str, ...]


def read_text_file(env: LoadEnv, rel: str, t: Table, key: str) -> str:
    """A word file inside the content folder (paths outside it are refused); an empty file is a problem."""
    text = env.content.read_text(rel, env.problems, t.file, t.key(key))
    if text is None:
        return ""
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        t.problem(key, f"filen {rel} er tom")
    return text


def _word_list(env: LoadEnv, t: Table, key: str) -> WordList:
    rel = t.text(key)
    return WordList(read_text_file(env, rel, t, key) if rel else "")


def _phrase_set(text: str) -> frozenset[str]:
    out = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(" ".join(_SUBTOKEN.findall(line.lower())))
    return frozenset(out)


def load_name_lists(t: Table, env: LoadEnv) -> NameLists:
    not_names_file = t.text("ikke_navn", required=False)
    return NameLists(
        first=_word_list(env, t, "fornavn"),
        last=_word_list(env, t, "etternavn"),
        ordinary=_word_list(env, t, "vanlige_ord"),
        not_names=_phrase_set(read_text_file(env, not_names_file, t, "ikke_navn")) if not_names_file else frozenset(),
        titles=frozenset(w.lower() for w in t.texts("titler")),
        speech_verbs=frozenset(w.lower() for w in t.texts("taleverb")),
        surname_suffixes=tuple(w.lower() for w in t.texts("etternavnsendelser")),
        noun_suffixes=tuple(w.lower() for w in t.texts("ikke_navn_endelser")),
    )


def mask_name(text: str) -> str:
    """«Kari Nordmann» → «K*** N*******»."""
    out = []
    first = True
    for ch in text:
        if ch.isalpha():
            out.append(ch if first else "*")
            first = False
        else:
            out.append(ch)
            first = True
    return "".join(out)


def _capitalised(raw: str) -> bool:
    """Title case («Kari», «McDonald») or a one-letter initial; not an acronym («NRK», «SVs»)."""
    if not raw[:1].isupper() or raw[:1].isdigit():
        return False
    if len(raw) == 1 or sum(1 for c in raw if c.isupper()) == 1:
        return True
    return raw[1:2].islower()


class NameFinder:
    def __init__(self, lists: NameLists) -> None:
        self.lists = lists
        self._memo_known: dict[str, tuple[bool, bool]] = {}
        self._memo_caps: dict[str, bool] = {}

    @classmethod
    def of(cls, lists: NameLists) -> NameFinder:
        """One finder per set of name lists, so that its memos of words serve every text."""
        hit = _FINDERS.get(id(lists))
        if hit is None or hit.lists is not lists:
            if len(_FINDERS) > 8:
                _FINDERS.clear()
            hit = _FINDERS[id(lists)] = cls(lists)
        return hit

    def _capitalised(self, raw: str) -> bool:
        hit = self._memo_caps.get(raw)
        if hit is None:
            hit = _capitalised(raw)
            if len(self._memo_caps) < 100_000:
                self._memo_caps[raw] = hit
        return hit

    def _known(self, low: str) -> tuple[bool, bool]:
        """(is a first name, is a surname), also for the genitive «Olas», «Stoltenbergs»."""
        hit = self._memo_known.get(low)
        if hit is None:
            hit = self._known_now(low)
            if len(self._memo_known) < 100_000:
                self._memo_known[low] = hit
        return hit

    def _known_now(self, low: str) -> tuple[bool, bool]:
        first = low in self.lists.first
        last = low in self.lists.last
        if not (first or last) and len(low) > 3 and low.endswith("s"):
            first = low[:-1] in self.lists.first
            last = low[:-1] in self.lists.last
        return first, last

    def _surname_shaped(self, low: str) -> bool:
        word = low[:-1] if low.endswith("s") and len(low) > 4 else low
        return any(word.endswith(s) and len(word) > len(s) + 1 for s in self.lists.surname_suffixes)

    def _ordinary(self, low: str) -> bool:
        return low in self.lists.ordinary

    def find(self, ctx: TextContext) -> list[Occurrence]:
        spans, parts, caps = self._names(ctx)
        if parts:
            spans.extend(s for s, _ in self._repeat_mentions(ctx, spans, parts, caps))
        return self._occurrences(ctx, spans)

    def find_piece(self, ctx: TextContext, lo: int, hi: int) -> tuple[list[Occurrence], set[str], list[Deferred]]:
        """Names in one piece of a long text: the parts of the full names that start in ``lo:hi`` are what
        the piece teaches; a capitalised word that repeats no full name in this piece is deferred (it is a
        name if a full name anywhere in the text has it as a part)."""
        spans, parts, caps = self._names(ctx)
        own = self._parts(ctx, spans, lo, hi)
        deferred = []
        for span, keys in self._repeat_mentions(ctx, spans, parts, caps, keep_unknown=True):
            if keys:
                deferred.append(Deferred(keys, self._occurrence(ctx.text, span)))
            else:
                spans.append(span)
        return self._occurrences(ctx, spans), own, deferred

    def _occurrences(self, ctx: TextContext, spans: list[tuple[int, int]]) -> list[Occurrence]:
        spans.sort()
        text = ctx.text
        return [self._occurrence(text, span) for span in spans]

    @staticmethod
    def _occurrence(text: str, span: tuple[int, int]) -> Occurrence:
        s, e = span
        return Occurrence("navn", s, e, mask_name(text[s:e]))

    @staticmethod
    def _parts(ctx: TextContext, spans: list[tuple[int, int]], lo: int, hi: int) -> set[str]:
        """The parts of the full names among ``spans`` that start in ``lo:hi``."""
        tokens = ctx.tokens
        out: set[str] = set()
        for s, e in spans:
            if not lo <= s < hi:
                continue
            a, b = bisect_left(tokens.starts, s), bisect_left(tokens.starts, e) - 1
            if b > a:
                out.update(w for w in tokens.lower[a : b + 1] if len(w) > 2 and w not in _PARTICLES)
        return out

    def _names(self, ctx: TextContext) -> tuple[list[tuple[int, int]], set[str], list[int]]:
        tokens = ctx.tokens
        raw, low = tokens.raw, tokens.lower
        sentence_first = {bisect_left(tokens.starts, s) for s in ctx.sentences}

        spans: list[tuple[int, int]] = []
        parts: set[str] = set()
        capitalised = self._capitalised
        caps = [k for k, r in enumerate(raw) if r[0].isupper() and capitalised(r)]
        done = -1
        for i in caps:
            if i <= done:
                continue
            j = self._chain_end(ctx, i)
            found = self._judge(ctx, i, j, sentence_first)
            for a, b in found:
                spans.append((tokens.starts[a], tokens.ends[b]))
                if b > a:
                    parts.update(low[k] for k in range(a, b + 1) if len(low[k]) > 2 and low[k] not in _PARTICLES)
            done = j
        return spans, parts, caps

    def _chain_end(self, ctx: TextContext, i: int) -> int:
        tokens = ctx.tokens
        text = ctx.text
        raw, low = tokens.raw, tokens.lower
        n = len(tokens)
        j = i
        while j + 1 < n:
            gap = text[tokens.ends[j] : tokens.starts[j + 1]]
            if gap in _CHAIN_GAPS or (gap == ". " and len(raw[j]) == 1):
                if _capitalised(raw[j + 1]):
                    j += 1
                    continue
                if gap == "-" and len(raw[j + 1]) <= 3 and raw[j + 1].isalpha():
                    j += 1  # «Kim Jong-il»
                    continue
                if (
                    low[j + 1] in _PARTICLES
                    and j + 2 < n
                    and _capitalised(raw[j + 2])
                    and text[tokens.ends[j + 1] : tokens.starts[j + 2]] in _CHAIN_GAPS
                ):
                    j += 2
                    continue
            break
        return j

    def _not_name(self, words: list[str]) -> bool:
        phrase = " ".join(words)
        if phrase in self.lists.not_names:
            return True
        return phrase.endswith("s") and len(phrase) > 3 and phrase[:-1] in self.lists.not_names

    def _judge(self, ctx: TextContext, i: int, j: int, sentence_first: set[int]) -> list[tuple[int, int]]:
        tokens = ctx.tokens
        low = tokens.lower
        lists = self.lists
        # Places and organisations: the whole chain, or words at its start.
        if self._not_name(low[i : j + 1]):
            return []
        while i <= j and self._not_name([low[i]]):
            i += 1
        if i > j:
            return []
        known = {k: self._known(low[k]) for k in range(i, j + 1)}
        if not known[i][0]:
            while j > i and self._not_name([low[j]]):
                if ctx.text[tokens.ends[j - 1] : tokens.starts[j]] == "-":
                    return []  # «Nord-Europa», «Midt-Norge»: a compound that ends in a place is a place
                j -= 1
        prev = low[i - 1] if i > 0 else ""
        nxt = low[j + 1] if j + 1 < len(low) else ""
        at_start = i in sentence_first
        titled = prev in lists.titles and _title_touches(ctx.text[tokens.ends[i - 1] : tokens.starts[i]], prev)
        speech = prev in lists.speech_verbs or nxt in lists.speech_verbs

        if j > i:
            if at_start and self._ordinary(low[i]) and not known[i][0]:
                return self._judge(ctx, i + 1, j, sentence_first)
            # Words in front of a first name that are not names themselves are not part of the name:
            # «Nå Kari Hansen», «Prosjektsjef Per Atle Tufte», «Aftenposten Espen Thomassen».
            # (only a capitalised word starts a name: the lower-case tail of «Kvikk Lunsj-ene» is an ending, even
            # though «ene» is in the list of first names)
            first_name_at = next((k for k in range(i, j + 1) if known[k][0] and tokens.raw[k][:1].isupper()), None)
            if first_name_at is not None and first_name_at > i and not titled:
                lead = range(i, first_name_at)
                if at_start or any(self._ordinary(low[k]) for k in lead) or not any(known[k][1] for k in lead):
                    return self._judge(ctx, first_name_at, j, sentence_first)
            if titled or known[i][0] or first_name_at is not None:
                return [(i, j)]
            surname_end = (known[j][1] or self._surname_shaped(low[j])) and tokens.raw[j][:1].isupper()
            if surname_end and (speech or not self._ordinary(low[i])):
                return [(i, j)]
            if speech and not any(self._ordinary(low[k]) for k in range(i, j + 1)):
                return [(i, j)]
            return []

        first, last = known[i]
        word = low[i]
        if titled:
            return [(i, i)]
        if first or last:
            if at_start and self._ordinary(word) and not speech and not self._listed_with_name(ctx, i):
                return []
            if prev in _PLACE_PREPOSITIONS and not first:
                return []
            return [(i, i)]
        if speech and not self._ordinary(word) and len(word) > 2 and not word.endswith(self.lists.noun_suffixes):
            return [(i, i)]
        return []

    def _listed_with_name(self, ctx: TextContext, i: int) -> bool:
        """«Per og Kari …»: an ambiguous first word followed by «og»/«eller» and a known first name."""
        low, raw = ctx.tokens.lower, ctx.tokens.raw
        if i + 2 >= len(low) or low[i + 1] not in ("og", "eller") or not _capitalised(raw[i + 2]):
            return False
        return self._known(low[i + 2])[0] and self._known(low[i])[0]

    def _repeat_mentions(
        self, ctx: TextContext, spans: list[tuple[int, int]], parts: set[str], caps: list[int],
        keep_unknown: bool = False,
    ) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
        """Capitalised words outside ``spans`` that repeat a part of a full name: ((start, end), ()). With
        ``keep_unknown``, the other capitalised words outside ``spans`` too, with the parts they would repeat."""
        tokens = ctx.tokens
        covered = set()
        for s, e in spans:
            k = bisect_left(tokens.starts, s)
            while k < len(tokens) and tokens.starts[k] < e:
                covered.add(k)
                k += 1
        out: list[tuple[tuple[int, int], tuple[str, ...]]] = []
        for k in caps:
            word = tokens.lower[k]
            if k in covered:
                continue
            base = word[:-1] if word.endswith("s") else word
            if word in parts or base in parts:
                out.append(((tokens.starts[k], tokens.ends[k]), ()))
            elif keep_unknown:
                out.append(((tokens.starts[k], tokens.ends[k]), (word, base)))
        return out


_FINDERS: dict[int, NameFinder] = {}


class NameDetector(Detector):
    id = "navn"
    signals = ("navn",)
    description = "personnavn: navnelister, stor forbokstav og sammenheng"

    def load_settings(self, t: Table, env: LoadEnv) -> NameLists:
        return load_name_lists(t, env)

    uses_text_state = True

    def find(self, ctx: TextContext, settings: NameLists) -> list[Occurrence]:
        return self._free(ctx, NameFinder.of(settings).find(ctx))

    def piece(self, ctx: TextContext, settings: NameLists, lo: int, hi: int) -> PieceResult:
        found, learned, deferred = NameFinder.of(settings).find_piece(ctx, lo, hi)
        return PieceResult(self._free(ctx, found), set(learned),
                           [d for d in deferred if not ctx.taken.overlaps(d.occurrence.start, d.occurrence.end)])

    @staticmethod
    def _free(ctx: TextContext, found: list[Occurrence]) -> list[Occurrence]:
        # A number, e-mail or address found earlier wins over a name on the same characters.
        return [o for o in found if not ctx.taken.overlaps(o.start, o.end)]
