"""Quoted lines: the comment a reply answers, pasted above it as «> …».

Whoever answers in a comment thread often pastes the comment they answer, marked the way e-mail and
Markdown mark a quote: lines that begin with «>». Those are someone else's words, and they are not
published by the reply. They are context: the check finds nothing in them (a complaint quoted above a
polite answer is not the answer's tone, and a citizen's own case number is not the reply's breach), but
personal data in them is still masked in every output.

A line is a quote when its first non-blank character is «>» and no digit follows it («> 50 elever» and
«>3 timer» are comparisons, not quotes). A line that is only a note in brackets saying what is answered,
«[Svar til Kari: «Når kjem brøytebilen?»]» or «(svar på: «…»)», is the same kind of context, and so is a line
without brackets that says what is answered and ends with the answered words in quotation marks: «↪️ Svar til
Kari: «Når kjem brøytebilen?»», «Re: «…»», «Kommentar: «…»», «Spørsmål fra Eva: «…»» (a reply on the same line
after the quote is checked). When every line with text is quoted, nothing is: a text that is only a quote is
checked as it stands.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# A quoted line: optional blanks, «>», not followed by (blanks and) a digit; up to the end of the line.
_QUOTED = re.compile(r"^[ \t]*>(?![ \t]*\d)[^\n]*", re.MULTILINE)
# «svar på/til» (also «som svar på», nynorsk and dialect forms): the words that say what is answered.
_ANSWERED = r"(?:som[ \t]+)?(?:svar|svarer|svarar)[ \t]+(?:på|pa|paa|til|te|åt)\b"
# A whole line in brackets that begins with them.
_ANSWERS = rf"[ \t]*{_ANSWERED}[^\n]*"
_REPLY_NOTE = re.compile(rf"^[ \t]*(?:\[{_ANSWERS}\]|\({_ANSWERS}\))[ \t]*$", re.MULTILINE | re.IGNORECASE)
# The same note without brackets: a few signs (an arrow, an emoji; not «>», which makes a quoted line already), «svar
# til Kari:» (or «Re:», «Kommentar:», «Spørsmål fra Eva:») and the answered words in quotation marks up to the end of
# the line.
_REPLY_LINE = re.compile(
    rf"^[ \t]*[^\w\s«»\"“”[(>]{{0,4}}[ \t]*(?:{_ANSWERED}|re\b|kommentar\b|spørsmål[ \t]+(?:fra|frå)\b)"
    r"[^«»\"“”\n]{0,60}(?:«[^»\n]*»|\"[^\"\n]*\"|“[^”\n]*”)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
_AFTER_EVERY_END = 1 << 62


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every quoted line, or none when no line with a letter is left unquoted."""
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)] if ">" in text else []
    if "]" in text or ")" in text:
        spans.extend((m.start(), m.end()) for m in _REPLY_NOTE.finditer(text))
    if "»" in text or '"' in text or "”" in text:
        spans.extend((m.start(), m.end()) for m in _REPLY_LINE.finditer(text))
    spans.sort()
    if not spans:
        return []
    pos = 0
    for start, end in spans:
        if _LETTER.search(text, pos, start):
            return spans
        pos = end
    return spans if _LETTER.search(text, pos) else []


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character of ``spans`` replaced by a space (positions and newlines are kept)."""
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in spans:
        parts.append(text[pos:start])
        parts.append(" " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted ``spans`` (binary search)."""
    k = bisect_right(spans, (pos, _AFTER_EVERY_END)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def without_quotes(text: str) -> str:
    """``text`` with its quoted lines blanked (what the learned layer reads; the same at training time)."""
    return blank(text, quoted_spans(text))
