"""``tydal-sjekk sjekk``: read the drafts, run the check, write results, return the exit code."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from tydal_sjekk.core.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError
from tydal_sjekk.core.types import ACCOUNTS as KONTOER
from tydal_sjekk.core.types import FORMATS
from tydal_sjekk.inputs import (
    Draft,
    check_choice,
    check_encoding,
    decode,
    read_file,
    read_stdin,
    stdin_bytes,
    stdin_is_terminal,
)

if TYPE_CHECKING:
    from tydal_sjekk.check.model import CheckResult
    from tydal_sjekk.core.folder import Content



def collect_drafts(text: str | None, files: list[str], encoding: str) -> list[Draft]:
    drafts: list[Draft] = []
    if text is not None:
        if text == "-":
            drafts.append(read_stdin(encoding))
        elif not text.strip():
            raise UserError("Teksten er tom.", 'Skriv teksten i anførselstegn, for eksempel: tydal-sjekk sjekk "…"')
        else:
            drafts.append(Draft(text, None))
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
    fmt: str,
    jsonl: str | None,
    show_matches: bool,
    encoding: str,
) -> int:
    konto = check_choice(konto, KONTOER, "--konto")
    fmt = check_choice(fmt, FORMATS, "--format")
    encoding = check_encoding(encoding)
    if jsonl is not None:
        if text is not None or files:
            raise UserError("--jsonl kan ikke brukes sammen med TEKST eller --fil.")
        return run_batch(content, jsonl, konto, show_matches, encoding)

    drafts = collect_drafts(text, files, encoding)
    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check import check_text

    results = [(d, check_text(content, d.text, konto, show_matches=show_matches)) for d in drafts]
    write_results(content, results, fmt)
    return EXIT_FINDINGS if any(r.verdict != "ok" for _, r in results) else EXIT_OK


def write_results(content: Content, results: list[tuple[Draft, CheckResult]], fmt: str) -> None:
    # start-up: output code (and rich) only when printing
    from tydal_sjekk.render import check as render
    from tydal_sjekk.render.common import dump_json, make_console, write_out

    if fmt == "json":
        items = [render.result_json(r, **({"fil": d.label} if d.label else {})) for d, r in results]
        write_out(dump_json(items[0] if len(items) == 1 else items))
        return
    guidelines = content.guidelines
    settings = content.settings
    several = len(results) > 1
    if fmt == "markdown":
        parts = [
            render.result_markdown(r, guidelines, settings, title=(d.label or "tekst") if several else None)
            for d, r in results
        ]
        write_out("\n".join(parts))
        return
    console = make_console()
    for k, (d, r) in enumerate(results):
        if k:
            console.print()
        render.print_result(console, r, guidelines, settings, title=(d.label or "tekst") if several else None)


def _batch_lines(source: str, encoding: str) -> list[str]:
    if source == "-":
        return decode(stdin_bytes(), encoding, "Standard inn").splitlines()
    return read_file(source, encoding).text.splitlines()


def run_batch(content: Content, source: str, default_konto: str, show_matches: bool, encoding: str) -> int:
    # start-up: only for JSON in or out
    import json

    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check import check_text

    lines = _batch_lines(source, encoding)
    worst = EXIT_OK
    malformed = False
    out = sys.stdout
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item_id: Any = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("linjen er ikke et JSON-objekt")
            item_id = item.get("id")
            draft = item.get("text")
            if not isinstance(draft, str):
                raise ValueError("feltet «text» mangler eller er ikke tekst")
            if not draft.strip():
                raise ValueError("teksten er tom")
            konto = item.get("konto", default_konto)
            if konto not in KONTOER:
                raise ValueError(f"ugyldig konto «{konto}»; gyldige verdier er {', '.join(KONTOER)}")
        except (ValueError, json.JSONDecodeError) as exc:
            malformed = True
            reason = f"ugyldig JSON: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            out.write(json.dumps({"id": item_id, "line": number, "error": reason}, ensure_ascii=False) + "\n")
            continue
        result = check_text(content, draft, konto, show_matches=show_matches)
        data = result.to_json()
        data = {"id": item_id, **data}
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
        if result.verdict != "ok":
            worst = EXIT_FINDINGS
    out.flush()
    return EXIT_USAGE if malformed else worst
