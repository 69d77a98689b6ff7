"""Normalise a draft before matching, keeping a map back to the original offsets.

What changes, decided by Unicode properties (:func:`classify`), never by a hand list:

- format characters (category Cf: zero-width space and joiner, soft hyphen, BOM, bidi controls …) and
  other invisible or blank-looking characters (variation selectors, the combining grapheme joiner,
  Hangul and halfwidth fillers, the blank Braille pattern …) are removed;
- control characters (including NUL) become a space, except tab, newline and carriage return; every
  kind of space becomes " ", line and paragraph separators become "\\n";
- combining marks are composed with the character before them (NFC), and dropped after a digit, so
  that nothing can hide a number («1503\\u0332 85»);
- decimal digits of other scripts become ASCII digits.

The characters that may change are found with one regular expression (generated from these
properties into ``unicode_classes.py``); everything between them is copied as it is, so the work and
the memory are linear and small. Offsets reported to users are Python ``str`` offsets into the text
exactly as given: the map back is a short list of segments, not one entry per character.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from bisect import bisect_right
from typing import NamedTuple

DROP, SPACE, NEWLINE, MARK, DIGIT, COMPOSE = "drop", "space", "newline", "mark", "digit", "compose"

# Invisible or blank-looking characters outside category Cf, by their Unicode names.
_INVISIBLE_NAMES = ("VARIATION SELECTOR", "FILLER", "BRAILLE PATTERN BLANK", "COMBINING GRAPHEME JOINER",
                    "INHERENT", "INVISIBLE", "ZERO WIDTH")


def classify(ch: str) -> str | None:
    """What the normaliser does with ``ch`` (None: keep it as it is)."""
    if ch in "\t\n\r":
        return None
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return DROP
    if cat == "Cc":
        return SPACE
    if cat == "Zs":
        return None if ch == " " else SPACE
    if cat in ("Zl", "Zp"):
        return NEWLINE
    if ch > "\x7f":
        name = unicodedata.name(ch, "")
        if any(part in name for part in _INVISIBLE_NAMES):
            return DROP
        if cat in ("Mn", "Mc", "Me"):
            return MARK
        if unicodedata.decimal(ch, None) is not None:
            return DIGIT
        if unicodedata.normalize("NFC", ch) != ch:
            return COMPOSE
    return None


_PATTERN: re.Pattern[str] | None = None


def _special_pattern() -> re.Pattern[str]:
    """A base character with the marks that follow it, or one special character on its own.

    Compiling this class of thousands of ranges takes longer than a whole check of a post, so it is done
    only for a text that has such a character (most posts have none).
    """
    global _PATTERN
    if _PATTERN is None:
        from tydal_sjekk.text.unicode_classes import MARKS, SPECIAL

        _PATTERN = re.compile(f"(?s:.)[{MARKS}]+|[{SPECIAL}]")
    return _PATTERN


def _codes(spec: str) -> frozenset[int]:
    """The code points of a generated character class («a-cx» → a, b, c, x)."""
    codes: set[int] = set()
    k = 0
    while k < len(spec):
        if k + 2 < len(spec) and spec[k + 1] == "-":
            codes.update(range(ord(spec[k]), ord(spec[k + 2]) + 1))
            k += 3
        else:
            codes.add(ord(spec[k]))
            k += 1
    return frozenset(codes)


@functools.lru_cache(maxsize=2)
def _class_codes(name: str) -> frozenset[int]:
    """The code points of a generated class in ``unicode_classes`` («SPECIAL» or «MARKS»), read on first use."""
    from tydal_sjekk.text import unicode_classes

    return _codes(getattr(unicode_classes, name))


def _present(chars: set[str], name: str) -> str:
    """The characters of class ``name`` among ``chars``, escaped for a character class (sorted: stable)."""
    codes = _class_codes(name)
    return "".join(sorted(re.escape(ch) for ch in chars if ord(ch) in codes))


def has_special(text: str) -> bool:
    """Does the text hold any character the normaliser changes? (Looks at each distinct character once.)"""
    return bool(_present(set(text), "SPECIAL"))


def _pattern_for(text: str) -> re.Pattern[str] | None:
    """``_special_pattern`` narrowed to the special characters and marks that occur in ``text`` (None: there
    are none). The full class has thousands of ranges and costs about a microsecond per character to
    scan; a class of the few characters a text really has is scanned at the regex engine's full speed.
    """
    chars = set(text)
    special = _present(chars, "SPECIAL")
    return _compiled(special, _present(chars, "MARKS")) if special else None


@functools.lru_cache(maxsize=32)
def _compiled(special: str, marks: str) -> re.Pattern[str]:
    return re.compile(f"(?s:.)[{marks}]+|[{special}]" if marks else f"[{special}]")


class Normalised(NamedTuple):
    """The normalised text and a map from its indices back to the original.

    The map is a list of segments. Segment ``k`` starts at normalised index ``seg_norm[k]`` and at
    original index ``seg_orig[k]``; in a copied segment (``seg_end[k] == -1``) the offsets advance
    together, otherwise every character of the segment comes from ``original[seg_orig[k]:seg_end[k]]``.
    """

    original: str
    text: str
    seg_norm: array[int] | None = None  # None: identical to the original
    seg_orig: array[int] | None = None
    seg_end: array[int] | None = None

    @property
    def identity(self) -> bool:
        return self.seg_norm is None

    def _segment(self, i: int) -> int:
        assert self.seg_norm is not None
        return bisect_right(self.seg_norm, i) - 1

    def _start(self, i: int) -> int:
        assert self.seg_norm is not None and self.seg_orig is not None and self.seg_end is not None
        k = self._segment(i)
        return self.seg_orig[k] + (i - self.seg_norm[k]) if self.seg_end[k] == -1 else self.seg_orig[k]

    def _end(self, i: int) -> int:
        """The original end of the character at normalised index ``i``."""
        assert self.seg_norm is not None and self.seg_orig is not None and self.seg_end is not None
        k = self._segment(i)
        return self.seg_orig[k] + (i - self.seg_norm[k]) + 1 if self.seg_end[k] == -1 else self.seg_end[k]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span to the original text (end exclusive)."""
        if self.seg_norm is None:
            return start, end
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if start == end:
            pos = self._start(start) if start < n else len(self.original)
            return pos, pos
        return self._start(start), self._end(end - 1)


def _fold(ch: str) -> str:
    kind = classify(ch)
    if kind is None or kind == MARK:
        return ch
    if kind == DROP:
        return ""
    if kind == SPACE:
        return " "
    if kind == NEWLINE:
        return "\n"
    if kind == DIGIT:
        return str(unicodedata.decimal(ch))
    return unicodedata.normalize("NFC", ch)


def _replacement(piece: str, after_digit: bool) -> str:
    """The normalised form of one special character, or of a base character with its marks."""
    if len(piece) == 1:
        if classify(piece) == MARK:
            return "" if after_digit else piece
        return _fold(piece)
    base = _fold(piece[0])
    marks = piece[1:]
    if base.isdigit() or (not base and after_digit):
        return base  # marks on a digit only hide it
    visible = "".join(m for m in marks if classify(m) == MARK)
    composed = unicodedata.normalize("NFC", base + visible) if base else visible
    return "".join(_fold(ch) if classify(ch) != MARK else ch for ch in composed)


def normalise(text: str) -> Normalised:
    if text.isascii() and text.isprintable():
        return Normalised(text, text)
    pattern = _pattern_for(text)
    if pattern is None:
        return Normalised(text, text)
    return _normalise_with(text, pattern)


def _normalise_with(text: str, pattern: re.Pattern[str]) -> Normalised:
    first = pattern.search(text)
    if first is None:
        return Normalised(text, text)

    pieces: list[str] = []
    seg_norm, seg_orig, seg_end = array("q"), array("q"), array("q")
    npos = 0
    i = 0
    for m in pattern.finditer(text, first.start()):
        s, e = m.span()
        if s > i:
            seg_norm.append(npos)
            seg_orig.append(i)
            seg_end.append(-1)
            pieces.append(text[i:s])
            npos += s - i
        prev = pieces[-1][-1:] if pieces and pieces[-1] else ""
        out = _replacement(m.group(), prev.isdigit())
        if out:
            seg_norm.append(npos)
            seg_orig.append(s)
            seg_end.append(e)
            pieces.append(out)
            npos += len(out)
        i = e
    if i < len(text):
        seg_norm.append(npos)
        seg_orig.append(i)
        seg_end.append(-1)
        pieces.append(text[i:])
    if not seg_norm:
        seg_norm.append(0)
        seg_orig.append(len(text))
        seg_end.append(len(text))
    return Normalised(text, "".join(pieces), seg_norm, seg_orig, seg_end)
