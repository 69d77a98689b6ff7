"""``tydal-sjekk veiviser``: the interactive wizard (questionary) and its non-interactive twin (--svar)."""

from __future__ import annotations

import datetime as _dt
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from tydal_sjekk.core.errors import EXIT_FINDINGS, EXIT_OK, UserError
from tydal_sjekk.wizard.flow import (
    BACK,
    Flow,
    Summary,
    answers_from_mapping,
    answers_template,
    summarise,
    wizard_content,
)

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.check.model import CheckResult
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.prompts import Prompter

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


def _check(content: Content, draft: str, konto: str) -> CheckResult | None:
    if not draft.strip():
        return None
    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check import check_text

    return check_text(content, draft.strip("\n"), konto)


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
    # start-up: output code (and rich) only when printing
    from tydal_sjekk.render.wizard import summary_markdown

    return summary_markdown(
        summary,
        wizard_content(content),
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
    wiz = wizard_content(content)
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

    # start-up: prompt_toolkit only in a real terminal
    from tydal_sjekk.prompts import Prompter
    from tydal_sjekk.render.common import make_console
    from tydal_sjekk.render.wizard import print_summary

    console = console or make_console()
    if prompter is None:
        prompter = Prompter(wiz, content.guidelines, console, content.settings.texts.labels)
    # start-up: rich only when something is printed
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
    # start-up: only on the error path
    from tydal_sjekk.core.schema import Problem, parse_toml
    from tydal_sjekk.inputs import read_file
    from tydal_sjekk.render.common import make_console
    from tydal_sjekk.render.wizard import print_summary

    wiz = wizard_content(content)
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
    console = make_console()
    print_summary(console, summary, content)
    if report_path is not None:
        write_report(report_path, _report_text(summary, content, bool(data.get("ta_med_utkast", False))))
        console.print(f"{wiz.texts['lagret']} {report_path}")
    return EXIT_OK if summary.verdict == "ok" else EXIT_FINDINGS
