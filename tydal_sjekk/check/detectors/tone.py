"""Tone: shouting in capitals, piles of exclamation marks, calling someone names to their face and saying
what a person is («foreldra er like dumme», «ordføreren er en løgner»)."""

from __future__ import annotations

import re
from typing import NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.detectors.base import Detector, LoadEnv
from tydal_sjekk.check.model import Occurrence
from tydal_sjekk.core.schema import Table
from tydal_sjekk.text.wordlist import WordList

# Runs of ! and ? (a space between is allowed); each step consumes a mark, so this is linear.
_BANGS = re.compile(r"[!?¡](?:\s?[!?¡])+")


class ShoutingSettings(NamedTuple):
    min_words: int
    min_letters: int
    exceptions: frozenset[str]
    # a line of capitals alone (no «!» or «?») followed by ordinary text, in a text at least this long, is a
    # heading («⚠️ KOKEVARSEL FOR ØSTBYEN ⚠️», «OPENT BREV TE KOMMUNESTYRET»), not shouting; 0 = off
    heading_text_chars: int = 0


class ShoutingDetector(Detector):
    id = "store_bokstaver"
    signals = ("store-bokstaver",)
    not_personal = frozenset(signals)
    description = "roping: flere ord etter hverandre med store bokstaver"

    def load_settings(self, t: Table, env: LoadEnv) -> ShoutingSettings:
        return ShoutingSettings(
            t.integer("min_ord", minimum=1), t.integer("min_bokstaver", minimum=1), frozenset(t.texts("unntak")),
            t.integer("overskrift_i_tekst_fra", minimum=0, required=False),
        )

    def find(self, ctx: TextContext, settings: ShoutingSettings) -> list[Occurrence]:
        return find_shouting(ctx, settings)


class ExclamationSettings(NamedTuple):
    min_count: int


class ExclamationDetector(Detector):
    id = "utropstegn"
    signals = ("utropstegn",)
    not_personal = frozenset(signals)
    description = "mange utropstegn på rad"

    def load_settings(self, t: Table, env: LoadEnv) -> ExclamationSettings:
        return ExclamationSettings(t.integer("min_antall", minimum=2))

    def applies(self, text: str) -> bool:
        return "!" in text or "¡" in text

    def find(self, ctx: TextContext, settings: ExclamationSettings) -> list[Occurrence]:
        out: list[Occurrence] = []
        for m in _BANGS.finditer(ctx.text):
            if m.group().count("!") + m.group().count("¡") >= settings.min_count:
                out.append(Occurrence("utropstegn", m.start(), m.end()))
        return out


class NameCallingSettings(NamedTuple):
    pattern: re.Pattern[str]
    exceptions: frozenset[str]


class NameCallingDetector(Detector):
    """«Takk for ingenting, din hovne bygdekonge.»: a possessive («din», «dokkers») after a comma or an
    exclamation mark, one to three words and the end of the sentence. That is how Norwegian calls someone a
    name to their face, whatever the name is («din sytepave», «din feige pappfigur»). Affectionate names
    («din skatt», «din heldiggris») are exceptions in the content."""

    id = "tiltale"
    signals = ("skjellsord-tiltale",)
    not_personal = frozenset(signals)
    description = "tiltale med «din …» etter komma: «…, din sytepave.»"
    optional = True  # without [detektor.tiltale] it finds nothing

    def load_settings(self, t: Table, env: LoadEnv) -> NameCallingSettings:
        words = [w.lower() for w in t.texts("ord", required=bool(t.data))]
        bad = [w for w in words if not re.fullmatch(r"\w+", w)]
        if bad:
            t.problem("ord", f"må være enkeltord uten tegn («{bad[0][:20]}»)")
            words = [w for w in words if w not in bad]
        alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"
        # one to three words after the possessive, then the end of the sentence: bounded, so linear
        pattern = re.compile(rf"[,!:;–]\s*((?:{alternatives})\s+(\w+(?:[ -]\w+){{0,2}}))\s*(?=$|[.!?\n]|[^\w\s,])",
                             re.IGNORECASE | re.MULTILINE)
        return NameCallingSettings(pattern, frozenset(w.lower() for w in t.texts("unntak")))

    def applies(self, text: str) -> bool:
        return "," in text or "!" in text or ":" in text or ";" in text or "–" in text

    def find(self, ctx: TextContext, settings: NameCallingSettings) -> list[Occurrence]:
        out: list[Occurrence] = []
        for m in settings.pattern.finditer(ctx.text):
            words = re.split(r"[ -]", m.group(2).lower())
            if any(w in settings.exceptions or w.isdigit() for w in words):
                continue
            out.append(Occurrence("skjellsord-tiltale", m.start(1), m.end(1)))
        return out


class CharacterisationSettings(NamedTuple):
    subjects: frozenset[str]
    copulas: frozenset[str]
    fillers: frozenset[str]
    words: WordList
    extra: frozenset[str]
    exceptions: frozenset[str]
    group_tails: tuple[tuple[str, ...], ...]
    max_fillers: int
    negations: frozenset[str]


# What may stand between two words of one characterisation: spaces, a comma or a dash, nothing that ends the
# sentence («Du er. Dum» is two sentences).
_JOIN = re.compile(r"[\s,–-]*")
_SENTENCE_END = re.compile(r"[.!?\n]")
# How many words before the person a negation reaches («Eg seier ikkje at politikarane er dumme»).
_NEGATION_REACH = 3


class CharacterisationDetector(Detector):
    """Saying what a person is with a word of contempt: a person («du», «dokker», «foreldra»,
    «ordføreren»), a copula («er», «e», «var») and, after at most a few small words («så», «like»,
    «en», «dei verste»), a word from the contempt list («foreldra er like dumme», «ordføreren er en
    løgner», «Du Arnfinn e så dum»); or a word of contempt for a group («drittunga alle sammen»). That is
    the form of an insult, whatever the criticism is about. A plan or a decision as subject («planen er
    dum») is criticism of the matter and is not found, nor is the writer about himself («æ e så dum»), nor a
    negation («du e itj dum»: a negation is no small word, so the search stops there; «eg seier ikkje at
    politikarane er dumme»: a negation just before the person)."""

    id = "karakteristikk"
    signals = ("karakteristikk",)
    not_personal = frozenset(signals)
    description = "å si hva en person er med et nedsettende ord: «foreldra er like dumme»"
    optional = True  # without [detektor.karakteristikk] it finds nothing

    def load_settings(self, t: Table, env: LoadEnv) -> CharacterisationSettings:
        from tydal_sjekk.check.detectors.names import read_text_file

        rel = t.text("ordliste", required=bool(t.data))
        tails = tuple(tuple(w.lower().split()) for w in t.texts("om_gruppen"))
        return CharacterisationSettings(
            subjects=frozenset(w.lower() for w in t.texts("subjekt", required=bool(t.data))),
            copulas=frozenset(w.lower() for w in t.texts("verb", required=bool(t.data))),
            fillers=frozenset(w.lower() for w in t.texts("fyllord")),
            words=WordList(read_text_file(env, rel, t, "ordliste") if rel else ""),
            extra=frozenset(w.lower() for w in t.texts("ord")),
            exceptions=frozenset(w.lower() for w in t.texts("unntak")),
            group_tails=tuple(tail for tail in tails if tail),
            max_fillers=t.integer("maks_fyllord", minimum=0) if t.data else 0,
            negations=frozenset(w.lower() for w in t.texts("negasjon")),
        )

    def find(self, ctx: TextContext, settings: CharacterisationSettings) -> list[Occurrence]:
        tokens = ctx.tokens
        lower, raw, starts, ends = tokens.lower, tokens.raw, tokens.starts, tokens.ends
        text = ctx.text
        n = len(lower)

        def joined(a: int, b: int) -> bool:  # token a and token b (= a + 1) in one stretch of the sentence
            return _JOIN.fullmatch(text, ends[a], starts[b]) is not None

        def negated(k: int) -> bool:  # a negation a few words before, in the same sentence
            for j in range(k - 1, max(-1, k - 1 - _NEGATION_REACH), -1):
                if _SENTENCE_END.search(text, ends[j], starts[j + 1]):
                    return False
                if lower[j] in settings.negations:
                    return True
            return False

        def contempt(word: str) -> bool:
            return word not in settings.exceptions and (word in settings.extra or word in settings.words)

        out: list[Occurrence] = []
        for k in range(n):
            word = lower[k]
            if word in settings.subjects:
                if negated(k):
                    continue
                v = k + 1
                # «Du Arnfinn e så dum»: a name may stand between the pronoun and the verb
                if v < n and raw[v][:1].isupper() and lower[v] not in settings.copulas and joined(k, v):
                    v += 1
                if v >= n or lower[v] not in settings.copulas or not joined(v - 1, v):
                    continue
                m = v + 1
                used = 0
                while m < n and joined(m - 1, m):
                    if contempt(lower[m]):
                        out.append(Occurrence("karakteristikk", starts[k], ends[m]))
                        break
                    if lower[m] not in settings.fillers or used >= settings.max_fillers:
                        break
                    used += 1
                    m += 1
            elif settings.group_tails and contempt(word):
                for tail in settings.group_tails:
                    last = k + len(tail)
                    if last < n and all(lower[k + 1 + j] == w and joined(k + j, k + 1 + j) for j, w in enumerate(tail)):
                        out.append(Occurrence("karakteristikk", starts[k], ends[last]))
                        break
        return out


def find_shouting(ctx: TextContext, d: ShoutingSettings) -> list[Occurrence]:
    """Runs of words in capitals («DETTE ER HELT FEIL»); numbers inside a run do not break it."""
    tokens = ctx.tokens
    raw = tokens.raw
    text = ctx.text
    upper = [k for k, r in enumerate(raw) if r.isupper() and r not in d.exceptions]
    out: list[Occurrence] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) >= d.min_words:
            letters = sum(sum(1 for c in raw[k] if c.isalpha()) for k in run)
            start, end = tokens.starts[run[0]], tokens.ends[run[-1]]
            if letters >= d.min_letters and not _heading(text, start, end, d.heading_text_chars):
                out.append(Occurrence("store-bokstaver", start, end))

    for k in upper:
        if sum(1 for c in raw[k] if c.isalpha()) < 2:
            continue
        if run:
            last = run[-1]
            between = range(last + 1, k)
            joined = all(raw[m].isdigit() for m in between) and "\n" not in text[tokens.ends[last] : tokens.starts[k]]
            if not joined:
                flush()
                run = []
        run.append(k)
    flush()
    return out


_HEADING_REACH = 200
_HEADING_AFTER = 400
# How far around a run of capitals the heading check reads: the engine's margin around a piece of a long text must be
# larger, so that a piece decides exactly as the whole text does.
LOOK_AROUND = 2 * _HEADING_REACH + _HEADING_AFTER


def _heading(text: str, start: int, end: int, min_text: int) -> bool:
    """The run ``text[start:end]`` is on a line in capitals only, without «!» or «?», with ordinary text after it."""
    if not min_text or len(text) < min_text:
        return False
    # a heading is a short line: the searches stay within _HEADING_REACH characters, so the work per run is
    # bounded and a long text with many runs stays linear
    line_start = text.rfind("\n", max(0, start - _HEADING_REACH), start) + 1
    if line_start == 0 and start > _HEADING_REACH:
        return False
    line_end = text.find("\n", end, end + _HEADING_REACH)
    if line_end == -1:
        return False
    line = text[line_start:line_end]
    if "!" in line or "?" in line:
        return False
    if any(c.islower() for c in line):  # the whole line is in capitals (abbreviations like «TYDAL» included)
        return False
    # ordinary (lower-case) text follows within 400 characters: a heading over text, not a shouted paragraph; the
    # bound keeps the work linear in the text
    after = text[line_end : line_end + _HEADING_AFTER]
    return any(c.islower() for c in after)
