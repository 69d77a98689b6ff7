"""``tydal-sjekk veiviser``: the summary on screen and as a Markdown report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tydal_sjekk.render.check import print_result
from tydal_sjekk.render.common import (
    SEVERITY_STYLE,
    badge,
    md_escape,
    plain_draft,
    verdict_line,
    verdict_markdown,
)
from tydal_sjekk.wizard.flow import Summary, WizardContent, advice_by_guideline, wizard_content

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.guidelines import Guidelines
    from tydal_sjekk.core.settings import Settings


def print_summary(console: Console, summary: Summary, content: Content) -> None:
    # start-up: rich only when something is printed
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    wiz = wizard_content(content)
    texts = wiz.texts
    settings = content.settings
    s = settings.texts
    guidelines = content.guidelines
    console.print()
    console.print(Rule(Text(texts["oppsummering_tittel"], style="bold"), align="left"))
    groups = advice_by_guideline(summary, guidelines)
    if groups:
        console.print(Text(texts["rad_tittel"], style="bold"))
        for gid, items in groups:
            g = guidelines.get(gid)
            console.print()
            console.print(badge(g.id, g.title))
            console.print(Padding(Text(g.text, style="dim italic"), (0, 0, 0, 6)))
            for a in items:
                line = Text()
                line.append(s.severity[a.severity].upper(), style=SEVERITY_STYLE[a.severity])
                line.append(f"  {a.text}")
                console.print(Padding(line, (0, 0, 0, 4)))
    else:
        console.print(Text(texts["ingen_rad"]))
    if summary.disclaimer:
        console.print()
        console.print(Text(texts["presisering_tittel"], style="bold"))
        console.print(Padding(Text(s.disclaimer, style="bold cyan"), (0, 0, 0, 4)))
    if summary.check is not None:
        console.print()
        console.print(Rule(Text(texts["funn_tittel"], style="bold"), align="left"))
        print_result(console, summary.check, guidelines, settings)
    console.print()
    console.print(verdict_line(s, summary.verdict, s.labels["samlet_vurdering"]))
    if summary.check is None:
        console.print(Text(s.reminder, style="dim"))


def summary_markdown(
    summary: Summary,
    content: WizardContent,
    guidelines: Guidelines,
    settings: Settings,
    *,
    include_draft: bool,
    date: str,
) -> str:
    t = content.texts
    s = settings.texts
    lines = [f"# {md_escape(t['tittel'])}: {md_escape(t['oppsummering_tittel'].lower())}", "", f"Dato: {date}", ""]
    lines += [verdict_markdown(s, summary.verdict, s.labels["vurdering"]), ""]
    lines += ["## Svarene", ""]
    for q in content.questions:
        if q.id in summary.answers:
            lines.append(f"- {md_escape(q.text)} **{md_escape(q.choice(summary.answers[q.id]).text)}**")
    lines.append("")
    lines += [f"## {md_escape(t['rad_tittel'])}", ""]
    groups = advice_by_guideline(summary, guidelines)
    if not groups:
        lines += [md_escape(t["ingen_rad"]), ""]
    for gid, items in groups:
        g = guidelines.get(gid)
        lines += [f"### {gid} – {md_escape(g.title)}", "", f"> {md_escape(g.text)}", ""]
        for a in items:
            lines.append(f"- **{s.severity[a.severity]}:** {md_escape(a.text)}")
        lines.append("")
    if summary.disclaimer:
        lines += [f"**{md_escape(t['presisering_tittel'])}**", "", f"> {md_escape(s.disclaimer)}", ""]
    if summary.check is not None:
        lines += [f"## {md_escape(t['funn_tittel'])}", ""]
        check = summary.check
        lines += [f"Vurdering av teksten: **{s.verdict[check.verdict]}**", ""]
        if include_draft:
            lines += ["> " + md_escape(line) if line else ">" for line in plain_draft(check).splitlines()]
            lines.append("")
        for n, f in enumerate(check.findings, start=1):
            excerpt = f" «{md_escape(f.excerpt)}»" if include_draft and f.excerpt else ""
            lines.append(f"{n}. **{f.guideline} {s.severity[f.severity]}**{excerpt}: {md_escape(f.message)} "
                         f"*{md_escape(f.advice)}*")
        if check.findings:
            lines.append("")
    lines += [f"*{md_escape(s.reminder)}*", ""]
    return "\n".join(lines)
