"""The word-list term syntax of the content files, compiled into phrases of token patterns.

``elev{,en,er}`` (alternatives), ``diagnos*`` (the word may go on), ``*diagnose`` (compounds) and
several words in a row. Used by the rules of the check and by the reply classifier.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tydal_sjekk.core.schema import Table

_WORD_OK = re.compile(r"^(?:\*|\*?[^*\s]+\*?)$")
_SUBTOKEN = re.compile(r"\w+")
# At most this many phrases from one term («{a,b}{c,d}…» multiplies out).
MAX_EXPANSION = 1000
MAX_TERM_CHARS = 300


# One word of a term: (kind, text) with kind "exact", "prefix" (``ord*``), "suffix" (``*ord``) or "any"
# (a lone ``*``). Plain tuples, not a class: there are thousands, and they are loaded on every start.
TokenPattern = tuple[str, str]
EXACT, PREFIX, SUFFIX, ANY = "exact", "prefix", "suffix", "any"


def token_matches(pattern: TokenPattern, token: str) -> bool:
    kind, text = pattern
    if kind == EXACT:
        return token == text
    if kind == PREFIX:
        return token.startswith(text)
    if kind == SUFFIX:
        return token.endswith(text)
    return True


Phrase = tuple[TokenPattern, ...]

# The same token pattern («exact», «jeg») comes back in hundreds of phrases: one shared tuple each, so the
# pickled content cache stores it once and a start creates it once (a third of the objects of the word lists).
_SHARED: dict[TokenPattern, TokenPattern] = {}


def _shared(kind: str, text: str) -> TokenPattern:
    pattern = (kind, text)
    hit = _SHARED.get(pattern)
    if hit is None:
        if len(_SHARED) >= 200_000:  # a hostile content folder cannot grow it without bound
            return pattern
        hit = _SHARED[pattern] = pattern
    return hit


class SignalDef(NamedTuple):
    id: str
    label: str
    phrases: tuple[Phrase, ...]
    chars: tuple[str, ...] = ()
    exceptions: tuple[Phrase, ...] = ()
    negations: frozenset[str] = frozenset()
    case_sensitive: bool = False


class TermError(ValueError):
    """A term in a word list cannot be understood. The message is bokmål."""


def expand_braces(term: str) -> list[str]:
    """``elev{,en,er}`` → ``[elev, eleven, elever]``; several groups multiply out (no recursion)."""
    pieces: list[list[str]] = []
    pos = 0
    while True:
        start = term.find("{", pos)
        close = term.find("}", pos)
        if start == -1:
            if close != -1:
                raise TermError("har «}» uten «{» foran")
            pieces.append([term[pos:]])
            break
        if close != -1 and close < start:
            raise TermError("har «}» uten «{» foran")
        end = term.find("}", start)
        if end == -1:
            raise TermError("har «{» uten «}»")
        if "{" in term[start + 1 : end]:
            raise TermError("kan ikke ha «{ }» inni hverandre")
        pieces.append([term[pos:start]])
        pieces.append(term[start + 1 : end].split(","))
        pos = end + 1
    out = [""]
    for alternatives in pieces:
        out = [head + alt for head in out for alt in alternatives]
    return out


def expansion_count(term: str) -> int:
    """How many variants ``{…}`` groups multiply out to (counted without expanding them)."""
    count = 1
    pos = term.find("{")
    while pos != -1:
        end = term.find("}", pos)
        if end == -1:
            break
        count *= term.count(",", pos, end) + 1
        if count > MAX_EXPANSION:
            return count
        pos = term.find("{", end)
    return count


def parse_term(term: str, *, case_sensitive: bool = False) -> list[Phrase]:
    """Compile one term of the word-list syntax into phrases of token patterns."""
    phrases: list[Phrase] = []
    if len(term) > MAX_TERM_CHARS:
        raise TermError(f"er for lang (over {MAX_TERM_CHARS} tegn)")
    variants = expansion_count(term)
    if variants > MAX_EXPANSION:
        raise TermError(f"gir for mange varianter (over {MAX_EXPANSION}); del termen opp")
    for expanded in expand_braces(term) if "{" in term or "}" in term else [term]:
        if "*" not in expanded:  # the common case: plain words
            pieces = _SUBTOKEN.findall(expanded if case_sensitive else expanded.lower())
            if not pieces:
                raise TermError(f"«{expanded}» inneholder ingen bokstaver eller tall")
            phrases.append(tuple(_shared(EXACT, p) for p in pieces))
            continue
        words = expanded.split()
        if not words:
            continue
        patterns: list[TokenPattern] = []
        for word in words:
            if not _WORD_OK.match(word):
                raise TermError(f"«{word}»: * kan bare stå først eller sist i et ord")
            if word == "*":
                patterns.append(_shared(ANY, ""))
                continue
            lead = word.startswith("*")
            trail = word.endswith("*")
            if lead and trail:
                raise TermError(f"«{word}»: * kan ikke stå både først og sist")
            core = word.strip("*")
            pieces = _SUBTOKEN.findall(core)
            if not pieces:
                raise TermError(f"«{word}» inneholder ingen bokstaver eller tall")
            if not case_sensitive:
                pieces = [p.lower() for p in pieces]
            for k, piece in enumerate(pieces):
                if lead and k == 0:
                    patterns.append(_shared(SUFFIX, piece))
                elif trail and k == len(pieces) - 1:
                    patterns.append(_shared(PREFIX, piece))
                else:
                    patterns.append(_shared(EXACT, piece))
        if patterns and all(p[0] == ANY for p in patterns):
            raise TermError("må inneholde minst ett ord, ikke bare *")
        if patterns and patterns[0][0] == ANY:
            raise TermError("kan ikke begynne med et frittstående *")
        phrases.append(tuple(patterns))
    return phrases


def phrases(t: Table, key: str, *, case_sensitive: bool = False, required: bool = False) -> tuple[Phrase, ...]:
    """Read a list of terms from a content table, recording a problem for each invalid term."""
    out: list[Phrase] = []
    for i, term in enumerate(t.texts(key, required=required)):
        try:
            out.extend(parse_term(term, case_sensitive=case_sensitive))
        except TermError as exc:
            t.problem(f"{key}[{i}]", f"ugyldig term «{term}»: {exc}")
    return tuple(out)


