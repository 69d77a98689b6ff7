"""``tydal-sjekk veiviser``: the summary on screen and as a Markdown report.

On screen the summary fits one screen: the verdict first (and, when the answers and the text disagree, one
line that says why), then the advice from the answers and the findings in the text together, grouped by
guideline with a one-line title, the disclaimer to copy when it applies, a reply template for the official
account's reply branches, and the P6 reminder once. The report has the full guideline texts as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tydal_sjekk.core.display import thousands
from tydal_sjekk.core.types import SEVERITY_RANK as RANK
from tydal_sjekk.render.check import (
    FINDINGS_SHOWN,
    finding_rows,
    findings_markdown,
    group_findings,
    quoted_note,
    same_advice,
    shown,
)
from tydal_sjekk.render.common import (
    guideline_group,
    md_escape,
    md_quote,
    norwegian_date,
    numbered,
    plain_draft,
    section_title,
    severity_marker,
    verdict_line,
)
from tydal_sjekk.wizard.flow import Summary, WizardContent, difference_line, wizard_content

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from tydal_sjekk.check.model import Finding
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.guidelines import Guidelines
    from tydal_sjekk.core.settings import Settings
    from tydal_sjekk.reply.classifier import Template


def reply_templates(content: Content, summary: Summary) -> tuple[str, tuple[Template, ...]]:
    """(type id, templates) when the answers name a reply type (the official account's reply branches)."""
    wiz = wizard_content(content)
    type_id = summary.answers.get(wiz.reply_type_question, "") if wiz.reply_type_question else ""
    if summary.konto != "offisiell" or not type_id:
        return "", ()
    # start-up: the reply content only for a reply on the official account
    from tydal_sjekk.reply.classifier import reply_content

    replies = reply_content(content)
    if type_id not in replies.type_ids:
        return "", ()
    return type_id, tuple(t for t in replies.templates if t.type == type_id)


def _groups(
    summary: Summary, guidelines: Guidelines, limit: int | None = None
) -> list[tuple[str, list[Any], list[tuple[int, Finding]]]]:
    """(guideline id, advice from the answers, findings in the text) in guideline order; with ``limit``,
    only the first ``limit`` findings (in text order)."""
    order = {gid: k for k, gid in enumerate(guidelines.ids)}
    advice: dict[str, list[Any]] = {}
    for _, _, a in summary.advice:
        advice.setdefault(a.guideline, []).append(a)
    findings: dict[str, list[tuple[int, Finding]]] = {}
    if summary.check is not None:
        items_shown = numbered(summary.check) if limit is None else shown(summary.check, limit)
        for guideline, items in group_findings(items_shown, guidelines):
            findings[guideline.id if guideline else items[0][1].guideline] = items
    gids = sorted(set(advice) | set(findings), key=lambda g: order.get(g, 99))
    return [(gid, advice.get(gid, []), findings.get(gid, [])) for gid in gids]


def _title(guidelines: Guidelines, gid: str) -> tuple[str, str]:
    try:
        g = guidelines.get(gid)
    except KeyError:
        return "", ""
    return g.title, g.text


def print_summary(console: Console, summary: Summary, content: Content, *, details: bool = False) -> None:
    # start-up: rich only when something is printed
    from rich.text import Text

    wiz = wizard_content(content)
    texts = wiz.texts
    s = content.settings.texts
    guidelines = content.guidelines
    console.print()
    console.print(section_title(console, texts["oppsummering_tittel"]))
    console.print(verdict_line(s, summary.verdict, s.labels["vurdering"], texts[f"forklaring_{summary.verdict}"]))
    note = difference_line(wiz, summary, s.verdict)
    if note:
        console.print(Text(note, style="dim"))
    disclaimer_shown = False
    # The screen shows at most FINDINGS_SHOWN findings (the most severe), like `sjekk`; the report has them all.
    groups = _groups(summary, guidelines, FINDINGS_SHOWN)
    for gid, advice, findings in groups:
        title, text = _title(guidelines, gid)
        if any(a.severity != "info" for a in advice) or any(f.severity != "info" for _, f in findings):
            # Something here needs doing already: a finding for information only adds nothing to the screen
            # (`sjekk` and the report list every finding).
            findings = [(n, f) for n, f in findings if f.severity != "info"]
        rated: list[tuple[int, tuple[Text, RenderableType]]] = [
            (RANK[a.severity], (severity_marker(s, a.severity), Text(a.text))) for a in advice
        ]
        rated += [(RANK[f.severity], row) for f, row in zip(
            [same[0][1] for same in same_advice(findings)],
            finding_rows(findings, s, details=details, numbers=False, result=summary.check), strict=True,
        )]
        rows = [row for _, row in sorted(rated, key=lambda item: -item[0])]  # the strictest first
        extra: list[RenderableType] = []
        if summary.disclaimer and gid == wiz.disclaimer_guideline:
            extra = _disclaimer(texts["presisering_tittel"], s.disclaimer)
            disclaimer_shown = True
        console.print()
        console.print(guideline_group(gid, title, rows, text=text if details else "", extra=extra))
    quoted = quoted_note(summary.check) if summary.check is not None else ""
    if quoted:  # as `sjekk`: «>» must not silently hide a pasted text from the check
        console.print()
        console.print(Text(quoted, style="dim"))
    hidden = len(summary.check.findings) - FINDINGS_SHOWN if summary.check is not None else 0
    if hidden > 0:
        console.print()
        console.print(Text(f"… og {thousands(hidden)} funn til i teksten – rapporten (--rapport) viser alle.",
                           style="dim"))
    if not groups:
        console.print()
        console.print(Text(texts["ingen_rad"]))
    if summary.disclaimer and not disclaimer_shown:
        console.print()
        for item in _disclaimer(texts["presisering_tittel"], s.disclaimer):
            console.print(item)
    type_id, templates = reply_templates(content, summary)
    if templates:
        console.print()
        console.print(Text(texts["svarmaler_tittel"], style="bold"))
        console.print(Text(templates[0].title, style="bold cyan"))
        console.print(Text(templates[0].text), soft_wrap=True)
        if len(templates) > 1:
            console.print(Text(texts["svarmaler_flere"].format(type=type_id), style="dim"))
    console.print()
    console.print(Text(s.reminder, style="dim"))


def _disclaimer(title: str, disclaimer: str) -> list[RenderableType]:
    # start-up: rich only when something is printed
    from rich.text import Text

    return [Text(title, style="bold"), Text(disclaimer, style="bold cyan")]


def summary_markdown(
    summary: Summary,
    content: WizardContent,
    guidelines: Guidelines,
    settings: Settings,
    *,
    include_draft: bool,
    date: Any,
    templates: tuple[Template, ...] = (),
) -> str:
    """The report: everything on the screen, the answers, and the full text of each guideline."""
    t = content.texts
    s = settings.texts
    shown_date = date if isinstance(date, str) else norwegian_date(date)
    lines = [f"# {md_escape(t['tittel'])}: {md_escape(t['oppsummering_tittel'].lower())}", "",
             f"Dato: {shown_date}", ""]
    lines += [f"**{s.labels['vurdering']}: {s.verdict[summary.verdict]}** – "
              f"{md_escape(t['forklaring_' + summary.verdict])}", ""]
    note = difference_line(content, summary, s.verdict)
    if note:
        lines += [f"*{md_escape(note)}*", ""]
    lines += ["## Svarene", ""]
    for q in content.questions:
        if q.id in summary.answers:
            lines.append(f"- {md_escape(q.text)} **{md_escape(q.choice(summary.answers[q.id]).text)}**")
    lines.append("")
    lines += [f"## {md_escape(t['rad_tittel'])}", ""]
    groups = [(gid, advice) for gid, advice, _ in _groups(summary, guidelines) if advice]
    if not groups:
        lines += [md_escape(t["ingen_rad"]), ""]
    for gid, advice in groups:
        title, text = _title(guidelines, gid)
        lines += [f"### {gid} – {md_escape(title)}", "", *md_quote(md_escape(text)), ""]
        for a in advice:
            lines.append(f"- **{s.severity[a.severity]}:** {md_escape(a.text)}")
        lines.append("")
    if summary.disclaimer:
        lines += [f"**{md_escape(t['presisering_tittel'])}**", "", md_escape(s.disclaimer), ""]
    if summary.check is not None:
        check = summary.check
        lines += [f"## {md_escape(t['funn_tittel'])}", ""]
        lines += [f"Vurdering av teksten alene: **{s.verdict[check.verdict]}**", ""]
        if include_draft:
            lines += md_quote(md_escape(plain_draft(check)))
            lines.append("")
        quoted = quoted_note(check)
        if quoted:
            lines += [f"*{md_escape(quoted)}*", ""]
        if check.findings:
            lines += findings_markdown(numbered(check), guidelines, s, details=True, excerpts=include_draft,
                                       result=check)
    if templates:
        lines += [f"## {md_escape(t['svarmaler_tittel'], brackets=False)}", ""]
        for template in templates:
            lines += [f"**{md_escape(template.title)}**", "", md_escape(template.text, brackets=False), ""]
    lines += [f"*{md_escape(s.reminder)}*", ""]
    return "\n".join(lines)
