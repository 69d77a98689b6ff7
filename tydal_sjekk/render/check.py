"""``tydal-sjekk sjekk``: a check result as text (rich), Markdown and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tydal_sjekk.core.display import thousands
from tydal_sjekk.render.common import (
    SEVERITY_STYLE,
    badge,
    draft_text,
    md_escape,
    md_quote,
    numbered,
    plain_draft,
    verdict_line,
    verdict_markdown,
)

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.check.model import CheckResult, Finding
    from tydal_sjekk.core.guidelines import Guideline, Guidelines
    from tydal_sjekk.core.settings import Settings

DRAFT_MAX = 1500
# No person reads thousands of findings: text and Markdown list this many, JSON lists all.
FINDINGS_SHOWN = 50


def more_line(result: CheckResult) -> str:
    hidden = len(result.findings) - FINDINGS_SHOWN
    return f"… og {thousands(hidden)} funn til – bruk --format json for å se alle." if hidden > 0 else ""


def result_json(result: CheckResult, **extra: Any) -> dict[str, Any]:
    data = result.to_json()
    data.update(extra)
    return data


def account_label(konto: str) -> str:
    return "kommunens offisielle konto" if konto == "offisiell" else "privat profil"


def grouped(result: CheckResult, guidelines: Guidelines) -> list[tuple[Guideline | None, list[tuple[int, Finding]]]]:
    """The first FINDINGS_SHOWN findings (in text order), grouped by guideline in guideline order."""
    order = {g.id: k for k, g in enumerate(guidelines.items)}
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for number, f in numbered(result)[:FINDINGS_SHOWN]:
        groups.setdefault(f.guideline, []).append((number, f))
    out: list[tuple[Guideline | None, list[tuple[int, Finding]]]] = []
    for gid in sorted(groups, key=lambda g: order.get(g, 99)):
        try:
            guideline: Guideline | None = guidelines.get(gid)
        except KeyError:
            guideline = None
        out.append((guideline, groups[gid]))
    return out


def print_result(
    console: Console,
    result: CheckResult,
    guidelines: Guidelines,
    settings: Settings,
    *,
    title: str | None = None,
) -> None:
    # start-up: rich only when something is printed
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    color = console.color_system is not None and not console.no_color
    texts = settings.texts
    labels = texts.labels
    if title:
        console.print(Rule(Text(title, style="bold"), align="left"))
    console.print(Text(f"Utkast ({account_label(result.konto)}):", style="bold"))
    if len(result.normalised) <= DRAFT_MAX:
        console.print(Padding(draft_text(result, color=color), (0, 0, 0, 2)))
    else:
        console.print(Padding(Text(f"Utkastet er langt ({len(result.normalised)} tegn); funnene viser utdrag.",
                                   style="dim"), (0, 0, 0, 2)))
    console.print()
    if result.findings:
        console.print(Text(f"{len(result.findings)} funn, gruppert etter retningslinje:", style="bold"))
        for guideline, items in grouped(result, guidelines):
            gid = guideline.id if guideline else items[0][1].guideline
            console.print()
            console.print(badge(gid, guideline.title if guideline else ""))
            if guideline:
                console.print(Padding(Text(guideline.text, style="dim italic"), (0, 0, 0, 6)))
            for number, f in items:
                line = Text()
                line.append(f"[{number}] ", style="bold")
                line.append(texts.severity[f.severity].upper(), style=SEVERITY_STYLE[f.severity])
                if f.excerpt:
                    line.append(f"  «{f.excerpt}»")
                body = Text()
                body.append(f"{labels['hvorfor']}: ", style="bold")
                body.append(f.message)
                body.append("\n")
                body.append(f"{labels['gjor_dette']}: ", style="bold")
                body.append(f.advice)
                console.print(Padding(line, (0, 0, 0, 4)))
                console.print(Padding(body, (0, 0, 0, 8)))
        if more_line(result):
            console.print()
            console.print(Text(more_line(result), style="bold"))
        console.print()
    console.print(verdict_line(texts, result.verdict, labels["vurdering"]))
    console.print(Text(texts.reminder, style="dim"))


def result_markdown(
    result: CheckResult, guidelines: Guidelines, settings: Settings, *, title: str | None = None
) -> str:
    texts = settings.texts
    lines: list[str] = []
    heading = f"tydal-sjekk: {title}" if title else "tydal-sjekk"
    lines += [f"## {md_escape(heading)}", ""]
    lines += [verdict_markdown(texts, result.verdict, texts.labels["vurdering"]), ""]
    lines += [f"Konto: {account_label(result.konto)}", ""]
    if len(result.normalised) <= DRAFT_MAX:
        lines += ["**Utkast:**", ""]
        lines += md_quote(md_escape(plain_draft(result)))
        lines.append("")
    if result.findings:
        lines += [f"### Funn ({len(result.findings)})", ""]
        for guideline, items in grouped(result, guidelines):
            gid = guideline.id if guideline else items[0][1].guideline
            title_text = f"{gid} – {guideline.title}" if guideline else gid
            lines += [f"#### {md_escape(title_text)}", ""]
            for number, f in items:
                excerpt = f" «{md_escape(f.excerpt)}»" if f.excerpt else ""
                lines.append(f"{number}. **{texts.severity[f.severity]}**{excerpt}: {md_escape(f.message)}")
                lines.append(f"   *{texts.labels['gjor_dette']}:* {md_escape(f.advice)}")
            lines.append("")
        if more_line(result):
            lines += [md_escape(more_line(result)), ""]
    lines += [f"*{md_escape(texts.reminder)}*", ""]
    return "\n".join(lines)
