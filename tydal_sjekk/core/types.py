"""Small shared vocabularies: severities, verdicts and accounts (the ids used in JSON and content)."""

from __future__ import annotations

from typing import Literal

Severity = Literal["info", "warning", "stop"]
Verdict = Literal["ok", "review", "stop"]

SEVERITIES: tuple[Severity, ...] = ("info", "warning", "stop")
VERDICTS: tuple[Verdict, ...] = ("ok", "review", "stop")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "stop": 2}
ACCOUNTS = ("privat", "offisiell")
FORMATS = ("tekst", "markdown", "json")


def worst_verdict(severities: list[str] | tuple[str, ...]) -> Verdict:
    """``stop`` if any severity is stop, ``review`` if any is warning, else ``ok`` (info never counts)."""
    worst = max((SEVERITY_RANK[s] for s in severities), default=0)
    return "stop" if worst == 2 else "review" if worst == 1 else "ok"
