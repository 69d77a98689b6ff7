"""What the training scripts share (development only; needs numpy and scipy from the ``trening`` extra)."""

from __future__ import annotations

from typing import Any

from tydal_sjekk.text.features import FeatureSpec


def feature_matrix(spec: FeatureSpec, texts: list[str]) -> Any:
    """The texts as a sparse matrix of the features the tool itself computes (``FeatureSpec.vector``)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        vec = spec.vector(text)
        for bucket in sorted(vec):
            indices.append(bucket)
            data.append(vec[bucket])
        indptr.append(len(indices))
    return csr_matrix((np.array(data), np.array(indices), np.array(indptr)), shape=(len(texts), spec.buckets))
