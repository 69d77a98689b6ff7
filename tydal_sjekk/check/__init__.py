"""The draft check engine (``tydal-sjekk sjekk``), shared by the wizard and the reply helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tydal_sjekk.check.engine import Checker
    from tydal_sjekk.check.model import CheckResult
    from tydal_sjekk.content import Content

def checker_for(content: Content) -> Checker:
    """One compiled checker per content folder."""
    cached: Checker | None = getattr(content, "_checker", None)
    if cached is None:
        from tydal_sjekk.check.engine import Checker

        cached = Checker(content.rules, content.cached.get("lexicon"))
        content._checker = cached  # type: ignore[attr-defined]
    return cached


def check_text(content: Content, text: str, konto: str = "privat", *, show_matches: bool = False) -> CheckResult:
    return checker_for(content).check(text, konto, show_matches=show_matches)
