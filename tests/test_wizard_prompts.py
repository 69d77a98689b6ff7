"""The wizard with its real prompts (prompt_toolkit), fed through pipe input (issues 4 and 12)."""

from __future__ import annotations

import io
import re
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from helpers import first_valid
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.typeahead import get_typeahead, store_typeahead
from prompt_toolkit.key_binding.key_processor import KeyPress
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from tydal_sjekk.cli_wizard import run_wizard_command
from tydal_sjekk.core.errors import Interrupted, UserError
from tydal_sjekk.core.folder import Content
from tydal_sjekk.prompts import Prompter, discard_typeahead, editor_command, wrap
from tydal_sjekk.wizard.flow import BACK, wizard_content

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CTRL_C = "\x03"
CTRL_D = "\x04"
ESC_ENTER = "\x1b\r"
FNR = first_valid("150385")
PRIVATE_QUESTIONS = 7  # konto, om-jobben (Nei: no «rolle»), personer, kontakt, jobbinfo, henvendelse, sinne


class ScriptedPrompter(Prompter):
    """A real Prompter whose every prompt reads the next scripted keystrokes from a fresh pipe.

    Without a script, a choice takes Enter (the suggested answer) and the text field Ctrl-D (done).
    """

    def __init__(self, content: Content, keys: list[str], console: Console) -> None:
        super().__init__(wizard_content(content), content.guidelines, console, content.settings.texts.labels)
        self.keys = list(keys)
        self.asked: list[str] = []
        self._pipes = ExitStack()
        self._in_field = False

    def prompt_io(self) -> dict[str, Any]:
        pipe = self._pipes.enter_context(create_pipe_input())
        pipe.send_text(self.keys.pop(0) if self.keys else (CTRL_D if self._in_field else ENTER))
        return {"input": pipe, "output": DummyOutput()}

    def select(self, question, default, can_go_back):  # type: ignore[no-untyped-def]
        self.asked.append(question.id)
        return super().select(question, default, can_go_back)

    def paste(self) -> str:
        self.asked.append("<utkast>")
        return super().paste()

    def text_field(self) -> str:
        self._in_field = True
        try:
            return super().text_field()
        finally:
            self._in_field = False

    def confirm(self, message: str, default: bool = False) -> bool:
        self.asked.append(message)
        return super().confirm(message, default)


def _console(width: int = 100) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None)


def _run(content: Content, keys: list[str], **kwargs) -> tuple[int, ScriptedPrompter, str]:  # type: ignore[no-untyped-def]
    console = _console()
    prompter = ScriptedPrompter(content, keys, console)
    options = {"answers_file": None, "report": None, "overwrite": False, "template": False, **kwargs}
    code = run_wizard_command(content, prompter=prompter, console=console, **options)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return code, prompter, output


def _draft(text: str, end: str = CTRL_D) -> list[str]:
    """Enter at each question, «paste it here», then the text and the key that ends it."""
    return [ENTER] * PRIVATE_QUESTIONS + [ENTER, text.replace("\n", ENTER) + end]


def test_enter_at_every_prompt_reaches_a_summary(content: Content) -> None:
    code, prompter, output = _run(content, [])
    assert code == 0
    assert prompter.asked[0] == "konto" and "<utkast>" in prompter.asked
    assert "Oppsummering" in output and "OK" in output
    assert "Samlet vurdering" not in output  # one verdict, not two


def test_select_with_arrow_keys(content: Content) -> None:
    # konto: down to «offisiell»; kommentartype: «eget» first, default «noytral»; two down is «feil-fakta».
    code, prompter, output = _run(content, [DOWN + ENTER, DOWN + DOWN + ENTER])
    assert prompter.asked[:3] == ["konto", "kommentartype", "kilde"]
    assert " O2 " in output and code == 1


def test_answers_are_echoed_once_as_plain_lines(content: Content) -> None:
    _code, _prompter, output = _run(content, [ENTER, UP + ENTER])
    assert "? Hvor skal dette publiseres?  På min private profil" in output
    assert "? Handler innlegget om jobben din, arbeidsplassen din eller kommunen?  Ja" in output


def test_help_shows_the_guideline_and_asks_again_without_echoing_it(content: Content) -> None:
    # «om-jobben» has Ja, Nei (default), a separator, help, back: one down from Nei is help.
    texts = wizard_content(content).texts
    _code, prompter, output = _run(content, [ENTER, DOWN + ENTER, UP + ENTER])
    assert prompter.asked[:3] == ["konto", "om-jobben", "personer"]  # asked again inside one select()
    assert texts["hjelp_tittel"] in output
    assert "Vær bevisst på rollen din som ansatt i Tydal kommune." in output
    assert texts["valg_hjelp"] not in output  # never shown as an answer
    assert "arbeidsplassen din eller kommunen?  Ja" in output  # the real answer is


def test_back_goes_to_the_previous_question(content: Content) -> None:
    # konto → privat; om-jobben → «← Tilbake» (two down from Nei); konto again → offisiell.
    _code, prompter, _ = _run(content, [ENTER, DOWN + DOWN + ENTER, DOWN + ENTER])
    assert prompter.asked[:4] == ["konto", "om-jobben", "konto", "kommentartype"]


def test_pasted_draft_is_checked(content: Content) -> None:
    code, _prompter, output = _run(content, _draft(f"Eleven har fnr {FNR}"))
    assert code == 1
    assert "150385*****" in output and FNR not in output
    assert "STOPP" in output and " P3 " in output


def test_three_paragraphs_without_bracketed_paste(content: Content) -> None:
    """A paste without bracketed paste arrives as keys: Enter on a blank line must not end the text."""
    text = "Første avsnitt.\n\nEleven Ola har fått diagnosen ADHD.\n\nTredje avsnitt, og Nei til slutt."
    code, prompter, output = _run(content, _draft(text))
    assert code == 1 and "3 avsnitt" in output
    assert "Eleven O** har fått diagnosen ADHD" in output
    assert prompter.asked.count("<utkast>") == 1 and prompter.keys == []


def test_text_field_keeps_paragraphs_and_ends_on_ctrl_d_or_esc_enter(content: Content) -> None:
    for end in (CTRL_D, ESC_ENTER):
        prompter = ScriptedPrompter(content, [f"en{ENTER}{ENTER}to{ENTER}{ENTER}{ENTER}tre{end}"], _console())
        assert prompter.text_field() == "en\n\nto\n\n\ntre"


def test_windows_line_ends_are_one_line_break(content: Content) -> None:
    prompter = ScriptedPrompter(content, [f"en\r\nto\r\n\r\ntre{CTRL_D}"], _console())
    assert prompter.text_field() == "en\nto\n\ntre"


def test_bracketed_paste_is_taken_whole(content: Content) -> None:
    prompter = ScriptedPrompter(content, [f"\x1b[200~en\r\n\r\nto\x1b[201~{CTRL_D}"], _console())
    assert prompter.text_field() == "en\n\nto"


def test_ctrl_d_in_the_text_field_finishes_the_text(content: Content) -> None:
    code, _prompter, output = _run(content, _draft("Fin tur i fjellet i dag."))
    assert code == 0 and "Oppsummering" in output and "24 tegn i 1 avsnitt" in output


def test_ctrl_d_on_an_empty_field_means_no_text(content: Content) -> None:
    code, _prompter, output = _run(content, _draft(""))
    assert code == 0 and wizard_content(content).texts["utkast_tomt"] in output


def test_ctrl_c_in_the_text_field_aborts(content: Content) -> None:
    prompter = ScriptedPrompter(content, [f"halv tekst{CTRL_C}"], _console())
    with pytest.raises((KeyboardInterrupt, Interrupted)):
        prompter.text_field()


def test_skip_and_back_from_the_text_step(content: Content) -> None:
    # The text step: «lim inn» (default), «redigeringsprogram», «hopp over», separator, help, back.
    prompter = ScriptedPrompter(content, [DOWN + DOWN + ENTER], _console())
    assert prompter.paste() == ""
    prompter = ScriptedPrompter(content, [UP + ENTER], _console())
    assert prompter.paste() == BACK


def test_back_from_the_text_step_returns_to_the_last_question(content: Content) -> None:
    keys = [ENTER] * PRIVATE_QUESTIONS + [UP + ENTER, ENTER]
    _code, prompter, _output = _run(content, keys)
    assert prompter.asked[PRIVATE_QUESTIONS:PRIVATE_QUESTIONS + 3] == ["<utkast>", "sinne", "<utkast>"]


def test_text_from_the_editor(content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "pathlib.Path(sys.argv[1]).write_text('Fra redigering.\\n\\nAndre avsnitt.\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f'"{sys.executable}" "{script}"')
    assert editor_command() is not None
    prompter = ScriptedPrompter(content, [DOWN + ENTER], _console())
    assert prompter.paste() == "Fra redigering.\n\nAndre avsnitt."
    assert not list(Path(__import__("tempfile").gettempdir()).glob("tydal-sjekk-*.txt"))  # removed again


def test_no_editor_falls_back_to_the_field(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tydal_sjekk.prompts.editor_command", lambda: None)
    console = _console()
    prompter = ScriptedPrompter(content, [DOWN + ENTER, f"Her i stedet{CTRL_D}"], console)
    assert prompter.paste() == "Her i stedet"
    assert wizard_content(content).texts["redigering_mangler"][:30] in console.file.getvalue()  # type: ignore[attr-defined]


def test_type_ahead_is_discarded() -> None:
    with create_pipe_input() as pipe:
        store_typeahead(pipe, [KeyPress(Keys.ControlM, "\r"), KeyPress("N", "N")])
        discard_typeahead(pipe)
        assert get_typeahead(pipe) == []


def test_wrapping_breaks_only_between_words(content: Content) -> None:
    wiz = wizard_content(content)
    texts = [q.text for q in wiz.questions] + [c.text for q in wiz.questions for c in q.choices]
    texts += [wiz.texts["utkast_instruksjon"], wiz.texts["utkast_valg_sporsmal"]]
    for width in (50, 60, 80, 100, 160, 200):
        for text in texts:
            lines = wrap(text, width - 1, "? ", "  ")
            assert all(len(line) <= width - 1 for line in lines)
            assert " ".join(line[2:] for line in lines) == " ".join(text.split()), (width, text)


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_and_ctrl_d_interrupt_a_question(content: Content, key: str, tmp_path: Path) -> None:
    report = tmp_path / "rapport.md"
    with pytest.raises((KeyboardInterrupt, EOFError, Interrupted)):
        _run(content, [ENTER, key], report=str(report))
    assert not report.exists()


def test_offer_to_save_and_include_the_draft(content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # The questions, a draft, then: safer version? Nei; save? Ja (down); file name: Enter; include draft? Ja.
    keys = [*_draft("Kari er syk"), ENTER, DOWN + ENTER, ENTER, DOWN + ENTER]
    code, prompter, output = _run(content, keys)
    texts = wizard_content(content).texts
    assert texts["forslag_sporsmal"] in prompter.asked
    saved = tmp_path / texts["lagre_standard"]
    assert saved.is_file() and texts["lagret"] in output
    text = saved.read_text(encoding="utf-8")
    assert "K\\*\\*\\* er syk" in text and "Kari" not in text  # the draft is in, masked
    assert re.search(r"Dato: \d{1,2}\. [a-zæøå]+ \d{4}", text)  # «26. november 2026»
    assert code == 1


def test_safer_version_at_the_end(content: Content) -> None:
    text = "Fin dag på jobb i dag. Eleven Ola har fått diagnosen ADHD. Vi ses i morgen."
    keys = [*_draft(text), DOWN + ENTER]  # safer version? Ja
    _code, _prompter, output = _run(content, keys)
    suggestion = output[output.index(content.settings.texts.labels["forslag_tittel"]):]
    assert "Fin dag på jobb i dag. Vi ses i morgen." in suggestion and "ADHD" not in suggestion


def test_existing_report_needs_confirmation(content: Content, tmp_path: Path) -> None:
    report = tmp_path / "rapport.md"
    report.write_text("gammel", encoding="utf-8")
    # The questions take Enter, the text step «hopp over»; overwrite? Nei; another name? none.
    _run(content, [ENTER] * PRIVATE_QUESTIONS + [DOWN + DOWN + ENTER, ENTER, ENTER], report=str(report))
    assert report.read_text(encoding="utf-8") == "gammel"
    _run(content, [ENTER] * PRIVATE_QUESTIONS + [DOWN + DOWN + ENTER, DOWN + ENTER], report=str(report))
    assert report.read_text(encoding="utf-8").startswith("# Veiviser før du publiserer")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tydal-sjekk-")]  # no temporary files left


def test_no_terminal_is_refused(content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tydal_sjekk.cli_wizard.has_terminal", lambda: False)
    with pytest.raises(UserError) as info:
        run_wizard_command(content, answers_file=None, report=None, overwrite=False, template=False)
    assert "tydal-sjekk sjekk" in info.value.hint and "--svar" in info.value.hint
