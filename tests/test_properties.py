"""Property tests: any string gives valid output; offsets always point into the text as given."""

from __future__ import annotations

import json
import sys
import unicodedata

from helpers import first_valid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tydal_sjekk.check import check_text
from tydal_sjekk.check.model import SEVERITY_RANK
from tydal_sjekk.core.folder import Content
from tydal_sjekk.text.normalise import has_special, normalise

CONTENT = Content()
FNR = first_valid("150385")

# Text built from pieces that exercise every detector, glued with awkward characters.
PIECES = st.sampled_from(
    [
        "eleven", "Elevene", "har", "ADHD", "Kari", "Hansen", "Per", "912 34 567", FNR, "1234.56.78903",
        "ola@gmail.com", "postmottak@tydal.kommune.no", "Storgata 12", "!!!", "FAEN", "idiot", "vi i kommunen",
        "unntatt offentlighet", "på vegne av kommunen", "mine egne meninger", "@", ".", "-", "\n", " ", "  ",
        "\u200b", "\u00ad", "\ufeff", "\x00", "e\u0301", "٣", "１２", "ﬁ", "İ", "🙂", "\u2028", "\t",
    ]
)
JOINED = st.lists(PIECES, max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), JOINED, st.text(alphabet="0123456789 .-@aA!\u200b", max_size=200))


def _valid(text: str, konto: str) -> None:
    result = check_text(CONTENT, text, konto)
    assert result.verdict in ("ok", "review", "stop")
    worst = max((SEVERITY_RANK[f.severity] for f in result.findings), default=0)
    assert result.verdict == ("stop" if worst == 2 else "review" if worst == 1 else "ok")
    for f in result.findings:
        assert f.start is not None and f.end is not None
        assert 0 <= f.start <= f.end <= len(text)
        assert f.guideline in CONTENT.guidelines.ids
        assert f.message and f.advice
    json.dumps(result.to_json(), ensure_ascii=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, st.sampled_from(["privat", "offisiell"]))
def test_any_string_gives_valid_output(text: str, konto: str) -> None:
    _valid(text, konto)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalised_offsets_map_back_into_the_original(text: str) -> None:
    norm = normalise(text)
    n = len(norm.text)
    for start in range(0, n + 1, max(1, n // 7 or 1)):
        for end in (start, min(n, start + 1), n):
            a, b = norm.to_original(start, end)
            assert 0 <= a <= b <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060"]), min_size=1, max_size=10))
def test_invisible_characters_inside_a_fodselsnummer(inserts: list[str]) -> None:
    digits = list(FNR)
    for k, ch in enumerate(inserts):
        digits.insert(1 + (k * 3) % 10, ch)
    number = "".join(digits)
    text = f"Nummeret: {number} ."
    result = check_text(CONTENT, text)
    f = next(f for f in result.findings if f.rule == "fodselsnummer")
    assert f.start is not None and f.end is not None
    assert unicodedata.normalize("NFC", text[f.start : f.end]).replace("\u200b", "")[:1] == "1"
    assert "".join(c for c in text[f.start : f.end] if c.isdigit()) == FNR


def test_non_ascii_digits_are_folded() -> None:
    arabic = "".join(chr(0x0660 + int(d)) for d in FNR)
    result = check_text(CONTENT, f"Fnr {arabic}")
    f = next(f for f in result.findings if f.rule == "fodselsnummer")
    assert f.excerpt == "150385*****" and (f.start, f.end) == (4, 15)


def test_special_character_class_covers_every_format_and_space_character() -> None:
    missing = []
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        special = cat in ("Cf", "Zl", "Zp") or (cat == "Zs" and ch != " ") or (cat == "Cc" and ch not in "\t\n\r")
        if special and not has_special(ch):
            missing.append(hex(cp))
    assert not missing


_ELEVEN_DIGITS = st.text(alphabet="0123456789", min_size=11, max_size=11)


@settings(max_examples=400)
@given(st.one_of(_ELEVEN_DIGITS, st.integers(min_value=0, max_value=10**9 - 1).map(
    lambda n: first_valid(f"{n % 28 + 1:02d}{n // 28 % 12 + 1:02d}{n // 336 % 100:02d}"))))
def test_identity_numbers_valid_by_the_classic_rule_are_exactly_those_stdnum_accepts(digits: str) -> None:
    """The quick check-digit test in front of python-stdnum rejects nothing that stdnum accepts."""
    from stdnum.no import fodselsnummer

    from tydal_sjekk.check.detectors.numbers import fnr_kind

    kind = fnr_kind(digits)
    if digits[0] not in "89":
        assert (kind is not None and kind[1]) == fodselsnummer.is_valid(digits)
