"""Reading drafts from arguments, files and standard input, with clear Norwegian errors."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from typing import NamedTuple

from tydal_sjekk.core.errors import UserError

ENCODING_HINT = "Prøv for eksempel --encoding cp1252 hvis filen er lagret i et eldre Windows-format."


class Draft(NamedTuple):
    text: str
    label: str | None  # file name, "-" for standard input, None for a text argument


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    """Validate an option against fixed choices, with a Norwegian message listing the valid ones."""
    cleaned = value.strip().lower()
    if cleaned not in choices:
        raise UserError(f"Ugyldig verdi for {option}: «{value}».", f"Gyldige verdier er {', '.join(choices)}.")
    return cleaned


def check_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UserError(f"Ukjent tegnkoding: «{encoding}».", "Vanlige valg er utf-8 og cp1252.") from None


def _looks_binary(data: bytes) -> bool:
    if not data:
        return False
    sample = data[:65536]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    # A stray NUL in a draft is handled; many NULs or other control bytes mean it is not text.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls * 10 > len(sample) and controls > 2


def decode(data: bytes, encoding: str, where: str) -> str:
    if _looks_binary(data):
        raise UserError(f"{where} ser ut til å være en binærfil, ikke tekst.", "Lagre utkastet som ren tekst (.txt).")
    enc = encoding
    if enc.replace("_", "-").lower() in ("utf-8", "utf8"):
        enc = "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            enc = "utf-16"
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{where} er ikke gyldig {encoding} (feil ved byte {exc.start}).",
            ENCODING_HINT,
        ) from None


def read_file(path: str, encoding: str) -> Draft:
    if path == "-":
        return read_stdin(encoding)
    p = Path(path)
    shown = f"Filen «{path}»"
    try:
        if not p.exists():
            raise UserError(f"Fant ikke filen «{path}».")
        if p.is_dir():
            raise UserError(f"«{path}» er en mappe, ikke en fil.")
        data = p.read_bytes()
    except PermissionError:
        raise UserError(f"Kan ikke lese «{path}»: ingen tilgang.") from None
    except OSError as exc:
        raise UserError(f"Kan ikke lese «{path}»: {exc.strerror or exc}.") from None
    text = decode(data, encoding, shown)
    if not text.strip():
        raise UserError(f"{shown} er tom.", "Det er ingenting å sjekke.")
    return Draft(text, path)


def stdin_bytes() -> bytes:
    return sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")


def read_stdin(encoding: str) -> Draft:
    text = decode(stdin_bytes(), encoding, "Standard inn")
    if not text.strip():
        raise UserError("Teksten fra standard inn er tom.", "Det er ingenting å sjekke.")
    return Draft(text, "-")


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):
        return True
