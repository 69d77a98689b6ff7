"""``tydal-sjekk svar``: the reply help as text (rich) and Markdown (JSON is ``ReplyResult.to_json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tydal_sjekk.render.check import print_result, result_markdown
from tydal_sjekk.render.common import badge, bullets, masked_text, md_escape, verdict_line
from tydal_sjekk.reply.classifier import ReplyResult, reply_content

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.core.folder import Content


def print_reply(console: Console, content: Content, result: ReplyResult, *, title: str | None = None) -> None:
    # start-up: rich only when something is printed
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.text import Text

    guidelines = content.guidelines
    s = content.settings.texts
    rt = reply_content(content).texts
    if title:
        console.print(Rule(Text(title, style="bold"), align="left"))
    console.print(Text("Kommentar:", style="bold"))
    console.print(Padding(Text(masked_text(result.comment_check)), (0, 0, 0, 2)))
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
        console.print(Padding(Text(rt["ingen_signaler"], style="dim"), (0, 0, 0, 2)))
    if result.personal:
        console.print()
        warn = Text()
        warn.append(f"{rt['personopplysninger']}: ", style="bold red")
        warn.append(", ".join(f"«{f.excerpt}» ({f.category})" for f in result.personal))
        warn.append(f". {rt['personopplysninger_rad']}")
        console.print(Padding(warn, (0, 0, 0, 2)))
    console.print()
    console.print(Text("Retningslinjer:", style="bold"))
    for gid in result.rtype.guidelines:
        g = guidelines.get(gid)
        console.print(Padding(badge(g.id, g.title), (0, 0, 0, 2)))
        body = Text(g.text, style="italic")
        for point in g.points:
            body.append("\n• " + point, style="italic")
        console.print(Padding(body, (0, 0, 0, 8)))
    console.print()
    console.print(Text("Sjekkliste:", style="bold"))
    console.print(Padding(bullets([Text(item) for item in result.rtype.checklist], marker="☐"), (0, 0, 0, 2)))
    console.print()
    console.print(Text("Svarmaler (fyll inn det som står i [hakeparenteser]):", style="bold"))
    for t in result.templates:
        console.print(Panel(Text(t.text), title=t.title, title_align="left", expand=False))
    if result.draft is not None:
        console.print()
        console.print(Rule(Text("Ditt utkast til svar (sjekket for offisiell konto)", style="bold"), align="left"))
        print_result(console, result.draft, guidelines, content.settings)
    else:
        console.print()
        verdict = "review" if result.needs_attention else "ok"
        console.print(verdict_line(s, verdict, s.labels["vurdering"], rt["sjekk_utkast"]))
        console.print(Text(s.reminder, style="dim"))


def reply_markdown(content: Content, result: ReplyResult, *, title: str | None = None) -> str:
    guidelines = content.guidelines
    rt = reply_content(content).texts
    lines = [f"## {md_escape('tydal-sjekk svar' + (': ' + title if title else ''))}", ""]
    lines += ["**Kommentar:**", ""]
    lines += ["> " + md_escape(line) if line else ">" for line in masked_text(result.comment_check).split("\n")]
    lines.append("")
    confidence = f"{result.classified.confidence:.2f}".replace(".", ",")
    lines += [f"**Type:** {md_escape(result.rtype.name)} (`{result.rtype.id}`, sikkerhet {confidence})", ""]
    if result.classified.signals:
        listed = ", ".join(f"«{md_escape(sig.text)}» ({sig.type})" for sig in result.classified.signals)
        lines += [f"Signaler: {listed}", ""]
    if result.personal:
        found = ", ".join(f"«{md_escape(f.excerpt)}» ({f.category})" for f in result.personal)
        lines += [f"**{md_escape(rt['personopplysninger'])}:** {found}. {md_escape(rt['personopplysninger_rad'])}", ""]
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
