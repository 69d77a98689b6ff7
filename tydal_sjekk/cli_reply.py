"""``tydal-sjekk svar``: help for the group that answers comments on the official accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tydal_sjekk.cli_check import collect_drafts
from tydal_sjekk.core.errors import EXIT_FINDINGS, EXIT_OK, UserError
from tydal_sjekk.core.types import FORMATS
from tydal_sjekk.inputs import Draft, check_choice, check_encoding, read_file
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
) -> int:
    fmt = check_choice(fmt, FORMATS, "--format")
    encoding = check_encoding(encoding)
    if forced_type is not None:
        forced_type = check_choice(forced_type, reply_content(content).type_ids, "--type")
    if draft is not None and draft_file is not None:
        raise UserError("Bruk enten --utkast eller --utkast-fil, ikke begge.")
    if draft is not None and not draft.strip():
        raise UserError("Utkastet (--utkast) er tomt.")
    if draft_file is not None:
        if draft_file == "-" and (comment == "-" or (comment is None and not files)):
            raise UserError("Kommentaren og utkastet kan ikke begge leses fra standard inn.")
        draft = read_file(draft_file, encoding).text
    comments: list[Draft] = collect_drafts(comment, files, encoding)
    results = []
    for c in comments:
        result = answer(content, c.text, draft, show_matches=show_matches)
        if forced_type is not None and forced_type != result.rtype.id:
            result = _with_type(content, result, forced_type)
        results.append((c, result))
    _write(content, results, fmt)
    return EXIT_FINDINGS if any(r.needs_attention for _, r in results) else EXIT_OK


def _with_type(content: Content, result: ReplyResult, type_id: str) -> ReplyResult:
    replies = reply_content(content)
    return result._replace(
        rtype=replies.type(type_id), templates=tuple(t for t in replies.templates if t.type == type_id)
    )


def _write(content: Content, results: list[tuple[Draft, ReplyResult]], fmt: str) -> None:
    # start-up: output code (and rich) only when printing
    from tydal_sjekk.render.reply import print_reply, reply_markdown

    guidelines = content.guidelines
    if fmt == "json":
        items = []
        for d, r in results:
            data = r.to_json(guidelines)
            if d.label:
                data["fil"] = d.label
            items.append(data)
        render.write_out(render.dump_json(items[0] if len(items) == 1 else items))
        return
    several = len(results) > 1
    if fmt == "markdown":
        parts = [reply_markdown(content, r, title=(d.label or "kommentar") if several else None) for d, r in results]
        render.write_out("\n".join(parts))
        return
    console = render.make_console()
    for k, (d, r) in enumerate(results):
        if k:
            console.print()
        print_reply(console, content, r, title=(d.label or "kommentar") if several else None)
