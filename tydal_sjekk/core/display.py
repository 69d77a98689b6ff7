"""Showing values the user gave, safely: escaped, masked, and never a whole draft.

Used by every error message that would quote user input (a file name, an option value, an id).
"""

from __future__ import annotations

import unicodedata


def thousands(n: int) -> str:
    """«37 157»: a (no-break) space as the thousands separator."""
    return f"{n:,}".replace(",", "\u00a0")



def _mask_token(token: str) -> str:
    if "@" in token:
        return f"{token[:1]}***@***"
    digits = sum(ch.isdigit() for ch in token)
    if digits >= 4:
        seen = 0
        out = []
        for ch in token:
            if ch.isdigit():
                out.append(ch if seen < 2 else "*")
                seen += 1
            else:
                out.append(ch)
        return "".join(out)
    return token


def printable(text: str) -> str:
    """Control and format characters shown as escapes (``\\x1b``), so a name cannot move the cursor."""
    out = []
    for ch in text:
        if ch.isprintable() and unicodedata.category(ch) not in ("Cf", "Zl", "Zp"):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def looks_like_text(value: str) -> bool:
    """A value that is probably a draft given in the wrong place (several words, or long)."""
    return len(value) > 60 or len(value.split()) >= 4


def mask_digits(text: str, keep: int) -> str:
    """Keep the first ``keep`` digits, replace the rest with ``*``; separators stay as they are."""
    seen = 0
    out = []
    for ch in text:
        if ch.isdigit():
            out.append(ch if seen < keep else "*")
            seen += 1
        else:
            out.append(ch)
    return "".join(out)


def quoted(value: str, limit: int = 24) -> str:
    """At most a short, masked prefix of a user-given value, in «»; a draft is described, never shown.

    Numbers keep their first two digits, e-mail addresses their first letter, and in a value of several
    words every capitalised word keeps only its initial (it may be a name).
    """
    if looks_like_text(value):
        return f"en tekst på {thousands(len(value))} tegn"
    short = value if len(value) <= limit else value[:limit] + "…"
    if sum(ch.isdigit() for ch in short) >= 4:
        short = mask_digits(short, 2)
    parts = short.split(" ")
    several = len([p for p in parts if p]) > 1
    masked = []
    for part in parts:
        part = _mask_token(part)
        if several and part[:1].isupper():
            part = part[0] + "*" * (len(part) - 1)
        masked.append(part)
    return "«" + printable(" ".join(masked)) + "»"


def path_looks_like_text(path: str) -> bool:
    """Paths may be long; a draft given as a file name has several words or line breaks."""
    return len(path.split()) >= 4 or len(path) > 400


def shown_path(path: str) -> str:
    """A file name for a message: escaped, and described rather than shown when it looks like a draft."""
    if path_looks_like_text(path):
        return f"en tekst på {thousands(len(path))} tegn"
    return "«" + printable(path) + "»"
