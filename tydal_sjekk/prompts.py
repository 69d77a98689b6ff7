"""Real prompts for the wizard with questionary (prompt_toolkit). Tests drive them through pipe input."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tydal_sjekk.core.errors import Interrupted
from tydal_sjekk.wizard.flow import BACK, Question

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.wizard.flow import WizardContent

HELP = "<hjelp>"

class Prompter:
    """Real prompts with questionary. ``input``/``output`` let tests drive them with a pipe."""

    def __init__(
        self, content: WizardContent, guidelines: Any, console: Console, labels: dict[str, str] | None = None,
        **io: Any,
    ) -> None:
        # start-up: prompt_toolkit only in a real terminal
        import questionary

        self.q = questionary
        self.content = content
        self.guidelines = guidelines
        self.console = console
        self.io = io
        self.labels = labels if labels is not None else {"ja": "Ja", "nei": "Nei", "velg_instruksjon": ""}
        self.instruction = self.labels["velg_instruksjon"]

    def prompt_io(self) -> dict[str, Any]:
        """Keyword arguments for each prompt (tests give every prompt its own input pipe)."""
        return dict(self.io)

    def _abortable(self, question: Any) -> Any:
        # start-up: prompt_toolkit only in a real terminal
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        extra = KeyBindings()

        @extra.add("c-d")
        def _(event: Any) -> None:
            event.app.exit(exception=EOFError())

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings, extra]) if app.key_bindings else extra
        return question.unsafe_ask()

    def select(self, question: Question, default: str, can_go_back: bool) -> str:
        texts = self.content.texts
        q = self.q
        choices: list[Any] = [q.Choice(c.text, value=c.id) for c in question.choices]
        choices.append(q.Separator(" "))
        choices.append(q.Choice(texts["valg_hjelp"], value=HELP))
        if can_go_back:
            choices.append(q.Choice(texts["valg_tilbake"], value=BACK))
        selected = next((c for c in choices if isinstance(c, q.Choice) and c.value == default), None)
        while True:
            reply = self._abortable(
                q.select(question.text, choices=choices, default=selected, qmark="?", instruction=self.instruction,
                         **self.prompt_io())
            )
            if reply is None:
                raise Interrupted
            if reply == HELP:
                self.show_help(question)
                continue
            return str(reply)

    def show_help(self, question: Question) -> None:
        # start-up: rich only when something is printed
        from rich.padding import Padding
        from rich.text import Text

        body = Text()
        body.append(self.content.texts["hjelp_tittel"] + "\n", style="bold")
        body.append(question.help + "\n")
        for gid in question.guidelines:
            g = self.guidelines.get(gid)
            body.append(f"\n{g.id} {g.title}: ", style="bold")
            body.append(g.text, style="italic")
        self.console.print(Padding(body, (0, 0, 1, 2)))

    def paste(self) -> str:
        # start-up: prompt_toolkit only in a real terminal
        from prompt_toolkit.key_binding import KeyBindings

        texts = self.content.texts
        kb = KeyBindings()

        @kb.add("enter")
        def _(event: Any) -> None:
            buffer = event.current_buffer
            text = buffer.text
            if text.strip() == "<":
                buffer.text = BACK
                buffer.validate_and_handle()
            elif not text.strip() or text.endswith("\n"):
                buffer.validate_and_handle()
            else:
                buffer.insert_text("\n")

        @kb.add("c-d")
        def _eof(event: Any) -> None:
            event.app.exit(exception=EOFError())

        # The question and the instruction are printed above a short prompt: a multi-line prompt whose first
        # line is wider than the terminal is not drawn at all by prompt_toolkit.
        from rich.text import Text

        self.console.print(Text("? ", style="bold") + Text(texts["utkast_sporsmal"], style="bold"))
        self.console.print(Text("  " + texts["utkast_instruksjon"], style="dim"))
        reply = self.q.text(
            texts["utkast_ledetekst"],
            multiline=True,
            instruction="",
            key_bindings=kb,
            qmark=" ",
            **self.prompt_io(),
        ).unsafe_ask()
        if reply is None:
            raise Interrupted
        return str(reply)

    def confirm(self, message: str, default: bool = False) -> bool:
        q = self.q
        choices = [q.Choice(self.labels["nei"], value=False), q.Choice(self.labels["ja"], value=True)]
        reply = self._abortable(
            q.select(message, choices=choices, default=choices[1] if default else choices[0], qmark="?",
                     instruction=self.instruction, **self.prompt_io())
        )
        if reply is None:
            raise Interrupted
        return bool(reply)

    def text(self, message: str, default: str) -> str:
        reply = self._abortable(self.q.text(message, default=default, qmark="?", **self.prompt_io()))
        if reply is None:
            raise Interrupted
        return str(reply)
