"""The wizard with real questionary prompts, fed through prompt_toolkit's pipe input (issue 4)."""

from __future__ import annotations

import io
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from helpers import first_valid
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from tydal_sjekk.cli_wizard import run_wizard_command
from tydal_sjekk.core.errors import Interrupted, UserError
from tydal_sjekk.core.folder import Content
from tydal_sjekk.prompts import Prompter
from tydal_sjekk.wizard.flow import BACK, wizard_content

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_D = "\x04"
FNR = first_valid("150385")


class ScriptedPrompter(Prompter):
    """A real Prompter whose every prompt reads the next scripted keystrokes from a fresh pipe."""

    def __init__(self, content: Content, keys: list[str], console: Console) -> None:
        super().__init__(wizard_content(content), content.guidelines, console, content.settings.texts.labels)
        self.keys = list(keys)
        self.asked: list[str] = []
        self._pipes = ExitStack()

    def prompt_io(self) -> dict[str, Any]:
        pipe = self._pipes.enter_context(create_pipe_input())
        pipe.send_text(self.keys.pop(0) if self.keys else ENTER)
        return {"input": pipe, "output": DummyOutput()}

    def select(self, question, default, can_go_back):  # type: ignore[no-untyped-def]
        self.asked.append(question.id)
        return super().select(question, default, can_go_back)

    def paste(self) -> str:
        self.asked.append("<utkast>")
        return super().paste()

    def confirm(self, message: str, default: bool = False) -> bool:
        self.asked.append(message)
        return super().confirm(message, default)


def _console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


def _run(content: Content, keys: list[str], **kwargs) -> tuple[int, ScriptedPrompter, str]:  # type: ignore[no-untyped-def]
    console = _console()
    prompter = ScriptedPrompter(content, keys, console)
    options = {"answers_file": None, "report": None, "overwrite": False, "template": False, **kwargs}
    code = run_wizard_command(content, prompter=prompter, console=console, **options)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return code, prompter, output


def test_enter_at_every_prompt_reaches_a_summary(content: Content) -> None:
    code, prompter, output = _run(content, [])
    assert code == 0
    assert prompter.asked[0] == "konto" and "<utkast>" in prompter.asked
    assert "Oppsummering" in output and "Samlet vurdering" in output and "OK" in output


def test_select_with_arrow_keys(content: Content) -> None:
    # konto: down to «offisiell»; kommentartype: default is «noytral», two down is «feil-fakta».
    code, prompter, output = _run(content, [DOWN + ENTER, DOWN + DOWN + ENTER])
    assert prompter.asked[:3] == ["konto", "kommentartype", "kilde"]
    assert "O2" in output and code == 1


def test_help_shows_the_guideline_and_asks_again(content: Content) -> None:
    # «om-jobben» has Ja, Nei (default), a separator, help, back: one down from Nei is help.
    _code, prompter, output = _run(content, [ENTER, DOWN + ENTER, UP + ENTER])
    assert prompter.asked[:3] == ["konto", "om-jobben", "personer"]  # asked again inside one select()
    assert "Hvorfor spør vi om dette?" in output
    assert "Vær bevisst på rollen din som ansatt i Tydal kommune." in output


def test_back_goes_to_the_previous_question(content: Content) -> None:
    # konto → privat; om-jobben → «← Tilbake» (two down from Nei); konto again → offisiell.
    _code, prompter, _ = _run(content, [ENTER, DOWN + DOWN + ENTER, DOWN + ENTER])
    assert prompter.asked[:4] == ["konto", "om-jobben", "konto", "kommentartype"]


def test_pasted_draft_is_checked(content: Content) -> None:
    keys = [ENTER] * 7 + [f"Eleven har fnr {FNR}{ENTER}{ENTER}"]
    code, _prompter, output = _run(content, keys)
    assert code == 1
    assert "150385*****" in output and FNR not in output
    assert "STOPP" in output and " P3 " in output


def test_multi_line_paste_keeps_lines_and_ends_on_an_empty_line(content: Content) -> None:
    console = _console()
    prompter = ScriptedPrompter(content, [f"linje en{ENTER}linje to{ENTER}{ENTER}"], console)
    assert prompter.paste() == "linje en\nlinje to\n"


def test_paste_back_with_less_than_sign(content: Content) -> None:
    prompter = ScriptedPrompter(content, [f"<{ENTER}"], _console())
    assert prompter.paste() == BACK


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_and_ctrl_d_interrupt_a_question(content: Content, key: str, tmp_path: Path) -> None:
    report = tmp_path / "rapport.md"
    with pytest.raises((KeyboardInterrupt, EOFError, Interrupted)):
        _run(content, [ENTER, key], report=str(report))
    assert not report.exists()


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_and_ctrl_d_interrupt_the_paste(content: Content, key: str) -> None:
    prompter = ScriptedPrompter(content, [key], _console())
    with pytest.raises((KeyboardInterrupt, EOFError, Interrupted)):
        prompter.paste()


def test_offer_to_save_and_include_the_draft(content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # 7 questions, a draft, then: save? Ja (down), file name: Enter (default), include draft? Ja (down).
    keys = [ENTER] * 7 + [f"Kari er syk{ENTER}{ENTER}", DOWN + ENTER, ENTER, DOWN + ENTER]
    code, _, output = _run(content, keys)
    saved = tmp_path / "tydal-sjekk-oppsummering.md"
    assert saved.is_file() and "lagret i" in output
    text = saved.read_text(encoding="utf-8")
    assert "K\\*\\*\\* er syk" in text and "Kari" not in text  # the draft is in, masked
    assert code == 1


def test_existing_report_needs_confirmation(content: Content, tmp_path: Path) -> None:
    report = tmp_path / "rapport.md"
    report.write_text("gammel", encoding="utf-8")
    _run(content, [ENTER] * 8 + [ENTER], report=str(report))  # overwrite? Nei (default)
    assert report.read_text(encoding="utf-8") == "gammel"
    _run(content, [ENTER] * 8 + [DOWN + ENTER], report=str(report))  # overwrite? Ja
    assert report.read_text(encoding="utf-8").startswith("# Veiviser før du publiserer")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tydal-sjekk-")]  # no temporary files left


def test_no_terminal_is_refused(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tydal_sjekk.cli_wizard.has_terminal", lambda: False)
    with pytest.raises(UserError) as info:
        run_wizard_command(content, answers_file=None, report=None, overwrite=False, template=False)
    assert "tydal-sjekk sjekk" in info.value.hint and "--svar" in info.value.hint
