"""End-to-end runs of the installed command in a pseudo-terminal (pexpect) and through pipes.

pexpect types into a real pty without bracketed paste, like ``tmux paste-buffer`` without ``-p``: a pasted
text arrives as keys, with Enter for every line break.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import first_valid

pexpect = pytest.importorskip("pexpect")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="pexpect needs a POSIX pty")]

FNR = first_valid("150385")
DOWN = "\x1b[B"
UP = "\x1b[A"
EXE = Path(sys.executable).parent / "tydal-sjekk"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")
PRIVATE = ("Hvor skal dette publiseres", "Handler innlegget om jobben", "Nevner eller viser", "Er du venn med",
           "Bygger innlegget", "Svarer du på et spørsmål", "Skriver du mens du er sint")
TEXT_STEP = "også blir sjekket"
# A typical post: three paragraphs, one of them with something from work, and «vi i kommunen».
THREE_PARAGRAPHS = (
    "For en uke! Vi i kommunen har hatt mye å gjøre, og jeg er sliten men glad.\n\n"
    "Eleven Ola har fått diagnosen ADHD, og det har preget klassen.\n\n"
    "Nå blir det helg og tur i fjellet. God helg, alle sammen!"
)


def _spawn(*args: str, cwd: Path | None = None, columns: int = 120, rows: int = 50):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k != "TYDAL_SJEKK_INNHOLD"}
    # A pty under pexpect does not answer cursor-position requests; real terminals do.
    env.update({"TERM": "xterm", "NO_COLOR": "1", "COLUMNS": str(columns), "LINES": str(rows),
                "PROMPT_TOOLKIT_NO_CPR": "1"})
    return pexpect.spawn(str(EXE), list(args), encoding="utf-8", timeout=20, env=env, dimensions=(rows, columns),
                         cwd=str(cwd) if cwd else None)


def _finish(child) -> int:  # type: ignore[no-untyped-def]
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0))


def _plain(text: str) -> str:
    return ANSI.sub("", text).replace("\r", "")


def _paste(child, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type a text as a paste without bracketed paste arrives: Enter for each line break, in pieces."""
    keys = text.replace("\n", "\r")
    for k in range(0, len(keys), 40):
        child.send(keys[k : k + 40])
        time.sleep(0.01)


def _answer_private(child, *, about_work: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Enter everywhere (the suggested answers); «Ja» about work also asks whether it speaks for the municipality."""
    child.expect(PRIVATE[0])
    child.send("\r")
    child.expect(PRIVATE[1])
    child.send(UP + "\r" if about_work else "\r")
    for question in PRIVATE[2:5] + (("uttaler deg på vegne",) if about_work else ()) + PRIVATE[5:]:
        child.expect(question)
        child.send("\r")


def _summary(child) -> str:  # type: ignore[no-untyped-def]
    """The summary as the tool printed it: from its heading to the next question."""
    child.expect("Oppsummering")
    start = child.after
    child.expect(["Vil du se et forslag", "Vil du lagre"])
    text = _plain(start + child.before)
    return text[: text.rfind("\n") + 1]  # up to the line where the next question starts


def _screen_lines(summary: str) -> list[str]:
    lines = summary.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _rows(lines: list[str], columns: int) -> int:
    """Rows on the screen: a line longer than the terminal (a template, soft-wrapped) takes several."""
    return sum(max(1, -(-len(line) // columns)) for line in lines)


def test_wizard_back_paste_and_stop_summary(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path)
    child.expect("Hvor skal dette publiseres")
    child.send("\r")  # privat
    child.expect("Handler innlegget om jobben")
    child.send(DOWN + DOWN + "\r")  # ← Tilbake
    child.expect("Hvor skal dette publiseres")
    child.send("\r")  # privat again
    child.expect("Handler innlegget om jobben")
    child.send(UP + "\r")  # Ja
    for question in (*PRIVATE[2:5], "uttaler deg på vegne", *PRIVATE[5:]):
        child.expect(question)
        child.send("\r")
    child.expect(TEXT_STEP)
    child.send("\r")
    child.expect("Ctrl-D")
    child.send(f"Eleven min har fnr {FNR}\r")
    child.sendcontrol("d")
    summary = _summary(child)  # what the tool wrote after the paste (not the echo of the typing)
    child.send("\r")  # safer version? Nei
    child.expect("Vil du lagre")
    child.send("\r")  # Nei
    assert _finish(child) == 1
    assert "P3" in summary and "STOPP" in summary and "150385*****" in summary and FNR not in summary
    assert not list(tmp_path.iterdir())  # nothing written


def test_enter_at_every_prompt_walks_through(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path)
    child.expect("Hvor skal dette publiseres")
    for _ in range(20):
        child.send("\r")
        index = child.expect(["Ctrl-D", "Oppsummering", pexpect.TIMEOUT], timeout=0.7)
        if index == 0:
            child.sendcontrol("d")  # the text field: Enter is a new line, Ctrl-D finishes
        if index in (0, 1):
            break
    child.expect("Vil du lagre")
    child.send("\r")
    assert _finish(child) == 0


def test_three_paragraph_paste_without_bracketed_paste(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path, columns=100, rows=40)
    _answer_private(child, about_work=True)
    child.expect(TEXT_STEP)
    child.send("\r")
    child.expect("Ctrl-D")
    _paste(child, THREE_PARAGRAPHS + "\n")
    time.sleep(0.3)
    # The blank lines did not end the text: no summary, no further question while the text is open.
    assert child.expect(["Oppsummering", r"\? Vil du", pexpect.TIMEOUT], timeout=1) == 2
    child.sendcontrol("d")
    summary = _summary(child)
    child.send("\r")
    child.expect("Vil du lagre")
    child.send("\r")
    assert _finish(child) == 1
    assert "Eleven O** har fått diagnosen ADHD" in summary and "STOPP" in summary
    assert "Dette er mine egne meninger" in summary  # the disclaimer to copy (P4)
    assert _rows(_screen_lines(summary), 100) <= 40, summary


def test_type_ahead_before_a_question_is_discarded(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path)
    child.send(DOWN + "\r")  # typed before the first question is shown: would choose «offisiell»
    child.expect("Hvor skal dette publiseres")
    assert child.expect(["Hva skal du publisere", "Handler innlegget", pexpect.TIMEOUT], timeout=1) == 2
    child.send("\r")  # privat
    child.expect("Handler innlegget om jobben")
    child.send("\r" + UP + "\r")  # Nei, and then keys before the next question: would answer it «Ja»
    child.expect("Nevner eller viser")
    assert child.expect(["Er du venn med", pexpect.TIMEOUT], timeout=1) == 1  # still waiting
    child.send("\r")
    for question in PRIVATE[3:]:
        child.expect(question)
        child.send("\r")
    child.expect(TEXT_STEP)
    child.send(DOWN + DOWN + "\r")  # no text
    summary = _summary(child)
    child.send("\r")
    assert _finish(child) == 0
    assert " P3 " not in summary  # «Nevner eller viser …» was answered Nei, not Ja


def test_ctrl_d_in_the_text_field_finishes_the_text(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path)
    _answer_private(child)
    child.expect(TEXT_STEP)
    child.send("\r")
    child.expect("Ctrl-D")
    child.send("Fin tur i fjellet i dag.")
    child.sendcontrol("d")
    child.expect("24 tegn i 1 avsnitt")
    summary = _summary(child)
    assert "Avbrutt" not in summary and "OK" in summary
    child.send("\r")  # lagre? Nei
    assert _finish(child) == 0


def test_ctrl_c_interrupts_with_130(tmp_path: Path) -> None:
    child = _spawn("veiviser", "--rapport", str(tmp_path / "r.md"))
    child.expect("Hvor skal dette publiseres")
    child.sendcontrol("c")
    child.expect("Avbrutt.")
    assert _finish(child) == 130
    assert not (tmp_path / "r.md").exists()


def test_ctrl_c_in_the_text_field_interrupts_with_130() -> None:
    child = _spawn("veiviser")
    _answer_private(child)
    child.expect(TEXT_STEP)
    child.send("\r")
    child.expect("Ctrl-D")
    child.send("halv tekst")
    child.sendcontrol("c")
    child.expect("Avbrutt.")
    assert _finish(child) == 130


def test_help_choice_shows_help_and_asks_again(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path)
    child.expect("Hvor skal dette publiseres")
    child.send("\r")
    child.expect("Handler innlegget om jobben")
    child.send(DOWN + "\r")  # ? Hvorfor spør vi om dette?
    child.expect("Hvorfor spør vi om dette\\?")
    child.expect("Vær bevisst på rollen din som ansatt i Tydal kommune")
    child.expect("Handler innlegget om jobben")  # asked again
    child.send(UP + "\r")  # Ja
    child.expect("Nevner eller viser")
    shown = _plain(child.before)
    child.sendcontrol("c")
    assert _finish(child) == 130
    assert re.search(r"kommunen\?\s+Ja\b", shown)  # the answer is echoed …
    assert not re.search(r"kommunen\?\s+\? Hvorfor", shown)  # … the help choice never is


def test_refused_overwrite_then_saving_under_a_new_name(tmp_path: Path) -> None:
    old = tmp_path / "rapport.md"
    old.write_text("gammel", encoding="utf-8")
    child = _spawn("veiviser", "--rapport", "rapport.md", cwd=tmp_path)
    _answer_private(child)
    child.expect(TEXT_STEP)
    child.send(DOWN + DOWN + "\r")  # no text
    child.expect("Filen finnes allerede. Vil du skrive over den")
    child.send("\r")  # Nei
    child.expect("annet filnavn")
    child.send("ny-rapport.md\r")
    child.expect("Rapporten er lagret i")
    assert _finish(child) == 0
    assert old.read_text(encoding="utf-8") == "gammel"
    assert (tmp_path / "ny-rapport.md").read_text(encoding="utf-8").startswith("# Veiviser før du publiserer")


@pytest.mark.parametrize("columns", [60, 160])
def test_summary_fits_one_screen_and_wraps_between_words(tmp_path: Path, columns: int) -> None:
    summaries = {}
    for width in (columns, 200):
        child = _spawn("veiviser", cwd=tmp_path, columns=width, rows=40)
        _answer_private(child, about_work=True)
        child.expect(TEXT_STEP)
        child.send("\r")
        child.expect("Ctrl-D")
        _paste(child, THREE_PARAGRAPHS)
        child.sendcontrol("d")
        summaries[width] = _summary(child)
        child.sendcontrol("c")
        _finish(child)
    lines = _screen_lines(summaries[columns])
    assert _rows(lines, columns) <= 40, "\n".join(lines)
    assert all(len(line) <= columns for line in lines)
    assert all(line == line.rstrip() for line in lines)
    # A word broken across lines leaves pieces that the wide rendering does not have.
    wide = set(summaries[200].split())
    pieces = [w for w in summaries[columns].split() if w not in wide and not set(w) <= set("─")]
    assert not pieces, pieces


def test_plain_command_starts_the_wizard() -> None:
    child = _spawn()
    child.expect("Veiviser før du publiserer")
    child.expect("Hvor skal dette publiseres")
    child.sendcontrol("c")
    assert _finish(child) == 130


def test_sjekk_in_a_terminal() -> None:
    child = _spawn("sjekk", f"Fnr {FNR}")
    child.expect("STOPP")
    assert _finish(child) == 1


def test_output_to_a_closed_pipe_has_no_traceback() -> None:
    proc = subprocess.run(
        f'"{EXE}" retningslinjer --format markdown | head -n 1', shell=True, capture_output=True, text=True,
        check=False,
    )
    assert proc.stdout.startswith("# Retningslinjer")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
