"""``tydal-sjekk retningslinjer``: the guidelines as text, Markdown and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tydal_sjekk.render.common import INDENT, TOOL, __version__, bullets, dump_json, heading, md_escape

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from tydal_sjekk.core.guidelines import Guideline, Guidelines




def guideline_json(g: Guideline) -> dict[str, Any]:
    return {
        "id": g.id,
        "section": g.section,
        "number": g.number,
        "title": g.title,
        "text": g.text,
        "points": list(g.points),
        "explanation": g.explanation,
        "legal_basis": [
            {"law": b.law, "section": b.section, "description": b.description} for b in g.legal_basis
        ],
    }


def guidelines_json(doc: Guidelines, items: Sequence[Guideline]) -> str:
    wanted = {g.id for g in items}
    sections = []
    for s in doc.sections:
        chosen = [guideline_json(g) for g in doc.in_section(s.id) if g.id in wanted]
        if chosen:
            sections.append({"id": s.id, "title": s.title, "intro": s.intro, "guidelines": chosen})
    return dump_json({"tool": TOOL, "version": __version__, "title": doc.title, "sections": sections})


def guideline_markdown(g: Guideline, heading: str = "###") -> list[str]:
    lines = [f"{heading} {g.id}. {md_escape(g.title)}", ""]
    lines.append("> " + md_escape(g.text))
    for p in g.points:
        lines.append("> - " + md_escape(p))
    lines += ["", f"**I praksis:** {md_escape(g.explanation)}", ""]
    if g.legal_basis:
        lines.append("**Hjemmel:**")
        lines.append("")
        for b in g.legal_basis:
            lines.append(f"- {md_escape(b.citation)}: {md_escape(b.description)}")
        lines.append("")
    return lines


def guidelines_markdown(doc: Guidelines, items: Sequence[Guideline]) -> str:
    wanted = {g.id for g in items}
    lines = [f"# {md_escape(doc.title)}", ""]
    for s in doc.sections:
        chosen = [g for g in doc.in_section(s.id) if g.id in wanted]
        if not chosen:
            continue
        lines += [f"## {md_escape(s.title)}", ""]
        if s.intro:
            lines += [md_escape(s.intro), ""]
        for g in chosen:
            lines += guideline_markdown(g)
    return "\n".join(lines).rstrip() + "\n"


def guideline_renderable(g: Guideline, *, show_basis: bool = True) -> RenderableType:
    # start-up: rich only when something is printed
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    head = heading(g.id, f"{g.number}. {g.title}")
    body: list[RenderableType] = [Text(g.text, style="italic")]
    if g.points:
        body.append(bullets([Text(p, style="italic") for p in g.points]))
    expl = Text()
    expl.append("I praksis: ", style="bold")
    expl.append(g.explanation)
    body.append(expl)
    if show_basis and g.legal_basis:
        body.append(Text("Hjemmel:", style="bold"))
        rows: list[RenderableType] = []
        for b in g.legal_basis:
            row = Text()
            row.append(b.citation, style="cyan")
            row.append(f" – {b.description}", style="dim")
            rows.append(row)
        body.append(bullets(rows))
    return Group(head, Padding(Group(*body), (0, 0, 0, INDENT), expand=False))


def print_guidelines(console: Console, doc: Guidelines, items: Sequence[Guideline]) -> None:
    # start-up: rich only when something is printed
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    wanted = {g.id for g in items}
    console.print(Text(doc.title, style="bold underline"))
    for s in doc.sections:
        chosen = [g for g in doc.in_section(s.id) if g.id in wanted]
        if not chosen:
            continue
        console.print()
        console.print(Rule(Text(s.title, style="bold"), align="left"))
        if s.intro:
            console.print(Padding(Text(s.intro, style="dim"), (0, 0, 1, 0), expand=False))
        for g in chosen:
            console.print(guideline_renderable(g))
            console.print()
