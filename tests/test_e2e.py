"""End-to-end runs of the installed command in a pseudo-terminal (pexpect) and through pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import first_valid

pexpect = pytest.importorskip("pexpect")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="pexpect needs a POSIX pty")]

FNR = first_valid("150385")
DOWN = "\x1b[B"
EXE = Path(sys.executable).parent / "tydal-sjekk"


def _spawn(*args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k != "TYDAL_SJEKK_INNHOLD"}
    # A pty under pexpect does not answer cursor-position requests; real terminals do.
    env.update({"TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "120", "LINES": "50", "PROMPT_TOOLKIT_NO_CPR": "1"})
    return pexpect.spawn(str(EXE), list(args), encoding="utf-8", timeout=20, env=env, dimensions=(50, 120),
                         cwd=str(cwd) if cwd else None)


def _finish(child) -> int:  # type: ignore[no-untyped-def]
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0))


def test_wizard_back_paste_and_stop_summary(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path)
    child.expect("Hvor skal dette publiseres")
    child.send("\r")  # privat
    child.expect("Handler innlegget om jobben")
    child.send(DOWN + DOWN + "\r")  # ← Tilbake
    child.expect("Hvor skal dette publiseres")
    child.send("\r")  # privat again
    child.expect("Handler innlegget om jobben")
    child.send("\x1b[A\r")  # Ja
    for question in ("Nevner eller viser", "Er du venn med", "Inneholder innlegget", "uttaler deg på vegne",
                     "Svarer du på et spørsmål", "Skriver du mens du er sint"):
        child.expect(question)
        child.send("\r")
    child.expect("Lim inn teksten")
    child.expect("Tekst:")
    child.send(f"Eleven min har fnr {FNR}\r")
    child.send("\r")
    child.expect("Funn i teksten du limte inn")
    child.expect("Samlet vurdering")
    summary = child.before + child.after  # what the tool wrote after the paste (not the echo of the typing)
    child.expect("Vil du lagre")
    child.send("\r")  # Nei
    code = _finish(child)
    assert code == 1
    assert "P3" in summary and "STOPP" in summary and "150385*****" in summary and FNR not in summary
    assert not list(tmp_path.iterdir())  # nothing written


def test_enter_at_every_prompt_walks_through(tmp_path: Path) -> None:
    child = _spawn("veiviser", cwd=tmp_path)
    child.expect("Hvor skal dette publiseres")
    for _ in range(20):
        child.send("\r")
        index = child.expect(["Samlet vurdering", pexpect.TIMEOUT], timeout=0.5)
        if index == 0:
            break
    child.expect("Vil du lagre")
    child.send("\r")
    assert _finish(child) == 0


def test_ctrl_c_interrupts_with_130(tmp_path: Path) -> None:
    child = _spawn("veiviser", "--rapport", str(tmp_path / "r.md"))
    child.expect("Hvor skal dette publiseres")
    child.sendcontrol("c")
    child.expect("Avbrutt.")
    assert _finish(child) == 130
    assert not (tmp_path / "r.md").exists()


def test_ctrl_d_in_the_paste_interrupts_with_130() -> None:
    child = _spawn("veiviser")
    child.expect("Hvor skal dette publiseres")
    for _ in range(7):
        child.send("\r")
    child.expect("Lim inn teksten")
    child.expect("Tekst:")
    child.sendcontrol("d")
    child.expect("Avbrutt.")
    assert _finish(child) == 130


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
