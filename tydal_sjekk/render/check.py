"""``tydal-sjekk sjekk``: a check result as text (rich), Markdown and JSON.

The text output is meant to fit one screen: the verdict first, the draft with the findings marked, then what
to do, grouped by guideline with a one-line title (the guideline's own text only with ``--detaljer``), and
the P6 reminder once at the end.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tydal_sjekk.core.display import thousands
from tydal_sjekk.core.types import SEVERITY_RANK
from tydal_sjekk.render.common import (
    draft_text,
    guideline_group,
    md_escape,
    md_quote,
    numbered,
    plain_draft,
    section_title,
    severity_marker,
    verdict_line,
    verdict_markdown,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console, RenderableType
    from rich.text import Text

    from tydal_sjekk.check.model import CheckResult, Finding
    from tydal_sjekk.core.guidelines import Guideline, Guidelines
    from tydal_sjekk.core.settings import Settings, Texts
    from tydal_sjekk.render.suggestion import Suggestion

# Longer drafts are not repeated in the text output (the findings show excerpts): about eight lines at 100
# columns, so that a result still fits one screen.
DRAFT_MAX = 800
# No person reads thousands of findings: text and Markdown list this many, JSON lists all.
FINDINGS_SHOWN = 50


def shown(result: CheckResult, limit: int = FINDINGS_SHOWN) -> list[tuple[int, Finding]]:
    """The findings a person is shown, numbered in text order: all of them, or the ``limit`` most severe
    (a «stopp» after a thousand names must not be the one left out), still in text order."""
    items = numbered(result)
    if len(items) <= limit:
        return items
    strongest = sorted(items, key=lambda item: -SEVERITY_RANK[item[1].severity])[:limit]
    return sorted(strongest, key=lambda item: item[0])


def more_line(result: CheckResult) -> str:
    hidden = len(result.findings) - FINDINGS_SHOWN
    return f"… og {thousands(hidden)} funn til – bruk --format json for å se alle." if hidden > 0 else ""


def quoted_note(result: CheckResult) -> str:
    """Says that quoted lines were read as context only (so that «>» cannot hide a draft from the check)."""
    n = result.quoted_lines
    if not n:
        return ""
    lines = "én linje" if n == 1 else f"{thousands(n)} linjer"
    return (f"Merk: {lines} sitert med «>» eller «[Svar til …]» er lest som det du svarer på, og er ikke "
            "sjekket. Fjern sitattegnet hvis teksten er din egen.")


def result_json(result: CheckResult, **extra: Any) -> dict[str, Any]:
    data = result.to_json()
    data.update(extra)
    return data


def account_label(konto: str) -> str:
    return "kommunens offisielle konto" if konto == "offisiell" else "privat profil"


def grouped(result: CheckResult, guidelines: Guidelines) -> list[tuple[Guideline | None, list[tuple[int, Finding]]]]:
    """The findings shown (see ``shown``), grouped by guideline in guideline order."""
    return group_findings(shown(result), guidelines)


def group_findings(
    items: list[tuple[int, Finding]], guidelines: Guidelines
) -> list[tuple[Guideline | None, list[tuple[int, Finding]]]]:
    order = {g.id: k for k, g in enumerate(guidelines.items)}
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for number, f in items:
        groups.setdefault(f.guideline, []).append((number, f))
    out: list[tuple[Guideline | None, list[tuple[int, Finding]]]] = []
    for gid in sorted(groups, key=lambda g: order.get(g, 99)):
        try:
            guideline: Guideline | None = guidelines.get(gid)
        except KeyError:
            guideline = None
        out.append((guideline, groups[gid]))
    return out


def same_advice(items: list[tuple[int, Finding]]) -> list[list[tuple[int, Finding]]]:
    """Findings of one rule with the same message and advice, together (the advice is shown once)."""
    merged: dict[tuple[str, str, str, str], list[tuple[int, Finding]]] = {}
    for number, f in items:
        merged.setdefault((f.rule, f.severity, f.message, f.advice), []).append((number, f))
    return list(merged.values())


class Pieces:
    """The personal data of a result as (text, masked form), looked up by their first word, so that masking
    a short reason costs a few look-ups however many personal data the draft has (linear in total)."""

    __slots__ = ("_by_word",)

    def __init__(self, pieces: Iterable[tuple[str, str]]) -> None:
        self._by_word: dict[str, list[tuple[str, str]]] = {}
        for text, masked in sorted(pieces, key=lambda item: -len(item[0])):
            first = _WORD.search(text)
            self._by_word.setdefault(first.group() if first else text, []).append((text, masked))

    def __bool__(self) -> bool:
        return bool(self._by_word)

    def mask(self, text: str) -> str:
        found = [piece for word in dict.fromkeys(_WORD.findall(text)) for piece in self._by_word.get(word, ())]
        for raw, masked in sorted(found, key=lambda item: -len(item[0])):
            text = text.replace(raw, masked)
        return text


_WORD = re.compile(r"\w+")


def personal_pieces(result: CheckResult | None) -> Pieces:
    """The personal data in a result with their masked forms; none with --vis-treff."""
    if result is None or result.show_matches:
        return Pieces(())
    return Pieces({(result.normalised[o.start : o.end], o.masked or "***") for o in result.personal if o.end > o.start})


def _reason(f: Finding, pieces: Pieces | None = None) -> str:
    """The learned layer's explanation, when the engine gives one (``reason``), with personal data masked:
    it quotes words of the draft, and a name among them is as personal as in the draft."""
    reason = getattr(f, "reason", "") or ""
    if not isinstance(reason, str):
        return ""
    return pieces.mask(reason) if pieces else reason


def extra_reasons(same: list[tuple[int, Finding]], pieces: Pieces) -> list[str]:
    """The masked reasons of a group of findings that its message does not already name (a learned
    finding's message names its words; a merged rule finding's does not), sorted."""
    message = same[0][1].message
    return sorted(r for r in {_reason(f, pieces) for _, f in same} - {""} if r not in message)


def _score(f: Finding) -> float | None:
    score = getattr(f, "score", None)
    return float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None


def finding_rows(
    items: list[tuple[int, Finding]], texts: Texts, *, details: bool = False, numbers: bool = True,
    excerpts: bool = True, result: CheckResult | None = None,
) -> list[tuple[Text, RenderableType]]:
    """One row per advice: «[1] [3] STOPP» and the excerpts, why, and what to do."""
    # start-up: rich only when something is printed
    from rich.text import Text

    rows: list[tuple[Text, RenderableType]] = []
    pieces = personal_pieces(result)
    for same in same_advice(items):
        first = same[0][1]
        prefix = "".join(f"[{n}] " for n, _ in same) if numbers else ""
        body = Text()
        shown = [f"«{f.excerpt}»" for _, f in same if f.excerpt] if excerpts else []
        if shown:
            body.append(", ".join(shown) + " – ", style="bold")
        body.append(first.message)
        reasons = extra_reasons(same, pieces) if excerpts else []
        if reasons:
            body.append(f" ({'; '.join(reasons)})", style="dim")
        scores = [s for _, f in same if (s := _score(f)) is not None]
        if details and scores:
            body.append(f" Skår: {max(scores):.2f}.".replace(".", ",", 1), style="dim")
        body.append(f" {texts.labels['gjor_dette']}: ", style="bold")
        body.append(first.advice)
        rows.append((severity_marker(texts, first.severity, prefix), body))
    return rows


def print_result(
    console: Console,
    result: CheckResult,
    guidelines: Guidelines,
    settings: Settings,
    *,
    title: str | None = None,
    details: bool = False,
    suggestion: Suggestion | None = None,
) -> None:
    # start-up: rich only when something is printed
    from rich.padding import Padding
    from rich.text import Text

    color = console.color_system is not None and not console.no_color
    texts = settings.texts
    if title:
        console.print(section_title(console, title))
    console.print(verdict_line(texts, result.verdict, texts.labels["vurdering"]))
    console.print()
    if len(result.normalised) <= DRAFT_MAX:
        console.print(Text(f"Utkast ({account_label(result.konto)}):", style="bold"))
        console.print(Padding(draft_text(result, color=color), (0, 0, 0, 2)))
    else:
        console.print(Text(f"Utkast ({account_label(result.konto)}): langt ({thousands(len(result.normalised))} "
                           "tegn), så funnene viser utdrag.", style="bold"))
    note = quoted_note(result)
    if note:
        console.print(Text(note, style="dim"))
    for guideline, items in grouped(result, guidelines):
        gid = guideline.id if guideline else items[0][1].guideline
        console.print()
        console.print(guideline_group(
            gid, guideline.title if guideline else "", finding_rows(items, texts, details=details, result=result),
            text=guideline.text if guideline and details else "",
        ))
    if more_line(result):
        console.print()
        console.print(Text(more_line(result), style="bold"))
    if suggestion is not None:
        # start-up: only with --forslag
        from tydal_sjekk.render.suggestion import print_suggestion

        console.print()
        print_suggestion(console, suggestion, texts)
    console.print()
    console.print(Text(texts.reminder, style="dim"))


def findings_markdown(
    items: list[tuple[int, Finding]], guidelines: Guidelines, texts: Texts, *, details: bool, excerpts: bool = True,
    result: CheckResult | None = None,
) -> list[str]:
    lines: list[str] = []
    pieces = personal_pieces(result)
    for guideline, group in group_findings(items, guidelines):
        gid = guideline.id if guideline else group[0][1].guideline
        title_text = f"{gid} – {guideline.title}" if guideline else gid
        lines += [f"#### {md_escape(title_text)}", ""]
        if guideline and details:
            lines += [*md_quote(md_escape(guideline.text)), ""]
        for same in same_advice(group):
            f = same[0][1] if excerpts else same[0][1].without_draft_words()
            numbers = ", ".join(str(n) for n, _ in same)
            shown = ", ".join(f"«{md_escape(g.excerpt)}»" for _, g in same if g.excerpt) if excerpts else ""
            # The reason quotes words of the draft: it is left out with the excerpts.
            reasons = "; ".join(extra_reasons(same, pieces)) if excerpts else ""
            why = md_escape(f.message) + (f" ({md_escape(reasons)})" if reasons else "")
            lines.append(f"- **[{numbers}] {texts.severity[f.severity]}**{' ' + shown if shown else ''}: {why} "
                         f"*{md_escape(texts.labels['gjor_dette'])}:* {md_escape(f.advice)}")
        lines.append("")
    return lines


def result_markdown(
    result: CheckResult, guidelines: Guidelines, settings: Settings, *, title: str | None = None,
    details: bool = False, suggestion: Suggestion | None = None,
) -> str:
    texts = settings.texts
    lines: list[str] = []
    heading = f"tydal-sjekk: {title}" if title else "tydal-sjekk"
    lines += [f"## {md_escape(heading)}", ""]
    lines += [verdict_markdown(texts, result.verdict, texts.labels["vurdering"]), ""]
    lines += [f"Konto: {account_label(result.konto)}", ""]
    if len(result.normalised) <= DRAFT_MAX or details:
        lines += ["**Utkast:**", ""]
        lines += md_quote(md_escape(plain_draft(result)))
        lines.append("")
    note = quoted_note(result)
    if note:
        lines += [f"*{md_escape(note)}*", ""]
    if result.findings:
        lines += [f"### Funn ({thousands(len(result.findings))})", ""]
        lines += findings_markdown(shown(result), guidelines, texts, details=details,
                                   result=result)
        if more_line(result):
            lines += [md_escape(more_line(result)), ""]
    if suggestion is not None:
        # start-up: only with --forslag
        from tydal_sjekk.render.suggestion import suggestion_markdown

        lines += suggestion_markdown(suggestion, texts)
    lines += [f"*{md_escape(texts.reminder)}*", ""]
    return "\n".join(lines)
