"""What the training scripts share (development only; needs numpy and scipy from the ``trening`` extra)."""

from __future__ import annotations

from typing import Any

from tydal_sjekk.text.features import FeatureSpec


def rule_signals(content: Any, texts: list[str]) -> list[frozenset[str]]:
    """The ids of the word-list signals found in each *normalised* text (``normalise(…).text``, as the training
    scripts pass them), as the check finds them (rules only, no model); the same ones the check gives the learned
    layer (``Checker.word_signals``)."""
    from tydal_sjekk.check import _load_rules
    from tydal_sjekk.check.engine import Checker

    # rules only: training must not need the weights it is about to write (a guideline newly made active in
    # modell.toml has none yet)
    rules = Checker(content.part("rules", _load_rules))
    return [frozenset(o.signal for o in rules.detect(text)[1] if o.signal in rules.word_signals) for text in texts]


def feature_matrix(spec: FeatureSpec, texts: list[str], signals: list[frozenset[str]] | None = None) -> Any:
    """The texts as a sparse matrix of the features the tool itself computes (``FeatureSpec.vector``), with the
    rule signals of each text when given."""
    import numpy as np
    from scipy.sparse import csr_matrix

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for k, text in enumerate(texts):
        vec = spec.vector(text, signals[k] if signals is not None else ())
        for bucket in sorted(vec):
            indices.append(bucket)
            data.append(vec[bucket])
        indptr.append(len(indices))
    return csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(len(texts), spec.buckets))
