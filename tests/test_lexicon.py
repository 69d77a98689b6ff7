"""The word-list matcher: its indexes (first word, word pairs, pairs split by the third word) find exactly
what trying every phrase at every word would find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tydal_sjekk.text.lexicon import Lexicon, _separator_ok, tokenize
from tydal_sjekk.text.terms import Phrase, SignalDef, parse_term, token_matches

WORDS = ["det", "er", "ikke", "lov", "vi", "har", "eleven", "elevene", "syk", "sykmeldt"]
PATTERNS = [*WORDS, "syk*", "*ne", "elev*"]
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", " - ", "!! ", "\n\n"]


def _naive(text: str, signals: dict[str, SignalDef]) -> dict[str, list[tuple[int, int]]]:
    tokens = tokenize(text)
    out: dict[str, list[tuple[int, int]]] = {}
    for sid, sig in signals.items():
        spans = set()
        for phrase in sig.phrases:
            for i in range(len(tokens) - len(phrase) + 1):
                if all(token_matches(phrase[k], tokens.lower[i + k]) for k in range(len(phrase))) and all(
                    _separator_ok(text[tokens.ends[i + k - 1] : tokens.starts[i + k]]) for k in range(1, len(phrase))
                ):
                    spans.add((tokens.starts[i], tokens.ends[i + len(phrase) - 1]))
        if spans:
            out[sid] = sorted(spans)
    return out


_TERMS = st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=4).map(" ".join)
_SIGNALS = st.lists(st.lists(_TERMS, min_size=1, max_size=6), min_size=1, max_size=4)
_TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@settings(max_examples=300, deadline=None)
@given(_SIGNALS, _TEXT)
def test_the_index_finds_exactly_what_every_phrase_at_every_word_finds(terms: list[list[str]], text: str) -> None:
    signals = {}
    for k, group in enumerate(terms):
        phrases: list[Phrase] = [p for term in group for p in parse_term(term)]
        signals[f"s{k}"] = SignalDef(f"s{k}", f"s{k}", tuple(phrases))
    lexicon = Lexicon(signals, {})
    assert lexicon.match(text, tokenize(text)) == _naive(text, signals)
    # a second text through the same lexicon (its memos now filled) gives the same answer
    again = text + " det er ikke lov"
    assert lexicon.match(again, tokenize(again)) == _naive(again, signals)


def test_many_phrases_with_the_same_first_pair_are_told_apart_by_the_third_word() -> None:
    phrases = tuple(p for term in ("det er ikke lov", "det er syk*", "det er", "det er *ne") for p in parse_term(term))
    lexicon = Lexicon({"s": SignalDef("s", "s", phrases)}, {})
    text = "Det er ikke lov. Det er sykt. Det er elevene. Det, er"
    assert lexicon.match(text, tokenize(text)) == _naive(text, {"s": SignalDef("s", "s", phrases)})
    assert len(lexicon.match(text, tokenize(text))["s"]) == 7
