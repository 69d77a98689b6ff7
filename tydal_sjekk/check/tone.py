"""Tone: shouting in capitals and piles of exclamation marks."""

from __future__ import annotations

import re

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.model import DetectorSettings, Occurrence

# Runs of ! and ? (a space between is allowed); each step consumes a mark, so this is linear.
_BANGS = re.compile(r"[!?¡](?:\s?[!?¡])+")


def find_shouting(ctx: TextContext, d: DetectorSettings) -> list[Occurrence]:
    tokens = ctx.tokens
    text = ctx.text
    out: list[Occurrence] = []
    run_start = -1
    run_words = 0
    run_letters = 0
    last = -1

    def flush() -> None:
        if run_start >= 0 and run_words >= d.caps_min_words and run_letters >= d.caps_min_letters:
            out.append(Occurrence("store-bokstaver", tokens.starts[run_start], tokens.ends[last]))

    for i, raw in enumerate(tokens.raw):
        letters = sum(1 for c in raw if c.isalpha())
        shouting = letters >= 2 and raw.isupper() and raw not in d.caps_exceptions
        digits_only = letters == 0
        if shouting:
            if run_start < 0:
                run_start, run_words, run_letters = i, 0, 0
            elif "\n" in text[tokens.ends[last] : tokens.starts[i]]:
                flush()
                run_start, run_words, run_letters = i, 0, 0
            run_words += 1
            run_letters += letters
            last = i
        elif digits_only and run_start >= 0:
            continue  # numbers inside a shouted sentence do not break it
        else:
            flush()
            run_start = -1
    flush()
    return out


def find_exclamations(ctx: TextContext, d: DetectorSettings) -> list[Occurrence]:
    out: list[Occurrence] = []
    for m in _BANGS.finditer(ctx.text):
        if m.group().count("!") + m.group().count("¡") >= d.exclamation_min:
            out.append(Occurrence("utropstegn", m.start(), m.end()))
    return out
