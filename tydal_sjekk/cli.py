"""The ``tydal-sjekk`` command line.

Exit codes: 0 ok · 1 findings need attention · 2 usage, input or content error · 130 interrupted.
Heavy modules (prompt_toolkit, the check engine, phone and id-number libraries) are imported lazily in
the commands that need them, so a plain ``sjekk`` starts quickly.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from tydal_sjekk import __version__, typer_patches
from tydal_sjekk.core.errors import EXIT_INTERRUPTED, EXIT_USAGE, Interrupted, UserError
from tydal_sjekk.core.schema import ContentError

if TYPE_CHECKING:
    from tydal_sjekk.core.folder import Content

PROG = "tydal-sjekk"
ENV_CONTENT = "TYDAL_SJEKK_INNHOLD"

APP_HELP = (
    "Sjekk innlegg mot Tydal kommunes retningslinjer for sosiale medier før du publiserer.\n\n"
    "Uten kommando i en terminal starter veiviseren."
)


class State:
    """Global options, shared by every command."""

    def __init__(self, content_dir: Path | None = None) -> None:
        self.content_dir = content_dir
        self._content: Content | None = None

    @property
    def content(self) -> "Content":
        if self._content is None:
            # start-up: content is located only when a command needs it
            from tydal_sjekk.core.folder import Content

            self._content = Content.from_option(self.content_dir)
        return self._content


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


# Options shared by `sjekk` and `svar`.
FormatOption = Annotated[
    str, typer.Option("--format", help="Utdataformat: tekst, json eller markdown.", metavar="FORMAT")
]
ShowMatchesOption = Annotated[
    bool, typer.Option("--vis-treff", help="Vis personopplysninger i klartekst i stedet for maskert.")
]
EncodingOption = Annotated[
    str, typer.Option("--encoding", help="Tegnkoding for filer og standard inn.", metavar="KODING")
]
DetailsOption = Annotated[
    bool, typer.Option("--detaljer", help="Vis hele teksten i retningslinjene, ikke bare overskriften.")
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit(0)


def root(
    ctx: typer.Context,
    innhold: Annotated[
        Path | None,
        typer.Option(
            "--innhold",
            envvar=ENV_CONTENT,
            help="Bruk innholdet (retningslinjer, regler, spørsmål, maler) fra denne mappen.",
            show_default=False,
            metavar="MAPPE",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Vis versjonen og avslutt."),
    ] = False,
) -> None:
    """Sjekk innlegg mot Tydal kommunes retningslinjer for sosiale medier."""
    ctx.obj = State(content_dir=innhold)
    if ctx.invoked_subcommand is None:
        _start_default(ctx)


def _start_default(ctx: typer.Context) -> None:
    """Plain ``tydal-sjekk``: the wizard in a terminal, otherwise a pointer to what to do instead."""
    # start-up: only the command that runs is imported
    from tydal_sjekk.cli_wizard import run_wizard_command

    code = run_wizard_command(_state(ctx).content, answers_file=None, report=None, overwrite=False, template=False)
    raise typer.Exit(code)


# --- retningslinjer -------------------------------------------------------------------------------


def retningslinjer(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Vis bare disse punktene, for eksempel P3 O7.", show_default=False, metavar="[ID]..."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="Utdataformat: tekst, markdown eller json.", metavar="FORMAT")
    ] = "tekst",
) -> None:
    """Vis retningslinjene med forklaring og lovgrunnlag."""
    # start-up: only for the command that runs
    from tydal_sjekk.core.types import FORMATS
    from tydal_sjekk.inputs import check_choice
    from tydal_sjekk.render import guidelines as render
    from tydal_sjekk.render.common import make_console, write_out

    fmt = check_choice(format, FORMATS, "--format")
    doc = _state(ctx).content.guidelines
    if ids:
        chosen = []
        unknown = []
        for raw in ids:
            gid = doc.normalise_id(raw)
            if gid is None:
                unknown.append(raw)
            elif doc.get(gid) not in chosen:
                chosen.append(doc.get(gid))
        if unknown:
            from tydal_sjekk.core.display import looks_like_text, quoted

            label = "retningslinje" if len(unknown) == 1 else "retningslinjer"
            hint = f"Gyldige id-er er {', '.join(doc.ids)}."
            if len(unknown) > 2 or any(looks_like_text(u) for u in unknown):
                raise UserError(f"Ukjent retningslinje: {len(unknown)} av verdiene er ikke id-er.",
                                hint + ' Vil du sjekke en tekst? Bruk: tydal-sjekk sjekk "…"')
            raise UserError(f"Ukjent {label}: {', '.join(quoted(u) for u in unknown)}.", hint)
        items = tuple(sorted(chosen, key=lambda g: doc.items.index(g)))
    else:
        items = doc.items
    if fmt == "json":
        write_out(render.guidelines_json(doc, items))
    elif fmt == "markdown":
        write_out(render.guidelines_markdown(doc, items))
    else:
        render.print_guidelines(make_console(), doc, items)


# --- sjekk ----------------------------------------------------------------------------------------


def _joined(words: list[str] | None) -> str | None:
    """Several words after the command are one text, joined with spaces (as ``echo`` does)."""
    if not words:
        return None
    return words[0] if len(words) == 1 else " ".join(words)


def sjekk(
    ctx: typer.Context,
    tekst: Annotated[
        list[str] | None,
        typer.Argument(help="Teksten som skal sjekkes (helst i anførselstegn; flere ord blir én tekst). "
                       "«-» leser fra standard inn.", show_default=False, metavar="TEKST"),
    ] = None,
    fil: Annotated[
        list[str] | None,
        typer.Option("--fil", "-f", help="Sjekk innholdet i en fil (kan gjentas; «-» er standard inn).",
                     show_default=False, metavar="FIL"),
    ] = None,
    konto: Annotated[
        str, typer.Option("--konto", help="privat (egen profil) eller offisiell (kommunens konto).", metavar="KONTO")
    ] = "privat",
    format: Annotated[
        str | None,
        typer.Option("--format", help="Utdataformat: tekst (standard), json eller markdown.", metavar="FORMAT",
                     show_default=False),
    ] = None,
    jsonl: Annotated[
        str | None,
        typer.Option("--jsonl", help="Satsvis: én JSON-linje per utkast fra denne filen («-» er standard inn).",
                     show_default=False, metavar="FIL"),
    ] = None,
    vis_treff: ShowMatchesOption = False,
    encoding: EncodingOption = "utf-8",
    detaljer: DetailsOption = False,
    forslag: Annotated[
        bool, typer.Option("--forslag", help="Vis et forslag til en tryggere tekst: setninger som gir STOPP "
                           "tatt bort, personopplysninger maskert og presisering lagt til når den trengs.")
    ] = False,
) -> None:
    """Sjekk et utkast mot retningslinjene: funn, vurdering og råd.

    Avslutningskode 0 når vurderingen er OK, 1 når noe bør ses over eller stoppes, 2 ved feil bruk.
    """
    # start-up: only the command that runs is imported
    from tydal_sjekk.cli_check import run_check

    code = run_check(
        _state(ctx).content,
        text=_joined(tekst),
        files=fil or [],
        konto=konto,
        fmt=format,
        jsonl=jsonl,
        show_matches=vis_treff,
        encoding=encoding,
        details=detaljer,
        suggest=forslag,
    )
    raise typer.Exit(code)


# --- svar -----------------------------------------------------------------------------------------


def svar(
    ctx: typer.Context,
    kommentar: Annotated[
        list[str] | None,
        typer.Argument(help="Kommentaren som skal besvares (flere ord blir én tekst). «-» leser fra standard inn.",
                       show_default=False, metavar="KOMMENTAR"),
    ] = None,
    fil: Annotated[
        list[str] | None,
        typer.Option("--fil", "-f", help="Les kommentaren fra en fil (kan gjentas).", show_default=False,
                     metavar="FIL"),
    ] = None,
    utkast: Annotated[
        str | None,
        typer.Option("--utkast", help="Sjekk også ditt utkast til svar (regler for offisiell konto).",
                     show_default=False, metavar="TEKST"),
    ] = None,
    utkast_fil: Annotated[
        str | None,
        typer.Option("--utkast-fil", help="Les utkastet til svar fra en fil.", show_default=False, metavar="FIL"),
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option("--type", help="Overstyr typen: ros, noytral, negativ, feil-fakta, saksbehandling, politisk.",
                     show_default=False, metavar="TYPE"),
    ] = None,
    format: FormatOption = "tekst",
    vis_treff: ShowMatchesOption = False,
    encoding: EncodingOption = "utf-8",
    detaljer: DetailsOption = False,
    kopier: Annotated[
        int | None,
        typer.Option("--kopier", help="Kopier svarmal nummer NR til utklippstavlen.", show_default=False,
                     metavar="NR"),
    ] = None,
) -> None:
    """Hjelp til å svare på en kommentar på kommunens konto: type, retningslinjer, sjekkliste og svarmaler.

    Avslutningskode 0 når alt er i orden, 1 når kommentaren har personopplysninger eller utkastet ditt bør
    ses over, 2 ved feil bruk.
    """
    # start-up: only the command that runs is imported
    from tydal_sjekk.cli_reply import run_reply

    code = run_reply(
        _state(ctx).content,
        comment=_joined(kommentar),
        files=fil or [],
        draft=utkast,
        draft_file=utkast_fil,
        fmt=format,
        forced_type=type_,
        show_matches=vis_treff,
        encoding=encoding,
        details=detaljer,
        copy_template=kopier,
    )
    raise typer.Exit(code)


# --- veiviser -------------------------------------------------------------------------------------


def veiviser(
    ctx: typer.Context,
    svar: Annotated[
        str | None,
        typer.Option("--svar", help="Les svarene fra en TOML-fil i stedet for å spørre (uten terminal).",
                     show_default=False, metavar="FIL"),
    ] = None,
    rapport: Annotated[
        str | None,
        typer.Option("--rapport", help="Lagre oppsummeringen som en rapport (Markdown) i denne filen.",
                     show_default=False, metavar="FIL.md"),
    ] = None,
    overskriv: Annotated[
        bool, typer.Option("--overskriv", help="Skriv over rapportfilen hvis den finnes fra før.")
    ] = False,
    svarmal: Annotated[
        bool, typer.Option("--svarmal", help="Skriv ut en mal for svarfilen med alle spørsmålene og avslutt.")
    ] = False,
    detaljer: DetailsOption = False,
) -> None:
    """Veiviser før du publiserer: spørsmål om innlegget, gjennom retningslinjene, og en oppsummering.

    Avslutningskode 0 når vurderingen er OK, 1 når noe bør ses over eller stoppes, 130 hvis du avbryter.
    """
    # start-up: only the command that runs is imported
    from tydal_sjekk.cli_wizard import run_wizard_command

    code = run_wizard_command(
        _state(ctx).content, answers_file=svar, report=rapport, overwrite=overskriv, template=svarmal,
        details=detaljer,
    )
    raise typer.Exit(code)


# --- innhold sjekk --------------------------------------------------------------------------------


def innhold_sjekk(
    ctx: typer.Context,
    mappe: Annotated[
        Path | None,
        typer.Argument(help="Mappen som skal sjekkes. Standard: --innhold, ellers det innebygde innholdet.",
                       show_default=False, metavar="MAPPE"),
    ] = None,
) -> None:
    """Valider en innholdsmappe og rapporter alle problemer på én gang."""
    # start-up: all parts only for 'innhold sjekk'
    from tydal_sjekk.bundle import run_examples, summary, validate_all
    from tydal_sjekk.core.folder import Content

    folder = mappe if mappe is not None else _state(ctx).content_dir
    content = Content.from_option(folder) if folder is not None else Content(use_cache=False)
    problems = validate_all(content, examples=False)
    examples = run_examples(content) if not problems else None
    if examples is not None:
        problems = examples.problems
    if problems:
        err = sys.stderr
        noun = "problem" if len(problems) == 1 else "problemer"
        err.write(f"Feil: fant {len(problems)} {noun} i innholdet i {content.label}:\n")
        for p in problems:
            err.write(f"  • {p}\n")
        raise typer.Exit(EXIT_USAGE)
    checked = examples.checked if examples is not None else 0
    typer.echo(f"Innholdet i {content.label} er gyldig: {summary(content)}. Alle {checked} eksempler stemmer.")


# --- the app ----------------------------------------------------------------------------------------

COMMANDS: dict[str, Callable[..., Any]] = {
    "sjekk": sjekk,
    "veiviser": veiviser,
    "svar": svar,
    "retningslinjer": retningslinjer,
}
GROUPS: dict[str, tuple[str, dict[str, Callable[..., Any]]]] = {
    "innhold": ("Arbeid med innholdsmappen (retningslinjer, regler, spørsmål og maler).", {"sjekk": innhold_sjekk}),
}
_GLOBAL_OPTIONS_WITH_VALUE = ("--innhold",)


class OutputError(Exception):
    """Writing the output failed (a closed pipe, a full disk). Not an OSError: click would turn that into 1."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command so that an output failure reaches ``run`` (exit 2) instead of click's EPIPE handling."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except UserError:
            raise
        except OSError as exc:
            raise OutputError(exc) from None
        except ValueError as exc:
            if "closed file" in str(exc):
                raise OutputError(OSError(9, "closed")) from None
            raise

    return wrapper


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app; with ``only``, just that command (building every command costs start-up time)."""
    app = typer.Typer(
        name=PROG,
        help=APP_HELP,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        options_metavar="[VALG]",
        subcommand_metavar="KOMMANDO [ARGUMENTER]...",
    )
    app.callback(invoke_without_command=True)(root)
    for name, function in COMMANDS.items():
        if only is None or only == name:
            app.command(name, options_metavar="[VALG]")(_guarded(function))
    for name, (help_text, commands) in GROUPS.items():
        if only is None or only == name:
            group = typer.Typer(help=help_text, context_settings={"help_option_names": ["-h", "--help"]},
                                options_metavar="[VALG]", subcommand_metavar="KOMMANDO [ARGUMENTER]...")
            for sub, function in commands.items():
                group.command(sub, options_metavar="[VALG]")(_guarded(function))
            app.add_typer(group, name=name)
    return app


def requested_command(args: list[str]) -> str | None:
    """The command named on the command line, or None when the whole app is needed (help, completion)."""
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return None
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg.startswith("-"):
            if arg.split("=", 1)[0] in _GLOBAL_OPTIONS_WITH_VALUE:
                continue
            return None  # --help, --version, completion options or an unknown option: full app
        return arg if arg in COMMANDS or arg in GROUPS else None
    return None


# --- output and error handling --------------------------------------------------------------------


def _print_error(message: str, hint: str = "") -> None:
    try:
        sys.stderr.write(f"Feil: {message}\n")
        if hint:
            sys.stderr.write(f"{hint}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # standard error is gone too: the exit code is all that is left


_USAGE_HINT = f"Skriv «{PROG} --help» for hjelp."


def _configure_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):
            pass


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point for the console script and ``python -m tydal_sjekk``.

    After the output is flushed the process ends with ``os._exit``: tearing down the interpreter (freeing
    every module and the loaded content) would take about a tenth of a check's start-up time, and nothing
    is left to clean up. Set ``TYDAL_SJEKK_DEBUG`` to exit normally.
    """
    code = run(argv)
    _ignore_ctrl_c()  # the work is done: a late Ctrl-C must not turn into a traceback while exiting
    if not _flush(sys.stdout) and code != EXIT_INTERRUPTED:
        code = EXIT_USAGE
    _flush(sys.stderr)
    if os.environ.get("TYDAL_SJEKK_DEBUG"):
        raise SystemExit(code)
    os._exit(code)


_OUTPUT_ERRORS = {
    "ENOSPC": "ikke plass på disken",
    "EPIPE": "mottakeren av utdataene avsluttet før alt var skrevet",
    "EBADF": "standard ut er lukket",
    "EIO": "skrivefeil",
    "EFBIG": "filen ble for stor",
    "EDQUOT": "diskkvoten er brukt opp",
    "EROFS": "filsystemet er skrivebeskyttet",
    "EACCES": "ingen tilgang",
}


_reported_output_failure = False


def _output_failed(exc: BaseException) -> int:
    """Report that standard output could not be written (never a silently truncated result): exit 2."""
    import errno

    global _reported_output_failure
    if _reported_output_failure:
        return EXIT_USAGE
    _reported_output_failure = True
    name = errno.errorcode.get(getattr(exc, "errno", None) or 0, "")
    reason = _OUTPUT_ERRORS.get(name, "skrivefeil")
    if isinstance(exc, BrokenPipeError):
        _silence_broken_pipe()
    _print_error(f"Utdataene kunne ikke skrives ({reason}). Resultatet er ufullstendig.")
    return EXIT_USAGE


def _flush(stream: Any) -> bool:
    """Flush a stream; False when it failed (a full disk, a closed pipe)."""
    if stream is None:
        return True
    try:
        stream.flush()
    except (OSError, ValueError) as exc:
        if stream is sys.stdout:
            _output_failed(exc)
        return False
    return True


def _check_streams() -> None:
    """A closed standard error is replaced by a sink; a closed standard output is an error (exit 2)."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        raise UserError("Standard ut er lukket, så resultatet kan ikke skrives.",
                        "Send utdataene til en fil eller en terminal.")


def _ctrl_c_raises() -> None:
    """Ctrl-C raises KeyboardInterrupt again (the launcher made it end the process at once during imports)."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _ignore_ctrl_c() -> None:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit code (used by ``main`` and by the tests)."""
    global _reported_output_failure
    _reported_output_failure = False
    code = 0
    try:
        _ctrl_c_raises()
        _check_streams()
        _configure_streams()
        args = list(sys.argv[1:] if argv is None else argv)
        if any(a in ("-h", "--help") for a in args):
            typer_patches.localise_help()
        command = typer.main.get_command(build_app(requested_command(args)))
        typer_patches.translate_params(command)
        result = command.main(args=args, prog_name=PROG, standalone_mode=False)
        code = result if isinstance(result, int) else 0
        if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C inside a command into exit code 130
            sys.stderr.write("\nAvbrutt.\n")
    except UserError as exc:
        _print_error(exc.message, exc.hint)
        code = exc.exit_code
    except ContentError as exc:
        noun = "problem" if len(exc.problems) == 1 else "problemer"
        sys.stderr.write(f"Feil: innholdet kan ikke lastes ({len(exc.problems)} {noun}):\n")
        for p in exc.problems:
            sys.stderr.write(f"  • {p}\n")
        sys.stderr.write(f"Kjør «{PROG} innhold sjekk» for å se alle problemer i innholdsmappen.\n")
        code = EXIT_USAGE
    except (KeyboardInterrupt, Interrupted, EOFError):
        sys.stderr.write("\nAvbrutt.\n")
        code = EXIT_INTERRUPTED
    except typer.Exit as exc:
        code = int(getattr(exc, "exit_code", 0) or 0)
    except typer.Abort:
        sys.stderr.write("\nAvbrutt.\n")
        code = EXIT_INTERRUPTED
    except OutputError as exc:  # writing the output failed: a closed pipe, a full disk, a closed stream
        code = _output_failed(exc.cause)
    except OSError as exc:
        code = _output_failed(exc)
    except Exception as exc:
        if isinstance(exc, ValueError) and "closed file" in str(exc):
            code = _output_failed(OSError(9, "closed"))
        elif hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            _print_error(typer_patches.usage_message(exc, tuple([*COMMANDS, *GROUPS])), _USAGE_HINT)
            code = EXIT_USAGE
        else:
            if os.environ.get("TYDAL_SJEKK_DEBUG"):
                raise
            _print_error(
                f"uventet intern feil ({type(exc).__name__}).",
                "Dette er en feil i tydal-sjekk. Kjør igjen med TYDAL_SJEKK_DEBUG=1 for detaljer og meld fra "
                "til Servicekontoret.",
            )
            code = EXIT_USAGE
    if not _flush(sys.stdout) and code != EXIT_INTERRUPTED:
        code = EXIT_USAGE
    return code


def _silence_broken_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
