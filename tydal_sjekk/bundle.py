"""Every part of a content folder together: validation of the whole folder, rule examples, the cache.

This sits above the domain layer (it loads the check, the wizard and the reply helper) and below
``render`` and the CLI. ``tydal-sjekk innhold sjekk`` and the wheel's build hook use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from tydal_sjekk.check.learned import model_of
from tydal_sjekk.check.loader import RULES_FILE, rule_set
from tydal_sjekk.core.display import thousands
from tydal_sjekk.core.folder import Content
from tydal_sjekk.core.schema import ContentError, Problem
from tydal_sjekk.reply.classifier import REPLY_FILE, reply_content
from tydal_sjekk.wizard.flow import wizard_content

if TYPE_CHECKING:
    from tydal_sjekk.check.model import CheckResult

PARTS: dict[str, Callable[[Content], Any]] = {
    "guidelines": lambda c: c.guidelines,
    "settings": lambda c: c.settings,
    "rules": rule_set,
    "wizard": wizard_content,
    "replies": reply_content,
    "model": model_of,
}


def validate_all(content: Content, *, examples: bool = True) -> list[Problem]:
    """Load every part and return all problems found (empty when the folder is valid).

    With ``examples`` the rules' and comment types' own examples are run as well, once everything loads.
    """
    problems: list[Problem] = []
    seen: set[Problem] = set()
    for get in PARTS.values():
        try:
            get(content)
        except ContentError as exc:
            for p in exc.problems:
                if p not in seen:
                    seen.add(p)
                    problems.append(p)
    if not problems:
        problems.extend(cross_problems(content))
    if examples and not problems:
        problems.extend(example_problems(content))
    return problems


def cross_problems(content: Content) -> list[Problem]:
    """References from one part to another: the reply helper's own-case rules must exist in the check's rules."""
    rule_ids = {r.id for r in rule_set(content).rules}
    return [
        Problem(content.file_label(REPLY_FILE), "klassifisering.egen_sak_regler",
                f"viser til regelen «{rid}», som ikke finnes i {content.file_label(RULES_FILE)}")
        for rid in reply_content(content).classification.own_case_rules
        if rid not in rule_ids
    ]


class ExampleResult(NamedTuple):
    checked: int
    problems: list[Problem]


def run_examples(content: Content) -> ExampleResult:
    """Check every rule's ``eksempler``/``ikke_eksempler`` and every comment type's examples."""
    # start-up: the check is compiled only when a text is checked
    # start-up: only for 'innhold sjekk'
    from tydal_sjekk.check import checker_for
    from tydal_sjekk.check.engine import Checker
    from tydal_sjekk.reply.classifier import classify

    # A rule's examples test the rule: checked with the rules alone, without the learned layer.
    compiled = checker_for(content)
    rules_only = Checker(compiled.rules, compiled.lexicon)

    def check_text(_: Content, text: str, konto: str) -> CheckResult:
        return rules_only.check(text, konto)

    problems: list[Problem] = []
    checked = 0
    rules_file = content.file_label(RULES_FILE)
    for rule in rule_set(content).rules:
        konto = rule.accounts[0]
        for i, text in enumerate(rule.examples):
            checked += 1
            fired = {f.rule for f in check_text(content, text, konto).findings}
            if rule.id not in fired:
                problems.append(Problem(rules_file, f"regel «{rule.id}».eksempler[{i}]",
                                        f"slår ikke ut på eksempelet ({_short(text)}); fant {_ids(fired)}"))
        for i, text in enumerate(rule.counter_examples):
            checked += 1
            fired = {f.rule for f in check_text(content, text, konto).findings}
            if rule.id in fired:
                problems.append(Problem(rules_file, f"regel «{rule.id}».ikke_eksempler[{i}]",
                                        f"slår ut på et eksempel den ikke skal slå ut på ({_short(text)})"))
    replies = reply_content(content)
    reply_file = content.file_label(REPLY_FILE)
    for rtype in replies.types:
        for i, text in enumerate(rtype.examples):
            checked += 1
            got = classify(replies, text).type
            if got != rtype.id:
                problems.append(Problem(reply_file, f"type «{rtype.id}».eksempler[{i}]",
                                        f"eksempelet blir klassifisert som «{got}» ({_short(text)})"))
        for i, text in enumerate(rtype.counter_examples):
            checked += 1
            if classify(replies, text).type == rtype.id:
                problems.append(Problem(reply_file, f"type «{rtype.id}».ikke_eksempler[{i}]",
                                        f"eksempelet blir klassifisert som «{rtype.id}» ({_short(text)})"))
    return ExampleResult(checked, problems)


def example_problems(content: Content) -> list[Problem]:
    return run_examples(content).problems


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return f"«{flat}»" if len(flat) <= limit else f"«{flat[: limit - 1]}…»"


def _ids(ids: set[str]) -> str:
    return ", ".join(sorted(ids)) if ids else "ingen funn"


def summary(content: Content) -> str:
    """A one-line count of what the folder holds (call after validation)."""
    rules = rule_set(content)
    names = next((settings for detector, settings in rules.detectors if detector.id == "navn"), None)
    name_counts = ""
    if names is not None:
        name_counts = f"{thousands(len(names.first))} fornavn og {thousands(len(names.last))} etternavn, "
    return (
        f"{len(content.guidelines.items)} retningslinjer, {len(rules.rules)} regler, {len(rules.signals)} signaler, "
        f"{len(rules.detectors)} detektorer, {name_counts}"
        f"{len(wizard_content(content).questions)} spørsmål i veiviseren, "
        f"{len(reply_content(content).templates)} svarmaler"
    )


def loaded_parts(content: Content) -> dict[str, Any]:
    """Every part, loaded and validated (raises ContentError), plus the compiled lexicon of the check."""
    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check.engine import Checker

    parts = {name: get(content) for name, get in PARTS.items()}
    parts["lexicon"] = Checker(parts["rules"]).lexicon
    return parts


def cacheable_parts(content: Content) -> dict[str, Any]:
    """The loaded parts as the wheel's cache stores them: the learned weights are left out (they are read
    from their own files at start, so a retrained model never meets a stale cache)."""
    from array import array

    parts = loaded_parts(content)
    if parts.get("model") is not None:
        parts["model"] = parts["model"]._replace(weights=array("b"))
    replies = parts["replies"]
    if replies.model is not None:
        parts["replies"] = replies._replace(model=replies.model._replace(weights=array("b")))
    return parts


def build_cache(root: Any) -> bytes:
    """Load and validate all content under ``root`` and return the pickled cache (raises ContentError)."""
    # start-up: pickle only where the cache is used
    from tydal_sjekk.core.cache import dump_cache

    content = Content(root, "content", use_cache=False)
    problems = validate_all(content, examples=False)
    if problems:
        raise ContentError(problems)
    return dump_cache(root, cacheable_parts(content))
