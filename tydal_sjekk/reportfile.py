"""The wizard's report file (``--rapport``): checked before the first question, written safely at the end.

- ``report_path_from_option`` turns the option (or an interactive answer) into a path, refusing ``''`` and ``-``.
- ``check_report_target`` runs before the first question: the folder exists and can be written to, the name
  is valid, and the target is not a folder, a device or a pipe. It tells whether something is there already.
- ``write_report`` writes a temporary file in the same folder and moves it in place. With ``overwrite`` it
  uses ``os.replace`` and keeps the old file's permission bits; without it the move is exclusive (a hard
  link on POSIX, ``os.rename`` on Windows), so a file that appeared during the run is never replaced.
  Whatever happens (an error, Ctrl-C, SIGTERM), the temporary file is removed.
- Every file-system error becomes a ``ReportFileError`` with a message in bokmål chosen by errno; the
  system's own (English) text is never shown.
- ``display_path`` prints a path literally, with control characters escaped.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from tydal_sjekk.core.display import path_looks_like_text, thousands
from tydal_sjekk.core.errors import UserError

TEMP_PREFIX = ".tydal-sjekk-"
TEMP_SUFFIX = ".tmp"
NOT_SAVED = "Rapporten ble ikke lagret."
EXAMPLE = "oppsummering.md"
OTHER_NAME_HINT = "Velg et annet filnavn for rapporten."
OVERWRITE_HINT = "Bruk --overskriv for å skrive over den."

_IS_WINDOWS = os.name == "nt"
_CHUNK = 1 << 20
_DEFAULT_NAME_MAX = 255
# Windows: names the system reserves for devices, and characters a file name cannot contain.
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in "123456789¹²³"}
    | {f"LPT{i}" for i in "123456789¹²³"}
)
_WINDOWS_BAD_CHARS = frozenset('<>:"|?*') | frozenset(chr(i) for i in range(32))
# Characters that reorder the text around them (a name could pretend to end in ".md").
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# link() is not supported here (FAT and exFAT, some network file systems): claim the name another way.
_NO_HARD_LINKS = frozenset(
    code for code in (errno.EPERM, errno.EMLINK, errno.ENOSYS, errno.EXDEV,
                      getattr(errno, "ENOTSUP", None), getattr(errno, "EOPNOTSUPP", None))
    if code is not None
)


class ReportFileError(UserError):
    """The report cannot be written to this path; the message says why, in bokmål (exit code 2)."""


class ReportExists(ReportFileError):
    """Something is at the path already (or appeared while the wizard ran) and overwriting was not allowed."""

    def __init__(self, path: Path, *, during_run: bool = False) -> None:
        shown = display_path(path)
        if os.path.islink(path) and not os.path.exists(path):
            what = f"«{shown}» finnes fra før (en symbolsk lenke som peker til noe som ikke finnes)."
        else:
            what = f"Filen «{shown}» finnes fra før."
        if during_run:
            what = what[:-1] + "; den ble laget mens veiviseren kjørte."
        super().__init__(what, OVERWRITE_HINT)
        self.path = path


# --- showing paths ------------------------------------------------------------------------------------


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as it was given, safe to print: control characters are escaped like ``repr`` does.

    Tabs, newlines, escape sequences (``\\x1b``), other C0/C1 controls, line separators, bidirectional
    overrides and bytes that are not valid in the file system's encoding (``\\xff``) are shown escaped.
    Everything else, including rich markup such as ``[red]``, is returned unchanged: print the result as
    plain text (``rich.text.Text``), never as markup.
    """
    # start-up: only when a path is printed
    import unicodedata

    out: list[str] = []
    for ch in os.fspath(path):
        code = ord(ch)
        if ch in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[ch])
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by the surrogateescape error handler
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


# --- checking the path up front ----------------------------------------------------------------------


def report_path_from_option(raw: str) -> Path:
    """The path for ``--rapport RAW`` (or a name typed in the wizard); ``~`` is expanded."""
    if not raw.strip():
        raise ReportFileError("Filnavnet for rapporten er tomt.", f"Gi et filnavn, for eksempel «--rapport {EXAMPLE}».")
    if raw.strip() == "-":
        raise ReportFileError(
            "Rapporten kan ikke skrives til standard ut («-»); den må lagres i en fil.",
            f"Gi et filnavn, for eksempel «--rapport {EXAMPLE}». Oppsummeringen vises på skjermen uansett.",
        )
    if path_looks_like_text(raw):
        raise ReportFileError(
            f"Filnavnet for rapporten ser ut som en tekst ({thousands(len(raw))} tegn).",
            f"Gi et vanlig filnavn, for eksempel «--rapport {EXAMPLE}».",
        )
    if "\0" in raw:
        raise ReportFileError(f"Filnavnet «{display_path(raw)}» inneholder et ugyldig tegn (NUL).", OTHER_NAME_HINT)
    separators = tuple(s for s in (os.sep, os.altsep, "/") if s)
    if raw.endswith(separators):
        raise ReportFileError(
            f"«{display_path(raw)}» er en mappe, ikke et filnavn.",
            f"Gi et filnavn i mappen, for eksempel «{display_path(raw)}{EXAMPLE}».",
        )
    path = Path(raw)
    try:
        return path.expanduser()
    except RuntimeError:  # no home folder to expand "~" to: use the name as given
        return path


def check_report_target(path: Path, *, overwrite: bool = False) -> bool:
    """Check that the report can be written to ``path``; return whether something is there already.

    Raises ``ReportFileError`` when the folder is missing or cannot be written to, the name is invalid,
    or the target is a folder, a device, a pipe or a socket. With ``overwrite``, an existing file must also
    be writable. A dangling symbolic link counts as existing.
    """
    folder = _folder_of(path)
    _check_name(path, folder)
    _check_folder(path, folder)
    target = _write_target(path)
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        raise _translated(exc, path) from None
    exists = info is not None
    if info is not None and stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except FileNotFoundError:
            info = None  # a dangling link: "finnes fra før", never replaced silently
        except OSError as exc:
            raise _translated(exc, path) from None
    if info is not None:
        _check_kind(path, info.st_mode)
        if overwrite:
            _check_writable_file(target)
    if target != path:
        _check_folder(target, _folder_of(target))
    _probe_folder(target, _folder_of(target))
    return exists


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _write_target(path: Path) -> Path:
    """Where an overwrite writes: through a symbolic link to the file it points to, so the link stays."""
    try:
        if os.path.islink(path) and os.path.exists(path):
            return Path(os.path.realpath(path))
    except (OSError, ValueError):
        pass
    return path


def _name_max(folder: Path) -> int:
    pathconf: Any = getattr(os, "pathconf", None)
    if pathconf is None:
        return _DEFAULT_NAME_MAX
    try:
        limit = int(pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, TypeError):
        return _DEFAULT_NAME_MAX
    return limit if limit > 0 else _DEFAULT_NAME_MAX


def _check_name(path: Path, folder: Path) -> None:
    name = path.name
    shown = display_path(path)
    if "\0" in str(path):
        raise ReportFileError(f"Filnavnet «{shown}» inneholder et ugyldig tegn (NUL).", OTHER_NAME_HINT)
    if name in ("", ".", ".."):
        raise ReportFileError(f"«{shown}» er en mappe, ikke et filnavn.", OTHER_NAME_HINT)
    length = len(name) if _IS_WINDOWS else len(os.fsencode(name))
    if length > _name_max(folder):
        raise ReportFileError(f"Filnavnet «{shown}» er for langt.", "Velg et kortere filnavn.")
    if _IS_WINDOWS:
        bad = sorted({display_path(c) for c in name if c in _WINDOWS_BAD_CHARS})
        if bad:
            raise ReportFileError(
                f"Filnavnet «{shown}» inneholder tegn som Windows ikke tillater: {' '.join(bad)}", OTHER_NAME_HINT
            )
        if name.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
            raise ReportFileError(f"«{shown}» er et navn som Windows reserverer for en enhet.", OTHER_NAME_HINT)
        if name.endswith((".", " ")):
            raise ReportFileError(f"Filnavnet «{shown}» kan ikke slutte med punktum eller mellomrom på Windows.",
                                  OTHER_NAME_HINT)


def _check_folder(path: Path, folder: Path) -> None:
    shown = display_path(folder)
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        raise ReportFileError(f"Mappen «{shown}» finnes ikke.", "Lag mappen, eller velg en annen mappe.") from None
    except NotADirectoryError:
        raise ReportFileError(f"«{shown}» er ikke en mappe: en del av stien er en fil.", OTHER_NAME_HINT) from None
    except (OSError, ValueError) as exc:
        raise _translated(exc, path, in_folder=True) from None
    if not stat.S_ISDIR(info.st_mode):
        raise ReportFileError(f"«{shown}» er en fil, ikke en mappe.", OTHER_NAME_HINT)


def _probe_folder(path: Path, folder: Path) -> None:
    """Can we create files in ``folder``? The only reliable test (ACLs, read-only disks, Windows) is to try."""
    with _temporary_file(folder, path) as (fd, _tmp):
        os.close(fd)


def _check_kind(path: Path, mode: int) -> None:
    shown = display_path(path)
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        example = display_path(os.path.join(path, EXAMPLE))
        raise ReportFileError(f"«{shown}» er en mappe, ikke en fil.", f"Gi et filnavn, for eksempel «{example}».")
    if stat.S_ISFIFO(mode):
        what = "et navngitt rør (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "en enhet"
    elif stat.S_ISSOCK(mode):
        what = "en sokkel"
    else:
        what = "noe annet"
    raise ReportFileError(f"«{shown}» er {what}, ikke en vanlig fil.", OTHER_NAME_HINT)


def _check_writable_file(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise ReportFileError(f"Filen «{display_path(path)}» er skrivebeskyttet.", OTHER_NAME_HINT)


# --- writing --------------------------------------------------------------------------------------------


def write_report(path: Path, text: str, *, overwrite: bool) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the file that was written.

    Without ``overwrite`` the file must not exist at the moment it is moved in place (``ReportExists``
    otherwise, also for a dangling symbolic link). With ``overwrite`` an existing file is replaced and keeps
    its permission bits; a symbolic link to a file is written through. Every ``OSError`` becomes a
    ``ReportFileError`` in bokmål, and the temporary file is removed whatever happens.
    """
    target = _write_target(path) if overwrite else path
    folder = _folder_of(target)
    mode: int | None = None
    try:
        if overwrite:
            try:
                info = os.stat(target)
            except FileNotFoundError:
                pass
            else:
                _check_kind(target, info.st_mode)
                _check_writable_file(target)
                mode = stat.S_IMODE(info.st_mode)
        elif os.path.lexists(target):
            raise ReportExists(path, during_run=True)
    except (OSError, ValueError) as exc:
        raise _translated(exc, target) from None
    data = text.encode("utf-8")
    with _temporary_file(folder, target) as (fd, tmp):
        try:
            try:
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(tmp, mode if mode is not None else _new_file_mode())
            if overwrite:
                os.replace(tmp, target)
            else:
                _move_exclusively(tmp, target)
        except FileExistsError:
            raise ReportExists(path, during_run=True) from None
        except (OSError, ValueError) as exc:
            raise _translated(exc, target) from None
    return target


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        if written <= 0:
            raise OSError(errno.EIO, "write returned nothing")
        view = view[written:]


def _new_file_mode() -> int:
    """Permission bits for a new file, as the user's editor would create it (0o666 minus the umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _move_exclusively(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target``; ``FileExistsError`` if anything (even a dangling link) is at ``target``."""
    if _IS_WINDOWS:
        os.rename(tmp, target)  # on Windows, rename refuses an existing target
        return
    if not hasattr(os, "link"):
        _claim_and_replace(tmp, target)  # rename would replace an existing target here
        return
    try:
        os.link(tmp, target)  # refuses an existing target, atomically
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        _claim_and_replace(tmp, target)
        return
    _remove_quietly(tmp)


def _claim_and_replace(tmp: Path, target: Path) -> None:
    """Without hard links: claim the name with O_EXCL, then replace our own empty placeholder."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    os.close(fd)
    try:
        os.replace(tmp, target)
    except BaseException:
        _remove_quietly(target)
        raise


def _remove_quietly(path: Path) -> None:
    with suppress(OSError):
        os.unlink(path)


@contextmanager
def _temporary_file(folder: Path, path: Path) -> Iterator[tuple[int, Path]]:
    """A new, empty temporary file in ``folder``; removed on the way out unless it was moved away.

    SIGTERM is turned into ``SystemExit`` meanwhile so that the clean-up runs. The name is recorded
    before the file is created, so an interruption at any point leaves nothing behind.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    with _sigterm_as_exit():
        tmp: Path | None = None
        try:
            for _attempt in range(100):
                tmp = folder / f"{TEMP_PREFIX}{os.urandom(6).hex()}{TEMP_SUFFIX}"
                try:
                    fd = os.open(tmp, flags, 0o600)
                except FileExistsError:
                    tmp = None
                    continue
                break
            else:
                raise OSError(errno.EEXIST, "no free temporary name")
        except (OSError, ValueError) as exc:
            if tmp is not None:
                _remove_quietly(tmp)
            raise _translated(exc, path, in_folder=True) from None
        except BaseException:
            if tmp is not None:
                _remove_quietly(tmp)
            raise
        try:
            yield fd, tmp
        finally:
            _remove_quietly(tmp)


@contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Make SIGTERM raise ``SystemExit(143)`` (only in the main thread, and only if nobody else handles it)."""
    # start-up: only when a report is written
    import signal
    import threading

    sigterm = getattr(signal, "SIGTERM", None)
    previous: Any = None
    installed = False
    if sigterm is not None and threading.current_thread() is threading.main_thread():
        try:
            previous = signal.getsignal(sigterm)
            if previous == signal.SIG_DFL:

                def _terminate(signum: int, _frame: Any) -> None:
                    raise SystemExit(128 + signum)

                signal.signal(sigterm, _terminate)
                installed = True
        except (OSError, ValueError):
            installed = False
    try:
        yield
    finally:
        if installed and sigterm is not None:
            signal.signal(sigterm, previous)


# --- errors in bokmål -------------------------------------------------------------------------------------

_NO_SPACE = ("Ikke plass på disken", "Frigjør plass, eller lagre rapporten på en annen disk.")
_READ_ONLY = ("Mappen er skrivebeskyttet", "Velg en mappe du kan skrive i, for eksempel hjemmemappen din.")
_NO_ACCESS = ("Ingen tilgang", "Velg en mappe du kan skrive i, for eksempel hjemmemappen din.")
_IN_USE = ("Filen er i bruk av et annet program", "Lukk programmet som bruker filen, eller velg et annet filnavn.")
_TOO_LONG = ("Filnavnet eller stien er for lang", "Velg et kortere filnavn.")
_INVALID = ("Filnavnet er ugyldig", OTHER_NAME_HINT)
_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: _NO_SPACE,
    errno.EROFS: ("Mappen er skrivebeskyttet (disken kan bare leses)", _READ_ONLY[1]),
    errno.EACCES: _NO_ACCESS,
    errno.EPERM: _NO_ACCESS,
    errno.ENAMETOOLONG: _TOO_LONG,
    errno.EISDIR: ("Det er en mappe med dette navnet", OTHER_NAME_HINT),
    errno.ENOENT: ("Mappen finnes ikke (lenger)", "Lag mappen, eller velg en annen mappe."),
    errno.ENOTDIR: ("En del av stien er en fil, ikke en mappe", OTHER_NAME_HINT),
    errno.EEXIST: ("Filen finnes fra før", OVERWRITE_HINT),
    errno.EIO: ("Lese- eller skrivefeil på disken", "Sjekk disken, eller lagre rapporten et annet sted."),
    errno.EINVAL: _INVALID,
    errno.ELOOP: ("For mange symbolske lenker i stien", OTHER_NAME_HINT),
    errno.EMFILE: ("For mange åpne filer", "Lukk noen programmer og prøv igjen."),
    errno.ENFILE: ("For mange åpne filer", "Lukk noen programmer og prøv igjen."),
    errno.EFBIG: ("Filen blir for stor for disken", "Lagre rapporten på en annen disk."),
    errno.EBUSY: _IN_USE,
    errno.ETXTBSY: _IN_USE,
    errno.ENXIO: ("Enheten finnes ikke", OTHER_NAME_HINT),
    errno.EMLINK: ("Mappen har for mange filer eller lenker", "Velg en annen mappe."),
}
for _name, _reason in (
    ("EDQUOT", ("Diskkvoten din er brukt opp", "Slett noen filer, eller lagre rapporten på en annen disk.")),
    ("ESTALE", ("Nettverksdisken svarer ikke som den skal", "Prøv igjen, eller lagre rapporten et annet sted.")),
    ("ENOTSUP", ("Disken støtter ikke denne operasjonen", "Lagre rapporten på en annen disk.")),
):
    if hasattr(errno, _name):
        _REASONS.setdefault(getattr(errno, _name), _reason)
# Windows error codes whose errno is too vague.
_WINERRORS: dict[int, tuple[str, str]] = {
    3: ("Mappen finnes ikke", "Lag mappen, eller velg en annen mappe."),
    5: _NO_ACCESS,
    19: ("Disken er skrivebeskyttet", _READ_ONLY[1]),
    32: _IN_USE,
    33: _IN_USE,
    39: _NO_SPACE,
    112: _NO_SPACE,
    123: _INVALID,
    161: _INVALID,
    206: _TOO_LONG,
}


def os_error_reason(exc: BaseException, *, in_folder: bool = False) -> tuple[str, str]:
    """A reason and a hint in bokmål for an error from the file system, chosen by its error number."""
    if isinstance(exc, ValueError):  # "embedded null byte" and the like
        return _INVALID
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINERRORS:
        reason = _WINERRORS[winerror]
    else:
        code = getattr(exc, "errno", None)
        if isinstance(code, int) and code in _REASONS:
            reason = _REASONS[code]
        else:
            name = errno.errorcode.get(code, str(code)) if isinstance(code, int) else "ukjent"
            return (f"feil fra filsystemet ({name})", "Prøv igjen, eller lagre rapporten et annet sted.")
    if in_folder and reason is _NO_ACCESS:
        return ("Mappen er skrivebeskyttet, eller du har ikke tilgang til å skrive i den", _NO_ACCESS[1])
    return reason


def _translated(exc: BaseException, path: Path, *, in_folder: bool = False) -> ReportFileError:
    if isinstance(exc, ReportFileError):
        return exc
    reason, hint = os_error_reason(exc, in_folder=in_folder)
    return ReportFileError(f"Kan ikke lagre rapporten i «{display_path(path)}»: {reason}.", hint)
