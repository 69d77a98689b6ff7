"""``tydal-sjekk svar``: help for the group that answers comments on the official accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tydal_sjekk.errors import EXIT_FINDINGS, EXIT_OK, UserError
from tydal_sjekk.inputs import Draft, check_choice, check_encoding, read_file

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.content import Content
    from tydal_sjekk.reply import ReplyResult

FORMATS = ("tekst", "json", "markdown")


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
    from tydal_sjekk.cli_check import collect_drafts
    from tydal_sjekk.reply import TYPE_IDS, answer

    fmt = check_choice(fmt, FORMATS, "--format")
    encoding = check_encoding(encoding)
    if forced_type is not None:
        forced_type = check_choice(forced_type, TYPE_IDS, "--type")
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
    replies = content.replies
    return result._replace(
        rtype=replies.type(type_id), templates=tuple(t for t in replies.templates if t.type == type_id)
    )


def _write(content: Content, results: list[tuple[Draft, ReplyResult]], fmt: str) -> None:
    from tydal_sjekk import render

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


def _masked_comment(result: ReplyResult) -> str:
    from tydal_sjekk.render import plain_draft

    return plain_draft(result.comment_check._replace(findings=()))


def print_reply(console: Console, content: Content, result: ReplyResult, *, title: str | None = None) -> None:
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.text import Text

    from tydal_sjekk import render

    guidelines = content.guidelines
    s = content.settings.texts
    if title:
        console.print(Rule(Text(title, style="bold"), align="left"))
    console.print(Text("Kommentar:", style="bold"))
    console.print(Padding(Text(_masked_comment(result)), (0, 0, 0, 2)))
    console.print()
    head = Text()
    head.append("Type: ", style="bold")
    head.append(f" {result.rtype.name} ", style="bold reverse")
    head.append(f"  ({result.rtype.id}, sikkerhet {result.classified.confidence:.2f})".replace(".", ","))
    console.print(head)
    console.print(Padding(Text(result.rtype.description, style="dim"), (0, 0, 0, 2)))
    signals = result.classified.signals
    if signals:
        listed = ", ".join(f"«{sig.text}» ({sig.type})" for sig in signals[:12])
        console.print(Padding(Text(f"Signaler: {listed}", style="dim"), (0, 0, 0, 2)))
    else:
        console.print(Padding(Text("Ingen tydelige signaler – vurder typen selv (--type).", style="dim"),
                              (0, 0, 0, 2)))
    if result.personal:
        console.print()
        warn = Text()
        warn.append("Personopplysninger i kommentaren: ", style="bold red")
        warn.append(", ".join(f"«{f.excerpt}» ({f.category})" for f in result.personal))
        warn.append(". Ikke gjenta dem i svaret, og vurder å skjule kommentaren.")
        console.print(Padding(warn, (0, 0, 0, 2)))
    console.print()
    console.print(Text("Retningslinjer:", style="bold"))
    for gid in result.rtype.guidelines:
        g = guidelines.get(gid)
        line = Text()
        line.append(f" {g.id} ", style="bold reverse")
        line.append(f"  {g.title}", style="bold")
        console.print(Padding(line, (0, 0, 0, 2)))
        body = Text(g.text, style="italic")
        for point in g.points:
            body.append("\n• " + point, style="italic")
        console.print(Padding(body, (0, 0, 0, 8)))
    console.print()
    console.print(Text("Sjekkliste:", style="bold"))
    console.print(Padding(render.bullets([Text(item) for item in result.rtype.checklist], marker="☐"), (0, 0, 0, 2)))
    console.print()
    console.print(Text("Svarmaler (fyll inn det som står i [hakeparenteser]):", style="bold"))
    for t in result.templates:
        console.print(Panel(Text(t.text), title=t.title, title_align="left", expand=False))
    if result.draft is not None:
        console.print()
        console.print(Rule(Text("Ditt utkast til svar (sjekket for offisiell konto)", style="bold"), align="left"))
        render.print_result(console, result.draft, guidelines, content.settings)
    else:
        console.print()
        verdict = "review" if result.needs_attention else "ok"
        line = Text()
        line.append("Vurdering: ", style="bold")
        line.append(f" {s.verdict[verdict]} ", style=render.VERDICT_STYLE[verdict])
        line.append("  Sjekk svaret ditt med --utkast før du publiserer det.")
        console.print(line)
        console.print(Text(s.reminder, style="dim"))


def reply_markdown(content: Content, result: ReplyResult, *, title: str | None = None) -> str:
    from tydal_sjekk.render import md_escape, result_markdown

    guidelines = content.guidelines
    lines = [f"## {md_escape('tydal-sjekk svar' + (': ' + title if title else ''))}", ""]
    lines += ["**Kommentar:**", ""]
    lines += ["> " + md_escape(line) if line else ">" for line in _masked_comment(result).split("\n")]
    lines.append("")
    confidence = f"{result.classified.confidence:.2f}".replace(".", ",")
    lines += [f"**Type:** {md_escape(result.rtype.name)} (`{result.rtype.id}`, sikkerhet {confidence})", ""]
    if result.classified.signals:
        listed = ", ".join(f"«{md_escape(sig.text)}» ({sig.type})" for sig in result.classified.signals)
        lines += [f"Signaler: {listed}", ""]
    if result.personal:
        found = ", ".join(f"«{md_escape(f.excerpt)}» ({f.category})" for f in result.personal)
        lines += [f"**Personopplysninger i kommentaren:** {found}. Ikke gjenta dem i svaret, og vurder å skjule "
                  "kommentaren.", ""]
    lines += ["### Retningslinjer", ""]
    for gid in result.rtype.guidelines:
        g = guidelines.get(gid)
        lines.append(f"- **{g.id} {md_escape(g.title)}:** {md_escape(g.text)}")
    lines += ["", "### Sjekkliste", ""]
    lines += [f"- [ ] {md_escape(item)}" for item in result.rtype.checklist]
    lines += ["", "### Svarmaler", ""]
    for t in result.templates:
        lines += [f"**{md_escape(t.title)}**", "", f"> {md_escape(t.text)}", ""]
    if result.draft is not None:
        lines.append(result_markdown(result.draft, guidelines, content.settings, title="ditt utkast til svar"))
    return "\n".join(lines) + "\n"
