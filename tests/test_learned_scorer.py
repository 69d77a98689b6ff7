"""The fast scorer adds up per-part contributions; it must equal the dot product with the feature vector
that training uses (``FeatureSpec.vector``), for any text — otherwise the shipped thresholds mean nothing."""

from __future__ import annotations

import math
import random
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st
from model_helpers import BUCKETS, pushed, small_spec

from tydal_sjekk.check.learned import GuidelineModel, LearnedModel, score
from tydal_sjekk.core.folder import Content
from tydal_sjekk.text.features import FeatureSpec, LinearScorer
from tydal_sjekk.text.wordlist import WordList


def _weights(rows: int) -> array[int]:
    rng = random.Random(7)
    return array("b", [rng.randint(-127, 127) for _ in range(rows * BUCKETS)])


def _slow(spec: FeatureSpec, weights: array[int], offset: int, text: str, signals: tuple[str, ...] = ()) -> float:
    return sum(weights[offset + b] * v for b, v in spec.vector(text, signals).items())


WORDS = ["Kari", "Ola", "han", "ho", "jeg", "mor", "vakt", "demens", "hoftebrudd", "fyll", "og", "i", "på", "12",
         "Sjukeheimen", "på", "aa", "x", "vi", "fikk", "slag", "besøk", "😊"]
texts = st.lists(st.sampled_from([*WORDS, ".", "!", "\n", " "]), max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_fast_score_equals_the_training_vector(first: str, second: str) -> None:
    spec = small_spec()
    weights = _weights(2)
    scorer = LinearScorer(spec, weights, [0, BUCKETS])
    for text in (first, second, first):  # the cache spans texts: a second look must give the same
        totals = scorer.totals(text)
        for row, offset in enumerate((0, BUCKETS)):
            assert abs(totals.dots[row] / totals.norm - _slow(spec, weights, offset, text)) < 1e-9


SIGNALS = st.lists(st.sampled_from(["jobbrolle", "besvarer", "navn", "kontakt"]), max_size=4).map(tuple)


@settings(max_examples=100, deadline=None)
@given(texts, SIGNALS)
def test_with_rule_signals_the_fast_score_still_equals_the_training_vector(text: str, signals: tuple[str, ...]) -> None:
    spec = small_spec(0.3)
    weights = _weights(1)
    totals = LinearScorer(spec, weights, [0]).totals(text, signals)
    assert abs(totals.dots[0] / totals.norm - _slow(spec, weights, 0, text, signals)) < 1e-9


def test_rule_signals_are_features_only_with_a_weight_and_never_reasons() -> None:
    text = "Ho Kari fikk demens på vakt."
    assert small_spec().vector(text, ("jobbrolle",)) == small_spec().vector(text)
    with_signal = small_spec(0.3).vector(text, ("jobbrolle", "jobbrolle"))
    assert with_signal != small_spec(0.3).vector(text)
    weights = array("b", [0] * BUCKETS)
    spec = small_spec(0.3)
    counts, credited, pairs_of = spec.collect("", ("jobbrolle",))
    assert list(counts) == ["g:jobbrolle"] and credited["g:jobbrolle"] == ""
    for _, buckets in pairs_of["g:jobbrolle"]:
        for bucket in buckets:
            weights[bucket] = 120
    totals = LinearScorer(spec, weights, [0]).totals(text, ("jobbrolle",))
    assert totals.dots[0] > 0 and totals.top_words(0) == ()


def test_reason_words_are_content_words_that_raised_the_score() -> None:
    spec = small_spec()
    # give every feature of «demens» a positive weight, and nothing else
    scorer = LinearScorer(spec, pushed(spec, 100, "demens"), [0])
    totals = scorer.totals("Ho har fått demens og han og jeg var på vakt.")
    assert totals.top_words(0) == ("demens",)
    assert totals.dots[0] > 0


def test_a_long_text_is_scored_with_memory_for_its_distinct_words_only() -> None:
    spec = small_spec()
    scorer = LinearScorer(spec, _weights(1), [0])
    text = "Ho fikk besøk på vakt i dag. " * 20_000
    totals = scorer.totals(text)
    assert len(totals._entries) < 50
    assert abs(totals.dots[0] / totals.norm - _slow(spec, scorer.weights, 0, text)) < 1e-6  # type: ignore[arg-type]


def _model(threshold: float, lower: float) -> LearnedModel:
    spec = small_spec()
    weights = pushed(spec, 100, "demens")
    g = GuidelineModel("P3", ("privat",), 0.0, 0.01, threshold, 0, "melding", "råd")
    return LearnedModel(spec, weights, (g,), 700, ("navn",), frozenset(), {}, {}, "", {"P3": lower} if lower else {})


def test_a_lowered_threshold_marks_findings_that_need_a_recognisable_person() -> None:
    text = "Ho har demens."
    raw = _model(0.0, 0.0)
    (plain,) = score(raw, text, "privat", [0])
    value = math.log(plain.probability / (1 - plain.probability))  # the raw score of this text
    assert not plain.needs_person
    assert score(_model(value + 0.5, 0.0), text, "privat", [0]) == []
    (lowered,) = score(_model(value + 0.5, 1.0), text, "privat", [0])
    assert lowered.needs_person
    assert score(_model(value + 1.5, 1.0), text, "privat", [0]) == []


def test_a_text_of_many_windows_has_its_thresholds_raised_by_the_window_penalty() -> None:
    one = "Ho har demens. "
    (plain,) = score(_model(0.0, 0.0), one, "privat", [0])
    value = math.log(plain.probability / (1 - plain.probability))
    # 28 sentences of 15 characters in windows of 100: four windows of seven sentences
    text = one * 4 * 7
    sentences = list(range(0, len(text), len(one)))
    model = _model(value - 0.5, 0.0)._replace(window_chars=100)
    assert len(score(model, text, "privat", sentences)) >= 2
    assert score(model._replace(window_penalty=1.0), text, "privat", sentences) == []  # ln(n) × 1.0 > 0.5
    # one window: no penalty
    assert score(model._replace(window_penalty=1.0), one, "privat", [0]) != []


def test_the_window_penalty_is_capped_at_ten_windows() -> None:
    one = "Ho har demens. "
    (plain,) = score(_model(0.0, 0.0), one, "privat", [0])
    value = math.log(plain.probability / (1 - plain.probability))
    model = _model(value - 0.5 * math.log(10) - 0.01, 0.0)._replace(window_chars=15, window_penalty=0.5)
    for n in (12, 40):
        text = one * n
        found = score(model, text, "privat", list(range(0, len(text), len(one))))
        assert len(found) == n  # the threshold is raised by 0.5 × ln 10 however many windows there are


def test_a_repeated_text_does_not_score_higher_the_more_it_is_repeated() -> None:
    spec = small_spec()
    scorer = LinearScorer(spec, _weights(1), [0])
    scores = [(t := scorer.totals("Ho Kari fikk demens på vakt i dag. " * m)).dots[0] / t.norm for m in (1, 10, 100)]
    # only the word pair and the roles across the joins differ; without √-counting the score would grow √m-fold
    assert abs(scores[1] - scores[2]) < 0.05 * abs(scores[2]) + 1e-9
    assert abs(scores[0] - scores[2]) < 0.5 * abs(scores[2]) + 1e-9
    assert scorer.totals("Ho fikk demens.").has_class_word and not scorer.totals("Fin dag på jobb.").has_class_word


def test_a_name_is_never_a_reason() -> None:
    spec = small_spec()
    totals = LinearScorer(spec, pushed(spec, 100, "Kari demens"), [0]).totals("Kari har demens.")
    assert "Kari" not in totals.top_words(0) and "demens" in totals.top_words(0)


def test_a_function_word_is_never_a_reason_even_at_the_start_of_a_sentence() -> None:
    base = small_spec()
    spec = FeatureSpec(BUCKETS, frozenset({"var", "og"}), base.classes, 3, 5,
                       {"andre": frozenset({"han"}), "jobb": frozenset({"vakt"})})
    weights = array("b", [100] * BUCKETS)  # every feature pushes up, also the roles credited to the first word
    totals = LinearScorer(spec, weights, [0]).totals("Var han på vakt.")
    assert totals.top_words(0) and "Var" not in totals.top_words(0)


def test_an_ambiguous_first_name_is_the_ordinary_word_only_at_the_start_of_a_sentence() -> None:
    base = small_spec()
    spec = FeatureSpec(BUCKETS, frozenset({"i", "og"}), base.classes, 3, 5, base.roles, WordList("Per\nKari\n"),
                       ambiguous=WordList("per\n"))
    counts, _, _ = spec.collect("Per i dag er det 20 elever. I dag kom Kari.")
    assert counts.get("w:per") == 1 and not any("kari" in key.lower() for key in counts)  # «Kari» is a name
    counts, _, _ = spec.collect("I dag kom Per. Per i dag er det 20 elever.")
    assert counts.get("w:per") == 1 and "w:Per" not in counts  # inside the sentence a name, at the start «per»
    counts, _, _ = spec.collect("Kari har demens.")
    assert not any("kari" in key.lower() for key in counts)  # a name that is no ordinary word stays a name


def test_a_name_is_no_feature_but_makes_the_sentence_about_someone_else() -> None:
    base = small_spec()
    spec = FeatureSpec(BUCKETS, frozenset({"har", "ho"}), base.classes, 3, 5, base.roles, WordList("Kari\n"))
    named, _, _ = spec.collect("Kari har demens.")
    plain, _, _ = spec.collect("Ho har demens.")  # «ho» (she): a function word that makes the sentence about her
    assert set(named) == set(plain)  # the name adds nothing but what «ho» says
    assert any("andre" in k for k in named)


def test_a_name_that_ends_like_a_class_word_is_in_no_class() -> None:
    base = small_spec()
    spec = FeatureSpec(BUCKETS, frozenset({"med", "og"}), {"rus": WordList("stein\n")}, 3, 5, base.roles,
                       WordList("Jostein\n"))
    assert spec.classes_of("jostein") == ["rus"]  # as a word, the compound rule would put it in the class
    counts, _, _ = spec.collect("Gratulerer med dagen, Jostein!")
    assert not any(key.startswith(("k:", "s:")) for key in counts)
    counts, _, _ = spec.collect("Han var helt stein i går.")  # the word itself still is
    assert any(key.startswith("s:") and "rus" in key for key in counts)


def test_a_learned_finding_needs_a_content_word_as_its_reason(content: Content) -> None:
    from tydal_sjekk.check import checker_for
    from tydal_sjekk.check.engine import Checker

    spec = small_spec()
    weights = pushed(spec, 120, "!?", "fjelltur")  # the marks and every feature of «fjelltur» push P3 up
    g = GuidelineModel("P3", ("privat",), 0.0, 0.05, 0.5, 0, "melding ({grunn})", "råd")
    model = LearnedModel(spec, weights, (g,), 700, ("navn",), frozenset(), {}, {}, "", {})
    checker = Checker(checker_for(content).rules, None, model)
    assert "modell-P3" not in {f.rule for f in checker.check("Kari!?").findings}  # only the marks drove it
    found = [f for f in checker.check("Kari!? fjelltur").findings if f.rule == "modell-P3"]
    assert found and found[0].reason == "ord som «fjelltur»"


def test_a_negated_word_is_one_feature_of_its_own_instead_of_its_own_features() -> None:
    base = small_spec()
    spec = FeatureSpec(BUCKETS, frozenset({"dette", "er", "ikke", "itj", "e"}), base.classes, 3, 5, base.roles)
    counts, credited, _ = spec.collect("Dette er ikke godt nok.")
    assert counts.get("x:godt") == 1 and credited["x:godt"] == "godt"
    assert "w:godt" not in counts and not any(key.startswith("c:") and "godt" in key for key in counts)
    assert counts.get("w:nok") == 1  # only the next content word is negated
    counts, _, _ = spec.collect("Dette e itj bra.")  # dialect negation, the same feature as «ikke bra»
    assert counts.get("x:bra") == 1
    counts, _, _ = spec.collect("Dette er ikke. Godt nok.")  # a negation stops at the end of its sentence
    assert "x:godt" not in counts and "w:Godt" in counts


def test_a_required_signal_can_be_missing_only_when_the_model_is_sure_enough(content: Content) -> None:
    from tydal_sjekk.check import checker_for
    from tydal_sjekk.check.engine import Checker

    spec = small_spec()
    weights = pushed(spec, 120, "fjelltur")
    text = "Ny fjelltur i dag, og i morgen en til."  # eight words: enough to judge without the role
    g = GuidelineModel("P1", ("privat",), 0.0, 0.05, 0.0, 0, "melding ({grunn})", "råd")
    raw = next(s for s in score(LearnedModel(spec, weights, (g,), 700, (), frozenset(), {}), text, "privat", [0]))
    margin = raw.margin  # the raw score above a threshold of 0
    assert margin > 0

    def found(strong: dict[str, float], with_role: bool = False) -> bool:
        model = LearnedModel(spec, weights, (g,), 700, (), frozenset(), {}, {"P1": ("jobbrolle",)}, "", {}, strong)
        checker = Checker(checker_for(content).rules, None, model)
        draft = ("Jeg jobber på skolen. " if with_role else "") + text
        return "modell-P1" in {f.rule for f in checker.check(draft).findings}

    assert not found({})  # the role is required and missing
    assert found({}, with_role=True)
    assert found({"P1": margin - 0.5})  # sure enough without it
    assert not found({"P1": margin + 0.5})
    text = "Ny fjelltur!"  # a short reply: too little to go on without the required signal
    raw = next(s for s in score(LearnedModel(spec, weights, (g,), 700, (), frozenset(), {}), text, "privat", [0]))
    assert raw.margin > 0 and not found({"P1": 0.0})


def test_nynorsk_and_troendersk_endings_find_the_bokmaal_word_of_a_class() -> None:
    spec = FeatureSpec(BUCKETS, frozenset(), {"helse": WordList("medisinene\npasienter\nsår\n")}, 3, 5)
    for word in ("medisinane", "medisinan", "pasientar", "hjartemedisinane"):
        assert spec.classes_of(word) == ["helse"], word
    assert spec.classes_of("sårar") == []  # short words get no such neighbours
    assert spec.classes_of("medisinar") == []  # «-ar» is the plural «-er», not «-ene»


def test_the_score_is_the_same_when_the_memos_are_full(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tydal_sjekk.text import features

    text = "Ho fikk besøk på vakt i dag, og mor fikk slag. Kari har demens i hoftebrudd."
    expected = _slow(small_spec(), _weights(1), 0, text)
    monkeypatch.setattr(features, "_ONE_BUCKET_CACHE", 0)
    monkeypatch.setattr(features, "_PAIR_MEMO", 0)
    monkeypatch.setattr(features, "_NGRAM_MEMO", 0)
    scorer = LinearScorer(small_spec(), _weights(1), [0])
    for _ in range(2):  # the second time from what was remembered (nothing)
        totals = scorer.totals(text)
        assert abs(totals.dots[0] / totals.norm - expected) < 1e-6
    assert not any(" " in key for key in scorer._cache)  # no word pair was remembered


def test_the_one_the_post_speaks_to_is_a_role_of_its_own_when_the_content_has_it() -> None:
    base = small_spec()
    spec = FeatureSpec(BUCKETS, frozenset({"du", "har"}), base.classes, 3, 5,
                       {**base.roles, "mottaker": frozenset({"du"})})
    counts, _, _ = spec.collect("Du har demens.")
    assert "s:mottaker&helse" in counts and "s:andre&helse" not in counts
    counts, _, _ = spec.collect("Du har vakt i dag.")  # no class word: the roles themselves
    assert "r:mottaker" in counts and "r:jobb" in counts
    counts, _, _ = base.collect("Du har demens.")  # a content folder without «mottaker»: no such feature
    assert not any("mottaker" in key for key in counts)


def test_a_learned_finding_absorbs_an_info_of_its_guideline_on_the_same_words(content: Content) -> None:
    from tydal_sjekk.check import checker_for
    from tydal_sjekk.check.engine import Checker

    rules = checker_for(content).rules
    spec = small_spec()
    g = GuidelineModel("P3", ("privat",), 0.0, 0.05, 0.5, 0, "melding ({grunn})", "råd")

    def checked(text: str, *pushed_words: str) -> set[tuple[str, str]]:
        model = None if not pushed_words else LearnedModel(
            spec, pushed(spec, 120, *pushed_words), (g,), 700, ("navn",), frozenset(), {}, {}, "", {})
        return {(f.rule, f.severity) for f in Checker(rules, None, model).check(text).findings}

    text = "En pasient spurte meg om fjelltur i dag."
    plain = checked(text)
    assert ("arbeidsperson-anonym", "info") in plain  # the rules alone: a person from work no one can recognise
    # one thing to look at: the learned warning, not also the reminder under it
    assert checked(text, "fjelltur") == (plain - {("arbeidsperson-anonym", "info")}) | {("modell-P3", "warning")}
    # a score that only marks drove is no finding, and the reminder stays
    marks = "En pasient spurte meg om det!?"
    assert ("arbeidsperson-anonym", "info") in checked(marks)
    assert checked(marks, "!?") == checked(marks)
