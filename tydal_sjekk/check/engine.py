"""The check pipeline: normalise → detect signals → apply rules (single and combined) → verdict."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable

from tydal_sjekk.check import contacts, numbers, tone
from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.lexicon import Lexicon, tokenize
from tydal_sjekk.check.model import (
    NOT_PERSONAL,
    SEVERITY_RANK,
    CheckResult,
    Finding,
    Occurrence,
    Rule,
    RuleSet,
    verdict_for,
)
from tydal_sjekk.check.names import NameFinder
from tydal_sjekk.check.normalise import normalise

# Eight digits with at most single separators between them: the shortest number worth validating.
_NUMBER_HINT = re.compile(r"\d(?:[ .\-]?\d){7}")
EXCERPT_MAX = 80
_WINDOW_REACH = {"setning": 0, "nabo": 1}


class Checker:
    """Compiled once per rule set; ``check`` is then cheap and never touches the network or disk."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        extra = {**numbers.context_lists(rules.detectors), **contacts.context_lists(rules.detectors)}
        self.lexicon = Lexicon(rules.signals, extra)
        self.names = NameFinder(rules.names)
        self.labels = dict(rules.labels)

    # -- detection -------------------------------------------------------------------------------
    def detect(self, text: str) -> tuple[TextContext, list[Occurrence]]:
        tokens = tokenize(text)
        matches = self.lexicon.match(text, tokens)
        ctx = TextContext(text, tokens, matches)
        d = self.rules.detectors
        occurrences = [
            Occurrence(key, s, e) for key, spans in matches.items() if not key.startswith("@") for s, e in spans
        ]
        personal: list[Occurrence] = []
        if _NUMBER_HINT.search(text):
            personal += numbers.find_numbers(ctx, d)
        if "@" in text:
            personal += contacts.find_emails(ctx, d)
        personal += contacts.find_addresses(ctx, d)
        names = [n for n in self.names.find(ctx) if not _overlaps_any(n, personal)]
        occurrences += personal + names
        occurrences += tone.find_shouting(ctx, d)
        occurrences += tone.find_exclamations(ctx, d)
        occurrences.sort(key=lambda o: (o.start, o.end, o.signal))
        return ctx, occurrences

    # -- the whole check -------------------------------------------------------------------------
    def check(self, text: str, konto: str = "privat", *, show_matches: bool = False) -> CheckResult:
        norm = normalise(text)
        ctx, occurrences = self.detect(norm.text)
        by_signal: dict[str, list[Occurrence]] = defaultdict(list)
        for o in occurrences:
            by_signal[o.signal].append(o)
        sentence_of = {id(o): ctx.sentence_of(o.start) for o in occurrences}

        raw: list[tuple[Rule, int, int, str]] = []
        for rule in self.rules.rules:
            if konto not in rule.accounts or any(by_signal.get(s) for s in rule.unless):
                continue
            raw.extend(self._apply(rule, by_signal, sentence_of))
        raw = _replace(raw)

        personal = tuple(o for o in occurrences if o.masked is not None and o.signal not in NOT_PERSONAL)
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
        )

    def _apply(
        self, rule: Rule, by_signal: dict[str, list[Occurrence]], sentence_of: dict[int, int]
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
        return [(rule, s, e, label) for s, e, label in _merge(spans)] if len(rule.slots) > 1 else [
            (rule, s, e, label) for s, e, label in spans
        ]


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merge overlapping spans of one combination rule into one finding, joining their labels."""
    spans.sort()
    merged: list[tuple[int, int, list[str]]] = []
    for s, e, label in spans:
        if merged and s < merged[-1][1]:
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


def _overlaps_any(o: Occurrence, others: list[Occurrence]) -> bool:
    return any(o.start < p.end and p.start < o.end for p in others)


def _nearest(
    anchor: Occurrence, cands: list[Occurrence], starts: list[int], window: str, sentence_of: dict[int, int]
) -> Occurrence | None:
    """The candidate closest to the anchor within the window, not overlapping the anchor itself."""
    reach = _WINDOW_REACH.get(window)
    home = sentence_of[id(anchor)]
    pos = bisect_left(starts, anchor.start)
    best: Occurrence | None = None
    best_dist = -1
    # Walk right, then left, stopping once outside the window.
    for direction in (1, -1):
        k = pos if direction == 1 else pos - 1
        while 0 <= k < len(cands):
            c = cands[k]
            k += direction
            if c.start < anchor.end and anchor.start < c.end:
                continue
            if reach is not None and abs(sentence_of[id(c)] - home) > reach:
                break
            dist = c.start - anchor.end if c.start >= anchor.end else anchor.start - c.end
            if best is None or dist < best_dist:
                best, best_dist = c, dist
            break
    return best


def _replace(raw: list[tuple[Rule, int, int, str]]) -> list[tuple[Rule, int, int, str]]:
    """Drop findings that a more specific finding covers (``erstatter``)."""
    replacing = [(r, s, e) for r, s, e, _ in raw if r.replaces]
    if not replacing:
        return raw
    kept = []
    for item in raw:
        rule, s, e, _ = item
        covered = any(
            rule.id in other.replaces and os_ <= s and e <= oe and other is not rule for other, os_, oe in replacing
        )
        if not covered:
            kept.append(item)
    return kept


def excerpt(text: str, start: int, end: int, personal: tuple[Occurrence, ...] | list[Occurrence]) -> str:
    """The text of a span with personal data masked, shortened in the middle when long."""
    pieces: list[str] = []
    pos = start
    for o in personal:
        if o.end <= start or o.start >= end or o.masked is None:
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
