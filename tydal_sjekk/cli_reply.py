"""``tydal-sjekk svar``: help for the group that answers comments on the official accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tydal_sjekk.cli_check import collect_drafts
from tydal_sjekk.core.display import printable
from tydal_sjekk.core.errors import EXIT_FINDINGS, EXIT_OK, UserError
from tydal_sjekk.core.types import FORMATS
from tydal_sjekk.inputs import Draft, check_choice, check_encoding, is_blank, read_file
from tydal_sjekk.render import common as render
from tydal_sjekk.reply.classifier import ReplyResult, answer, reply_content

if TYPE_CHECKING:
    from tydal_sjekk.core.folder import Content


def run_reply(
    content: Content,
    *,
    comment: str | None,
    files: list[str],
    draft: str | None,
    draft_file: str | None,
    fmt: str,
    forced_type: str | None,
    show_matches: bool,
    encoding: str,
    details: bool = False,
    copy_template: int | None = None,
) -> int:
    fmt = check_choice(fmt, FORMATS, "--format")
    encoding = check_encoding(encoding)
    if forced_type is not None:
        forced_type = check_choice(forced_type, reply_content(content).type_ids, "--type")
    if draft is not None and draft_file is not None:
        raise UserError("Bruk enten --utkast eller --utkast-fil, ikke begge.")
    if draft is not None and is_blank(draft):
        raise UserError("Utkastet (--utkast) er tomt.")
    if draft_file is not None:
        if draft_file == "-" and (comment == "-" or (comment is None and not files)):
            raise UserError("Kommentaren og utkastet kan ikke begge leses fra standard inn.")
        draft = read_file(draft_file, encoding).text
    comments: list[Draft] = collect_drafts(comment, files, encoding)
    if copy_template is not None and len(comments) > 1:
        raise UserError("--kopier kan bare brukes med én kommentar om gangen.")
    results = []
    for c in comments:
        result = answer(content, c.text, draft, show_matches=show_matches)
        if forced_type is not None and forced_type != result.rtype.id:
            result = _with_type(content, result, forced_type)
        results.append((c, result))
    template = _template_to_copy(results[0][1], copy_template) if copy_template is not None else None
    _write(content, results, fmt, forced=forced_type is not None, details=details)
    if template is not None:
        _copy(content, copy_template or 0, template)
    return EXIT_FINDINGS if any(r.needs_attention for _, r in results) else EXIT_OK


def _with_type(content: Content, result: ReplyResult, type_id: str) -> ReplyResult:
    replies = reply_content(content)
    return result._replace(
        rtype=replies.type(type_id), templates=tuple(t for t in replies.templates if t.type == type_id)
    )


def _template_to_copy(result: ReplyResult, number: int) -> str:
    """The text of template ``number`` (1-based), checked before anything is printed."""
    count = len(result.templates)
    if not 1 <= number <= count:
        valid = "1" if count == 1 else f"fra 1 til {count}"
        raise UserError(f"Ugyldig verdi for --kopier: {number}. Typen har {count} svarmal{'er' if count > 1 else ''}; "
                        f"velg et nummer {valid}.")
    return result.templates[number - 1].text


def _copy(content: Content, number: int, text: str) -> None:
    """Copy a template; the message goes to standard error, so the output itself stays clean."""
    # start-up: only with --kopier
    import sys

    from tydal_sjekk.render.clipboard import copy

    texts = reply_content(content).texts
    copied, tried = copy(text)
    if copied:
        sys.stderr.write(texts["kopiert"].replace("{nr}", str(number)) + "\n")
    else:
        sys.stderr.write(texts["ingen_utklippstavle"].replace("{forsok}", ", ".join(tried)) + "\n")


def _write(
    content: Content, results: list[tuple[Draft, ReplyResult]], fmt: str, *, forced: bool = False,
    details: bool = False,
) -> None:
    # start-up: output code (and rich) only when printing
    from tydal_sjekk.render.reply import print_reply, reply_json, reply_markdown

    if fmt == "json":
        items = []
        for d, r in results:
            data = reply_json(content, r, forced=forced)
            if d.label:
                data["fil"] = d.label
            items.append(data)
        render.write_json(items[0] if len(items) == 1 else items)
        return
    several = len(results) > 1
    if fmt == "markdown":
        parts = [
            reply_markdown(content, r, title=printable(d.label or "kommentar") if several else None, forced=forced,
                           details=details)
            for d, r in results
        ]
        render.write_out("\n".join(parts))
        return
    console = render.make_console()
    for k, (d, r) in enumerate(results):
        if k:
            console.print()
        print_reply(console, content, r, title=printable(d.label or "kommentar") if several else None, forced=forced,
                    details=details)
