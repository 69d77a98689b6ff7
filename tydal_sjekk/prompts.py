"""The wizard's prompts in the terminal, built directly on prompt_toolkit.

- Each prompt draws its own text, wrapped at word boundaries for the terminal's *current* width, so the text
  never breaks inside a word, also after a resize. A resize clears the screen and redraws the prompt: a
  terminal that re-flows the old lines would otherwise leave pieces of them behind.
- Keys typed or pasted before a prompt is shown are thrown away (type-ahead), so that text pasted at the
  wrong moment cannot answer the next questions.
- An answered prompt is erased and the answer is printed as one plain line (rich). The help choice prints
  the help and asks again; it is never shown as an answer.
- The text field accepts any text, with or without bracketed paste: Enter is a new line (also blank lines
  between paragraphs), Ctrl-D or Esc and then Enter finishes, Ctrl-C aborts. Long texts can be written in
  the user's own editor ($VISUAL, $EDITOR, Notepad on Windows).

Tests drive the prompts through prompt_toolkit's pipe input (``prompt_io``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
from typing import TYPE_CHECKING, Any

from tydal_sjekk.core.errors import Interrupted
from tydal_sjekk.wizard.flow import BACK, Question

if TYPE_CHECKING:
    from prompt_toolkit.key_binding import KeyBindings
    from rich.console import Console

    from tydal_sjekk.wizard.flow import WizardContent

HELP = "<hjelp>"
PASTE, EDITOR, SKIP = "<lim-inn>", "<redigering>", "<hopp-over>"
YES, NO = "ja", "nei"
# prompt_toolkit style classes; colours follow the rich output (NO_COLOR is respected by prompt_toolkit).
STYLE = {
    "qmark": "bold ansigreen",
    "question": "bold",
    "instruction": "ansibrightblack",
    "pointer": "bold ansicyan",
    "selected": "bold ansicyan",
    "separator": "",
}


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken between words (a single word longer than a line,
    such as a long web address, is the only thing ever cut)."""
    width = max(width, len(rest) + 8, len(first) + 8)
    lines = textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_long_words=True,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def discard_typeahead(pt_input: Any) -> None:
    """Forget keys that arrived before the prompt: prompt_toolkit's own store and the terminal's queue."""
    # start-up: prompt_toolkit only in a real terminal
    from prompt_toolkit.input.typeahead import clear_typeahead

    clear_typeahead(pt_input)
    try:
        fd = pt_input.fileno()
    except (AttributeError, NotImplementedError, OSError, ValueError):
        return
    try:
        if not os.isatty(fd):
            return
        if os.name == "nt":
            import msvcrt

            while msvcrt.kbhit():  # type: ignore[attr-defined,unused-ignore]
                msvcrt.getwch()  # type: ignore[attr-defined,unused-ignore]
        else:
            import termios

            termios.tcflush(fd, termios.TCIFLUSH)
    except (OSError, ValueError, ImportError):
        pass


def _application(**kwargs: Any) -> Any:
    """A prompt_toolkit application that clears the screen and redraws itself when the terminal is resized."""
    # start-up: prompt_toolkit only in a real terminal
    from prompt_toolkit.application import Application
    from prompt_toolkit.styles import Style

    class _Application(Application[Any]):
        def _on_resize(self) -> None:
            # The default erases as many rows as it drew; a terminal that re-flowed those rows at the new
            # width would keep the rest. Clearing the screen leaves nothing behind.
            self.renderer.clear()
            self._redraw()

    return _Application(style=Style.from_dict(STYLE), full_screen=False, erase_when_done=True, mouse_support=False,
                        **kwargs)


def _columns() -> int:
    # start-up: prompt_toolkit only in a real terminal
    from prompt_toolkit.application import get_app

    return max(20, get_app().output.get_size().columns - 1)


def _title_lines(title: str, instruction: str, width: int) -> list[tuple[str, str]]:
    """«? Question» and the instruction under it, as prompt_toolkit formatted text."""
    out: list[tuple[str, str]] = []
    for k, line in enumerate(wrap(title, width, "? ", "  ")):
        if k:
            out += [("", "\n"), ("class:question", line)]
        else:
            out += [("class:qmark", line[:2]), ("class:question", line[2:])]
    for line in wrap(instruction, width, "  ", "  ") if instruction else []:
        out.append(("", "\n"))
        out.append(("class:instruction", line))
    return out


class Prompter:
    """The prompts of the wizard. ``input``/``output`` (prompt_toolkit) let tests drive them with a pipe."""

    def __init__(
        self, content: WizardContent, guidelines: Any, console: Console, labels: dict[str, str] | None = None,
        **io: Any,
    ) -> None:
        self.content = content
        self.guidelines = guidelines
        self.console = console
        self.io = io
        self.labels = labels if labels is not None else {"ja": "Ja", "nei": "Nei", "velg_instruksjon": ""}
        self.instruction = self.labels["velg_instruksjon"]

    def prompt_io(self) -> dict[str, Any]:
        """Keyword arguments for each prompt (tests give every prompt its own input pipe)."""
        return dict(self.io)

    # --- running one prompt -------------------------------------------------------------------------

    def _run(self, app: Any) -> Any:
        discard_typeahead(app.input)
        return app.run()

    def echo(self, title: str, answer: str) -> None:
        """The answered question as one plain line: «? Question  Answer» (wrapped under the question)."""
        # start-up: rich only when something is printed
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(Text("?", style="bold green"), Text.assemble((title, "bold"), "  ", (answer, "cyan")))
        self.console.print(grid)

    def _note(self, text: str, style: str = "dim") -> None:
        # start-up: rich only when something is printed
        from rich.padding import Padding
        from rich.text import Text

        self.console.print(Padding(Text(text, style=style), (0, 0, 0, 2)))

    def choose(self, title: str, choices: list[tuple[str, str] | None], default: str) -> str:
        """Arrow keys and Enter among ``choices`` (value, text); None is a blank separator line."""
        # start-up: prompt_toolkit only in a real terminal
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from prompt_toolkit.layout import FormattedTextControl, Layout, Window

        selectable = [k for k, c in enumerate(choices) if c is not None]
        state = {"index": next((k for k in selectable if choices[k][0] == default), selectable[0])}  # type: ignore[index]

        def text() -> Any:  # prompt_toolkit's StyleAndTextTuples
            width = _columns()
            out = _title_lines(title, self.instruction, width)
            for k, choice in enumerate(choices):
                out.append(("", "\n"))
                if choice is None:
                    continue
                chosen = k == state["index"]
                lines = wrap(choice[1], width, "  » " if chosen else "    ", "    ")
                for n, line in enumerate(lines):
                    if n:
                        out.append(("", "\n"))
                    if chosen and n == 0:
                        out.append(("class:pointer", line[:4]))
                        out.append(("class:selected", line[4:]))
                    else:
                        out.append(("class:selected" if chosen else "", line))
            return out

        def move(step: int) -> None:
            position = selectable.index(state["index"])
            state["index"] = selectable[(position + step) % len(selectable)]

        kb = KeyBindings()

        @kb.add("up")
        @kb.add("c-p")
        @kb.add("k")
        @kb.add("s-tab")
        def _up(event: Any) -> None:
            move(-1)

        @kb.add("down")
        @kb.add("c-n")
        @kb.add("j")
        @kb.add("tab")
        def _down(event: Any) -> None:
            move(1)

        @kb.add("enter")
        def _enter(event: Any) -> None:
            event.app.exit(result=choices[state["index"]][0])  # type: ignore[index]

        self._interrupt_keys(kb)

        @kb.add(Keys.Any)
        @kb.add(Keys.BracketedPaste)
        def _ignore(event: Any) -> None:
            """Other keys (and pasted text) do nothing here."""

        control = FormattedTextControl(text, show_cursor=False)
        app = _application(
            layout=Layout(Window(control, dont_extend_height=True, wrap_lines=False, always_hide_cursor=True)),
            key_bindings=kb, **self.prompt_io(),
        )
        reply = self._run(app)
        if reply is None:
            raise Interrupted
        return str(reply)

    @staticmethod
    def _interrupt_keys(kb: KeyBindings) -> None:
        @kb.add("c-c")
        def _ctrl_c(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        @kb.add("c-d")
        def _ctrl_d(event: Any) -> None:
            event.app.exit(exception=EOFError())

    # --- the wizard's prompts -----------------------------------------------------------------------

    def select(self, question: Question, default: str, can_go_back: bool) -> str:
        texts = self.content.texts
        choices: list[tuple[str, str] | None] = [(c.id, c.text) for c in question.choices]
        choices.append(None)
        choices.append((HELP, texts["valg_hjelp"]))
        if can_go_back:
            choices.append((BACK, texts["valg_tilbake"]))
        while True:
            reply = self.choose(question.text, choices, default)
            if reply == HELP:
                self.show_help(question.help, question.guidelines)
                continue
            if reply != BACK:
                self.echo(question.text, question.choice(reply).text)
            return reply

    def show_help(self, help_text: str, guideline_ids: tuple[str, ...]) -> None:
        # start-up: rich only when something is printed
        from rich.padding import Padding
        from rich.text import Text

        body = Text()
        body.append(self.content.texts["hjelp_tittel"] + "\n", style="bold")
        body.append(help_text)
        for gid in guideline_ids:
            g = self.guidelines.get(gid)
            body.append(f"\n{g.id} {g.title}: ", style="bold")
            body.append(g.text, style="italic")
        self.console.print(Padding(body, (0, 0, 1, 2)))

    def paste(self) -> str:
        """The text to check: pasted here, written in an editor, or none (""); BACK to go back."""
        texts = self.content.texts
        choices: list[tuple[str, str] | None] = [
            (PASTE, texts["utkast_valg_lim_inn"]),
            (EDITOR, texts["utkast_valg_redigering"]),
            (SKIP, texts["utkast_valg_hopp_over"]),
            None,
            (HELP, texts["valg_hjelp"]),
            (BACK, texts["valg_tilbake"]),
        ]
        title = texts["utkast_valg_sporsmal"]
        while True:
            reply = self.choose(title, choices, PASTE)
            if reply == HELP:
                self.show_help(texts["utkast_valg_hjelp"], ())
                continue
            if reply == BACK:
                return BACK
            self.echo(title, next(c[1] for c in choices if c is not None and c[0] == reply))
            if reply == SKIP:
                return ""
            text = self.edit() if reply == EDITOR else None
            if text is None:
                text = self.text_field()
            self.received(text)
            return text

    def received(self, text: str) -> None:
        texts = self.content.texts
        if not text.strip():
            self._note(texts["utkast_tomt"])
            return
        # start-up: trivial
        from tydal_sjekk.core.display import thousands

        paragraphs = len([p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()])
        shown = texts["utkast_mottatt"].format(tegn=thousands(len(text.strip())), avsnitt=paragraphs)
        self._note(f"{texts['utkast_ledetekst']} {shown}")

    def text_field(self) -> str:
        """A multi-line field: Enter is a new line; Ctrl-D (or Esc, Enter) finishes; Ctrl-C aborts."""
        # start-up: prompt_toolkit only in a real terminal
        from prompt_toolkit.buffer import Buffer
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window
        from prompt_toolkit.layout.controls import BufferControl

        texts = self.content.texts
        buffer = Buffer(multiline=True)
        kb = KeyBindings()

        @kb.add("enter")
        def _newline(event: Any) -> None:
            event.current_buffer.insert_text("\n")

        @kb.add("c-j")
        def _line_feed(event: Any) -> None:
            # A paste with Windows line ends sends CR and LF: one line break, not two.
            previous = event.previous_key_sequence
            if previous and previous[-1].key == Keys.ControlM:
                return
            event.current_buffer.insert_text("\n")

        @kb.add("c-i")
        def _tab(event: Any) -> None:
            event.current_buffer.insert_text("\t")

        @kb.add("c-d")
        @kb.add("escape", "enter")
        def _done(event: Any) -> None:
            event.app.exit(result=buffer.text)

        @kb.add("c-c")
        def _ctrl_c(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt())

        def header() -> Any:
            return _title_lines(texts["utkast_sporsmal"], texts["utkast_instruksjon"], _columns())

        layout = Layout(
            HSplit([
                Window(FormattedTextControl(header, show_cursor=False), dont_extend_height=True, wrap_lines=False),
                Window(BufferControl(buffer), wrap_lines=True, dont_extend_height=True,
                       get_line_prefix=lambda line, wrap_count: "  "),
            ]),
            focused_element=buffer,
        )
        reply = self._run(_application(layout=layout, key_bindings=kb, **self.prompt_io()))
        if reply is None:
            raise Interrupted
        return str(reply).replace("\r\n", "\n").strip("\n")

    def edit(self) -> str | None:
        """The text written in the user's editor; None when there is no editor (then the field is used)."""
        # start-up: only when an editor is chosen
        import subprocess
        import tempfile
        import time
        from pathlib import Path

        texts = self.content.texts
        command = editor_command()
        if command is None:
            self._note(texts["redigering_mangler"], style="bold")
            return None
        fd, name = tempfile.mkstemp(prefix="tydal-sjekk-", suffix=".txt")
        os.close(fd)
        path = Path(name)
        try:
            self._note(texts["redigering_starter"].format(program=Path(command[0]).name))
            started = time.monotonic()
            try:
                subprocess.call([*command, name])
            except OSError:
                self._note(texts["redigering_mangler"], style="bold")
                return None
            # Some editors hand the file to a window that is already open and return at once.
            if time.monotonic() - started < 2 and not path.read_bytes().strip():
                self.text(texts["redigering_vent"], "")
            return path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").strip("\n")
        finally:
            with contextlib.suppress(OSError):
                path.unlink()

    def confirm(self, message: str, default: bool = False) -> bool:
        choices: list[tuple[str, str] | None] = [(NO, self.labels["nei"]), (YES, self.labels["ja"])]
        reply = self.choose(message, choices, YES if default else NO)
        self.echo(message, self.labels["ja"] if reply == YES else self.labels["nei"])
        return reply == YES

    def text(self, message: str, default: str) -> str:
        """One line of text (a file name); Enter accepts it."""
        # start-up: prompt_toolkit only in a real terminal
        from prompt_toolkit.buffer import Buffer
        from prompt_toolkit.document import Document
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.layout import FormattedTextControl, HSplit, Layout, Window
        from prompt_toolkit.layout.controls import BufferControl

        buffer = Buffer(multiline=False, document=Document(default, len(default)))
        kb = KeyBindings()

        @kb.add("enter")
        def _accept(event: Any) -> None:
            event.app.exit(result=buffer.text)

        self._interrupt_keys(kb)

        def header() -> Any:
            return _title_lines(message, "", _columns())

        layout = Layout(
            HSplit([
                Window(FormattedTextControl(header, show_cursor=False), dont_extend_height=True, wrap_lines=False),
                Window(BufferControl(buffer), height=1, get_line_prefix=lambda line, wrap_count: "  › "),
            ]),
            focused_element=buffer,
        )
        reply = self._run(_application(layout=layout, key_bindings=kb, **self.prompt_io()))
        if reply is None:
            raise Interrupted
        self.echo(message, str(reply))
        return str(reply)


def editor_command() -> list[str] | None:
    """$VISUAL, then $EDITOR, then Notepad on Windows or the usual editors elsewhere."""
    # start-up: only when an editor is chosen
    import shlex
    import shutil

    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                parts = shlex.split(value, posix=os.name != "nt")
            except ValueError:
                continue
            if parts and shutil.which(parts[0].strip('"')):
                return [parts[0].strip('"'), *parts[1:]]
    candidates = ["notepad"] if os.name == "nt" else ["editor", "nano", "vi"]
    if sys.platform == "darwin":
        candidates = ["nano", "vi"]
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return [found]
    return None
