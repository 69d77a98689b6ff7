"""The learned classifier of `tydal-sjekk svar`: a linear model per comment type, softmax probabilities.

Same machinery as the draft check's learned layer (tydal_sjekk.text.features, the weight file format of
tydal_sjekk.check.learned): hashed word and character n-grams, word classes, int8 weights shipped in
``content/modell/svar-vekter.bin`` (made by ``scripts/tren_svar.py``), scored in pure Python.
"""

from __future__ import annotations

import math
from array import array
from typing import TYPE_CHECKING, NamedTuple

from tydal_sjekk.check.learned import MODEL_FILE, _parse_weights, feature_spec_from
from tydal_sjekk.core.schema import Problem, Table
from tydal_sjekk.text.features import FeatureSpec, shared_scorer

if TYPE_CHECKING:
    from tydal_sjekk.core.folder import Content

REPLY_WEIGHTS = "modell/svar-vekter.bin"


class TypeModel(NamedTuple):
    id: str
    bias: float
    scale: float
    offset: int


class ReplyModel(NamedTuple):
    spec: FeatureSpec
    weights: array[int]
    types: tuple[TypeModel, ...]
    temperature: float


class Prediction(NamedTuple):
    probabilities: dict[str, float]  # type id → probability, summing to 1
    reasons: tuple[str, ...]  # content words that drove the best type


def reply_model_of(content: Content) -> ReplyModel | None:
    if not content.root.joinpath(REPLY_WEIGHTS).is_file() or not content.root.joinpath(MODEL_FILE).is_file():
        return None
    return content.part("reply_model", load_reply_model)


def with_weights(content: Content, model: ReplyModel) -> ReplyModel:
    """A model from the wheel's cache comes without weights: read them from their file (validated)."""
    from tydal_sjekk.check.learned import weights_from_file

    if model.weights:
        return model
    return model._replace(weights=weights_from_file(content, REPLY_WEIGHTS, model.spec.buckets)[1])


def load_reply_model(content: Content, problems: list[Problem]) -> ReplyModel | None:
    data = content.read_toml(MODEL_FILE, problems)
    if data is None:
        return None
    top = Table(data, content.file_label(MODEL_FILE), "", problems)
    raw = content.read_bytes(REPLY_WEIGHTS, problems)
    if raw is None:
        return None
    header, weights = _parse_weights(raw, content.file_label(REPLY_WEIGHTS), problems)
    if header is None or weights is None:
        return None
    spec = feature_spec_from(content, top, int(header["buckets"]))
    buckets = int(header["buckets"])
    types = tuple(TypeModel(str(g["id"]), float(g["bias"]), float(g["scale"]), k * buckets)
                  for k, g in enumerate(header["guidelines"]))
    temperature = float(header.get("temperature", 1.0))
    if not (math.isfinite(temperature) and temperature > 0):
        problems.append(Problem(content.file_label(REPLY_WEIGHTS), "", "ugyldig temperatur"))
        return None
    return ReplyModel(spec, weights, types, temperature)


def predict(model: ReplyModel, text: str) -> Prediction:
    totals = shared_scorer(model.spec, model.weights, [t.offset for t in model.types]).totals(text)
    raw = {t.id: (totals.dots[k] / totals.norm * t.scale + t.bias) / model.temperature
           for k, t in enumerate(model.types)}
    top = max(raw.values())
    exp = {k: math.exp(v - top) for k, v in raw.items()}
    total = sum(exp.values())
    probabilities = {k: v / total for k, v in exp.items()}
    best = max(probabilities, key=probabilities.__getitem__)
    row = next(k for k, t in enumerate(model.types) if t.id == best)
    return Prediction(probabilities, totals.top_words(row))
