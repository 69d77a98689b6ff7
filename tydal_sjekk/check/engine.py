"""The check pipeline: normalise → detect signals → apply rules (single and combined) → verdict."""

from __future__ import annotations

import gc
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.detectors import context_lists
from tydal_sjekk.check.detectors.base import Deferred
from tydal_sjekk.check.model import (
    REASON_WITHOUT_WORDS,
    SEVERITY_RANK,
    CheckResult,
    Finding,
    Occurrence,
    Rule,
    RuleSet,
    Severity,
    verdict_for,
)
from tydal_sjekk.text.lexicon import Lexicon, tokenize
from tydal_sjekk.text.normalise import Normalised, normalise
from tydal_sjekk.text.quotes import blank, inside, quoted_spans

if TYPE_CHECKING:
    from tydal_sjekk.check.learned import LearnedModel

EXCERPT_MAX = 80
CHUNK = 100_000
# Characters of context read on each side of a piece: more than any detector looks around a match.
MARGIN = 2_000
_WINDOW_REACH = {"setning": 0, "nabo": 1}
# A learned finding without the signals its guideline requires (``krever_ikke_over``) needs at least this many
# words in its window: «hehe ja 😂» or «@Kari sjekk dette» says nothing about anyone's role.
MIN_WORDS_WITHOUT_REQUIRED = 8


class _Piece(NamedTuple):
    """One piece of a long text: its own part ``lo:hi`` and what the pieces teach about the whole text."""

    lo: int
    hi: int
    learned: dict[str, set[Hashable]]
    deferred: list[tuple[str, Deferred]]


class Checker:
    """Compiled once per rule set; ``check`` is then cheap and never touches the network or disk."""

    def __init__(self, rules: RuleSet, lexicon: Lexicon | None = None, model: LearnedModel | None = None) -> None:
        self.rules = rules
        self.model = model
        if lexicon is None:
            lexicon = rules.lexicon
        if lexicon is None:
            lexicon = Lexicon(rules.signals, context_lists(rules.detectors))
        self.lexicon = lexicon
        self.labels = dict(rules.labels)
        self.not_personal = frozenset(s for detector, _ in rules.detectors for s in detector.not_personal)
        # The word-list signals of regler.toml (situations: «jobbrolle», «besvarer» …) are features for the
        # learned layer; the detectors' personal data (names, numbers) are not: the model has its own
        # feature for a name, and a name alone must not look like a breach.
        self.word_signals = frozenset(rules.signals)
        self.chunk = CHUNK
        self.margin = MARGIN

    # -- detection -------------------------------------------------------------------------------
    def detect(self, text: str) -> tuple[TextContext, list[Occurrence]]:
        """All signal occurrences in a normalised text, sorted by position.

        Long texts are read in pieces of about ``chunk`` characters, cut at line or sentence ends, so
        that the work and the memory stay proportional to the length of the text. Each piece is read once,
        with ``margin`` characters of the text around it, and keeps only what starts inside it: a number, a
        phrase or a context word across a cut is found exactly as in the whole text. What a detector
        learns from the whole text (a full name that makes a later surname a name) is collected from every
        piece, and the occurrences that depend on it are settled at the end (``Detector.piece``).
        """
        if len(text) <= self.chunk:
            ctx = self._context(text)
            return ctx, self._detect(ctx)
        occurrences: list[Occurrence] = []
        learned: dict[str, set[Hashable]] = defaultdict(set)
        deferred: list[tuple[str, Deferred]] = []
        for lo, hi in _chunks(text, self.chunk):
            a, b = max(0, lo - self.margin), min(len(text), hi + self.margin)
            ctx = self._context(text[a:b])
            piece = _Piece(lo - a, hi - a, learned, [])
            found = self._detect(ctx, piece)
            occurrences.extend(
                o._replace(start=o.start + a, end=o.end + a) if a else o for o in found if lo <= o.start + a < hi
            )
            for detector_id, d in piece.deferred:
                o = d.occurrence
                if lo <= o.start + a < hi:
                    deferred.append((detector_id, d._replace(occurrence=o._replace(start=o.start + a, end=o.end + a))))
        occurrences.extend(d.occurrence for detector_id, d in deferred if not learned[detector_id].isdisjoint(d.keys))
        occurrences.sort(key=_position)
        return TextContext(text, tokenize(""), {}), occurrences

    def _context(self, text: str) -> TextContext:
        tokens = tokenize(text)
        return TextContext(text, tokens, self.lexicon.match(text, tokens))

    def _detect(self, ctx: TextContext, piece: _Piece | None = None) -> list[Occurrence]:
        text = ctx.text
        occurrences = [
            Occurrence(key, s, e) for key, spans in ctx.matches.items() if not key.startswith("@") for s, e in spans
        ]
        for detector, settings in self.rules.detectors:
            if not detector.applies(text):
                continue
            if piece is not None and detector.uses_text_state:
                found, taught, later = detector.piece(ctx, settings, piece.lo, piece.hi)
                piece.learned[detector.id] |= taught
                piece.deferred.extend((detector.id, d) for d in later)
            else:
                found = detector.find(ctx, settings)
            ctx.taken.add([(o.start, o.end) for o in found if o.masked is not None])
            occurrences += found
        occurrences.sort(key=_position)
        return occurrences

    # -- the whole check -------------------------------------------------------------------------
    def check(self, text: str, konto: str = "privat", *, show_matches: bool = False) -> CheckResult:
        # The check allocates many small objects and no reference cycles; pausing the cyclic garbage
        # collector keeps the cost linear in the length of the text.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._check(text, konto, show_matches=show_matches)
        finally:
            if enabled:
                gc.enable()

    def _check(self, text: str, konto: str, *, show_matches: bool) -> CheckResult:
        norm = normalise(text)
        ctx, occurrences = self.detect(norm.text)
        # Quoted lines («> …», the comment a reply answers) are context: no rule and no model reads them, but
        # personal data in them is masked like anywhere else (``personal`` keeps every occurrence).
        quoted = quoted_spans(norm.text)
        by_signal: dict[str, list[Occurrence]] = defaultdict(list)
        for o in occurrences:
            if not (quoted and inside(quoted, o.start)):
                by_signal[o.signal].append(o)
        sentence_of = _SentenceIndex(ctx)

        raw: list[tuple[Rule, int, int, str]] = []
        for rule in self.rules.rules:
            if konto not in rule.accounts or any(by_signal.get(s) for s in rule.unless):
                continue
            raw.extend(self._apply(rule, by_signal, sentence_of))
        raw = _replace(raw)

        personal = tuple(o for o in occurrences if o.masked is not None and o.signal not in self.not_personal)
        # occurrences are sorted by start, so ``personal`` is too (excerpt() relies on it)
        findings = []
        for rule, ns, ne, label in raw:
            start, end = norm.to_original(ns, ne)
            findings.append(
                Finding(
                    rule=rule.id,
                    guideline=rule.guideline,
                    category=rule.category,
                    severity=rule.severity,
                    start=start,
                    end=end,
                    excerpt=excerpt(norm.text, ns, ne, () if show_matches else personal),
                    message=rule.message.replace("{etikett}", label),
                    advice=rule.advice.replace("{etikett}", label),
                    nstart=ns,
                    nend=ne,
                )
            )
        if self.model is not None:
            findings = self._learned(norm, ctx, konto, findings, by_signal, () if show_matches else personal,
                                     blank(norm.text, quoted))
        findings.sort(key=lambda f: (f.start if f.start is not None else -1, -SEVERITY_RANK[f.severity], f.rule))
        found = tuple(findings)
        return CheckResult(
            text=text,
            konto=konto,
            verdict=verdict_for(found),
            findings=found,
            normalised=norm.text,
            personal=personal,
            show_matches=show_matches,
            quoted_lines=len(quoted),
        )

    def _learned(
        self,
        norm: Normalised,
        ctx: TextContext,
        konto: str,
        findings: list[Finding],
        by_signal: dict[str, list[Occurrence]],
        personal: tuple[Occurrence, ...],
        read: str,
    ) -> list[Finding]:
        """Add the learned layer's findings and merge them with rule findings of the same guideline.

        The learned layer alone gives at most ``warning``; P3 together with an identifiable person in the
        same window (a name, «eleven min», a description) is ``stop``. A rule finding (warning or stop) of
        the same guideline that overlaps a learned one keeps its exact span and takes the score and reason;
        an «info» finding of the same guideline that overlaps it is left out (the learned finding says more).
        ``read`` is the text the model reads: the normalised text with quoted lines blanked.
        """
        from tydal_sjekk.check.learned import score  # start-up: the model is scored only when it is loaded

        assert self.model is not None
        model = self.model
        text = read
        # Everything below is looked up by binary search, so a long text with many findings stays linear.
        starts_of = {sid: [o.start for o in occ] for sid, occ in by_signal.items()}

        def present(sids: tuple[str, ...], a: int, b: int) -> bool:
            for sid in sids:
                starts = starts_of.get(sid)
                if starts:
                    k = bisect_left(starts, a)
                    if k < len(starts) and starts[k] < b:
                        return True
            return False

        # An «info» finding of the same guideline under a learned one is absorbed by it: a reminder from the rules
        # («the comment may have documentation value», O5; «a person from work no one can recognise», P3) and a
        # learned warning on the same words are one thing to look at, and the learned message is the one that
        # says why it is more than a reminder.
        absorbed: set[int] = set()
        mergeable: dict[str, list[tuple[int, int]]] = defaultdict(list)  # guideline → (nstart, index)
        for k, f in enumerate(findings):
            if (f.nstart is not None and f.nend is not None
                    and f.category not in model.separate_categories):
                mergeable[f.guideline].append((f.nstart, k))
        for items in mergeable.values():
            items.sort()
        personal_starts = [o.start for o in personal]
        # the model's signal features: the word-list signals of this text, then per window those present
        feature_signals = [sid for sid in starts_of if sid in self.word_signals]

        def signals_in(a: int, b: int) -> list[str]:
            return [sid for sid in feature_signals if present((sid,), a, b)]

        for sc in score(model, text, konto, ctx.sentences, signals_in):
            if any(by_signal.get(sid) for sid in model.unless.get(sc.guideline, ())):
                continue
            fewest = model.min_words.get(sc.guideline)
            if fewest and _words(text, sc.start, sc.end) < fewest:
                continue
            needed = model.requires.get(sc.guideline, ())
            if needed and not present(needed, sc.start, sc.end) and not (
                    sc.margin > model.strong_without_required.get(sc.guideline, math.inf)
                    # a short reply in a thread («hehe ja 😂») is too little to read a role or contact from
                    and len(text[sc.start : sc.end].split()) >= MIN_WORDS_WITHOUT_REQUIRED):
                continue
            # Above only the threshold lowered for a recognisable person: the person must be there, and so must
            # a content word that raised the score («Takk til Kari!» is a name and an exclamation mark, no more).
            if sc.needs_person and not (sc.reason_words and present(model.identifiable, sc.start, sc.end)):
                continue
            lo = bisect_left(personal_starts, sc.start - 500)
            hi = bisect_left(personal_starts, sc.end)
            words = _not_personal(text, sc.start, sc.end, sc.reason_words, personal[lo:hi])
            start, end = _narrow(text, sc.start, sc.end, words, ctx)
            reason = _reason_text(words)
            candidates = mergeable.get(sc.guideline, [])
            first = bisect_left(candidates, (sc.start - 2_000, -1))
            last = bisect_left(candidates, (sc.end, -1))
            overlapping = [k for _, k in candidates[first:last]
                           if (findings[k].nend or 0) > sc.start and (findings[k].nstart or 0) < sc.end]
            infos = [k for k in overlapping if findings[k].severity == "info"]
            overlapping = [k for k in overlapping if findings[k].severity != "info"]
            if not words and not overlapping:
                # No content word raised the score (a name and a colon, a number): nothing a person could be
                # told as the reason, and nothing the model learned about the situation. No finding (and an
                # «info» from the rules stays).
                continue
            absorbed.update(infos)
            # Stop needs all three: a score above the full threshold, a person who can be recognised, and a
            # sensitive kind of detail (a word of the health, debt, child-welfare … classes). Otherwise the
            # evidence is weaker: «se over». «Ring Kari på 912 34 567» is a phone number to review, not a
            # breach of confidentiality.
            identifiable = (sc.guideline == "P3" and not sc.needs_person and sc.class_word
                            and present(model.identifiable, sc.start, sc.end))
            severity: Severity = "stop" if identifiable else "warning"
            if overlapping:
                # One finding: the rule's exact span and wording, the worse of the two severities, the score.
                best = max(overlapping, key=lambda k: SEVERITY_RANK[findings[k].severity])
                f = findings[best]
                worse: Severity = f.severity if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[severity] else severity
                findings[best] = f._replace(severity=worse, score=round(sc.probability, 3), reason=reason)
                continue
            g = next(m for m in model.guidelines if m.id == sc.guideline)
            ostart, oend = norm.to_original(start, end)
            finding = Finding(
                rule=f"modell-{sc.guideline}",
                guideline=sc.guideline,
                category="modell",
                severity=severity,
                start=ostart,
                end=oend,
                excerpt=excerpt(norm.text, start, end, personal),
                message=g.message.replace("{grunn}", reason),
                advice=g.advice.replace("{grunn}", reason),
                nstart=start,
                nend=end,
                score=round(sc.probability, 3),
                reason=reason,
            )
            findings.append(finding)
        if absorbed:
            findings = [f for k, f in enumerate(findings) if k not in absorbed]
        return findings

    def _apply(
        self, rule: Rule, by_signal: dict[str, list[Occurrence]], sentence_of: _SentenceIndex
    ) -> Iterable[tuple[Rule, int, int, str]]:
        anchors = sorted((o for sid in rule.slots[0] for o in by_signal.get(sid, ())), key=lambda o: o.start)
        if not anchors:
            return []
        partners = []
        for slot in rule.slots[1:]:
            cands = sorted((o for sid in slot for o in by_signal.get(sid, ())), key=lambda o: o.start)
            if not cands:
                return []
            partners.append((cands, [c.start for c in cands]))
        spans: list[tuple[int, int, str]] = []
        for anchor in anchors:
            start, end = anchor.start, anchor.end
            ok = True
            for cands, starts in partners:
                match = _nearest(anchor, cands, starts, rule.window, sentence_of)
                if match is None:
                    ok = False
                    break
                start, end = min(start, match.start), max(end, match.end)
            if ok:
                spans.append((start, end, self.labels.get(anchor.signal, anchor.signal)))
                if rule.once:
                    break
        same_sentence = sentence_of if len(rule.slots) > 1 else None
        return [(rule, s, e, label) for s, e, label in _merge(spans, same_sentence)]


def _words(text: str, start: int, end: int) -> int:
    """The words (tokens with a letter) of ``text[start:end]``: «- Da må du trene, Espen.» has five."""
    return sum(1 for token in text[start:end].split() if any(ch.isalpha() for ch in token))


def _not_personal(
    text: str, start: int, end: int, words: tuple[str, ...], personal: tuple[Occurrence, ...]
) -> tuple[str, ...]:
    """The reason words that are not personal data (a name or a number is never quoted as a reason)."""
    import re

    kept = []
    for word in words:
        m = re.search(rf"\b{re.escape(word)}\b", text[start:end])
        if m is None:
            continue
        a, b = start + m.start(), start + m.end()
        if any(o.start < b and a < o.end for o in personal) or any(ch.isdigit() for ch in word):
            continue
        kept.append(word)
    return tuple(kept)


def _reason_text(words: tuple[str, ...]) -> str:
    if not words:
        return REASON_WITHOUT_WORDS
    return "ord som " + join_labels([f"«{w}»" for w in words])


def _narrow(text: str, start: int, end: int, words: tuple[str, ...], ctx: TextContext) -> tuple[int, int]:
    """The sentences of a window that hold the words that drove the score (the whole window otherwise)."""
    import re

    hits = [m.start() + start for w in words for m in re.finditer(rf"\b{re.escape(w)}\b", text[start:end])]
    if hits:
        first = ctx.sentences[ctx.sentence_of(min(hits))]
        k = ctx.sentence_of(max(hits)) + 1
        last = ctx.sentences[k] if k < len(ctx.sentences) else len(text)
        start, end = max(start, first), min(end, last)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _chunks(text: str, size: int) -> Iterable[tuple[int, int]]:
    """Cut a long text into pieces of about ``size`` characters at a line end, else a sentence end."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            window = text[start + size // 2 : end]
            cut = window.rfind("\n")
            if cut < 0:
                cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
                cut = cut + 1 if cut >= 0 else -1
            if cut < 0:
                cut = window.rfind(" ")
            if cut >= 0:
                end = start + size // 2 + cut + 1
        yield start, end
        start = end


def _position(o: Occurrence) -> tuple[int, int, str]:
    return (o.start, o.end, o.signal)


class _SentenceIndex(dict[int, int]):
    """Sentence number of a position, computed on first use."""

    def __init__(self, ctx: TextContext) -> None:
        super().__init__()
        self.ctx = ctx

    def __missing__(self, pos: int) -> int:
        value = self.ctx.sentence_of(pos)
        self[pos] = value
        return value


def _merge(spans: list[tuple[int, int, str]], sentence_of: _SentenceIndex | None) -> list[tuple[int, int, str]]:
    """Merge findings of one rule that overlap (or, for combinations, share a sentence), joining labels."""
    spans.sort()
    merged: list[tuple[int, int, list[str]]] = []
    for s, e, label in spans:
        joined = bool(merged) and (
            s < merged[-1][1] or (sentence_of is not None and sentence_of[s] == sentence_of[max(merged[-1][1] - 1, 0)])
        )
        if joined:
            last = merged[-1]
            labels = last[2] if label in last[2] else [*last[2], label]
            merged[-1] = (last[0], max(last[1], e), labels)
        else:
            merged.append((s, e, [label]))
    return [(s, e, join_labels(labels)) for s, e, labels in merged]


def join_labels(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " og " + labels[-1]


def _nearest(
    anchor: Occurrence, cands: list[Occurrence], starts: list[int], window: str, sentence_of: _SentenceIndex
) -> Occurrence | None:
    """The candidate closest to the anchor within the window (not the very same span as the anchor)."""
    reach = _WINDOW_REACH.get(window)
    home = sentence_of[anchor.start] if reach is not None else 0
    pos = bisect_left(starts, anchor.start)
    best: Occurrence | None = None
    best_dist = -1
    # Walk right, then left, stopping once outside the window.
    for direction in (1, -1):
        k = pos if direction == 1 else pos - 1
        while 0 <= k < len(cands):
            c = cands[k]
            k += direction
            if c.start == anchor.start and c.end == anchor.end:
                continue  # one match cannot stand for two signals
            if reach is not None and abs(sentence_of[c.start] - home) > reach:
                break
            dist = c.start - anchor.end if c.start >= anchor.end else anchor.start - c.end
            if best is None or dist < best_dist:
                best, best_dist = c, dist
            break
    return best


def _replace(raw: list[tuple[Rule, int, int, str]]) -> list[tuple[Rule, int, int, str]]:
    """Drop findings that a more specific finding covers (``erstatter``)."""
    covering: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for rule, s, e, _ in raw:
        for victim in rule.replaces:
            if victim != rule.id:
                covering[victim].append((s, e))
    if not covering:
        return raw
    index: dict[str, tuple[list[int], list[int]]] = {}
    for victim, spans in covering.items():
        spans.sort()
        reach, max_end = -1, []
        for _, e in spans:
            reach = max(reach, e)
            max_end.append(reach)
        index[victim] = ([s for s, _ in spans], max_end)
    kept = []
    for item in raw:
        rule, s, e, _ = item
        found = index.get(rule.id)
        if found is not None:
            starts, max_end = found
            k = bisect_right(starts, s) - 1  # covering spans that start at or before this one
            if k >= 0 and max_end[k] >= e:
                continue
        kept.append(item)
    return kept


def excerpt(text: str, start: int, end: int, personal: tuple[Occurrence, ...] | list[Occurrence]) -> str:
    """The text of a span with personal data masked, shortened in the middle when long.

    ``personal`` must be sorted by start; only the occurrences that overlap the span are visited.
    """
    pieces: list[str] = []
    pos = start
    k = max(0, bisect_left(personal, start, key=_start) - 1) if personal else 0
    while k < len(personal):
        o = personal[k]
        k += 1
        if o.start >= end:
            break
        if o.end <= start or o.masked is None:
            continue
        if o.start > pos:
            pieces.append(text[pos : o.start])
        if o.start >= pos:
            pieces.append(o.masked)
        pos = max(pos, o.end)
    if pos < end:
        pieces.append(text[pos:end])
    out = " ".join("".join(pieces).split())
    if len(out) > EXCERPT_MAX:
        half = (EXCERPT_MAX - 3) // 2
        out = out[:half].rstrip() + " … " + out[-half:].lstrip()
    return out


def _start(o: Occurrence) -> int:
    return o.start
