"""Data types of the check: signal and rule definitions (from content), occurrences, findings, results."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from tydal_sjekk.core.types import ACCOUNTS, SEVERITY_RANK, Severity, Verdict, worst_verdict
from tydal_sjekk.text.terms import SignalDef

__all__ = ["ACCOUNTS", "SEVERITY_RANK", "CheckResult", "Finding", "Occurrence", "Rule", "RuleSet", "Severity",
           "SignalDef", "Verdict", "verdict_for"]

Window = Literal["setning", "nabo", "tekst"]
WINDOWS = ("setning", "nabo", "tekst")


class Rule(NamedTuple):
    id: str
    guideline: str
    category: str
    severity: Severity
    slots: tuple[tuple[str, ...], ...]
    window: Window
    accounts: tuple[str, ...]
    unless: tuple[str, ...]
    replaces: tuple[str, ...]
    once: bool
    message: str
    advice: str
    examples: tuple[str, ...] = ()  # texts the rule must fire on (``eksempler``)
    counter_examples: tuple[str, ...] = ()  # texts it must not fire on (``ikke_eksempler``)


class RuleSet(NamedTuple):
    signals: dict[str, SignalDef]
    rules: tuple[Rule, ...]
    # (detector, its settings from ``[detektor.<id>]``) in the order the engine runs them
    detectors: tuple[tuple[Any, Any], ...]
    labels: dict[str, str]
    # The compiled index of every word list (signals and detector context). The signals above keep only
    # what the engine needs; their terms live here (so the wheel's cache stores exactly this object).
    lexicon: Any = None

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


class Occurrence(NamedTuple):
    """Where a signal was seen, in normalised offsets (a tuple: there can be many of them)."""

    signal: str
    start: int
    end: int
    masked: str | None = None  # set for personal data: what to show instead of the matched text


# The reason of a learned finding when no word can be quoted (see ``Finding.without_draft_words``).
REASON_WITHOUT_WORDS = "ordvalget i teksten"


class Finding(NamedTuple):
    rule: str
    guideline: str
    category: str
    severity: Severity
    start: int | None
    end: int | None
    excerpt: str
    message: str
    advice: str
    # Normalised span, used to highlight the draft; not part of the JSON interface.
    nstart: int | None = None
    nend: int | None = None
    score: float | None = None  # the learned layer's probability (None: found by rules alone)
    reason: str = ""  # the words that drove the learned layer («ord som «…»»)

    def without_draft_words(self) -> Finding:
        """This finding with a message and advice that quote no word of the draft (for a report that leaves the
        draft out): the reason the learned layer wrote into them becomes «ordvalget i teksten»."""
        if not self.reason or self.reason == REASON_WITHOUT_WORDS:
            return self
        return self._replace(message=self.message.replace(self.reason, REASON_WITHOUT_WORDS),
                             advice=self.advice.replace(self.reason, REASON_WITHOUT_WORDS), reason="")

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "guideline": self.guideline,
            "category": self.category,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "advice": self.advice,
            "score": self.score,
            "reason": self.reason,
        }


class CheckResult(NamedTuple):
    text: str
    konto: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    normalised: str
    personal: tuple[Occurrence, ...]  # personal data in normalised offsets, for masked display
    show_matches: bool = False
    quoted_lines: int = 0  # lines quoted with «>» or «[Svar til …]» (what a reply answers): context, not checked

    def to_json(self) -> dict[str, Any]:
        # the package root stays import-free
        from tydal_sjekk import __version__

        return {
            "tool": "tydal-sjekk",
            "version": __version__,
            "konto": self.konto,
            "verdict": self.verdict,
            "findings": [f.to_json() for f in self.findings],
            "quoted_lines": self.quoted_lines,
        }


def verdict_for(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
    return worst_verdict([f.severity for f in findings])
