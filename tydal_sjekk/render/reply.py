"""``tydal-sjekk svar``: the reply help as text (rich) and Markdown (JSON is ``reply_json``).

One screen: the verdict first, the type (and, unless it was chosen with ``--type``, why the tool guessed
it), the guidelines as one-line titles with only the points that apply to the type, the checklist, and the
templates as plain paragraphs – no borders, no hard line breaks, placeholders as ``[navn]`` – so that a
template copied from the terminal or the Markdown is exactly the template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tydal_sjekk.render.check import finding_rows, result_markdown
from tydal_sjekk.render.common import (
    bullets,
    guideline_group,
    masked_text,
    md_escape,
    md_quote,
    section_title,
    verdict_line,
    verdict_markdown,
)
from tydal_sjekk.reply.classifier import ReplyResult, Template, reply_content

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.guidelines import Guideline


def applicable_points(content: Content, result: ReplyResult, guideline: Guideline) -> tuple[str, ...]:
    """The points of a guideline that apply to the type (none unless ``[underpunkter]`` names them)."""
    numbers = reply_content(content).points.get(result.rtype.id, {}).get(guideline.id, ())
    return tuple(guideline.points[n - 1] for n in numbers if 0 < n <= len(guideline.points))


def verdict_of(result: ReplyResult) -> str:
    worst = "review" if any(f.severity != "info" for f in result.personal) else "ok"
    if result.draft is not None and result.draft.verdict != "ok":
        worst = "stop" if "stop" in (result.draft.verdict, worst) else "review"
    return worst


def _verdict_explanation(content: Content, result: ReplyResult, verdict: str) -> str | None:
    rt = reply_content(content).texts
    if result.draft is None:
        return rt["personopplysninger_rad"] if verdict != "ok" else rt["sjekk_utkast"]
    return None  # the check's own explanation


def _percent(confidence: float) -> str:
    return str(round(confidence * 100))


def shown_signals(result: ReplyResult, show_matches: bool = False) -> tuple[Any, ...]:
    """The classifier's signals, without any that lie on personal data in the comment (a word of an e-mail
    address or a name must not be shown unmasked just because it helped to guess the type)."""
    if show_matches:
        return tuple(result.classified.signals)
    spans = [(f.start, f.end) for f in result.personal if f.start is not None and f.end is not None]
    return tuple(s for s in result.classified.signals if not any(a < s.end and s.start < b for a, b in spans))


def guess_line(content: Content, result: ReplyResult, forced: bool) -> str:
    """How the type was found: chosen with --type, or guessed from these words, this sure."""
    rt = reply_content(content).texts
    if forced:
        return rt["type_valgt"]
    signals = shown_signals(result, result.comment_check.show_matches)
    if not signals:
        return rt["ingen_signaler"]
    words = list(dict.fromkeys(f"«{s.text}»" for s in signals))[:6]
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} og {words[-1]}"
    confidence = result.classified.confidence
    sure = rt["type_sikker"] if confidence >= 0.7 else rt["type_usikker"] if confidence >= 0.4 else (
        rt["type_svart_usikker"])
    line = rt["type_gjetning"].format(signaler=listed, grad=sure, prosent=_percent(confidence))
    return f"{line} {rt['type_uenig']}"


def template_heading(content: Content, number: int, count: int, template: Template) -> str:
    rt = reply_content(content).texts
    return f"{rt['svarmal']} {number}: {template.title}" if count > 1 else f"{rt['svarmal']}: {template.title}"


def print_templates(console: Console, content: Content, templates: tuple[Template, ...]) -> None:
    """Each template as one plain paragraph, soft-wrapped by the terminal (a copy has no line breaks)."""
    # start-up: rich only when something is printed
    from rich.text import Text

    console.print(Text(reply_content(content).texts["svarmaler_tittel"], style="bold"))
    for k, t in enumerate(templates, start=1):
        console.print()
        console.print(Text(template_heading(content, k, len(templates), t), style="bold cyan"))
        console.print(Text(t.text), soft_wrap=True)


def print_reply(
    console: Console, content: Content, result: ReplyResult, *, title: str | None = None, forced: bool = False,
    details: bool = False,
) -> None:
    # start-up: rich only when something is printed
    from rich.padding import Padding
    from rich.text import Text

    guidelines = content.guidelines
    s = content.settings.texts
    rt = reply_content(content).texts
    if title:
        console.print(section_title(console, title))
    verdict = verdict_of(result)
    console.print(verdict_line(s, verdict, s.labels["vurdering"], _verdict_explanation(content, result, verdict)))
    console.print()
    head = Text()
    head.append("Type: ", style="bold")
    head.append(f" {result.rtype.name} ", style="bold reverse")
    console.print(head)
    console.print(Padding(Text(guess_line(content, result, forced), style="dim"), (0, 0, 0, 2)))
    if details:
        console.print(Padding(Text(result.rtype.description, style="dim"), (0, 0, 0, 2)))
    if result.personal:
        warn = Text()
        warn.append(f"{rt['personopplysninger']}: ", style="bold red")
        warn.append(", ".join(f"«{f.excerpt}»" for f in result.personal))
        warn.append(f". {rt['personopplysninger_rad']}")
        console.print(Padding(warn, (0, 0, 0, 2)))
    console.print()
    for gid in result.rtype.guidelines:
        g = guidelines.get(gid)
        points = applicable_points(content, result, g)
        extra = [bullets([Text(p, style="italic") for p in points])] if points else []
        console.print(guideline_group(g.id, g.title, [], text=g.text if details else "", extra=extra))
    console.print()
    console.print(Text("Sjekkliste:", style="bold"))
    console.print(Padding(bullets([Text(item) for item in result.rtype.checklist], marker="☐"), (0, 0, 0, 2)))
    console.print()
    if result.draft is None:
        print_templates(console, content, result.templates)
    else:
        # The reply is written already: the templates by name only, so the check of it fits the screen.
        listed = ", ".join(f"{k} {t.title}" for k, t in enumerate(result.templates, start=1))
        console.print(Text.assemble((rt["svarmaler_uten_utkast"], "bold"), " ", listed))
    if result.draft is not None:
        console.print()
        console.print(section_title(console, "Ditt utkast til svar (sjekket for offisiell konto)"))
        print_draft_findings(console, content, result, details=details)
    console.print()
    console.print(Text(s.reminder, style="dim"))


def print_draft_findings(console: Console, content: Content, result: ReplyResult, *, details: bool) -> None:
    """The check of the draft reply, without repeating the verdict at the top or the reminder."""
    # start-up: rich only when something is printed
    from rich.text import Text

    from tydal_sjekk.render.check import grouped
    from tydal_sjekk.render.common import guideline_group as group

    draft = result.draft
    if draft is None:
        return
    texts = content.settings.texts
    if not draft.findings:
        console.print(Text(texts.verdict_explanation["ok"]))
        return
    for guideline, items in grouped(draft, content.guidelines):
        gid = guideline.id if guideline else items[0][1].guideline
        rows = finding_rows(items, texts, details=details, numbers=False, result=draft)
        console.print(group(gid, guideline.title if guideline else "", rows,
                            text=guideline.text if guideline and details else ""))


def reply_json(content: Content, result: ReplyResult, *, forced: bool = False) -> dict[str, Any]:
    """``ReplyResult.to_json`` with the points that apply to the type; with --type, no classifier guess."""
    guidelines = content.guidelines
    data = result.to_json(guidelines)
    for item in data["guidelines"]:
        item["points"] = list(applicable_points(content, result, guidelines.get(item["id"])))
    data["type_source"] = "option" if forced else "classifier"
    shown = shown_signals(result, result.comment_check.show_matches)
    data["signals"] = [item for item, signal in zip(data["signals"], result.classified.signals, strict=False)
                       if signal in shown]
    if forced:
        data["confidence"] = None
        data["signals"] = []
    return data


def reply_markdown(
    content: Content, result: ReplyResult, *, title: str | None = None, forced: bool = False, details: bool = False
) -> str:
    guidelines = content.guidelines
    s = content.settings.texts
    rt = reply_content(content).texts
    lines = [f"## {md_escape('tydal-sjekk svar' + (': ' + title if title else ''))}", ""]
    verdict = verdict_of(result)
    explanation = _verdict_explanation(content, result, verdict)
    line = verdict_markdown(s, verdict, s.labels["vurdering"])
    if explanation is not None:
        line = f"**{s.labels['vurdering']}: {s.verdict[verdict]}** – {md_escape(explanation)}"
    lines += [line, ""]
    lines += ["**Kommentar:**", ""]
    lines += md_quote(md_escape(masked_text(result.comment_check)))
    lines.append("")
    lines += [f"**Type:** {md_escape(result.rtype.name)} (`{result.rtype.id}`). "
              f"{md_escape(guess_line(content, result, forced))}", ""]
    if details:
        lines += [md_escape(result.rtype.description), ""]
    if result.personal:
        found = ", ".join(f"«{md_escape(f.excerpt)}»" for f in result.personal)
        lines += [f"**{md_escape(rt['personopplysninger'])}:** {found}. {md_escape(rt['personopplysninger_rad'])}", ""]
    lines += ["### Retningslinjer", ""]
    for gid in result.rtype.guidelines:
        g = guidelines.get(gid)
        text = f": {md_escape(g.text)}" if details else ""
        lines.append(f"- **{g.id} {md_escape(g.title)}**{text}")
        lines += [f"  - {md_escape(p)}" for p in applicable_points(content, result, g)]
    lines += ["", "### Sjekkliste", ""]
    lines += [f"- [ ] {md_escape(item)}" for item in result.rtype.checklist]
    lines += ["", "### Svarmaler", "", md_escape(rt["svarmaler_tittel"], brackets=False), ""]
    for k, t in enumerate(result.templates, start=1):
        heading = template_heading(content, k, len(result.templates), t)
        lines += [f"**{md_escape(heading)}**", "", md_escape(t.text, brackets=False), ""]
    if result.draft is not None:
        lines.append(result_markdown(result.draft, guidelines, content.settings, title="ditt utkast til svar",
                                     details=details))
    return "\n".join(lines) + "\n"
