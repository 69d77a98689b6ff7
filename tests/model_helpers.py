"""Helpers for tests of the learned layer: a small synthetic feature spec and hand-made weights."""

from __future__ import annotations

from array import array

from tydal_sjekk.text.features import FeatureSpec
from tydal_sjekk.text.wordlist import WordList

BUCKETS = 1 << 10


def small_spec(signal_weight: float = 0.0) -> FeatureSpec:
    """A feature spec with two word classes, four roles, two names and 1 024 buckets."""
    classes = {"helse": WordList("demens\nslag\nbrudd\n"), "rus": WordList("fyll\n")}
    roles = {"selv": frozenset({"jeg", "eg"}), "egen_familie": frozenset({"mor"}),
             "andre": frozenset({"han", "ho"}), "jobb": frozenset({"vakt", "jobb"})}
    return FeatureSpec(BUCKETS, frozenset({"og", "i", "på"}), classes, 3, 5, roles, WordList("Kari\nOla\n"),
                       signal_weight)


def pushed(spec: FeatureSpec, value: int, *texts: str) -> array[int]:
    """One row of weights where every feature of ``texts`` weighs ``value`` and everything else 0."""
    weights = array("b", [0] * BUCKETS)
    for text in texts:
        for parts in spec.collect(text)[2].values():
            for _, buckets in parts:
                for bucket in buckets:
                    weights[bucket] = value
    return weights
