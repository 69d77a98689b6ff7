"""Tone: shouting in capitals and piles of exclamation marks."""

from __future__ import annotations

import re

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.model import DetectorSettings, Occurrence

# Runs of ! and ? (a space between is allowed); each step consumes a mark, so this is linear.
_BANGS = re.compile(r"[!?¡](?:\s?[!?¡])+")


def find_shouting(ctx: TextContext, d: DetectorSettings) -> list[Occurrence]:
    """Runs of words in capitals («DETTE ER HELT FEIL»); numbers inside a run do not break it."""
    tokens = ctx.tokens
    raw = tokens.raw
    text = ctx.text
    upper = [k for k, r in enumerate(raw) if r.isupper() and r not in d.caps_exceptions]
    out: list[Occurrence] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) >= d.caps_min_words:
            letters = sum(sum(1 for c in raw[k] if c.isalpha()) for k in run)
            if letters >= d.caps_min_letters:
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


def find_exclamations(ctx: TextContext, d: DetectorSettings) -> list[Occurrence]:
    out: list[Occurrence] = []
    for m in _BANGS.finditer(ctx.text):
        if m.group().count("!") + m.group().count("¡") >= d.exclamation_min:
            out.append(Occurrence("utropstegn", m.start(), m.end()))
    return out
