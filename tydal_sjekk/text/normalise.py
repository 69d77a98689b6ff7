"""Normalise a draft before matching, keeping a map back to the original offsets.

Steps: NFC composition; format characters (zero-width space/joiner, soft hyphen, BOM, bidi controls …)
are removed; control characters (including NUL) become a space; every kind of space becomes " " and
line/paragraph separators become "\\n"; non-ASCII decimal digits are folded to ASCII.

Offsets reported to users are always Python ``str`` offsets into the text exactly as given, so every
normalised index carries the original start and end of the character(s) it came from.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Characters that force the slow path: Cc (except tab/newline/CR), Cf, Zs (except space), Zl, Zp.
# A superset is harmless (the slow path checks categories exactly); tests keep it complete.
_SPECIAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    "\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]"
    "|(?=\\d)[^0-9]"
)


class Normalised(NamedTuple):
    """The normalised text and a map from its indices back to the original."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None  # None: identical to the original
    ends: tuple[int, ...] | None = None

    @property
    def identity(self) -> bool:
        return self.starts is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span to the original text (end exclusive)."""
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if start == end:
            pos = self.starts[start] if start < n else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _fold(ch: str) -> str | None:
    """The replacement for one (already composed) character; None drops it."""
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return None
    if cat == "Cc":
        return ch if ch in "\t\n\r" else " "
    if cat == "Zs":
        return " "
    if cat in ("Zl", "Zp"):
        return "\n"
    if ch > "\x7f":
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            return str(digit)
    return ch


def normalise(text: str) -> Normalised:
    if not _SPECIAL.search(text) and unicodedata.is_normalized("NFC", text):
        return Normalised(text, text)

    # Pass 1: drop format characters and fold the rest one by one, remembering original offsets.
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold(ch)
        if folded is None:
            continue
        chars.append(folded)
        starts.append(i)
        ends.append(i + 1)

    # Pass 2: NFC-compose each base character with the combining marks that follow it.
    out: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    i = 0
    n = len(chars)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(chars[j]):
            j += 1
        cluster = "".join(chars[i:j])
        composed = unicodedata.normalize("NFC", cluster) if (j - i > 1 or cluster > "\x7f") else cluster
        for ch in composed:
            folded = _fold(ch) or ""
            for piece in folded:
                out.append(piece)
                out_starts.append(starts[i])
                out_ends.append(ends[j - 1])
        i = j
    return Normalised(text, "".join(out), tuple(out_starts), tuple(out_ends))
