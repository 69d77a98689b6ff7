"""``tydal-sjekk veiviser``: the interactive wizard (prompts.py) and its non-interactive twin (--svar)."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tydal_sjekk.core.errors import EXIT_FINDINGS, EXIT_OK, UserError
from tydal_sjekk.reportfile import (
    NOT_SAVED,
    ReportExists,
    ReportFileError,
    check_report_target,
    display_path,
    report_path_from_option,
    write_report,
)
from tydal_sjekk.wizard.flow import (
    BACK,
    Flow,
    Summary,
    answers_from_mapping,
    answers_template,
    has_signal,
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


def _summary(content: Content, answers: dict[str, str], draft: str) -> Summary:
    """The answers together with the check of the text (the text decides where it can)."""
    wiz = wizard_content(content)
    konto = answers.get(wiz.konto_question, "privat")
    check = _check(content, draft, konto)
    has_disclaimer = check is not None and has_signal(content, draft, wiz.disclaimer_signal)
    return summarise(wiz, answers, check, has_disclaimer=has_disclaimer)


def _report_text(summary: Summary, content: Content, include_draft: bool) -> str:
    # start-up: output code (and rich) only when printing
    from tydal_sjekk.render.wizard import reply_templates, summary_markdown

    return summary_markdown(
        summary,
        wizard_content(content),
        content.guidelines,
        content.settings,
        include_draft=include_draft,
        date=_dt.date.today(),
        templates=reply_templates(content, summary)[1],
    )


def _offer_suggestion(prompter: Prompter, console: Console, content: Content, summary: Summary) -> None:
    """When the pasted text needs changes, offer a safer version of it (never saved or posted)."""
    check = summary.check
    if check is None or (summary.verdict == "ok" and not summary.disclaimer):
        return
    if not any(f.severity != "info" for f in check.findings) and not summary.disclaimer:
        return
    if not prompter.confirm(wizard_content(content).texts["forslag_sporsmal"], default=False):
        return
    # start-up: only when the suggestion is asked for
    from tydal_sjekk.render.suggestion import print_suggestion, safer_version

    texts = content.settings.texts
    console.print()
    print_suggestion(console, safer_version(check, texts.disclaimer if summary.disclaimer else None), texts)
    console.print()


def run_wizard_command(
    content: Content,
    *,
    answers_file: str | None,
    report: str | None,
    overwrite: bool,
    template: bool,
    prompter: Prompter | None = None,
    console: Console | None = None,
    details: bool = False,
) -> int:
    wiz = wizard_content(content)
    if template:
        sys.stdout.write(answers_template(wiz))
        return EXIT_OK
    # The report file is checked before the first question, so that nobody answers everything for nothing.
    report_path = report_path_from_option(report) if report is not None else None
    if report_path is not None:
        exists = check_report_target(report_path, overwrite=overwrite)
        if answers_file is not None and exists:
            if not overwrite:
                raise ReportExists(report_path)
            _refuse_answers_file_as_report(answers_file, report_path)
    if answers_file is not None:
        return _run_from_file(content, answers_file, report_path, overwrite, details)
    if prompter is None and not has_terminal():
        raise UserError(*NO_TERMINAL)

    # start-up: prompt_toolkit only in a real terminal
    from tydal_sjekk.prompts import Prompter
    from tydal_sjekk.render.common import make_console
    from tydal_sjekk.render.wizard import print_summary

    console = console or make_console(follow_resize=True)
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
    summary = _summary(content, answers, draft)
    print_summary(console, summary, content, details=details)
    _offer_suggestion(prompter, console, content, summary)

    path = report_path
    if path is None and prompter.confirm(wiz.texts["lagre_sporsmal"], default=False):
        name = prompter.text(wiz.texts["lagre_filnavn"], wiz.texts["lagre_standard"]).strip()
        path = _path_or_ask_again(prompter, console, name or wiz.texts["lagre_standard"], wiz.texts["annet_filnavn"])
        if path is None:
            console.print(Text(NOT_SAVED, style="dim"))
    if path is not None:
        _save_interactively(prompter, console, content, summary, path, overwrite)
    return EXIT_OK if summary.verdict == "ok" else EXIT_FINDINGS


def _refuse_answers_file_as_report(answers_file: str, report_path: Path) -> None:
    """``--overskriv`` must not replace the answers file it reads."""
    if answers_file == "-":
        return
    try:
        same = os.path.samefile(answers_file, report_path)
    except (OSError, ValueError):
        return
    if same:
        raise UserError(
            f"Rapportfilen «{display_path(report_path)}» er den samme som svarfilen.",
            "Velg et annet filnavn for rapporten.",
        )


def _print_report_problem(console: Console, error: UserError) -> None:
    # start-up: rich only when something is printed
    from rich.text import Text

    # Text, not markup: the message contains a path, and "[red]" in a file name is just a name. Soft wrap:
    # the terminal may wrap a long path, but rich does not break it into lines.
    console.print(Text.assemble(("Feil: ", "bold red"), error.message), soft_wrap=True)
    if error.hint:
        console.print(Text(error.hint, style="dim"), soft_wrap=True)


def _path_or_ask_again(prompter: Prompter, console: Console, name: str, question: str) -> Path | None:
    """The path for ``name``; while it cannot be used, say why and ask ``question`` (empty: give up, None)."""
    while True:
        if not name.strip():
            return None
        try:
            path = report_path_from_option(name)
            check_report_target(path)
        except ReportFileError as exc:
            _print_report_problem(console, exc)
            name = prompter.text(question, "").strip()
            continue
        return path


def _save_interactively(
    prompter: Prompter, console: Console, content: Content, summary: Summary, path: Path, overwrite: bool
) -> None:
    """Save the report; when the file exists and the user says no, or writing fails, ask for another name."""
    # start-up: rich only when something is printed
    from rich.text import Text

    wiz = wizard_content(content)
    text: str | None = None
    current: Path | None = path
    while current is not None:
        allowed = overwrite
        try:
            exists = check_report_target(current, overwrite=overwrite)
            if exists and not overwrite:
                question = f"{display_path(current)}: {wiz.texts['overskriv_sporsmal']}"
                if not prompter.confirm(question, default=False):
                    other = prompter.text(wiz.texts["annet_filnavn"], "").strip()
                    current = _path_or_ask_again(prompter, console, other, wiz.texts["annet_filnavn"])
                    continue
                allowed = True
            if text is None:
                include = summary.check is not None and prompter.confirm(
                    wiz.texts["ta_med_utkast_sporsmal"], default=False
                )
                text = _report_text(summary, content, include)
            write_report(current, text, overwrite=allowed)
        except ReportExists:
            continue  # it appeared while the wizard ran: check again, and ask before overwriting it
        except ReportFileError as exc:
            _print_report_problem(console, exc)
            other = prompter.text(wiz.texts["annet_filnavn"], "").strip()
            current = _path_or_ask_again(prompter, console, other, wiz.texts["annet_filnavn"])
            continue
        console.print(Text(f"{wiz.texts['lagret']} {display_path(current)}", style="bold"), soft_wrap=True)
        return
    console.print(Text(NOT_SAVED, style="dim"))


def _run_from_file(
    content: Content, answers_file: str, report_path: Path | None, overwrite: bool, details: bool = False
) -> int:
    # start-up: only on the error path
    from tydal_sjekk.core.display import shown_path
    from tydal_sjekk.core.schema import Problem, parse_toml
    from tydal_sjekk.inputs import read_file
    from tydal_sjekk.render.common import make_console
    from tydal_sjekk.render.wizard import print_summary

    wiz = wizard_content(content)
    raw = read_file(answers_file, "utf-8").text
    problems: list[Problem] = []
    data = parse_toml(raw.encode("utf-8"), "svarfilen", problems)
    if data is None:
        raise UserError(f"Svarfilen kan ikke leses: {problems[0]}" if problems else "Svarfilen kan ikke leses.")
    answers, errors = answers_from_mapping(wiz, data)
    if errors:
        lines = "\n".join(f"  • {e}" for e in errors)
        raise UserError(
            f"Svarfilen {shown_path(answers_file)} har {len(errors)} {'problem' if len(errors) == 1 else 'problemer'}:"
            f"\n{lines}",
            "Lag en mal med alle spørsmålene og gyldige svar med «tydal-sjekk veiviser --svarmal».",
        )
    summary = _summary(content, answers, data.get("utkast", ""))
    console = make_console()
    print_summary(console, summary, content, details=details)
    if report_path is not None:
        # Exclusive unless --overskriv: a file that appeared while this ran is not replaced (ReportExists).
        text = _report_text(summary, content, bool(data.get("ta_med_utkast", False)))
        write_report(report_path, text, overwrite=overwrite)
        # start-up: rich only when something is printed
        from rich.text import Text

        console.print(Text(f"{wiz.texts['lagret']} {display_path(report_path)}"), soft_wrap=True)
    return EXIT_OK if summary.verdict == "ok" else EXIT_FINDINGS
