"""The wizard's pure flow, driven by an injected `ask` (issue 4)."""

from __future__ import annotations

import tomllib

import pytest
from helpers import first_valid

from tydal_sjekk.check import check_text
from tydal_sjekk.core.folder import Content
from tydal_sjekk.render.wizard import summary_markdown
from tydal_sjekk.wizard.flow import (
    BACK,
    Flow,
    Question,
    answers_from_mapping,
    answers_template,
    run_flow,
    summarise,
    wizard_content,
)


def scripted(replies: dict[str, str], log: list[str] | None = None):  # type: ignore[no-untyped-def]
    """An ask function answering from a dict and taking the default for everything else."""

    def ask(q: Question, default: str, can_go_back: bool) -> str:
        if log is not None:
            log.append(q.id)
        return replies.get(q.id, default)

    return ask


def guidelines_reachable(content: Content, konto: str) -> set[str]:
    """Every guideline a flow can touch: questions asked in that flow and the advice of their answers."""
    wiz = wizard_content(content)
    reachable: set[str] = set()
    frontier = [{wiz.konto_question: konto}]
    seen: set[tuple[tuple[str, str], ...]] = set()
    while frontier:
        answers = frontier.pop()
        key = tuple(sorted(answers.items()))
        if key in seen:
            continue
        seen.add(key)
        for q in wiz.questions:
            if q.id in answers or not all(answers.get(o) in a for o, a in q.condition):
                continue
            reachable.update(q.guidelines)
            for c in q.choices:
                reachable.update(a.guideline for a in c.advice)
                frontier.append({**answers, q.id: c.id})
            break
    return reachable


def test_private_flow_covers_p1_to_p6(content: Content) -> None:
    assert guidelines_reachable(content, "privat") >= {"P1", "P2", "P3", "P4", "P5", "P6"}


def test_official_flow_covers_o1_to_o7(content: Content) -> None:
    assert guidelines_reachable(content, "offisiell") >= {"O1", "O2", "O3", "O4", "O5", "O6", "O7"}


def test_first_question_is_where_it_will_be_posted(content: Content) -> None:
    first = wizard_content(content).questions[0]
    assert first.id == "konto" and set(first.choice_ids) == {"privat", "offisiell"}


def test_enter_everywhere_gives_an_ok_summary(content: Content) -> None:
    log: list[str] = []
    answers = run_flow(wizard_content(content), scripted({}, log))
    assert log[0] == "konto" and "kommentartype" not in log
    summary = summarise(wizard_content(content), answers, None)
    assert summary.verdict == "ok" and summary.konto == "privat"


def test_private_answers_lead_to_guidance(content: Content) -> None:
    answers = run_flow(
        wizard_content(content), scripted({"om-jobben": "ja", "rolle": "ja", "jobbinfo": "person", "sinne": "opprort"})
    )
    summary = summarise(wizard_content(content), answers, None)
    assert summary.verdict == "stop"
    assert {a.guideline for _, _, a in summary.advice} == {"P1", "P3", "P4", "P6"}
    assert summary.disclaimer


def test_rolle_is_only_asked_when_the_post_is_about_the_job(content: Content) -> None:
    log: list[str] = []
    run_flow(wizard_content(content), scripted({"om-jobben": "nei"}, log))
    assert "rolle" not in log
    log.clear()
    run_flow(wizard_content(content), scripted({"om-jobben": "ja"}, log))
    assert "rolle" in log


@pytest.mark.parametrize(
    ("kind", "follow_ups", "guidelines"),
    [
        ("ros", set(), {"O2"}),
        ("negativ", {"dialog", "personopplysninger"}, {"O2"}),
        ("feil-fakta", {"kilde"}, {"O2"}),
        ("saksbehandling", {"personopplysninger", "videresendt"}, {"O4", "O5"}),
        ("politisk", {"innstilling"}, {"O6", "O7"}),
    ],
)
def test_official_flow_branches_by_comment_type(
    content: Content, kind: str, follow_ups: set[str], guidelines: set[str]
) -> None:
    log: list[str] = []
    answers = run_flow(wizard_content(content), scripted({"konto": "offisiell", "kommentartype": kind}, log))
    branch_questions = {"dialog", "kilde", "personopplysninger", "videresendt", "innstilling"}
    assert set(log) & branch_questions == follow_ups
    assert {"form", "representerer"} <= set(log)
    advice = {a.guideline for _, _, a in summarise(wizard_content(content), answers, None).advice}
    assert guidelines <= advice


def test_back_returns_to_the_previous_question_with_its_answer_preselected(content: Content) -> None:
    steps: list[tuple[str, str]] = []
    went_back = False

    def ask(q: Question, default: str, can_go_back: bool) -> str:
        nonlocal went_back
        steps.append((q.id, default))
        if q.id == "konto":
            assert not can_go_back
            return "offisiell" if not went_back else "privat"
        if q.id == "kommentartype" and not went_back:
            went_back = True
            return BACK
        return default

    answers = run_flow(wizard_content(content), ask)
    assert steps[:3] == [("konto", "privat"), ("kommentartype", "noytral"), ("konto", "offisiell")]
    assert answers["konto"] == "privat" and "kommentartype" not in answers


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply(content: Content) -> None:
    flow = Flow(wizard_content(content))
    flow.answer(wizard_content(content).question("konto"), "privat")
    flow.answer(wizard_content(content).question("om-jobben"), "ja")
    flow.back()
    flow.back()
    replies = iter(["offisiell", "ros", "ja", "ja"])
    answers = flow.run(lambda q, d, b: next(replies))
    assert "om-jobben" not in answers and answers["kommentartype"] == "ros"


def test_back_on_the_first_question_stays_there(content: Content) -> None:
    replies = iter([BACK, "privat"])
    answers = run_flow(wizard_content(content), lambda q, d, b: next(replies) if q.id == "konto" else d)
    assert answers["konto"] == "privat"


def test_invalid_reply_is_refused(content: Content) -> None:
    with pytest.raises(ValueError, match="ikke et svar"):
        run_flow(wizard_content(content), lambda q, d, b: "kanskje")


def test_draft_is_checked_in_the_matching_konto_mode(content: Content) -> None:
    answers = run_flow(wizard_content(content), scripted({"konto": "offisiell", "kommentartype": "politisk"}))
    check = check_text(content, "Vi mener politikerne tok feil.", answers["konto"])
    summary = summarise(wizard_content(content), answers, check)
    assert check.konto == "offisiell" and summary.verdict == "review"
    fnr = check_text(content, f"Fnr {first_valid('150385')}", "privat")
    assert summarise(wizard_content(content), run_flow(wizard_content(content), scripted({})), fnr).verdict == "stop"


def test_answers_file_validation(content: Content) -> None:
    _answers, errors = answers_from_mapping(wizard_content(content), {"konto": "privat", "om-jobben": "kanskje"})
    assert any("«kanskje» er ikke et gyldig svar på «om-jobben»" in e for e in errors)
    assert any("mangler svar på «personer»" in e for e in errors)
    _, errors = answers_from_mapping(wizard_content(content), {"konto": "privat", "farge": "blå"})
    assert any("«farge» er ikke et spørsmål i veiviseren" in e for e in errors)


def test_template_is_a_valid_answers_file(content: Content) -> None:
    data = tomllib.loads(answers_template(wizard_content(content)))
    answers, errors = answers_from_mapping(wizard_content(content), data)
    assert errors == [] and answers["konto"] == "privat"
    data["konto"] = "offisiell"
    answers, errors = answers_from_mapping(wizard_content(content), data)
    assert errors == [] and "kommentartype" in answers


def test_markdown_summary_leaves_out_the_draft_unless_asked(content: Content) -> None:
    draft = "Eleven Ola har ADHD, ring 912 34 567"
    answers = run_flow(wizard_content(content), scripted({"om-jobben": "ja", "rolle": "ja"}))
    summary = summarise(wizard_content(content), answers, check_text(content, draft))
    kwargs = {"date": "2026-11-26"}
    wiz = wizard_content(content)
    without = summary_markdown(summary, wiz, content.guidelines, content.settings, include_draft=False, **kwargs)
    with_draft = summary_markdown(summary, wiz, content.guidelines, content.settings, include_draft=True, **kwargs)
    assert "Eleven" not in without and "ADHD" not in without
    assert "Eleven" in with_draft and "912 34 567" not in with_draft
    assert r"91\* \*\* \*\*\*" in with_draft  # masked, and escaped for Markdown
    assert "### P4" in without and "Dette er mine egne meninger" in without
