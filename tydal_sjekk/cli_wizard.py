"""``tydal-sjekk veiviser``: the interactive wizard (questionary) and its non-interactive twin (--svar)."""

from __future__ import annotations

import datetime as _dt
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tydal_sjekk.errors import EXIT_FINDINGS, EXIT_OK, Interrupted, UserError
from tydal_sjekk.wizard import BACK, Flow, Question, Summary, answers_from_mapping, answers_template, summarise

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.check.model import CheckResult
    from tydal_sjekk.content import Content
    from tydal_sjekk.wizard import WizardContent

HELP = "<hjelp>"
NO_TERMINAL = (
    "Veiviseren trenger en terminal, og her er enten inndata eller utdata ikke en terminal.",
    "Bruk «tydal-sjekk sjekk» for å sjekke en tekst, eller «tydal-sjekk veiviser --svar svar.toml» for å "
    "svare på spørsmålene fra en fil (lag en mal med «tydal-sjekk veiviser --svarmal»).",
)


def has_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


class Prompter:
    """Real prompts with questionary. ``input``/``output`` let tests drive them with a pipe."""

    def __init__(self, content: WizardContent, guidelines: Any, console: Console, **io: Any) -> None:
        import questionary

        self.q = questionary
        self.content = content
        self.guidelines = guidelines
        self.console = console
        self.io = io
        self.instruction = "(piltaster og Enter)"

    def prompt_io(self) -> dict[str, Any]:
        """Keyword arguments for each prompt (tests give every prompt its own input pipe)."""
        return dict(self.io)

    def _abortable(self, question: Any) -> Any:
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
        choices = [q.Choice("Nei", value=False), q.Choice("Ja", value=True)]
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


def _check(content: Content, draft: str, konto: str) -> CheckResult | None:
    if not draft.strip():
        return None
    from tydal_sjekk.check import check_text

    return check_text(content, draft.strip("\n"), konto)


def print_summary(console: Console, summary: Summary, content: Content) -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from tydal_sjekk import render
    from tydal_sjekk.wizard import advice_by_guideline

    wiz = content.wizard
    texts = wiz.texts
    settings = content.settings
    s = settings.texts
    guidelines = content.guidelines
    console.print()
    console.print(Rule(Text(texts["oppsummering_tittel"], style="bold"), align="left"))
    groups = advice_by_guideline(summary, guidelines)
    if groups:
        console.print(Text(texts["rad_tittel"], style="bold"))
        for gid, items in groups:
            g = guidelines.get(gid)
            head = Text()
            head.append(f" {g.id} ", style="bold reverse")
            head.append(f"  {g.title}", style="bold")
            console.print()
            console.print(head)
            console.print(Padding(Text(g.text, style="dim italic"), (0, 0, 0, 6)))
            for a in items:
                line = Text()
                line.append(s.severity[a.severity].upper(), style=render.SEVERITY_STYLE[a.severity])
                line.append(f"  {a.text}")
                console.print(Padding(line, (0, 0, 0, 4)))
    else:
        console.print(Text(texts["ingen_rad"]))
    if summary.disclaimer:
        console.print()
        console.print(Text(texts["presisering_tittel"], style="bold"))
        console.print(Padding(Text(s.disclaimer, style="bold cyan"), (0, 0, 0, 4)))
    if summary.check is not None:
        console.print()
        console.print(Rule(Text(texts["funn_tittel"], style="bold"), align="left"))
        render.print_result(console, summary.check, guidelines, settings)
    console.print()
    verdict = Text()
    verdict.append("Samlet vurdering: ", style="bold")
    verdict.append(f" {s.verdict[summary.verdict]} ", style=render.VERDICT_STYLE[summary.verdict])
    verdict.append(f"  {s.verdict_explanation[summary.verdict]}")
    console.print(verdict)
    if summary.check is None:
        console.print(Text(s.reminder, style="dim"))


def write_report(path: Path, text: str) -> None:
    """Write atomically: a temporary file in the same folder, then a rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"Mappen «{folder}» finnes ikke.", "Rapporten ble ikke lagret.")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tydal-sjekk-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"Kan ikke skrive «{path}»: {exc.strerror or exc}.") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _report_text(summary: Summary, content: Content, include_draft: bool) -> str:
    from tydal_sjekk.wizard import summary_markdown

    return summary_markdown(
        summary,
        content.wizard,
        content.guidelines,
        content.settings,
        include_draft=include_draft,
        date=_dt.date.today().isoformat(),
    )


def run_wizard_command(
    content: Content,
    *,
    answers_file: str | None,
    report: str | None,
    overwrite: bool,
    template: bool,
    prompter: Prompter | None = None,
    console: Console | None = None,
) -> int:
    wiz = content.wizard
    if template:
        sys.stdout.write(answers_template(wiz))
        return EXIT_OK
    report_path = Path(report).expanduser() if report else None
    if answers_file is not None:
        if report_path is not None and report_path.exists() and not overwrite:
            raise UserError(f"Filen «{report_path}» finnes fra før.", "Bruk --overskriv for å skrive over den.")
        return _run_from_file(content, answers_file, report_path)
    if prompter is None and not has_terminal():
        raise UserError(*NO_TERMINAL)

    from tydal_sjekk import render

    console = console or render.make_console()
    if prompter is None:
        prompter = Prompter(wiz, content.guidelines, console)
    from rich.text import Text

    console.print(Text(wiz.texts["tittel"], style="bold underline"))
    console.print(Text(wiz.texts["innledning"], style="dim"))
    console.print()
    flow = Flow(wiz)
    while True:
        answers = flow.run(prompter.select)
        draft = prompter.paste()
        if draft == BACK:
            flow.back()
            continue
        break
    konto = answers.get(wiz.konto_question, "privat")
    summary = summarise(wiz, answers, _check(content, draft, konto))
    print_summary(console, summary, content)

    path = report_path
    if path is None and prompter.confirm(wiz.texts["lagre_sporsmal"], default=False):
        path = Path(prompter.text(wiz.texts["lagre_filnavn"], wiz.texts["lagre_standard"]).strip()
                    or wiz.texts["lagre_standard"]).expanduser()
    if path is not None:
        if path.exists() and not (overwrite or prompter.confirm(f"{path}: {wiz.texts['overskriv_sporsmal']}")):
            console.print(Text("Rapporten ble ikke lagret.", style="dim"))
        else:
            include = summary.check is not None and prompter.confirm(wiz.texts["ta_med_utkast_sporsmal"], default=False)
            write_report(path, _report_text(summary, content, include))
            console.print(Text(f"{wiz.texts['lagret']} {path}", style="bold"))
    return EXIT_OK if summary.verdict == "ok" else EXIT_FINDINGS


def _run_from_file(content: Content, answers_file: str, report_path: Path | None) -> int:
    from tydal_sjekk import render
    from tydal_sjekk.inputs import read_file
    from tydal_sjekk.schema import Problem, parse_toml

    wiz = content.wizard
    raw = read_file(answers_file, "utf-8").text if answers_file != "-" else sys.stdin.read()
    problems: list[Problem] = []
    data = parse_toml(raw.encode("utf-8"), answers_file, problems)
    if data is None:
        raise UserError(f"Svarfilen kan ikke leses: {problems[0]}" if problems else "Svarfilen kan ikke leses.")
    answers, errors = answers_from_mapping(wiz, data)
    if errors:
        lines = "\n".join(f"  • {e}" for e in errors)
        raise UserError(
            f"Svarfilen «{answers_file}» har {len(errors)} {'problem' if len(errors) == 1 else 'problemer'}:\n{lines}",
            "Lag en mal med alle spørsmålene og gyldige svar med «tydal-sjekk veiviser --svarmal».",
        )
    draft = data.get("utkast", "")
    konto = answers.get(wiz.konto_question, "privat")
    summary = summarise(wiz, answers, _check(content, draft, konto))
    console = render.make_console()
    print_summary(console, summary, content)
    if report_path is not None:
        write_report(report_path, _report_text(summary, content, bool(data.get("ta_med_utkast", False))))
        console.print(f"{wiz.texts['lagret']} {report_path}")
    return EXIT_OK if summary.verdict == "ok" else EXIT_FINDINGS
