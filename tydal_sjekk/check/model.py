"""Data types of the check: signal and rule definitions (from content), occurrences, findings, results."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from tydal_sjekk.check.wordlist import WordList

Severity = Literal["info", "warning", "stop"]
Verdict = Literal["ok", "review", "stop"]
Window = Literal["setning", "nabo", "tekst"]

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "stop": 2}
ACCOUNTS = ("privat", "offisiell")
WINDOWS = ("setning", "nabo", "tekst")

# Signals produced by built-in detectors rather than word lists. Their occurrences are personal data
# (masked in output) unless listed in NOT_PERSONAL.
BUILTIN_SIGNALS = (
    "fodselsnummer",
    "telefon",
    "telefon-egen",
    "epost",
    "epost-egen",
    "epost-jobb",
    "kontonummer",
    "kontonummer-egen",
    "adresse",
    "adresse-egen",
    "navn",
    "store-bokstaver",
    "utropstegn",
)
NOT_PERSONAL = frozenset({"store-bokstaver", "utropstegn"})


# One word of a term: (kind, text) with kind "exact", "prefix" (``ord*``), "suffix" (``*ord``) or "any"
# (a lone ``*``). Plain tuples, not a class: there are thousands, and they are loaded on every start.
TokenPattern = tuple[str, str]
EXACT, PREFIX, SUFFIX, ANY = "exact", "prefix", "suffix", "any"


def token_matches(pattern: TokenPattern, token: str) -> bool:
    kind, text = pattern
    if kind == EXACT:
        return token == text
    if kind == PREFIX:
        return token.startswith(text)
    if kind == SUFFIX:
        return token.endswith(text)
    return True


Phrase = tuple[TokenPattern, ...]


class SignalDef(NamedTuple):
    id: str
    label: str
    phrases: tuple[Phrase, ...]
    chars: tuple[str, ...] = ()
    exceptions: tuple[Phrase, ...] = ()
    negations: frozenset[str] = frozenset()
    case_sensitive: bool = False


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


class DetectorSettings(NamedTuple):
    """Parameters for the built-in detectors, read from ``[detektor.*]`` in regler.toml."""

    fnr_not_person: tuple[Phrase, ...]
    phone_own: tuple[Phrase, ...]
    phone_public: tuple[Phrase, ...]
    phone_not_person: tuple[Phrase, ...]
    email_own: tuple[Phrase, ...]
    account_context: tuple[Phrase, ...]
    account_own: tuple[Phrase, ...]
    street_types: tuple[str, ...]
    address_own: tuple[Phrase, ...]
    official_addresses: tuple[str, ...]
    caps_min_words: int
    caps_min_letters: int
    caps_exceptions: frozenset[str]
    exclamation_min: int
    official_email_domains: tuple[str, ...]
    official_function_addresses: tuple[str, ...]
    official_phones: frozenset[str]


class NameLists(NamedTuple):
    first: WordList
    last: WordList
    ordinary: WordList
    not_names: frozenset[str]
    titles: frozenset[str]
    speech_verbs: frozenset[str]
    surname_suffixes: tuple[str, ...]
    noun_suffixes: tuple[str, ...]


class RuleSet(NamedTuple):
    signals: dict[str, SignalDef]
    rules: tuple[Rule, ...]
    detectors: DetectorSettings
    names: NameLists
    labels: dict[str, str]

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
        }


class CheckResult(NamedTuple):
    text: str
    konto: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    normalised: str
    personal: tuple[Occurrence, ...]  # personal data in normalised offsets, for masked display
    show_matches: bool = False

    def to_json(self) -> dict[str, Any]:
        from tydal_sjekk import __version__

        return {
            "tool": "tydal-sjekk",
            "version": __version__,
            "konto": self.konto,
            "verdict": self.verdict,
            "findings": [f.to_json() for f in self.findings],
        }


def verdict_for(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
    worst = max((SEVERITY_RANK[f.severity] for f in findings), default=0)
    if worst == 2:
        return "stop"
    if worst == 1:
        return "review"
    return "ok"
