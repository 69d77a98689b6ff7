"""The shipped content is tested through its own examples: every rule and comment type has them."""

from __future__ import annotations

import pytest

from tydal_sjekk.bundle import run_examples
from tydal_sjekk.check.loader import rule_set
from tydal_sjekk.core.folder import Content
from tydal_sjekk.reply.classifier import reply_content


@pytest.fixture(scope="module")
def shipped() -> Content:
    return Content(use_cache=False)


def test_every_example_of_the_shipped_content_holds(shipped: Content) -> None:
    result = run_examples(shipped)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.checked > 0


def test_every_rule_has_examples_both_ways(shipped: Content) -> None:
    missing = [r.id for r in rule_set(shipped).rules if not r.examples or not r.counter_examples]
    assert missing == [], f"regler uten eksempler og ikke_eksempler: {missing}"


def test_every_comment_type_has_examples_both_ways(shipped: Content) -> None:
    missing = [t.id for t in reply_content(shipped).types if not t.examples or not t.counter_examples]
    assert missing == [], f"typer uten eksempler og ikke_eksempler: {missing}"
