"""The learned layer: one linear classifier per guideline, scored in pure Python.

The weights (``content/modell/vekter.bin``, made by ``scripts/tren_modell.py``) are int8 per hashed
feature and guideline, with a scale, a bias and a threshold per guideline. A long text is scored in
windows of whole sentences, so the work stays linear and every finding has a span. The words that
drove a score are its reason: each feature's weight is credited to the content word it came from
(function words are never features).

The file format: ``MAGIC``, a little-endian uint32 header length, a JSON header (buckets, char n-gram
sizes, guidelines with bias/scale/threshold/accounts), then ``len(guidelines) × buckets`` signed bytes.
Everything is validated at load with clear messages.
"""

from __future__ import annotations

import json
import math
import struct
from array import array
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from tydal_sjekk.core.schema import Problem, Table, fill_placeholders
from tydal_sjekk.text.features import FeatureSpec, read_wordlist_lines, shared_scorer
from tydal_sjekk.text.wordlist import WordList

if TYPE_CHECKING:
    from tydal_sjekk.core.folder import Content

MODEL_FILE = "modell/modell.toml"
MAGIC = b"TSMODEL1"
_MAX_BUCKETS = 1 << 22


class GuidelineModel(NamedTuple):
    id: str
    accounts: tuple[str, ...]
    bias: float
    scale: float
    threshold: float
    offset: int  # index of this guideline's first weight in ``LearnedModel.weights``
    message: str
    advice: str


class LearnedModel(NamedTuple):
    spec: FeatureSpec
    weights: array[int]
    guidelines: tuple[GuidelineModel, ...]
    window_chars: int
    identifiable: tuple[str, ...]
    separate_categories: frozenset[str]  # rule findings of these categories are never merged
    unless: dict[str, tuple[str, ...]]  # guideline → signals that switch its learned findings off
    requires: dict[str, tuple[str, ...]] = {}  # noqa: RUF012 - guideline → one of these signals must be there
    weights_file: str = ""  # where the weights are read from (the wheel's cache leaves them out)
    # guideline → how much lower (in raw score) the threshold is when an identifiable person is in the window
    lower_with_person: dict[str, float] = {}  # noqa: RUF012
    # guideline → how far (in raw score) above the threshold a finding applies without the signals in ``requires``
    strong_without_required: dict[str, float] = {}  # noqa: RUF012
    # a text of n windows has its thresholds raised by this × ln(min(n, 10)): every window is another chance to
    # cross (a long memorial post or newsletter is several short texts at once); capped so that a long document
    # keeps the thresholds of a text of ten windows
    window_penalty: float = 0.0
    # guideline → the fewest words a window must have for a finding: a three-word caption («Av fine bilder.») is too
    # little text for the model to tell a story about someone from a remark
    min_words: dict[str, float] = {}  # noqa: RUF012

    def for_account(self, konto: str) -> tuple[GuidelineModel, ...]:
        return tuple(g for g in self.guidelines if konto in g.accounts)


class Scored(NamedTuple):
    guideline: str
    probability: float
    start: int
    end: int
    reason_words: tuple[str, ...]
    needs_person: bool = False  # above the lowered threshold only: counts only with an identifiable person
    class_word: bool = False  # the window has a word of a sensitive word class (health, debt, child welfare …)
    margin: float = 0.0  # raw score minus the guideline's threshold


def model_of(content: Content) -> LearnedModel | None:
    """The learned model of a content folder, or None when the folder has none (rules only).

    From the wheel's cache the model comes without its weights: they are read from their file here, so a
    retrained model is always the one used.
    """
    if not content.root.joinpath(MODEL_FILE).is_file():
        return None
    model: LearnedModel | None = content.part("model", load_model)
    if model is not None and not model.weights:
        header, weights = weights_from_file(content, model.weights_file, model.spec.buckets)
        spec = model.spec
        signal_weight = float(header.get("signal_weight", 0.0))
        if signal_weight != spec.signal_weight:  # retrained with(out) rule signals since the cache was built
            import copy

            spec = copy.copy(spec)
            spec.signal_weight = signal_weight
        model = model._replace(weights=weights, spec=spec)
        content._parts["model"] = model
    return model


def weights_from_file(content: Content, rel: str, buckets: int) -> tuple[dict[str, Any], array[int]]:
    """The header and weights of a weight file, validated (raises ContentError with a clear message)."""
    from tydal_sjekk.core.schema import ContentError

    problems: list[Problem] = []
    node = content.root.joinpath(rel)
    try:
        raw: bytes | None = node.read_bytes()
    except OSError:
        raw = content.read_bytes(rel, problems)
    header, weights = _parse_weights(raw, content.file_label(rel), problems) if raw is not None else (None, None)
    if weights is not None and header is not None and int(header["buckets"]) != buckets:
        problems.append(Problem(content.file_label(rel), "", "passer ikke til innholdet (annet antall bøtter)"))
    if header is not None and not _signal_weight_ok(header):
        problems.append(Problem(content.file_label(rel), "", "ugyldig «signal_weight» i hodet"))
    if weights is None or header is None or problems:
        raise ContentError(problems)
    return header, weights


def _signal_weight_ok(header: dict[str, Any]) -> bool:
    try:
        value = float(header.get("signal_weight", 0.0))
    except (TypeError, ValueError):
        return False
    return math.isfinite(value) and 0.0 <= value <= 10.0


def _read_text(content: Content, rel: str, t: Table, key: str) -> str:
    return content.read_text(rel, t.problems, t.file, t.key(key)) or ""


def feature_spec_for(content: Content, buckets: int) -> tuple[FeatureSpec, dict[str, Any]]:
    """The feature spec from modell.toml, for training a model (raises SystemExit on content problems)."""
    problems: list[Problem] = []
    data = content.read_toml(MODEL_FILE, problems)
    top = Table(data or {}, content.file_label(MODEL_FILE), "", problems)
    m = top.data.get("modell", {})
    weight = m.get("signaltrekk", 0.0) if isinstance(m, dict) else 0.0
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not 0.0 <= weight <= 10.0:
        problems.append(Problem(content.file_label(MODEL_FILE), "modell.signaltrekk", "må være et tall fra 0 til 10"))
        weight = 0.0
    spec = feature_spec_from(content, top, buckets, signal_weight=float(weight))
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return spec, {"char_min": spec.char_min, "char_max": spec.char_max, "signal_weight": spec.signal_weight}


ROLE_KEYS = ("selv", "egen_familie", "andre", "jobb")
# «mottaker» (du, deg, dokker: the one the post speaks to) may be left out by an older content folder
OPTIONAL_ROLE_KEYS = ("mottaker",)


def _roles(t: Table) -> dict[str, frozenset[str]]:
    roles = {key: frozenset(w.lower() for w in t.texts(key, required=True)) for key in ROLE_KEYS}
    for key in OPTIONAL_ROLE_KEYS:
        if key in t.data:
            roles[key] = frozenset(w.lower() for w in t.texts(key))
    t.finish()
    return roles


def feature_spec_from(content: Content, top: Table, buckets: int, char_min: int = 3, char_max: int = 5,
                      signal_weight: float = 0.0) -> FeatureSpec:
    """The feature spec described by modell.toml ([modell] stop words and word classes, [situasjon] roles)."""
    m = Table(top.data.get("modell", {}) if isinstance(top.data.get("modell"), dict) else {}, top.file, "modell",
              top.problems)
    stop = read_wordlist_lines(_read_text(content, m.text("stoppord"), m, "stoppord").splitlines())
    classes = {_class_name(rel): WordList(_read_text(content, rel, m, "ordklasser")) for rel in m.texts("ordklasser")}
    situation = top.data.get("situasjon", {})
    roles = _roles(Table(situation if isinstance(situation, dict) else {}, top.file, "situasjon", top.problems))
    names_rel = m.text("navneliste", required=False)
    names = WordList(_read_text(content, names_rel, m, "navneliste")) if names_rel else None
    ambiguous_rel = m.text("tvetydige_navn", required=False)
    ambiguous = None
    if ambiguous_rel and names is not None:
        # only the first names among the ordinary words matter (a few thousand of 30 000: a smaller cache)
        ordinary = WordList(_read_text(content, ambiguous_rel, m, "tvetydige_navn"))
        ambiguous = WordList("\n".join(w for w in names.words() if w in ordinary))
    return FeatureSpec(buckets, stop, classes, char_min, char_max, roles, names, signal_weight, ambiguous)


def _class_name(rel: str) -> str:
    return rel.rsplit("/", 1)[-1].removesuffix(".txt")


def load_model(content: Content, problems: list[Problem]) -> LearnedModel | None:
    data = content.read_toml(MODEL_FILE, problems)
    if data is None:
        return None
    file = content.file_label(MODEL_FILE)
    guidelines = content.guidelines
    placeholders = content.settings.placeholders()
    top = Table(data, file, "", problems)
    m = top.table("modell")
    weights_rel = m.text("vekter")
    window = m.integer("vindu_tegn", minimum=100)
    penalty = m.number("terskel_per_vindu", required=False)
    if not 0.0 <= penalty <= 5.0:  # (nan and inf are reported by ``number`` and read as 0)
        m.problem("terskel_per_vindu", f"må være mellom 0 og 5, fant {penalty}")
        penalty = 0.0
    identifiable = m.texts("identifiserbar")
    separate = frozenset(m.texts("egne_kategorier"))
    active = set(m.texts("aktive", required=True))
    ids = frozenset(guidelines.ids)
    _, unless = _per_guideline(m, "ikke_hvis", Table.texts, ids)
    _, requires = _per_guideline(m, "krever", Table.texts, ids)
    lower_table, lower = _per_guideline(m, "lavere_terskel_med_person", Table.number, ids)
    _check_range(lower_table, lower, 10)
    shift_table, shift = _per_guideline(m, "terskeljustering", Table.number, ids)
    _check_range(shift_table, shift, 5, lowest=-5)
    strong_table, strong = _per_guideline(m, "krever_ikke_over", Table.number, ids)
    out_of_range = _check_range(strong_table, strong, 20)
    for gid in strong:
        if gid not in requires and gid not in out_of_range:
            strong_table.problem(gid, f"«{gid}» står ikke i «krever»")
    words_table, min_words = _per_guideline(m, "min_ord", Table.number, ids)
    _check_range(words_table, min_words, 50)
    # read (and validated) by feature_spec_from below; named here so they are not reported as unknown keys
    # («signaltrekk» is for training: the weight file's header says what the weights were trained with)
    m._seen.update(("stoppord", "ordklasser", "navneliste", "tvetydige_navn", "signaltrekk"))
    m.finish()
    top.table("situasjon")
    texts: dict[str, tuple[str, str]] = {}
    for t in top.tables("retningslinje"):
        gid = t.text("id")
        if gid and gid not in ids:
            t.problem("id", f"viser til «{gid}», som ikke finnes")
        keep = ("grunn",)
        texts[gid] = (fill_placeholders(t, "melding", t.text("melding"), placeholders, keep=keep),
                      fill_placeholders(t, "rad", t.text("rad"), placeholders, keep=keep))
        t.finish()
    top.finish()
    raw = content.read_bytes(weights_rel, problems) if weights_rel else None
    if raw is None:
        return None
    header, weights = _parse_weights(raw, content.file_label(weights_rel), problems)
    if header is None or weights is None:
        return None
    buckets = int(header["buckets"])
    if not _signal_weight_ok(header):
        problems.append(Problem(content.file_label(weights_rel), "", "ugyldig «signal_weight» i hodet"))
        return None
    signal_weight = float(header.get("signal_weight", 0.0))
    spec = feature_spec_from(content, top, buckets, int(header.get("char_min", 3)), int(header.get("char_max", 5)),
                             signal_weight)
    models = []
    for k, g in enumerate(header["guidelines"]):
        gid = str(g["id"])
        if gid not in ids:
            problems.append(Problem(content.file_label(weights_rel), "", f"vektene gjelder «{gid}», som ikke finnes"))
            continue
        if gid not in active:
            continue
        message, advice = texts.get(gid, ("", ""))
        if not message:
            problems.append(Problem(file, "retningslinje", f"mangler melding og råd for «{gid}»"))
        # the trained threshold, moved by «terskeljustering» (positive: fewer findings; chosen by cross-validation)
        threshold = float(g["threshold"]) + shift.get(gid, 0.0)
        models.append(GuidelineModel(gid, tuple(g["accounts"]), float(g["bias"]), float(g["scale"]),
                                     threshold, k * buckets, message, advice))
    for gid in sorted(active - {g.id for g in models}):
        problems.append(Problem(file, "modell.aktive", f"«{gid}» har ingen vekter i {content.file_label(weights_rel)}"))
    return LearnedModel(spec, weights, tuple(models), window, identifiable, separate, unless, requires, weights_rel,
                        lower, strong, penalty, min_words)


_T = TypeVar("_T")


def _per_guideline(m: Table, key: str, read: Callable[[Table, str], _T],
                   ids: Collection[str]) -> tuple[Table, dict[str, _T]]:
    """An optional table of ``modell.toml`` with one value per guideline id («krever = { P1 = [...] }»); a key
    that is no guideline id (``ids``) is reported."""
    t = m.table(key, required=False)
    values = {gid: read(t, gid) for gid in list(t.data)}
    t.finish(tuple(values))
    for gid in values:
        if gid not in ids:
            t.problem(gid, f"«{gid}» er ikke en retningslinje")
    return t, values


def _check_range(t: Table, values: dict[str, float], highest: int, lowest: int = 0) -> list[str]:
    """Reports every value outside ``lowest`` … ``highest``; returns their guideline ids."""
    out = [gid for gid, value in values.items() if not (lowest <= value <= highest)]
    for gid in out:
        t.problem(gid, f"må være et tall fra {lowest} til {highest}")
    return out


def _parse_weights(raw: bytes, label: str, problems: list[Problem]) -> tuple[dict[str, Any] | None, array[int] | None]:
    def bad(message: str) -> tuple[None, None]:
        problems.append(Problem(label, "", message))
        return None, None

    if not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + 4:
        return bad("er ikke en vektfil fra scripts/tren_modell.py")
    (length,) = struct.unpack_from("<I", raw, len(MAGIC))
    start = len(MAGIC) + 4
    if length > 1_000_000 or start + length > len(raw):
        return bad("har et ødelagt hode")
    try:
        header = json.loads(raw[start : start + length].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return bad("har et ødelagt hode")
    try:
        buckets = int(header["buckets"])
        entries = list(header["guidelines"])
        for g in entries:
            for key in ("bias", "scale", "threshold"):
                if not math.isfinite(float(g[key])):
                    return bad(f"«{key}» for «{g.get('id')}» er ikke et vanlig tall")
            if not isinstance(g["accounts"], list) or not g["accounts"]:
                return bad(f"«accounts» for «{g.get('id')}» mangler")
    except (KeyError, TypeError, ValueError):
        return bad("har et hode uten de nødvendige feltene")
    if not 0 < buckets <= _MAX_BUCKETS:
        return bad("har et ugyldig antall bøtter")
    body = memoryview(raw)[start + length :]
    if len(body) != buckets * len(entries):
        return bad(f"har {len(body)} vekter, ventet {buckets * len(entries)}")
    weights = array("b")
    weights.frombytes(body)
    return header, weights


def windows(text: str, sentences: list[int], size: int) -> list[tuple[int, int]]:
    """Whole sentences grouped into windows of about ``size`` characters (one window for a short text)."""
    if len(text) <= size:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    bounds = [*sentences, len(text)]
    start = bounds[0]
    for k in range(1, len(bounds)):
        end = bounds[k]
        if end - start >= size or k == len(bounds) - 1:
            out.append((start, end))
            start = end
    return out or [(0, len(text))]


_PENALTY_WINDOWS = 10


def score(model: LearnedModel, text: str, konto: str, sentences: list[int],
          signals_in: Callable[[int, int], Iterable[str]] | None = None) -> list[Scored]:
    """Every window and guideline whose probability reaches the guideline's threshold.

    ``signals_in(start, end)`` gives the ids of the rule signals found in a window (used as features when the
    model was trained with them).
    """
    chosen = model.for_account(konto)
    if not chosen:
        return []
    scorer = shared_scorer(model.spec, model.weights, [g.offset for g in chosen])
    out: list[Scored] = []
    spans = windows(text, sentences, model.window_chars)
    extra = model.window_penalty * math.log(min(len(spans), _PENALTY_WINDOWS)) if len(spans) > 1 else 0.0
    thresholds = [g.threshold + extra for g in chosen]
    lower = model.lower_with_person
    for a, b in spans:
        piece = text[a:b]
        if piece.isspace():  # only quoted lines (blanked)
            continue
        totals = scorer.totals(piece, signals_in(a, b) if signals_in is not None and model.spec.signal_weight else ())
        flagged = [(k, g, raw) for k, g in enumerate(chosen)
                   if (raw := totals.dots[k] / totals.norm * g.scale + g.bias) > thresholds[k] - lower.get(g.id, 0.0)]
        for k, g, raw in flagged:
            out.append(Scored(g.id, _sigmoid(raw), a, b, totals.top_words(k), needs_person=raw <= thresholds[k],
                              class_word=totals.has_class_word, margin=raw - thresholds[k]))
    return out


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)
