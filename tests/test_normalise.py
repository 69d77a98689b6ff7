"""The normaliser: by Unicode property over the whole table, and nothing invisible can hide a number."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from helpers import first_valid
from hypothesis import given, settings
from hypothesis import strategies as st

from tydal_sjekk.check import check_text
from tydal_sjekk.core.folder import Content
from tydal_sjekk.text import unicode_classes
from tydal_sjekk.text.normalise import MARK, _normalise_with, _special_pattern, classify, has_special, normalise

FNR = first_valid("150385")


def _all_chars() -> list[str]:
    return [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]


@pytest.mark.skipif(
    unicodedata.unidata_version != unicode_classes.UNICODE_VERSION,
    reason="unicode_classes.py er laget for en annen Unicode-versjon: kjør scripts/lag_unicodeklasser.py",
)
def test_the_generated_classes_cover_exactly_the_characters_the_properties_select() -> None:
    """One pass over the whole Unicode table: the fast regex finds every character that may change."""
    pattern = _special_pattern()
    missed = [f"U+{ord(ch):04X}" for ch in _all_chars() if classify(ch) is not None and not pattern.fullmatch(ch)
              and not (classify(ch) == MARK and pattern.fullmatch("a" + ch))]
    assert missed == []
    unseen = [f"U+{ord(ch):04X}" for ch in _all_chars() if classify(ch) is not None and not has_special(ch)]
    assert unseen == []


INVISIBLE = [chr(c) for c in (0x034F, 0xFE0F, 0x0332, 0x3164, 0xFFA0, 0x2800, 0x200B, 0x200D, 0x2060, 0xFEFF,
                               0x00AD, 0x180E, 0xE0001, 0x1D173, 0x115F, 0x1160, 0xFE00, 0xE0100)]


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_character_inside_a_number_does_not_hide_it(content: Content, ch: str) -> None:
    text = f"Fnr {FNR[:6]}{ch}{FNR[6:]}"
    result = check_text(content, text)
    assert result.verdict == "stop", repr(text)
    assert FNR[6:] not in result.findings[0].excerpt


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_the_same_after_every_digit(content: Content, ch: str) -> None:
    text = "Fnr " + "".join(d + ch for d in FNR)
    assert check_text(content, text).verdict == "stop", repr(text)


_HIDERS = st.sampled_from([ch for ch in INVISIBLE if classify(ch) in ("drop", "mark")] + ["\u0301", "\u20e3", "\u0489"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10), _HIDERS), max_size=6))
def test_masking_holds_for_any_insertion_of_format_or_mark_characters(inserts: list[tuple[int, str]]) -> None:
    digits = list(FNR)
    for pos, ch in sorted(inserts, reverse=True):
        digits.insert(pos + 1, ch)
    text = "Fødselsnummeret er " + "".join(digits) + "."
    result = check_text(Content(), text)
    assert any(f.rule == "fodselsnummer" for f in result.findings), repr(text)
    for f in result.findings:
        assert FNR[6:] not in "".join(c for c in f.excerpt if c.isdigit())


@given(st.text(max_size=200))
def test_offsets_map_back_inside_the_original(text: str) -> None:
    norm = normalise(text)
    n = len(norm.text)
    for start in range(0, n + 1, max(1, n // 7 or 1)):
        a, b = norm.to_original(start, n)
        assert 0 <= a <= b <= len(text)


_MIXED = st.text(alphabet=st.sampled_from([*INVISIBLE, "\u0301", "\u20e3", "\u0489", "\u00a0", "\u2028", "\u0663",
                                           "\ufb01", "\x00", "a", "e", "1", "5", " ", "\n", "å", "\u212b"]),
                 max_size=60)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_the_narrow_pattern_of_a_text_gives_what_the_whole_unicode_class_gives(text: str) -> None:
    """``normalise`` scans with a class of only the special characters the text holds (fast); the result,
    map included, is exactly that of the generated class for the whole Unicode table."""
    assert normalise(text) == _normalise_with(text, _special_pattern())


def test_identity_for_plain_text() -> None:
    assert normalise("Helt vanlig tekst med æøå.\nNy linje.").identity


def test_memory_of_the_map_is_small_for_one_special_character() -> None:
    text = "\u00a0" + "vanlig tekst " * 100_000
    norm = normalise(text)
    assert norm.text.startswith(" vanlig")
    assert norm.seg_norm is not None and len(norm.seg_norm) <= 3
    assert norm.to_original(len(norm.text) - 1, len(norm.text)) == (len(text) - 1, len(text))
