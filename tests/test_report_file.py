"""The wizard's report file (--rapport): checked up front, written exclusively and atomically, errors in bokmål."""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tydal_sjekk import reportfile
from tydal_sjekk.cli_wizard import run_wizard_command
from tydal_sjekk.core.errors import UserError
from tydal_sjekk.core.folder import Content
from tydal_sjekk.reportfile import (
    NOT_SAVED,
    ReportExists,
    ReportFileError,
    check_report_target,
    display_path,
    os_error_reason,
    report_path_from_option,
    write_report,
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX_ONLY = pytest.mark.skipif(os.name == "nt", reason="POSIX-filsystem")
ENGLISH = ("No space", "Permission denied", "Read-only", "No such file", "File exists", "Is a directory")
REAL_WRITE = os.write


def _answers(tmp_path: Path, run_cli: Callable[..., Any]) -> Path:
    path = tmp_path / "svar.toml"
    path.write_text(run_cli("veiviser", "--svarmal").out, encoding="utf-8")
    return path


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(reportfile.TEMP_PREFIX)]


def _symlink(target: str, link: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):
        pytest.skip("symbolske lenker kan ikke lages her")


class FakePrompter:
    """Answers every question with its default, gives no draft, and scripts confirm() and text()."""

    def __init__(self, confirms: list[bool] | None = None, texts: list[str] | None = None) -> None:
        self.confirms = list(confirms or [])
        self.texts = list(texts or [])
        self.asked: list[str] = []

    def select(self, question: Any, default: str, can_go_back: bool) -> str:
        self.asked.append(question.id)
        return default

    def paste(self) -> str:
        self.asked.append("<utkast>")
        return ""

    def confirm(self, message: str, default: bool = False) -> bool:
        self.asked.append(message)
        assert self.confirms, f"uventet spørsmål: {message}"
        return self.confirms.pop(0)

    def text(self, message: str, default: str) -> str:
        self.asked.append(message)
        assert self.texts, f"uventet spørsmål: {message}"
        return self.texts.pop(0)


def _interactive(content: Content, prompter: FakePrompter, **kwargs: Any) -> tuple[int, str]:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    options: dict[str, Any] = {"answers_file": None, "report": None, "overwrite": False, "template": False, **kwargs}
    code = run_wizard_command(content, prompter=prompter, console=console, **options)  # type: ignore[arg-type]
    return code, console.file.getvalue()  # type: ignore[attr-defined]


# --- checked before the first question ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "message"), [("", "er tomt"), ("  ", "er tomt"), ("-", "standard ut")])
def test_empty_and_dash_names_are_refused(tmp_path: Path, run_cli, name: str, message: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", name)
    assert result.code == 2 and message in result.err and "--rapport oppsummering.md" in result.err
    assert "Oppsummering" not in result.out  # refused before the answers were used


@pytest.mark.parametrize("name", ["", "-"])
def test_interactive_refuses_before_the_first_question(content: Content, name: str) -> None:
    prompter = FakePrompter()
    with pytest.raises(UserError):
        _interactive(content, prompter, report=name)
    assert prompter.asked == []


def test_missing_folder(tmp_path: Path, run_cli, content: Content) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "finnes-ikke" / "r.md"
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", str(target))
    assert result.code == 2 and f"Mappen «{tmp_path / 'finnes-ikke'}» finnes ikke." in result.err
    prompter = FakePrompter()
    with pytest.raises(ReportFileError, match="finnes ikke"):
        _interactive(content, prompter, report=str(target))
    assert prompter.asked == []


def test_folder_is_a_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    answers = _answers(tmp_path, run_cli)
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(tmp_path / "fil" / "r.md"))
    assert result.code == 2 and "er en fil, ikke en mappe" in result.err


@pytest.mark.parametrize("trailing_slash", [False, True])
def test_target_is_a_folder(tmp_path: Path, run_cli, trailing_slash: bool) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "mappe"
    folder.mkdir()
    name = str(folder) + (os.sep if trailing_slash else "")
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", name)
    assert result.code == 2 and "er en mappe" in result.err and "oppsummering.md" in result.err
    assert list(folder.iterdir()) == []


def test_trailing_slash_on_a_missing_folder_is_not_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(ReportFileError, match="er en mappe, ikke et filnavn"):
        report_path_from_option(str(tmp_path / "ny") + "/")
    assert not (tmp_path / "ny").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="os.mkfifo finnes ikke her")
def test_fifo_is_refused_without_blocking(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "ror"
    os.mkfifo(fifo)
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", str(fifo), "--overskriv")
    assert result.code == 2 and "navngitt rør (FIFO)" in result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/null") or os.name == "nt", reason="ingen /dev/null")
def test_device_is_refused(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", "/dev/null", "--overskriv")
    assert result.code == 2 and "«/dev/null» er en enhet" in result.err


@POSIX_ONLY
@pytest.mark.skipif(IS_ROOT, reason="root kan skrive i skrivebeskyttede mapper")
def test_read_only_folder(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    answers = _answers(tmp_path, run_cli)
    folder = tmp_path / "lesbar"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(folder / "r.md"))
    finally:
        folder.chmod(0o755)
    assert result.code == 2 and "skrivebeskyttet" in result.err
    assert "Permission denied" not in result.err and list(folder.iterdir()) == []


def test_read_only_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Also as root: the probe that creates a file fails with EACCES or EROFS."""
    real_open = os.open

    def refuse(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if Path(os.fsdecode(path)).name.startswith(reportfile.TEMP_PREFIX):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ReportFileError) as info:
        check_report_target(tmp_path / "r.md")
    assert "Mappen er skrivebeskyttet" in info.value.message and "Permission" not in info.value.message


@POSIX_ONLY
@pytest.mark.skipif(IS_ROOT, reason="root kan skrive til skrivebeskyttede filer")
def test_read_only_file_is_not_overwritten(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "r.md"
    report.write_text("gammel", encoding="utf-8")
    report.chmod(0o444)
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", str(report), "--overskriv")
    assert result.code == 2 and "skrivebeskyttet" in result.err
    assert report.read_text(encoding="utf-8") == "gammel"


def test_invalid_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ReportFileError, match="ugyldig tegn"):
        report_path_from_option("a\0b.md")
    with pytest.raises(ReportFileError, match="for langt"):
        check_report_target(tmp_path / ("x" * 300 + ".md"))
    monkeypatch.setattr(reportfile, "_IS_WINDOWS", True)
    for name, message in (("CON.md", "reserverer"), ("com1", "reserverer"), ("a:b.md", "Windows ikke tillater"),
                          ("r.md.", "punktum eller mellomrom")):
        with pytest.raises(ReportFileError, match=message):
            check_report_target(tmp_path / name)
    assert _temp_files(tmp_path) == []


def test_report_cannot_be_the_answers_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    answers = _answers(tmp_path, run_cli)
    before = answers.read_text(encoding="utf-8")
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(answers), "--overskriv")
    assert result.code == 2 and "den samme som svarfilen" in result.err
    assert answers.read_text(encoding="utf-8") == before


def test_existing_file_is_refused_up_front_for_svar(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "r.md"
    report.write_text("gammel", encoding="utf-8")
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", str(report))
    assert result.code == 2 and "finnes fra før" in result.err and "--overskriv" in result.err
    assert "Oppsummering" not in result.out and report.read_text(encoding="utf-8") == "gammel"


# --- the moment of writing --------------------------------------------------------------------------------


def test_file_appearing_during_the_run_is_not_overwritten(  # type: ignore[no-untyped-def]
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = _answers(tmp_path, run_cli)
    report = tmp_path / "r.md"
    from tydal_sjekk import cli_wizard

    real = cli_wizard._report_text

    def meanwhile(*args: Any, **kwargs: Any) -> str:
        report.write_text("laget underveis", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(cli_wizard, "_report_text", meanwhile)
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(report))
    assert result.code == 2 and "finnes fra før" in result.err and "mens veiviseren kjørte" in result.err
    assert report.read_text(encoding="utf-8") == "laget underveis"
    assert _temp_files(tmp_path) == []


@pytest.mark.parametrize("hard_links", [True, False])
def test_the_move_itself_is_exclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool) -> None:
    """The file appears after the last check, while the temporary file is written: link/O_EXCL refuse it."""
    report = tmp_path / "r.md"
    assert check_report_target(report) is False

    def write_and_race(fd: int, data: bytes) -> None:
        report.write_text("kom først", encoding="utf-8")
        os.write(fd, data)

    monkeypatch.setattr(reportfile, "_write_all", write_and_race)
    if not hard_links:
        monkeypatch.setattr(os, "link", _no_hard_links)
    with pytest.raises(ReportExists):
        write_report(report, "ny", overwrite=False)
    assert report.read_text(encoding="utf-8") == "kom først"
    assert _temp_files(tmp_path) == []


def _no_hard_links(src: Any, dst: Any, **kwargs: Any) -> None:
    raise OSError(errno.EPERM, "Operation not permitted")


@pytest.mark.parametrize("strategy", ["link", "o_excl", "rename"])
def test_every_move_strategy_writes_a_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strategy: str) -> None:
    if strategy == "o_excl":
        monkeypatch.setattr(os, "link", _no_hard_links)
    elif strategy == "rename":
        monkeypatch.setattr(reportfile, "_IS_WINDOWS", True)  # os.rename, which refuses a target on Windows
    report = tmp_path / "r.md"
    assert write_report(report, "æøå\n", overwrite=False) == report
    assert report.read_bytes() == "æøå\n".encode()
    assert _temp_files(tmp_path) == []


def test_dangling_symlink_counts_as_existing(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    link = tmp_path / "r.md"
    _symlink("finnes-ikke.md", link)
    assert check_report_target(link) is True
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", str(link))
    assert result.code == 2 and "finnes fra før" in result.err and "symbolsk lenke" in result.err
    with pytest.raises(ReportExists):
        write_report(link, "ny", overwrite=False)
    assert link.is_symlink() and not (tmp_path / "finnes-ikke.md").exists()
    assert _temp_files(tmp_path) == []


def test_overwrite_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "ekte.md"
    real.write_text("gammel", encoding="utf-8")
    link = tmp_path / "lenke.md"
    _symlink("ekte.md", link)
    assert write_report(link, "ny", overwrite=True) == real
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "ny"


@POSIX_ONLY
def test_overwrite_keeps_the_permission_bits(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "r.md"
    report.write_text("gammel", encoding="utf-8")
    report.chmod(0o640)
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, run_cli)), "--rapport", str(report), "--overskriv")
    assert result.code == 0, result.err
    assert report.read_text(encoding="utf-8").startswith("# Veiviser")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


@POSIX_ONLY
def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_report(tmp_path / "r.md", "x", overwrite=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o640


def _failing_write(code: int) -> Callable[[int, Any], int]:
    def write(fd: int, data: Any) -> int:
        if fd <= 2:
            return REAL_WRITE(fd, data)
        REAL_WRITE(fd, bytes(data)[:10])  # part of it, as a full disk would
        raise OSError(code, os.strerror(code))

    return write


def test_disk_full_is_explained_in_bokmal(tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    answers = _answers(tmp_path, run_cli)
    report = tmp_path / "r.md"
    monkeypatch.setattr(os, "write", _failing_write(errno.ENOSPC))
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(report))
    assert result.code == 2
    assert "Ikke plass på disken" in result.err and str(report) in result.err
    assert "uventet intern feil" not in result.err and not any(e in result.err for e in ENGLISH)
    assert not report.exists() and _temp_files(tmp_path) == []


def test_read_only_disk_at_the_move(tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    answers = _answers(tmp_path, run_cli)
    report = tmp_path / "r.md"
    report.write_text("gammel", encoding="utf-8")

    def read_only(src: Any, dst: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(report), "--overskriv")
    assert result.code == 2 and "skrivebeskyttet" in result.err and "Read-only" not in result.err
    assert report.read_text(encoding="utf-8") == "gammel" and _temp_files(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOSPC, "Ikke plass på disken"),
        (errno.EACCES, "Ingen tilgang"),
        (errno.EPERM, "Ingen tilgang"),
        (errno.EROFS, "skrivebeskyttet"),
        (errno.ENAMETOOLONG, "for lang"),
        (errno.EISDIR, "mappe"),
        (errno.ENOENT, "finnes ikke"),
        (errno.ENOTDIR, "ikke en mappe"),
        (errno.EIO, "skrivefeil"),
        (errno.EBUSY, "i bruk"),
        (getattr(errno, "EDQUOT", errno.ENOSPC), "isk"),
        (errno.ECONNRESET, "feil fra filsystemet (ECONNRESET)"),
    ],
)
def test_errors_are_translated_by_errno(code: int, expected: str) -> None:
    exc = OSError(code, os.strerror(code), "r.md")
    reason, hint = os_error_reason(exc)
    assert expected in reason and hint
    assert os.strerror(code) not in reason + hint


def test_folder_errors_and_windows_codes() -> None:
    reason, _ = os_error_reason(PermissionError(errno.EACCES, "Access is denied"), in_folder=True)
    assert reason.startswith("Mappen er skrivebeskyttet")
    exc = OSError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]
    assert os_error_reason(exc)[0] == "Filen er i bruk av et annet program"
    assert os_error_reason(ValueError("embedded null byte"))[0] == "Filnavnet er ugyldig"


# --- interruptions leave nothing behind -------------------------------------------------------------------


@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError, RuntimeError])
def test_temporary_file_is_removed_after_an_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    def boom(fd: int, data: bytes) -> None:
        os.write(fd, data[:5])
        raise error()

    monkeypatch.setattr(reportfile, "_write_all", boom)
    with pytest.raises((error, ReportFileError)):
        write_report(tmp_path / "r.md", "innhold", overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_temporary_file_is_removed_when_the_move_is_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(src: Any, dst: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_report(tmp_path / "r.md", "innhold", overwrite=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name == "nt" or not hasattr(signal, "SIGTERM"), reason="SIGTERM til seg selv: bare POSIX")
def test_sigterm_during_the_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        pytest.skip("noen andre håndterer SIGTERM")

    def terminated(fd: int, data: bytes) -> None:
        os.write(fd, data[:5])
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(1000):  # the handler runs between two bytecodes
            pass
        raise AssertionError("SIGTERM ble ikke levert")

    monkeypatch.setattr(reportfile, "_write_all", terminated)
    with pytest.raises(SystemExit) as info:
        write_report(tmp_path / "r.md", "innhold", overwrite=False)
    assert info.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # restored


# --- paths are printed literally --------------------------------------------------------------------------


def test_display_path_escapes_control_characters_only() -> None:
    assert display_path("a\x1b[31mb.md") == "a\\x1b[31mb.md"
    assert display_path("ny\nlinje\t.md") == "ny\\nlinje\\t.md"
    assert display_path("x\x7f\x85.md") == "x\\x7f\\x85.md"
    assert display_path("dm.\u202eexe") == "dm.\\u202eexe"  # a right-to-left override cannot disguise the name
    assert display_path("bad\udcff.md") == "bad\\xff.md"  # an undecodable byte (surrogateescape)
    assert display_path(Path("rep") / "[red]b.md") == str(Path("rep") / "[red]b.md")
    assert display_path("Ærlig talt – Øst 🙂.md") == "Ærlig talt – Øst 🙂.md"


@pytest.mark.parametrize("name", ["rep/[red]b.md", "q[/x].md", "[bold]r[/bold].md"])
def test_markup_in_the_path_is_printed_literally(tmp_path: Path, run_cli, name: str) -> None:  # type: ignore[no-untyped-def]
    answers = _answers(tmp_path, run_cli)
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(target))
    assert result.code == 0, result.err
    assert f"lagret i {target}" in result.out
    assert target.read_text(encoding="utf-8").startswith("# Veiviser")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="filnavn med kontrolltegn")
def test_control_characters_in_names_are_printed_escaped(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    answers = _answers(tmp_path, run_cli)
    target = tmp_path / "a\x1b[2Jb.md"
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(target))
    assert result.code == 0, result.err
    assert "a\\x1b[2Jb.md" in result.out and "\x1b" not in result.out
    assert target.is_file()
    missing = tmp_path / "mis\nsing" / "r.md"
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(missing))
    assert result.code == 2 and "mis\\nsing" in result.err and "mis\nsing" not in result.err


def test_error_with_markup_in_the_path_is_printed_literally_in_the_wizard(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "[red]q["
    folder.mkdir()
    target = folder / "x].md"  # …/[red]q[/x].md
    monkeypatch.setattr(os, "write", _failing_write(errno.ENOSPC))
    prompter = FakePrompter(texts=[""])
    _code, output = _interactive(content, prompter, report=str(target))
    assert f"«{target}»: Ikke plass på disken" in output and NOT_SAVED in output


# --- the wizard asks for another name --------------------------------------------------------------------


def test_refused_overwrite_asks_for_another_name(tmp_path: Path, content: Content) -> None:
    report = tmp_path / "r.md"
    report.write_text("gammel", encoding="utf-8")
    other = tmp_path / "annen.md"
    prompter = FakePrompter(confirms=[False], texts=[str(other)])
    code, output = _interactive(content, prompter, report=str(report))
    assert code == 0
    assert prompter.asked[-2] == f"{report}: Filen finnes allerede. Vil du skrive over den?"
    assert "annet filnavn" in prompter.asked[-1]
    assert report.read_text(encoding="utf-8") == "gammel"
    assert other.read_text(encoding="utf-8").startswith("# Veiviser") and f"lagret i {other}" in output


def test_empty_answer_gives_up(tmp_path: Path, content: Content) -> None:
    report = tmp_path / "r.md"
    report.write_text("gammel", encoding="utf-8")
    prompter = FakePrompter(confirms=[False], texts=[""])
    _code, output = _interactive(content, prompter, report=str(report))
    assert NOT_SAVED in output and report.read_text(encoding="utf-8") == "gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_overwrite_question_shows_the_name_escaped(tmp_path: Path, content: Content) -> None:
    if os.name == "nt":
        pytest.skip("filnavn med kontrolltegn")
    report = tmp_path / "r\x1b.md"
    report.write_text("gammel", encoding="utf-8")
    prompter = FakePrompter(confirms=[True])
    _interactive(content, prompter, report=str(report))
    assert prompter.asked[-1].startswith(f"{tmp_path}{os.sep}r\\x1b.md: ")
    assert report.read_text(encoding="utf-8").startswith("# Veiviser")


def test_failed_write_asks_for_another_name(tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    full = tmp_path / "full"
    full.mkdir()
    other = tmp_path / "annen.md"
    real = reportfile._write_all

    def disk_full_in_one_folder(fd: int, data: bytes) -> None:
        if _temp_files(full):  # writing into the full folder
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(reportfile, "_write_all", disk_full_in_one_folder)
    prompter = FakePrompter(texts=[str(other)])
    code, output = _interactive(content, prompter, report=str(full / "r.md"))
    assert code == 0
    assert "Ikke plass på disken" in output and "No space" not in output
    assert other.is_file() and not (full / "r.md").exists() and _temp_files(full) == []


def test_file_appearing_during_an_interactive_run_is_asked_about(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "r.md"
    from tydal_sjekk import cli_wizard

    real = cli_wizard._report_text

    def meanwhile(*args: Any, **kwargs: Any) -> str:
        report.write_text("laget underveis", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(cli_wizard, "_report_text", meanwhile)
    prompter = FakePrompter(confirms=[False], texts=[""])  # overwrite? no; another name? none
    _code, output = _interactive(content, prompter, report=str(report))
    assert "Filen finnes allerede" in prompter.asked[-2] and NOT_SAVED in output
    assert report.read_text(encoding="utf-8") == "laget underveis"


def test_invalid_name_in_the_wizard_is_asked_again(tmp_path: Path, content: Content,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # Save? yes. File name: "-" (refused), then a folder that does not exist (refused), then a good name.
    prompter = FakePrompter(confirms=[True], texts=["-", "nei/r.md", "god.md"])
    code, output = _interactive(content, prompter)
    assert code == 0
    assert "standard ut" in output and "Mappen «nei» finnes ikke." in output
    assert (tmp_path / "god.md").is_file() and "lagret i god.md" in output
    assert _temp_files(tmp_path) == []
