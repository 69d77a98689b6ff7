"""Output in three formats: ``tekst`` (rich, for people), ``markdown`` and ``json`` (never wrapped).

Only labels of the tool itself are written here; every guideline text, message and template comes
from ``content/``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tydal_sjekk import __version__
from tydal_sjekk.check.model import SEVERITY_RANK

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from tydal_sjekk.check.model import CheckResult, Finding
    from tydal_sjekk.content import Guideline, Guidelines, Settings

FORMATS = ("tekst", "markdown", "json")
TOOL = "tydal-sjekk"


def make_console(*, stderr: bool = False, record: bool = False, width: int | None = None) -> Console:
    from rich.console import Console

    if record:
        import io

        return Console(record=True, width=width or 96, force_terminal=True, color_system="truecolor",
                       highlight=False, emoji=False, file=io.StringIO())
    return Console(stderr=stderr, highlight=False, emoji=False, width=width)


def write_out(text: str) -> None:
    """Write text to standard output, ending with exactly one newline if it lacks one."""
    import sys

    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


def dump_json(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


def md_escape(text: str) -> str:
    """Escape characters that would turn plain text into Markdown markup."""
    out = []
    for ch in text:
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


# --- guidelines -----------------------------------------------------------------------------------


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


def bullets(rows: Sequence[RenderableType], *, marker: str = "•") -> RenderableType:
    """A hanging-indent list: wrapped lines stay aligned under the text, not the marker."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=len(marker), no_wrap=True)
    grid.add_column()
    for row in rows:
        grid.add_row(marker, row)
    return grid


def guideline_renderable(g: Guideline, *, show_basis: bool = True) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    head = Text()
    head.append(f" {g.id} ", style="bold reverse")
    head.append(f"  {g.number}. {g.title}", style="bold")
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
    return Group(head, Padding(Group(*body), (0, 0, 0, 6), expand=False))


def print_guidelines(console: Console, doc: Guidelines, items: Sequence[Guideline]) -> None:
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



# --- check results --------------------------------------------------------------------------------

SEVERITY_STYLE = {"stop": "bold red", "warning": "bold yellow", "info": "cyan"}
HIGHLIGHT_STYLE = {"stop": "bold white on red", "warning": "black on yellow", "info": "underline cyan"}
VERDICT_STYLE = {"stop": "bold white on red", "review": "bold black on yellow", "ok": "bold white on green"}
DRAFT_MAX = 1500


def result_json(result: CheckResult, **extra: Any) -> dict[str, Any]:
    data = result.to_json()
    data.update(extra)
    return data


def _numbered(result: CheckResult) -> list[tuple[int, Finding]]:
    return list(enumerate(result.findings, start=1))


def _grouped(result: CheckResult, guidelines: Guidelines) -> list[tuple[Guideline | None, list[tuple[int, Finding]]]]:
    order = {g.id: k for k, g in enumerate(guidelines.items)}
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for number, f in _numbered(result):
        groups.setdefault(f.guideline, []).append((number, f))
    out: list[tuple[Guideline | None, list[tuple[int, Finding]]]] = []
    for gid in sorted(groups, key=lambda g: order.get(g, 99)):
        try:
            guideline: Guideline | None = guidelines.get(gid)
        except KeyError:
            guideline = None
        out.append((guideline, groups[gid]))
    return out


def _draft_segments(result: CheckResult) -> list[tuple[str, str | None, list[int]]]:
    """Split the (normalised) draft into segments: text, highest severity covering it, markers after it."""
    text = result.normalised
    personal = [] if result.show_matches else list(result.personal)
    numbered = [(n, f) for n, f in _numbered(result) if f.nstart is not None and f.nend is not None]
    bounds = {0, len(text)}
    for _, f in numbered:
        bounds.update((f.nstart or 0, f.nend or 0))
    for o in personal:
        bounds.update((o.start, o.end))
    points = sorted(b for b in bounds if 0 <= b <= len(text))
    segments: list[tuple[str, str | None, list[int]]] = []
    for a, b in itertools.pairwise(points):
        inside = next((o for o in personal if o.start <= a and b <= o.end), None)
        masked = (inside.masked or "") if inside is not None and a == inside.start else ""
        piece = text[a:b] if inside is None else masked
        covering: list[str] = [f.severity for _, f in numbered if (f.nstart or 0) <= a and b <= (f.nend or 0)]
        severity = max(covering, key=SEVERITY_RANK.__getitem__) if covering else None
        markers = [n for n, f in numbered if f.nend == b]
        segments.append((piece, severity, markers))
    return segments


def draft_text(result: CheckResult, *, color: bool) -> Text:
    from rich.text import Text

    out = Text()
    for piece, severity, markers in _draft_segments(result):
        if severity and not color:
            out.append(piece)
        else:
            out.append(piece, style=HIGHLIGHT_STYLE[severity] if severity else "")
        for n in markers:
            out.append(f"[{n}]", style="bold")
    return out


def plain_draft(result: CheckResult) -> str:
    """The draft with personal data masked and findings numbered, as plain text."""
    return "".join(piece + "".join(f"[{n}]" for n in markers) for piece, _, markers in _draft_segments(result))


def print_result(
    console: Console,
    result: CheckResult,
    guidelines: Guidelines,
    settings: Settings,
    *,
    title: str | None = None,
) -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    color = console.color_system is not None and not console.no_color
    texts = settings.texts
    if title:
        console.print(Rule(Text(title, style="bold"), align="left"))
    konto = "kommunens offisielle konto" if result.konto == "offisiell" else "privat profil"
    console.print(Text(f"Utkast ({konto}):", style="bold"))
    if len(result.normalised) <= DRAFT_MAX:
        console.print(Padding(draft_text(result, color=color), (0, 0, 0, 2)))
    else:
        console.print(Padding(Text(f"Utkastet er langt ({len(result.normalised)} tegn); funnene viser utdrag.",
                                   style="dim"), (0, 0, 0, 2)))
    console.print()
    if result.findings:
        noun = "funn"
        console.print(Text(f"{len(result.findings)} {noun}, gruppert etter retningslinje:", style="bold"))
        for guideline, items in _grouped(result, guidelines):
            head = Text()
            gid = guideline.id if guideline else items[0][1].guideline
            head.append(f" {gid} ", style="bold reverse")
            head.append(f"  {guideline.title if guideline else ''}", style="bold")
            console.print()
            console.print(head)
            if guideline:
                console.print(Padding(Text(guideline.text, style="dim italic"), (0, 0, 0, 6)))
            for number, f in items:
                line = Text()
                line.append(f"[{number}] ", style="bold")
                line.append(texts.severity[f.severity].upper(), style=SEVERITY_STYLE[f.severity])
                if f.excerpt:
                    line.append(f"  «{f.excerpt}»")
                body = Text()
                body.append("Hvorfor: ", style="bold")
                body.append(f.message)
                body.append("\n")
                body.append("Gjør dette: ", style="bold")
                body.append(f.advice)
                console.print(Padding(line, (0, 0, 0, 4)))
                console.print(Padding(body, (0, 0, 0, 8)))
        console.print()
    verdict = Text()
    verdict.append("Vurdering: ", style="bold")
    verdict.append(f" {texts.verdict[result.verdict]} ", style=VERDICT_STYLE[result.verdict])
    verdict.append(f"  {texts.verdict_explanation[result.verdict]}")
    console.print(verdict)
    console.print(Text(texts.reminder, style="dim"))


def result_markdown(
    result: CheckResult, guidelines: Guidelines, settings: Settings, *, title: str | None = None
) -> str:
    texts = settings.texts
    lines: list[str] = []
    heading = f"tydal-sjekk: {title}" if title else "tydal-sjekk"
    lines += [f"## {md_escape(heading)}", ""]
    lines += [
        f"**Vurdering: {texts.verdict[result.verdict]}** – {md_escape(texts.verdict_explanation[result.verdict])}",
        "",
    ]
    konto = "kommunens offisielle konto" if result.konto == "offisiell" else "privat profil"
    lines += [f"Konto: {konto}", ""]
    if len(result.normalised) <= DRAFT_MAX:
        lines += ["**Utkast:**", ""]
        lines += ["> " + md_escape(line) if line else ">" for line in plain_draft(result).split("\n")]
        lines.append("")
    if result.findings:
        lines += [f"### Funn ({len(result.findings)})", ""]
        for guideline, items in _grouped(result, guidelines):
            gid = guideline.id if guideline else items[0][1].guideline
            title_text = f"{gid} – {guideline.title}" if guideline else gid
            lines += [f"#### {md_escape(title_text)}", ""]
            for number, f in items:
                excerpt = f" «{md_escape(f.excerpt)}»" if f.excerpt else ""
                lines.append(f"{number}. **{texts.severity[f.severity]}**{excerpt}: {md_escape(f.message)}")
                lines.append(f"   *Gjør dette:* {md_escape(f.advice)}")
            lines.append("")
    lines += [f"*{md_escape(texts.reminder)}*", ""]
    return "\n".join(lines)
