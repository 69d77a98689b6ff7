"""A safer version of a draft (``sjekk --forslag`` and the end of the wizard).

Deterministic, no text generation: every sentence with a ``stop`` finding is left out, personal data is
masked, and the disclaimer is added when its guideline applies. It is shown as a suggestion for the user to
read and edit; it is never posted or saved anywhere by the tool.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, NamedTuple

from tydal_sjekk.check.context import sentence_starts
from tydal_sjekk.render.common import md_escape

if TYPE_CHECKING:
    from rich.console import Console

    from tydal_sjekk.check.model import CheckResult
    from tydal_sjekk.core.settings import Texts


class Suggestion(NamedTuple):
    text: str  # empty when nothing is left
    removed: int  # sentences left out
    disclaimer: bool  # the disclaimer was added

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "removed_sentences": self.removed, "disclaimer_added": self.disclaimer}


def disclaimer_applies(result: CheckResult, texts: Texts) -> bool:
    """A finding of the disclaimer's guideline (P4) is in the result."""
    gid = texts.labels["presisering_retningslinje"]
    return any(f.guideline == gid and f.severity != "info" for f in result.findings)


def _masked(text: str, a: int, b: int, personal: list[tuple[int, int, str]]) -> str:
    """``text[a:b]`` with personal data replaced by its masked form."""
    out: list[str] = []
    pos = a
    for start, end, masked in personal:
        if end <= pos or start >= b:
            continue
        if start < pos:  # began in the sentence before (and was masked there)
            pos = min(end, b)
            continue
        out.append(text[pos:start])
        out.append(masked)
        pos = min(end, b)
    out.append(text[pos:b])
    return "".join(out)


_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def safer_version(result: CheckResult, disclaimer: str | None) -> Suggestion:
    """The draft without its ``stop`` sentences, masked, with ``disclaimer`` (if given) as a last paragraph."""
    text = result.normalised
    bounds = [*sentence_starts(text), len(text)]
    stops = [
        (f.nstart, f.nend) for f in result.findings
        if f.severity == "stop" and f.nstart is not None and f.nend is not None
    ]
    personal = sorted((o.start, o.end, o.masked or "***") for o in result.personal)
    pieces: list[str] = []
    removed = 0
    for a, b in itertools.pairwise(bounds):
        chunk = text[a:b]
        end = a + len(chunk.rstrip())
        if end == a:
            pieces.append(chunk)
            continue
        if any(s < end and (e > a or s == e >= a) for s, e in stops):
            removed += 1
            pieces.append("\n" * chunk[end - a:].count("\n"))
            continue
        pieces.append(_masked(text, a, b, personal))
    kept = "\n".join(line.rstrip() for line in "".join(pieces).split("\n"))
    kept = _MANY_BLANK_LINES.sub("\n\n", kept).strip("\n")
    if disclaimer:
        kept = f"{kept}\n\n{disclaimer}" if kept.strip() else ""
    return Suggestion(kept if kept.strip() else "", removed, bool(disclaimer and kept.strip()))


def removed_line(suggestion: Suggestion, texts: Texts) -> str:
    if not suggestion.text:
        return texts.labels["forslag_tomt"]
    if suggestion.removed == 1:
        return texts.labels["forslag_fjernet_en"]
    if suggestion.removed > 1:
        return texts.labels["forslag_fjernet_flere"].replace("{antall}", str(suggestion.removed))
    return ""


def print_suggestion(console: Console, suggestion: Suggestion, texts: Texts) -> None:
    """The heading, then the text as plain paragraphs: no indent, no borders, no hard line breaks, so that
    a copy from the terminal gives exactly the text."""
    # start-up: rich only when something is printed
    from rich.text import Text

    console.print(Text(texts.labels["forslag_tittel"], style="bold"))
    note = removed_line(suggestion, texts)
    if note:
        console.print(Text(note, style="dim"))
    if suggestion.text:
        console.print()
        for k, paragraph in enumerate(suggestion.text.split("\n\n")):
            if k:
                console.print()
            for line in paragraph.split("\n"):
                console.print(Text(line), soft_wrap=True)


def suggestion_markdown(suggestion: Suggestion, texts: Texts) -> list[str]:
    lines = [f"**{md_escape(texts.labels['forslag_tittel'])}**", ""]
    note = removed_line(suggestion, texts)
    if note:
        lines += [f"*{md_escape(note)}*", ""]
    if suggestion.text:
        lines += [md_escape(line) for line in suggestion.text.split("\n")]
        lines.append("")
    return lines
