"""`tydal-sjekk svar`: classify an incoming comment (O2 types), and give guidelines, checklist and templates.

The comment types, their signals and weights, checklists and templates live in ``content/svar.toml`` and
``content/svarmaler.toml``. Classification adds up the weights of the signals found in the comment
(whole words, bokmål and nynorsk, emoji), plus a small score for a question mark and a prior; the type
with the highest score wins, ties are broken by a fixed priority, and the confidence is the winner's
share of all points (with one point of smoothing, so weak evidence gives low confidence).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from tydal_sjekk.core.schema import Problem, Table, check_unique, fill_placeholders
from tydal_sjekk.text.lexicon import Lexicon, tokenize
from tydal_sjekk.text.normalise import normalise
from tydal_sjekk.text.terms import Phrase, SignalDef, phrases

if TYPE_CHECKING:
    from tydal_sjekk.check.model import CheckResult, Finding
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.guidelines import Guidelines
    from tydal_sjekk.core.settings import Settings
    from tydal_sjekk.reply.learned import ReplyModel

REPLY_FILE = "svar.toml"
TEMPLATE_FILE = "svarmaler.toml"


class ReplyType(NamedTuple):
    id: str
    name: str
    description: str
    guidelines: tuple[str, ...]
    checklist: tuple[str, ...]
    weights: dict[str, float]  # signal key -> weight
    question_only: frozenset[str] = frozenset()  # signal keys that count only in a question
    examples: tuple[str, ...] = ()  # comments that must be classified as this type (``eksempler``)
    counter_examples: tuple[str, ...] = ()  # comments that must not (``ikke_eksempler``)


class Template(NamedTuple):
    id: str
    type: str
    title: str
    text: str


class Classification(NamedTuple):
    default: str
    prior: dict[str, float]
    question_mark: dict[str, float]
    emphasis: dict[str, float]
    priority: tuple[str, ...]
    # precise overrides on top of the learned model: irony turns praise negative; one's own case
    irony: tuple[Phrase, ...] = ()
    irony_chars: tuple[str, ...] = ()
    own_case: tuple[Phrase, ...] = ()
    # rules of the check whose findings in a comment mean the writer posts an own case (a fødselsnummer)
    own_case_rules: tuple[str, ...] = ()


class ReplyContent(NamedTuple):
    classification: Classification
    types: tuple[ReplyType, ...]
    templates: tuple[Template, ...]
    lexicon: Lexicon
    personal_guideline: str  # findings of this guideline in a comment are personal data
    texts: dict[str, str]
    # type id -> guideline id -> the numbers (1-based) of the guideline's points that apply to the type
    points: dict[str, dict[str, tuple[int, ...]]] = {}  # noqa: RUF012 - a NamedTuple default, never changed
    model: ReplyModel | None = None  # the learned classifier (content/modell), or None: signal words only

    @property
    def type_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.types)

    def type(self, type_id: str) -> ReplyType:
        for t in self.types:
            if t.id == type_id:
                return t
        raise KeyError(type_id)


class Signal(NamedTuple):
    type: str
    text: str
    start: int
    end: int
    weight: float


class Classified(NamedTuple):
    type: str
    confidence: float
    scores: dict[str, float]  # the learned model: probabilities; the signal words alone: points
    signals: tuple[Signal, ...]
    second: str | None = None  # a clear second type (e.g. negativ + saksbehandling), or None
    uncertain: bool = False  # the top probability is low or the top two are close: show both

    @property
    def alternatives(self) -> list[tuple[str, float]]:
        """The other types with their probabilities, most likely first."""
        return sorted(((t, p) for t, p in self.scores.items() if t != self.type), key=lambda item: -item[1])


# --- loading --------------------------------------------------------------------------------------


TEXT_KEYS = (
    "personopplysninger", "personopplysninger_rad", "ingen_signaler", "sjekk_utkast",
    # how `svar` shows the type (additive keys for the output; see render/reply.py)
    "type_gjetning", "type_sikker", "type_usikker", "type_svart_usikker", "type_uenig", "type_valgt",
    "svarmaler_tittel", "svarmal", "svarmaler_uten_utkast", "kopiert", "ingen_utklippstavle",
)
# Placeholders the output fills in itself.
TEXT_FIELDS = {
    "type_gjetning": ("signaler", "grad", "prosent"), "kopiert": ("nr",), "ingen_utklippstavle": ("forsok",),
}


def reply_content(content: Content) -> ReplyContent:
    """The validated reply helper of a content folder (loaded once per folder), with its learned model."""
    replies: ReplyContent = content.part("replies", load_replies)
    if replies.model is not None and not replies.model.weights:
        from tydal_sjekk.reply.learned import with_weights  # start-up: only when the cache left them out

        replies = replies._replace(model=with_weights(content, replies.model))
        content._parts["replies"] = replies
    return replies


def _with_model(content: Content, replies: ReplyContent | None) -> ReplyContent | None:
    from tydal_sjekk.reply.learned import reply_model_of  # start-up: only when the reply helper is loaded

    if replies is None:
        return None
    model = reply_model_of(content)
    if model is not None and sorted(t.id for t in model.types) != sorted(replies.type_ids):
        return replies  # a model for other types than the content defines is not used
    return replies._replace(model=model)


def load_replies(content: Content, problems: list[Problem]) -> ReplyContent | None:
    svar = content.read_toml(REPLY_FILE, problems)
    maler = content.read_toml(TEMPLATE_FILE, problems)
    if svar is None or maler is None:
        return None
    return _with_model(content, build_replies(svar, content.file_label(REPLY_FILE), maler,
                                              content.file_label(TEMPLATE_FILE), problems, content.guidelines,
                                              content.settings))


def _weights(t: Table, key: str, type_ids: tuple[str, ...]) -> dict[str, float]:
    table = t.table(key, required=False)
    out: dict[str, float] = {}
    for type_id in list(table.data):
        value = table.number(type_id)
        if type_id not in type_ids:
            table.problem(type_id, f"ukjent type; gyldige typer er {', '.join(type_ids)}")
        out[type_id] = value
    return out


def build_replies(
    svar: dict[str, Any],
    svar_file: str,
    maler: dict[str, Any],
    maler_file: str,
    problems: list[Problem],
    guidelines: Guidelines,
    settings: Settings,
) -> ReplyContent:
    placeholders = settings.placeholders()
    top = Table(svar, svar_file, "", problems)

    types: list[ReplyType] = []
    signal_defs: dict[str, SignalDef] = {}
    type_tables = top.tables("type")
    for t in type_tables:
        tid = t.text("id")
        gids = t.texts("retningslinjer", required=True, allow_empty_list=False)
        for i, gid in enumerate(gids):
            if gid not in guidelines.ids:
                t.problem(f"retningslinjer[{i}]", f"viser til «{gid}», som ikke finnes")
        items = t.texts("sjekkliste", required=True)
        checklist = tuple(fill_placeholders(t, "sjekkliste", item, placeholders) for item in items)
        weights: dict[str, float] = {}
        question_only: set[str] = set()
        for n, s in enumerate(t.tables("signal", label_key="vekt")):
            key = f"{tid}#{n}"
            case = s.boolean("store_bokstaver")
            weight = s.number("vekt")
            if not weight > 0 or weight == float("inf"):
                s.problem("vekt", "må være et tall større enn 0")
            signal_defs[key] = SignalDef(
                id=key,
                label=tid,
                phrases=phrases(s, "termer", case_sensitive=case),
                chars=s.texts("tegn"),
                negations=frozenset(w.lower() for w in s.texts("negasjon")),
                case_sensitive=case,
            )
            weights[key] = weight
            if s.boolean("bare_med_sporsmal"):
                question_only.add(key)
            s.finish()
        types.append(
            ReplyType(
                tid,
                t.text("navn"),
                fill_placeholders(t, "beskrivelse", t.text("beskrivelse"), placeholders),
                gids,
                checklist,
                weights,
                frozenset(question_only),
                t.texts("eksempler"),
                t.texts("ikke_eksempler"),
            )
        )
        t.finish()
    check_unique([t.id for t in types], svar_file, "type", problems)
    type_ids = tuple(t.id for t in types)

    k = top.table("klassifisering")
    default = k.choice("standard", type_ids)
    prior = _weights(k, "grunnvekt", type_ids)
    question_mark = _weights(k, "sporsmalstegn", type_ids)
    emphasis = _weights(k, "ettertrykk", type_ids)
    priority = k.texts("prioritet", required=True)
    if sorted(priority) != sorted(type_ids):
        k.problem("prioritet", f"må inneholde hver type nøyaktig én gang: {', '.join(type_ids)}")
    irony = phrases(k, "ironi")
    irony_chars = k.texts("ironi_tegn")
    own_case = phrases(k, "egen_sak")
    own_case_rules = tuple(k.texts("egen_sak_regler"))
    complaint = phrases(k, "klage")
    signal_defs["#klage"] = SignalDef(id="#klage", label="klage", phrases=complaint)
    signal_defs["#ironi"] = SignalDef(id="#ironi", label="ironi", phrases=irony, chars=irony_chars)
    signal_defs["#egen-sak"] = SignalDef(id="#egen-sak", label="egen sak", phrases=own_case)
    personal = k.text("personvern_retningslinje")
    if personal and personal not in guidelines.ids:
        k.problem("personvern_retningslinje", f"viser til «{personal}», som ikke finnes")
    k.finish()
    tx = top.table("tekster")
    texts = {
        key: fill_placeholders(tx, key, tx.text(key), placeholders, keep=TEXT_FIELDS.get(key, ())) for key in TEXT_KEYS
    }
    tx.finish()
    top.finish()

    mt = Table(maler, maler_file, "", problems)
    templates: list[Template] = []
    for t in mt.tables("mal"):
        templates.append(
            Template(t.text("id"), t.choice("type", type_ids), t.text("tittel"),
                     fill_placeholders(t, "tekst", t.text("tekst"), placeholders))
        )
        t.finish()
    check_unique([t.id for t in templates], maler_file, "mal", problems)
    for tid in type_ids:
        if not any(t.type == tid for t in templates):
            problems.append(Problem(maler_file, "mal", f"typen «{tid}» har ingen svarmal"))
    points = _points(mt, type_ids, guidelines)
    mt.finish()
    return ReplyContent(
        Classification(default, prior, question_mark, emphasis, priority, irony, irony_chars, own_case, own_case_rules),
        tuple(types),
        tuple(templates),
        Lexicon(signal_defs, {}),
        personal,
        texts,
        points,
    )


def _points(mt: Table, type_ids: tuple[str, ...], guidelines: Guidelines) -> dict[str, dict[str, tuple[int, ...]]]:
    """``[underpunkter]`` in svarmaler.toml: which points of a guideline apply to each type."""
    table = mt.table("underpunkter", required=False)
    out: dict[str, dict[str, tuple[int, ...]]] = {}
    for type_id in list(table.data):
        if type_id not in type_ids:
            table.problem(type_id, f"ukjent type; gyldige typer er {', '.join(type_ids)}")
        per_type = table.table(type_id)
        chosen: dict[str, tuple[int, ...]] = {}
        for gid, numbers in per_type.data.items():
            per_type._seen.add(gid)
            if gid not in guidelines.ids:
                per_type.problem(gid, f"viser til «{gid}», som ikke finnes")
                continue
            count = len(guidelines.get(gid).points)
            if (not isinstance(numbers, list) or not numbers
                    or not all(type(n) is int and 1 <= n <= count for n in numbers)):
                per_type.problem(gid, f"må være en liste med nummer på underpunkter (1–{count})"
                                 if count else "retningslinjen har ingen underpunkter")
                continue
            chosen[gid] = tuple(numbers)
        per_type.finish()
        out[type_id] = chosen
    table.finish()
    return out


# --- classification -------------------------------------------------------------------------------


# When the learned model's top probability is below this, or the second is this close, the type is uncertain.
UNCERTAIN_BELOW = 0.5
CLOSE_MARGIN = 0.15
SECOND_AT_LEAST = 0.25


# The type of a comment is read from at most this many characters (Facebook allows 8 000 in a comment); the
# check for personal data still reads the whole text. A pasted book costs no more than a long comment.
CLASSIFY_MAX = 10_000


def classify(replies: ReplyContent, text: str) -> Classified:
    """The comment's type: by the learned model when the content has one, else by the signal words."""
    if len(text) > CLASSIFY_MAX:
        cut = text.rfind(" ", CLASSIFY_MAX // 2, CLASSIFY_MAX)
        text = text[: cut if cut > 0 else CLASSIFY_MAX]
    if replies.model is not None:
        return _classify_learned(replies, text)
    return _classify_signals(replies, text)


def _classify_learned(replies: ReplyContent, text: str) -> Classified:
    from tydal_sjekk.reply.learned import predict  # start-up: only when a comment is classified

    assert replies.model is not None
    norm = normalise(text)
    prediction = predict(replies.model, norm.text)
    probabilities = {tid: round(prediction.probabilities.get(tid, 0.0), 3) for tid in replies.type_ids}
    ranked = sorted(probabilities, key=lambda t: -probabilities[t])
    best, runner_up = ranked[0], ranked[1]
    top, second_p = probabilities[best], probabilities[runner_up]
    uncertain = top < UNCERTAIN_BELOW or top - second_p < CLOSE_MARGIN
    second = runner_up if second_p >= SECOND_AT_LEAST and (uncertain or top - second_p < 0.3) else None
    found = replies.lexicon.match(norm.text, tokenize(norm.text))
    override: list[tuple[int, int]] = []
    # sarcastic praise is a complaint; so is a question that calls things hopeless
    for signal, was in (("#ironi", "ros"), ("#klage", "noytral")):
        if found.get(signal) and best == was and "negativ" in probabilities:
            best, second, uncertain = "negativ", None, False
            top = max(probabilities["negativ"], 0.5)
            override = found[signal]
    if found.get("#egen-sak"):
        own = as_own_case(Classified(best, top, probabilities, (), second, uncertain))
        if own.type != best:
            best, top, second, uncertain = own.type, own.confidence, own.second, own.uncertain
            override = found["#egen-sak"]
    if override:  # the words that decided are the override's own
        signals_over = []
        for s, e in override:
            start, end = norm.to_original(s, e)
            signals_over.append(Signal(best, norm.text[s:e], start, end, 1.0))
        return Classified(best, top, probabilities, tuple(signals_over), second, uncertain)
    signals: list[Signal] = []
    import re

    for word in prediction.reasons:
        m = re.search(rf"\b{re.escape(word)}\b", norm.text)
        if m is not None:
            start, end = norm.to_original(m.start(), m.end())
            signals.append(Signal(best, norm.text[m.start() : m.end()], start, end, 1.0))
    signals.sort(key=lambda sig: sig.start)
    return Classified(best, top, probabilities, tuple(signals), second, uncertain)


def _classify_signals(replies: ReplyContent, text: str) -> Classified:
    norm = normalise(text)
    found = replies.lexicon.match(norm.text, tokenize(norm.text))
    c = replies.classification
    scores = {tid: c.prior.get(tid, 0.0) for tid in replies.type_ids}
    question = "?" in norm.text
    if question:
        for tid, weight in c.question_mark.items():
            scores[tid] += weight
    if any(mark in norm.text for mark in ("!!", "??", "?!", "!?")):
        for tid, weight in c.emphasis.items():
            scores[tid] += weight
    signals: list[Signal] = []
    for rtype in replies.types:
        # Overlapping matches of one type count once, with the heaviest («hvordan», «er det mulig» …).
        spans = sorted(
            (
                (s, e, weight)
                for key, weight in rtype.weights.items()
                if question or key not in rtype.question_only
                for s, e in found.get(key, ())
            ),
            key=lambda item: (item[0], -(item[1] - item[0]), -item[2]),
        )
        kept: list[tuple[int, int, float]] = []
        for s, e, weight in spans:
            if kept and s < kept[-1][1]:
                if weight > kept[-1][2]:
                    kept[-1] = (min(s, kept[-1][0]), max(e, kept[-1][1]), weight)
                continue
            kept.append((s, e, weight))
        for s, e, weight in kept:
            scores[rtype.id] += weight
            start, end = norm.to_original(s, e)
            signals.append(Signal(rtype.id, norm.text[s:e], start, end, weight))
    rank = {tid: k for k, tid in enumerate(c.priority)}
    best = max(replies.type_ids, key=lambda tid: (scores[tid], -rank.get(tid, 99)))
    if scores[best] <= max(c.prior.values(), default=0.0) and not signals:
        best = c.default
    total = sum(max(0.0, v) for v in scores.values())
    confidence = round(scores[best] / (total + 1.0), 2) if total > 0 else 0.0
    signals.sort(key=lambda s: (s.start, -s.weight))
    return Classified(best, max(0.0, min(1.0, confidence)), scores, tuple(signals))


def as_own_case(classified: Classified) -> Classified:
    """A comment about the writer's own case («søknaden min», a fødselsnummer): saksbehandling, whatever else it is,
    with the other type as the second type when that type also needs an answer of its own.

    No words are kept as the reason: the caller adds the words that decided, unless they are personal data (a
    fødselsnummer is listed, masked, with the findings instead).
    """
    if classified.type == "saksbehandling" or "saksbehandling" not in classified.scores:
        return classified
    second = classified.type if classified.type in ("negativ", "feil-fakta", "politisk") else None
    top = max(classified.scores["saksbehandling"], 0.5)
    return Classified("saksbehandling", top, classified.scores, (), second, False)


# --- the whole answer -----------------------------------------------------------------------------


class ReplyResult(NamedTuple):
    comment: str
    classified: Classified
    rtype: ReplyType
    templates: tuple[Template, ...]
    personal: tuple[Finding, ...]
    comment_check: CheckResult
    draft: CheckResult | None

    @property
    def needs_attention(self) -> bool:
        if self.draft is not None and self.draft.verdict != "ok":
            return True
        return any(f.severity != "info" for f in self.personal)

    def to_json(self, guidelines: Guidelines) -> dict[str, Any]:
        # the package root stays import-free
        from tydal_sjekk import __version__

        return {
            "tool": "tydal-sjekk",
            "version": __version__,
            "type": self.rtype.id,
            "type_name": self.rtype.name,
            "confidence": self.classified.confidence,
            "alternatives": [{"type": t, "probability": p} for t, p in self.classified.alternatives],
            "second_type": self.classified.second,
            "uncertain": self.classified.uncertain,
            "signals": [
                {"type": s.type, "text": s.text, "start": s.start, "end": s.end, "weight": s.weight}
                for s in self.classified.signals
            ],
            "guidelines": [
                {"id": gid, "title": guidelines.get(gid).title, "text": guidelines.get(gid).text}
                for gid in self.rtype.guidelines
            ],
            "checklist": list(self.rtype.checklist),
            "templates": [{"id": t.id, "title": t.title, "text": t.text} for t in self.templates],
            "personal_data": [f.to_json() for f in self.personal],
            "draft": self.draft.to_json() if self.draft is not None else None,
        }


def answer(content: Content, comment: str, draft: str | None = None, *, show_matches: bool = False) -> ReplyResult:
    # start-up: the check is compiled only when a text is checked
    from tydal_sjekk.check import check_text

    replies = reply_content(content)
    classified = classify(replies, comment)
    comment_check = check_text(content, comment, "privat", show_matches=show_matches)
    personal = tuple(f for f in comment_check.findings if f.guideline == replies.personal_guideline)
    own_case_rules = replies.classification.own_case_rules
    if any(f.rule in own_case_rules for f in comment_check.findings):
        classified = as_own_case(classified)
    rtype = replies.type(classified.type)
    draft_result = check_text(content, draft, "offisiell", show_matches=show_matches) if draft else None
    templates = tuple(t for t in replies.templates if t.type == rtype.id)
    return ReplyResult(comment, classified, rtype, templates, personal, comment_check, draft_result)

