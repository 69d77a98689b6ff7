"""Pieces every output shares: consoles (no trailing spaces), writing, JSON, Markdown escaping, the guideline
heading and its group of rows, section titles, the verdict line, quote blocks, bullet lists, Norwegian dates
and the masked draft.

Only labels of the tool itself are written in ``render``; every guideline text, message and template
comes from ``content/``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tydal_sjekk import __version__
from tydal_sjekk.core.types import FORMATS, SEVERITY_RANK

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.segment import Segment
    from rich.text import Text

    from tydal_sjekk.check.model import CheckResult, Finding
    from tydal_sjekk.core.settings import Texts

__all__ = ["FORMATS", "TOOL", "__version__"]

TOOL = "tydal-sjekk"
SEVERITY_STYLE = {"stop": "bold red", "warning": "bold yellow", "info": "cyan"}
HIGHLIGHT_STYLE = {"stop": "bold white on red", "warning": "black on yellow", "info": "underline cyan"}
VERDICT_STYLE = {"stop": "bold white on red", "review": "bold black on yellow", "ok": "bold white on green"}


MIN_WIDTH, MAX_WIDTH = 40, 200


def terminal_width() -> int | None:
    """COLUMNS (or the terminal's width) clamped to 40–200; None when rich should decide."""
    import shutil

    raw = os.environ.get("COLUMNS", "")
    if raw.strip().isdigit():
        return max(MIN_WIDTH, min(MAX_WIDTH, int(raw)))
    width = shutil.get_terminal_size((100, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, width))


def make_console(
    *, stderr: bool = False, record: bool = False, width: int | None = None, follow_resize: bool = False
) -> Console:
    """The console for output. ``follow_resize`` (the wizard): in a terminal, and without ``COLUMNS``, the
    width is asked for at every print, so that text printed after a resize fits the new width."""
    # start-up: rich only when something is printed
    from rich.console import Console

    if record:
        # start-up: only for recorded output
        import io

        return Console(record=True, width=width or 96, force_terminal=True, color_system="truecolor",
                       highlight=False, emoji=False, file=io.StringIO())
    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit with code 1 («findings»); let the command line report an output failure (2).
            self.quiet = True
            raise BrokenPipeError(32, "broken pipe")

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            # rich pads every line of a grid or a padding to the full width; nobody wants those spaces in a
            # file, a pipe or a copy from the terminal.
            return super()._render_buffer(strip_trailing_spaces(buffer, styled=self.is_terminal))

    if follow_resize and width is None and not os.environ.get("COLUMNS", "").strip().isdigit():
        console = _Console(stderr=stderr, highlight=False, emoji=False)
        if console.is_terminal:
            return console
    return _Console(stderr=stderr, highlight=False, emoji=False, width=width or terminal_width())


def strip_trailing_spaces(segments: Iterable[Segment], *, styled: bool = True) -> Iterator[Segment]:
    """The segments without the invisible spaces at the end of each line.

    With ``styled`` (a terminal), spaces with a background colour or reversed are visible and kept.
    """
    # start-up: rich only when something is printed
    from rich.segment import Segment

    def _blank(segment: Segment) -> bool:
        style = segment.style
        if segment.control or segment.text.strip(" "):
            return False
        return not styled or style is None or (style.bgcolor is None and not style.reverse)

    pending: list[Segment] = []
    for segment in segments:
        if segment.control or "\n" not in segment.text:
            if _blank(segment):
                pending.append(segment)
                continue
            yield from pending
            pending.clear()
            text = segment.text
            stripped = text.rstrip(" ")
            if stripped != text and not segment.control and _blank(Segment(" ", segment.style)):
                yield Segment(stripped, segment.style)
                pending.append(Segment(text[len(stripped):], segment.style))
            else:
                yield segment
            continue
        lines = segment.text.split("\n")
        for k, line in enumerate(lines):
            if k:
                pending.clear()
                yield Segment("\n")
            if not line:
                continue
            piece = Segment(line, segment.style)
            if _blank(piece):
                pending.append(piece)
                continue
            yield from pending
            pending.clear()
            stripped = line.rstrip(" ")
            yield Segment(stripped, segment.style)
            if stripped != line and _blank(Segment(" ", segment.style)):
                pending.append(Segment(line[len(stripped):], segment.style))
    yield from pending


WRITE_STEP = 1 << 16


def write_out(text: str) -> None:
    """Write text to standard output, ending with exactly one newline if it lacks one.

    Large outputs go to the byte stream in steps, and every step is checked: a single large write to a
    pipe whose reader has gone (``| head -c1``) is cut short without an error (Python's buffered writer
    returns the part it wrote), and a truncated JSON must never pass for a whole one.
    """
    # start-up: trivial, kept next to its single use
    import sys

    if not text.endswith("\n"):
        text += "\n"
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None or len(text) <= WRITE_STEP // 4:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    _write_step(text)
    buffer.flush()


def _write_step(text: str) -> None:
    """Write ``text`` to the byte stream under standard output, checking every step (see ``write_out``)."""
    import sys

    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    view = memoryview(text.encode(stream.encoding or "utf-8", stream.errors or "strict"))
    while view:
        step = view[:WRITE_STEP]
        written = buffer.write(step)
        if written is None:  # a non-blocking stream that is full: the whole step is still pending
            written = len(step)
        if written <= 0:
            raise BrokenPipeError(32, "broken pipe")
        view = view[written:]


def _flush() -> None:
    import sys

    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    (buffer if buffer is not None else stream).flush()


def write_json(data: Any) -> None:
    """Write ``data`` as indented JSON to standard output in steps, never holding the whole text.

    A result with tens of thousands of findings is megabytes of JSON: encoding it piece by piece keeps the
    memory with the data instead of the data, the text and its bytes at once. Every step is checked as in
    ``write_out``, so a reader that goes away gives an error (exit code 2), never a JSON that looks whole.
    """
    # start-up: only for JSON out
    import json
    import sys

    sys.stdout.flush()  # what was written as text goes first
    pending: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        pending.append(chunk)
        size += len(chunk)
        if size >= WRITE_STEP:
            _write_step("".join(pending))
            pending.clear()
            size = 0
    pending.append("\n")
    _write_step("".join(pending))
    _flush()


def dump_json(data: Any) -> str:
    # start-up: only for JSON in or out
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


def md_escape(text: str, *, brackets: bool = True) -> str:
    """Escape characters that would turn plain text into Markdown markup.

    ``brackets=False`` leaves ``[navn]`` as it is: a template's placeholders are copied from the Markdown
    source too, and brackets without a link target after them are plain text in Markdown anyway.
    """
    special = "\\`*_[]<>#|" if brackets else "\\`*_<>#|"
    out = []
    for ch in text:
        if ch in special:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def md_quote(text: str) -> list[str]:
    """A Markdown quote block of (already escaped) text, one ``>`` line per line (any line break)."""
    return ["> " + line if line else ">" for line in (text.splitlines() or [""])]


def verdict_line(texts: Texts, verdict: str, label: str, explanation: str | None = None) -> Text:
    """«Vurdering:  STOPP   Ikke publiser dette …» in the verdict's colour."""
    # start-up: rich only when something is printed
    from rich.text import Text

    line = Text()
    line.append(f"{label}: ", style="bold")
    line.append(f" {texts.verdict[verdict]} ", style=VERDICT_STYLE[verdict])
    line.append(f"  {texts.verdict_explanation[verdict] if explanation is None else explanation}")
    return line


def verdict_markdown(texts: Texts, verdict: str, label: str) -> str:
    return f"**{label}: {texts.verdict[verdict]}** – {md_escape(texts.verdict_explanation[verdict])}"


def section_title(console: Console, title: str) -> RenderableType:
    """A rule with the title in it; just the title when the line is too narrow for both (no «…»)."""
    # start-up: rich only when something is printed
    from rich.cells import cell_len
    from rich.rule import Rule
    from rich.text import Text

    if cell_len(title) + 6 <= console.width:
        return Rule(Text(title, style="bold"), align="left")
    return Text(title, style="bold")


# Text under a guideline heading starts here: after the badge « P3 » and one space.
INDENT = 5


def heading(gid: str, title: str) -> RenderableType:
    """The badge and a one-line title; a title that wraps stays under itself, not under the badge."""
    # start-up: rich only when something is printed
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(f" {gid} ", style="bold reverse"), Text(title, style="bold"))
    return grid


def marked(rows: Sequence[tuple[Text, RenderableType]]) -> RenderableType:
    """Rows of (marker, text), e.g. «[1] STOPP» and what to do; wrapped text stays under the text."""
    # start-up: rich only when something is printed
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for marker, body in rows:
        grid.add_row(marker, body)
    return grid


def guideline_group(
    gid: str, title: str, rows: Sequence[tuple[Text, RenderableType]], *, text: str = "",
    extra: Sequence[RenderableType] = (),
) -> RenderableType:
    """One guideline: heading, (with --detaljer) its text, the rows, and anything else under it."""
    # start-up: rich only when something is printed
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    body: list[RenderableType] = []
    if text:
        body.append(Text(text, style="dim italic"))
    if rows:
        body.append(marked(rows))
    body.extend(extra)
    if not body:
        return heading(gid, title)
    return Group(heading(gid, title), Padding(Group(*body), (0, 0, 0, INDENT)))


def severity_marker(texts: Texts, severity: str, prefix: str = "") -> Text:
    """«[1] STOPP» / «SE OVER» in the severity's colour."""
    # start-up: rich only when something is printed
    from rich.text import Text

    marker = Text(prefix, style="bold")
    marker.append(texts.severity[severity].upper(), style=SEVERITY_STYLE[severity])
    return marker


MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember")


def norwegian_date(date: Any) -> str:
    """«26. november 2026»."""
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def bullets(rows: Sequence[RenderableType], *, marker: str = "•") -> RenderableType:
    """A hanging-indent list: wrapped lines stay aligned under the text, not the marker."""
    # start-up: rich only when something is printed
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=len(marker), no_wrap=True)
    grid.add_column()
    for row in rows:
        grid.add_row(marker, row)
    return grid


# --- the masked draft -----------------------------------------------------------------------------


def numbered(result: CheckResult) -> list[tuple[int, Finding]]:
    return list(enumerate(result.findings, start=1))


def draft_segments(result: CheckResult) -> list[tuple[str, str | None, list[int]]]:
    """Split the (normalised) draft into segments: text, highest severity covering it, markers after it.

    One sweep over the sorted boundaries, so the work is linear in the text and the findings.
    """
    text = result.normalised
    personal = [] if result.show_matches else sorted(result.personal, key=lambda o: (o.start, o.end))
    marked = [(n, f) for n, f in numbered(result) if f.nstart is not None and f.nend is not None]
    bounds = {0, len(text)}
    markers: dict[int, list[int]] = {}
    for n, f in marked:
        bounds.update((f.nstart or 0, f.nend or 0))
        markers.setdefault(f.nend or 0, []).append(n)
    for o in personal:
        bounds.update((o.start, o.end))
    points = sorted(b for b in bounds if 0 <= b <= len(text))
    by_start = sorted((f for _, f in marked if (f.nstart or 0) < (f.nend or 0)), key=lambda f: f.nstart or 0)
    by_end = sorted(by_start, key=lambda f: f.nend or 0)
    active = [0, 0, 0]
    names = ("info", "warning", "stop")
    si = ei = pi = 0
    segments: list[tuple[str, str | None, list[int]]] = []
    for a, b in itertools.pairwise(points):
        while si < len(by_start) and (by_start[si].nstart or 0) <= a:
            active[SEVERITY_RANK[by_start[si].severity]] += 1
            si += 1
        while ei < len(by_end) and (by_end[ei].nend or 0) <= a:
            active[SEVERITY_RANK[by_end[ei].severity]] -= 1
            ei += 1
        while pi < len(personal) and personal[pi].end <= a:
            pi += 1
        inside = personal[pi] if pi < len(personal) and personal[pi].start <= a and b <= personal[pi].end else None
        masked = (inside.masked or "") if inside is not None and a == inside.start else ""
        piece = text[a:b] if inside is None else masked
        severity = next((names[r] for r in (2, 1, 0) if active[r] > 0), None)
        segments.append((piece, severity, markers.get(b, []) if b != a else []))
    return segments


def draft_text(result: CheckResult, *, color: bool) -> Text:
    # start-up: rich only when something is printed
    from rich.text import Text

    out = Text()
    for piece, severity, markers in draft_segments(result):
        if severity and not color:
            out.append(piece)
        else:
            out.append(piece, style=HIGHLIGHT_STYLE[severity] if severity else "")
        for n in markers:
            out.append(f"[{n}]", style="bold")
    return out


def plain_draft(result: CheckResult) -> str:
    """The draft with personal data masked and findings numbered, as plain text."""
    return "".join(piece + "".join(f"[{n}]" for n in markers) for piece, _, markers in draft_segments(result))


def masked_text(result: CheckResult) -> str:
    """The text with personal data masked and no finding markers."""
    return plain_draft(result._replace(findings=()))
