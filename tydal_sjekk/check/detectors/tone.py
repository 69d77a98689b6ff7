"""Tone: shouting in capitals, piles of exclamation marks and calling someone names to their face."""

from __future__ import annotations

import re
from typing import NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.detectors.base import Detector, LoadEnv
from tydal_sjekk.check.model import Occurrence
from tydal_sjekk.core.schema import Table

# Runs of ! and ? (a space between is allowed); each step consumes a mark, so this is linear.
_BANGS = re.compile(r"[!?¡](?:\s?[!?¡])+")


class ShoutingSettings(NamedTuple):
    min_words: int
    min_letters: int
    exceptions: frozenset[str]


class ShoutingDetector(Detector):
    id = "store_bokstaver"
    signals = ("store-bokstaver",)
    not_personal = frozenset(signals)
    description = "roping: flere ord etter hverandre med store bokstaver"

    def load_settings(self, t: Table, env: LoadEnv) -> ShoutingSettings:
        return ShoutingSettings(
            t.integer("min_ord", minimum=1), t.integer("min_bokstaver", minimum=1), frozenset(t.texts("unntak"))
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
            if letters >= d.min_letters:
                out.append(Occurrence("store-bokstaver", tokens.starts[run[0]], tokens.ends[run[-1]]))

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
