"""The draft check (``tydal-sjekk sjekk``), shared by the wizard and the reply helper.

``loader`` reads ``regler.toml``, ``detectors`` holds the registry of built-in detectors, ``engine``
applies the rules. :func:`check_text` is the one entry point the rest of the tool uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tydal_sjekk.check.engine import Checker
    from tydal_sjekk.check.model import CheckResult, RuleSet
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.schema import Problem


def checker_for(content: Content) -> Checker:
    """One compiled checker per content folder."""
    cached: Checker | None = getattr(content, "_checker", None)
    if cached is None:
        # start-up: the engine and the model only when a text is checked
        from tydal_sjekk.check.engine import Checker
        from tydal_sjekk.check.learned import model_of

        cached = Checker(content.part("rules", _load_rules), None, model_of(content))
        content._checker = cached  # type: ignore[attr-defined]
    return cached


def _load_rules(content: Content, problems: list[Problem]) -> RuleSet | None:
    # start-up: the loader (and the TOML reader) only when there is no compiled cache
    from tydal_sjekk.check.loader import load_rules

    return load_rules(content, problems)


def check_text(content: Content, text: str, konto: str = "privat", *, show_matches: bool = False) -> CheckResult:
    return checker_for(content).check(text, konto, show_matches=show_matches)
