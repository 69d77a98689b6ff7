"""Everything that reaches into typer's (and its bundled click's) internals to speak bokmål.

Kept in one module so that a typer upgrade that breaks it shows up in one place: ``tests/test_typer_patches``
fails loudly when an attribute patched here disappears. typer is pinned below 0.29 (see pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The internals patched by :func:`localise_help`; the test checks that each still exists.
PATCHED = (
    ("typer.rich_utils", "ARGUMENTS_PANEL_TITLE"),
    ("typer.rich_utils", "OPTIONS_PANEL_TITLE"),
    ("typer.rich_utils", "COMMANDS_PANEL_TITLE"),
    ("typer.rich_utils", "ERRORS_PANEL_TITLE"),
    ("typer.rich_utils", "DEFAULT_STRING"),
    ("typer.rich_utils", "ENVVAR_STRING"),
    ("typer.rich_utils", "REQUIRED_LONG_STRING"),
    ("typer._click.formatting", "HelpFormatter"),
    ("typer._click.decorators", "help_option"),
)


def usage_message(exc: BaseException, commands: tuple[str, ...] = ()) -> str:
    """Translate the usage errors raised by typer's command parser into bokmål.

    User input is never echoed whole: an unknown command that looks like a draft is described, not shown.
    """
    from tydal_sjekk.core.display import looks_like_text, quoted

    kind = type(exc).__name__
    option = getattr(exc, "option_name", None)
    param = getattr(exc, "param", None)
    param_name = ""
    if param is not None:
        opts = getattr(param, "opts", None) or []
        param_name = opts[0] if opts else str(getattr(param, "name", "") or "").upper()
    if kind == "NoSuchOption" and option:
        if looks_like_text(option) or " " in option:
            return ('Ukjent valg. Begynner teksten med «-»? Skriv «--» foran den: tydal-sjekk sjekk -- "…"')
        possibilities = getattr(exc, "possibilities", None) or []
        extra = f" Mente du {' eller '.join(sorted(possibilities))}?" if possibilities else ""
        import re

        shown = option if re.fullmatch(r"-{1,2}[A-Za-z][\w-]{0,30}", option) else quoted(option)
        return f"Ukjent valg: {shown}.{extra}"
    if kind == "MissingParameter":
        return f"Mangler verdi for {param_name or 'et argument'}."
    if kind == "BadOptionUsage" and option:
        message = str(getattr(exc, "message", ""))
        if "requires" in message or "argument" in message:
            return f"Valget {option} trenger en verdi."
        if "does not take a value" in message:
            return f"Valget {option} tar ingen verdi."
        return f"Feil bruk av valget {option}."
    if kind == "BadParameter":
        return f"Ugyldig verdi for {param_name or 'et argument'}."
    message = str(getattr(exc, "message", "") or exc)
    if message.startswith("No such command"):
        # «No such command 'sjek'. Did you mean 'sjekk'?»: the name is what stands between the first quote
        # and the quote that ends the sentence (a name may contain quotes itself).
        import re

        found = re.match(r"No such command (['\"])(.*)\1\.(?: Did you mean '[^']*'\?)?$", message, re.S)
        name = found.group(2) if found else ""
        if looks_like_text(name) or not name.strip():
            return 'Ukjent kommando. Vil du sjekke en tekst? Skriv: tydal-sjekk sjekk "…"'
        import difflib

        close = difflib.get_close_matches(name.lower(), commands, n=1, cutoff=0.55)
        if close:
            return f"Ukjent kommando {quoted(name)}. Mente du «{close[0]}»?"
        return f"Ukjent kommando {quoted(name)}. Kommandoene er {', '.join(commands)}."
    if message.startswith("Got unexpected extra argument"):
        return 'For mange argumenter. Sett teksten i anførselstegn: tydal-sjekk sjekk "…"'
    if kind == "BadParameter" or "is not a valid" in message:
        return f"Ugyldig verdi for {param_name or 'et argument'}."
    if message.startswith("Missing command"):
        return "Mangler kommando."
    return "Ugyldig bruk av kommandoen."


def localise_help() -> None:
    """Bokmål headings in ``--help``; only imported when help is actually shown."""
    try:
        # start-up: rich only when something is printed
        from typer import rich_utils
    except ImportError:  # pragma: no cover - rich is a hard dependency
        return
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenter"
    rich_utils.OPTIONS_PANEL_TITLE = "Valg"
    rich_utils.COMMANDS_PANEL_TITLE = "Kommandoer"
    rich_utils.ERRORS_PANEL_TITLE = "Feil"
    rich_utils.DEFAULT_STRING = "[standard: {}]"
    rich_utils.ENVVAR_STRING = "[miljøvariabel: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[påkrevd]"
    try:  # «Usage:» and the help option's own text come from typer's bundled click
        # start-up: only when help is shown
        from typer._click import decorators, formatting
    except ImportError:  # pragma: no cover - other typer versions
        return
    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_write_usage(self, prog, args, "Bruk: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    original_help_option = decorators.help_option

    def help_option(param_decls: list[str]) -> Callable[[Any], Any]:
        decorate = original_help_option(param_decls)

        def apply(command: Any) -> Any:
            command = decorate(command)
            command.params[-1].help = "Vis denne hjelpen og avslutt."
            return command

        return apply

    decorators.help_option = help_option


HELP_TEXTS = {
    "install_completion": "Installer tab-fullføring for skallet du bruker.",
    "show_completion": "Vis tab-fullføringen for skallet du bruker, for å kopiere eller tilpasse den.",
}


def translate_params(command: object) -> None:
    for param in getattr(command, "params", []) or []:
        text = HELP_TEXTS.get(getattr(param, "name", ""))
        if text is not None:
            param.help = text
    for sub in (getattr(command, "commands", {}) or {}).values():
        translate_params(sub)
