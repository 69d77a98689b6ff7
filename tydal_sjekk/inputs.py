"""Reading drafts from arguments, files and standard input: bounded, incremental, with clear bokmål errors.

Every reader stops at :func:`max_bytes` (20 MB unless ``TYDAL_SJEKK_MAKS_MB`` says otherwise) and reads
in pieces, so ``--fil /dev/zero`` or a 2 GB file fails at once with little memory. No message ever
quotes the draft: :func:`quoted` shows at most a short, masked prefix of a value the user gave.
"""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from tydal_sjekk.core.display import looks_like_text, path_looks_like_text, printable, quoted, shown_path, thousands
from tydal_sjekk.core.errors import UserError

__all__ = ["looks_like_text", "printable", "quoted", "shown_path", "thousands"]

ENCODING_HINT = "Prøv for eksempel --encoding cp1252 hvis filen er lagret i et eldre Windows-format."
LIMIT_ENV = "TYDAL_SJEKK_MAKS_MB"
DEFAULT_LIMIT_MB = 20
READ_SIZE = 1 << 16
LINE_LIMIT = 1 << 20  # one JSONL line (one draft) at most 1 MB
MAX_UNDECODABLE = 100  # this many undecodable lines in a row: the input is not text
BATCH_FACTOR = 10  # a JSONL batch may be this many times the limit for one input
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
TEXT_HINT = 'Sett teksten i anførselstegn: tydal-sjekk sjekk "…"'


class Draft(NamedTuple):
    text: str
    label: str | None  # file name, "-" for standard input, None for a text argument


def max_bytes() -> int:
    """The size limit for one input, in bytes."""
    raw = os.environ.get(LIMIT_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_LIMIT_MB
    except ValueError:
        mb = DEFAULT_LIMIT_MB
    if not 0 < mb < 1e6:
        mb = DEFAULT_LIMIT_MB
    return int(mb * 1024 * 1024)


def size_text(n: int) -> str:
    """«20 MB», «512 kB», «37 157 tegn»-style numbers with a space as thousands separator."""
    if n >= 1024 * 1024:
        value = n / (1024 * 1024)
        return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n // 1024} kB"
    return f"{n} byte"


def too_large(where: str) -> UserError:
    limit = max_bytes()
    return UserError(
        f"{where} er større enn grensen på {size_text(limit)}.",
        f"Del teksten opp, eller sett {LIMIT_ENV} til et høyere tall (megabyte) hvis du virkelig trenger det.",
    )


# --- validation of simple options ------------------------------------------------------------------


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    """Validate an option against fixed choices, with a Norwegian message listing the valid ones."""
    cleaned = value.strip().lower()
    if cleaned not in choices:
        raise UserError(f"Ugyldig verdi for {option}: {quoted(value)}.", f"Gyldige verdier er {', '.join(choices)}.")
    return cleaned


def check_encoding(encoding: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError, TypeError):
        raise UserError(f"Ukjent tegnkoding: {quoted(encoding)}.", "Vanlige valg er utf-8 og cp1252.") from None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("undefined", "punycode", "idna"):
        raise UserError(
            f"{quoted(encoding)} er ikke en tegnkoding for tekst.", "Vanlige valg er utf-8 og cp1252."
        )
    return info.name


def is_blank(text: str) -> bool:
    """True when nothing visible is left: only spaces, control, format or combining characters."""
    for ch in text:
        if ch.isspace():
            continue
        if unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me"):
            continue
        if "FILLER" in unicodedata.name(ch, "") or ch == "\u2800":
            continue
        return False
    return True


# --- decoding --------------------------------------------------------------------------------------


def _looks_binary(data: bytes) -> bool:
    if not data:
        return False
    sample = data[:65536]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    # A stray NUL in a draft is handled; many NULs or other control bytes mean it is not text.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls * 10 > len(sample) and controls > 2


def _codec(data: bytes, encoding: str) -> str:
    enc = encoding
    if enc.replace("_", "-").lower() in ("utf-8", "utf8"):
        enc = "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            enc = "utf-16"
    return enc


def decode(data: bytes, encoding: str, where: str) -> str:
    if _looks_binary(data):
        raise UserError(f"{where} ser ut til å være en binærfil, ikke tekst.", "Lagre utkastet som ren tekst (.txt).")
    try:
        return data.decode(_codec(data, encoding))
    except UnicodeDecodeError as exc:
        raise UserError(f"{where} er ikke gyldig {encoding} (feil ved byte {exc.start}).", ENCODING_HINT) from None
    except (UnicodeError, LookupError, ValueError):
        raise UserError(f"{where} kan ikke leses med tegnkodingen {quoted(encoding)}.", ENCODING_HINT) from None


def read_bounded(stream: IO[bytes], where: str) -> bytes:
    """Read a whole binary stream in pieces; stop with a clear error past the limit or on binary data."""
    limit = max_bytes()
    chunks: list[bytes] = []
    total = 0
    first = True
    while True:
        block = stream.read(READ_SIZE)
        if not block:
            break
        if first:
            first = False
            if _looks_binary(block):
                raise UserError(f"{where} ser ut til å være en binærfil, ikke tekst.",
                                "Lagre utkastet som ren tekst (.txt).")
        total += len(block)
        if total > limit:
            raise too_large(where)
        chunks.append(block)
    return b"".join(chunks)


def _os_error(exc: OSError, path: str) -> UserError:
    import errno

    reasons = {
        errno.EACCES: "ingen tilgang",
        errno.EPERM: "ingen tilgang",
        errno.ENOENT: "filen finnes ikke",
        errno.EISDIR: "det er en mappe",
        errno.ENAMETOOLONG: "navnet er for langt",
        errno.ELOOP: "for mange symbolske lenker",
        errno.EIO: "lesefeil på disken",
    }
    reason = reasons.get(exc.errno or 0, "filen kan ikke leses")
    hint = TEXT_HINT if path_looks_like_text(path) else ""
    return UserError(f"Kan ikke lese {shown_path(path)}: {reason}.", hint)


def open_input(path: str) -> IO[bytes]:
    """Open a file for reading, with bokmål errors; refuses folders and names that look like drafts."""
    p = Path(path)
    try:
        if p.is_dir():
            raise UserError(f"{shown_path(path)} er en mappe, ikke en fil.")
        if not p.exists():
            hint = TEXT_HINT + " – --fil er for filnavn." if path_looks_like_text(path) else ""
            raise UserError(f"Fant ikke filen {shown_path(path)}.", hint)
        return p.open("rb")
    except OSError as exc:
        raise _os_error(exc, path) from None
    except ValueError:  # NUL in the name
        raise UserError(f"Ugyldig filnavn: {shown_path(path)}.") from None


def read_file(path: str, encoding: str) -> Draft:
    if path == "-":
        return read_stdin(encoding)
    where = f"Filen {shown_path(path)}"
    with open_input(path) as handle:
        try:
            data = read_bounded(handle, where)
        except OSError as exc:
            raise _os_error(exc, path) from None
    text = decode(data, encoding, where)
    if is_blank(text):
        raise UserError(f"{where} er tom.", "Det er ingenting å sjekke.")
    return Draft(text, path)


def stdin_stream() -> IO[bytes]:
    if sys.stdin is None:
        raise UserError("Standard inn er lukket.", TEXT_HINT)
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        import io

        return io.BytesIO(sys.stdin.read().encode("utf-8"))
    return buffer  # type: ignore[no-any-return]


def stdin_bytes() -> bytes:
    return read_bounded(stdin_stream(), "Standard inn")


def read_stdin(encoding: str) -> Draft:
    text = decode(stdin_bytes(), encoding, "Standard inn")
    if is_blank(text):
        raise UserError("Teksten fra standard inn er tom.", "Det er ingenting å sjekke.")
    return Draft(text, "-")


def text_argument(text: str) -> Draft:
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes():
        raise too_large("Teksten")
    if is_blank(text):
        raise UserError("Teksten er tom.", TEXT_HINT)
    return Draft(text, None)


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):
        return True


# --- JSON Lines, one line at a time --------------------------------------------------------------


class Line(NamedTuple):
    number: int
    text: str | None  # None: the line could not be read (see error)
    error: str


def jsonl_lines(source: str, encoding: str) -> Iterator[Line]:
    """The lines of a JSONL source, split on "\\n" only (U+2028 and friends stay inside a line).

    Each line is bounded by the input limit; a longer line is skipped with an error, and reading goes on.
    """
    line_limit = min(max_bytes(), LINE_LIMIT)
    limit = max_bytes() * BATCH_FACTOR
    where = "Standard inn" if source == "-" else f"Filen {shown_path(source)}"
    stream = stdin_stream() if source == "-" else open_input(source)
    try:
        number = 0
        total = 0
        undecodable = 0
        while True:
            try:
                raw = stream.readline(line_limit + 1)
            except OSError as exc:
                raise _os_error(exc, source) from None
            if not raw:
                return
            number += 1
            total += len(raw)
            if total > limit:
                raise too_large(where)
            if _looks_binary(raw):
                raise UserError(f"{where} ser ut til å være en binærfil, ikke tekst.")
            if len(raw) > line_limit and not raw.endswith(b"\n"):
                while True:  # skip the rest of the over-long line, still within the limit for the whole input
                    rest = stream.readline(READ_SIZE)
                    total += len(rest)
                    if total > limit:
                        raise too_large(where)
                    if _looks_binary(rest):
                        raise UserError(f"{where} ser ut til å være en binærfil, ikke tekst.")
                    if not rest or rest.endswith(b"\n"):
                        break
                yield Line(number, None, f"linjen er større enn grensen på {size_text(line_limit)} per linje")
                continue
            try:
                text = raw.decode(_codec(raw, encoding) if number == 1 else encoding).rstrip("\r\n")
                undecodable = 0
                yield Line(number, text, "")
            except UnicodeDecodeError as exc:
                undecodable += 1
                if undecodable >= MAX_UNDECODABLE:
                    raise UserError(f"{where} er ikke tekst i {encoding}: {MAX_UNDECODABLE} linjer på rad kan ikke "
                                    "leses.", ENCODING_HINT) from None
                yield Line(number, None, f"linjen er ikke gyldig {encoding} (feil ved byte {exc.start})")
    finally:
        if source != "-":
            stream.close()
