"""``tydal-sjekk sjekk``: read the drafts, run the check, write results, return the exit code."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tydal_sjekk.core.display import printable
from tydal_sjekk.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError
from tydal_sjekk.core.types import ACCOUNTS as KONTOER
from tydal_sjekk.core.types import FORMATS
from tydal_sjekk.inputs import (
    Draft,
    check_choice,
    check_encoding,
    is_blank,
    jsonl_lines,
    quoted,
    read_file,
    read_stdin,
    shown_path,
    stdin_is_terminal,
    text_argument,
)

if TYPE_CHECKING:
    from tydal_sjekk.check.model import CheckResult
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.render.suggestion import Suggestion



def collect_drafts(text: str | None, files: list[str], encoding: str) -> list[Draft]:
    drafts: list[Draft] = []
    if text is not None:
        drafts.append(read_stdin(encoding) if text == "-" else text_argument(text))
    for path in files:
        drafts.append(read_file(path, encoding))
    if not drafts:
        if stdin_is_terminal():
            raise UserError(
                "Ingen tekst å sjekke.",
                'Skriv teksten i anførselstegn (tydal-sjekk sjekk "…"), bruk --fil FIL, eller send teksten inn på '
                "standard inn. Vil du bli guidet, kjør: tydal-sjekk veiviser",
            )
        drafts.append(read_stdin(encoding))
    return drafts


def run_check(
    content: Content,
    *,
    text: str | None,
    files: list[str],
    konto: str,
    fmt: str | None,
    jsonl: str | None,
    show_matches: bool,
    encoding: str,
    details: bool = False,
    suggest: bool = False,
) -> int:
    konto = check_choice(konto, KONTOER, "--konto")
    encoding = check_encoding(encoding)
    if jsonl is not None:
        if text is not None or files:
            raise UserError("--jsonl kan ikke brukes sammen med TEKST eller --fil.")
        if fmt is not None and fmt.strip().lower() != "json":
            raise UserError("--jsonl skriver alltid én JSON-linje per utkast; --format kan bare være json her.")
        if suggest:
            raise UserError("--forslag kan ikke brukes sammen med --jsonl.")
        return run_batch(content, jsonl, konto, show_matches, encoding)
    fmt = check_choice(fmt or "tekst", FORMATS, "--format")

    drafts = collect_drafts(text, files, encoding)
    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check import check_text

    results = [(d, check_text(content, d.text, konto, show_matches=show_matches)) for d in drafts]
    write_results(content, results, fmt, details=details, suggest=suggest)
    return EXIT_FINDINGS if any(r.verdict != "ok" for _, r in results) else EXIT_OK


def write_results(
    content: Content, results: list[tuple[Draft, CheckResult]], fmt: str, *, details: bool = False,
    suggest: bool = False,
) -> None:
    # start-up: output code (and rich) only when printing
    from tydal_sjekk.render import check as render
    from tydal_sjekk.render.common import make_console, write_json, write_out

    settings = content.settings
    suggestions = [_suggestion(content, r) if suggest else None for _, r in results]
    if fmt == "json":
        items = []
        for (d, r), s in zip(results, suggestions, strict=True):
            extra: dict[str, Any] = {"fil": d.label} if d.label else {}
            if s is not None:
                extra["suggestion"] = s.to_json()
            items.append(render.result_json(r, **extra))
        write_json(items[0] if len(items) == 1 else items)
        return
    guidelines = content.guidelines
    several = len(results) > 1
    if fmt == "markdown":
        parts = [
            render.result_markdown(r, guidelines, settings, title=printable(d.label or "tekst") if several else None,
                                   details=details, suggestion=s)
            for (d, r), s in zip(results, suggestions, strict=True)
        ]
        write_out("\n".join(parts))
        return
    console = make_console()
    for k, ((d, r), s) in enumerate(zip(results, suggestions, strict=True)):
        if k:
            console.print()
        render.print_result(console, r, guidelines, settings, title=printable(d.label or "tekst") if several else None,
                            details=details, suggestion=s)


def _suggestion(content: Content, result: CheckResult) -> Suggestion:
    # start-up: only with --forslag
    from tydal_sjekk.render.suggestion import disclaimer_applies, safer_version

    texts = content.settings.texts
    return safer_version(result, texts.disclaimer if disclaimer_applies(result, texts) else None)


MAX_ID_CHARS = 200


def _batch_id(item: dict[str, Any]) -> Any:
    """The line's id, if it is one we can echo: a string, a whole number or null (never NaN, inf or huge)."""
    item_id = item.get("id")
    if item_id is None or isinstance(item_id, bool):
        return item_id
    if isinstance(item_id, str):
        if len(item_id) > MAX_ID_CHARS:
            raise ValueError(f"feltet «id» er lengre enn {MAX_ID_CHARS} tegn")
        return item_id
    if isinstance(item_id, int):
        if abs(item_id) >= 10**18:
            raise ValueError("feltet «id» er et for stort tall")
        return item_id
    raise ValueError("feltet «id» må være tekst, et heltall eller null")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"verdien {name} er ikke gyldig JSON")


def run_batch(content: Content, source: str, default_konto: str, show_matches: bool, encoding: str) -> int:
    # start-up: only for JSON in or out
    import json

    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check import check_text

    worst = EXIT_OK
    malformed = False
    seen_any = False
    out = sys.stdout
    bad_lines = 0
    for line in jsonl_lines(source, encoding):
        item_id: Any = None
        reason = line.error
        draft = ""
        konto = default_konto
        if line.text is not None and is_blank(line.text.lstrip("\ufeff")):
            continue
        seen_any = True
        if line.text is not None:
            try:
                item = json.loads(line.text, parse_constant=_reject_constant)
                if not isinstance(item, dict):
                    raise ValueError("linjen er ikke et JSON-objekt")
                item_id = _batch_id(item)
                text = item.get("text")
                if not isinstance(text, str):
                    raise ValueError("feltet «text» mangler eller er ikke tekst")
                if is_blank(text):
                    raise ValueError("teksten er tom")
                draft = text
                raw_konto = item.get("konto", default_konto)
                konto = raw_konto.strip().lower() if isinstance(raw_konto, str) else ""
                if konto not in KONTOER:
                    shown = quoted(raw_konto) if isinstance(raw_konto, str) else "(ikke tekst)"
                    raise ValueError(f"ugyldig konto {shown}; gyldige verdier er {', '.join(KONTOER)}")
            except json.JSONDecodeError as exc:
                reason = f"ugyldig JSON ved tegn {exc.pos}"
            except RecursionError:
                reason = "ugyldig JSON: for dypt nøstet"
            except ValueError as exc:
                message = str(exc)
                reason = message if message and message[0].islower() else "ugyldig JSON: et tall er for langt"
        if reason:
            malformed = True
            bad_lines += 1
            out.write(json.dumps({"id": item_id, "line": line.number, "error": reason}, ensure_ascii=False) + "\n")
            continue
        result = check_text(content, draft, konto, show_matches=show_matches)
        out.write(json.dumps({"id": item_id, **result.to_json()}, ensure_ascii=False) + "\n")
        if result.verdict != "ok":
            worst = EXIT_FINDINGS
    out.flush()
    if not seen_any:
        where = "Standard inn" if source == "-" else f"Filen {shown_path(source)}"
        raise UserError(f"{where} er tom: ingen linjer å sjekke.", 'Hver linje skal være {"id": …, "text": "…"}.')
    if malformed:
        noun = "linje" if bad_lines == 1 else "linjer"
        sys.stderr.write(f"Feil: {bad_lines} {noun} kunne ikke sjekkes; se «error» i utdataene.\n")
    return EXIT_USAGE if malformed else worst
