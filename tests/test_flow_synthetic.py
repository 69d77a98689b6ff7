"""The wizard flow on small synthetic content: conditions, back-navigation, pruning and the summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import make_content

from tydal_sjekk.check import check_text
from tydal_sjekk.wizard.flow import BACK, Flow, Question, WizardContent, run_flow, summarise, wizard_content


@pytest.fixture
def wiz(tmp_path: Path) -> WizardContent:
    return wizard_content(make_content(tmp_path))


def script(replies: dict[str, str], log: list[str] | None = None):  # type: ignore[no-untyped-def]
    def ask(q: Question, default: str, can_go_back: bool) -> str:
        if log is not None:
            log.append(q.id)
        return replies.get(q.id, default)

    return ask


def test_conditions_choose_the_questions(wiz: WizardContent) -> None:
    log: list[str] = []
    run_flow(wiz, script({"jobb": "nei"}, log))
    assert log == ["konto", "jobb"]
    log.clear()
    run_flow(wiz, script({"jobb": "ja"}, log))
    assert log == ["konto", "jobb", "detalj"]
    log.clear()
    run_flow(wiz, script({"konto": "offisiell"}, log))
    assert log == ["konto", "svar"]


def test_back_preselects_the_earlier_answer_and_prunes(wiz: WizardContent) -> None:
    steps: list[tuple[str, str, bool]] = []
    went_back = False

    def ask(q: Question, default: str, can_go_back: bool) -> str:
        nonlocal went_back
        steps.append((q.id, default, can_go_back))
        if q.id == "detalj" and not went_back:
            went_back = True
            return BACK
        if q.id == "jobb":
            return "ja" if not went_back else "nei"
        return default

    answers = run_flow(wiz, ask)
    assert steps == [("konto", "privat", False), ("jobb", "nei", True), ("detalj", "ingen", True),
                     ("jobb", "ja", True)]
    assert answers == {"konto": "privat", "jobb": "nei"}


def test_changing_an_early_answer_drops_later_answers(wiz: WizardContent) -> None:
    flow = Flow(wiz)
    flow.answer(wiz.question("konto"), "privat")
    flow.answer(wiz.question("jobb"), "ja")
    flow.back()
    flow.back()
    replies = iter(["offisiell", "ja"])
    answers = flow.run(lambda q, d, b: next(replies))
    assert answers == {"konto": "offisiell", "svar": "ja"}


def test_back_on_the_first_question_stays(wiz: WizardContent) -> None:
    replies = iter([BACK, "privat", "nei"])
    assert run_flow(wiz, lambda q, d, b: next(replies)) == {"konto": "privat", "jobb": "nei"}


def test_summary_takes_the_worst_advice_and_the_disclaimer(wiz: WizardContent) -> None:
    summary = summarise(wiz, run_flow(wiz, script({"jobb": "ja", "detalj": "person"})), None)
    assert summary.verdict == "stop" and summary.disclaimer
    assert summarise(wiz, run_flow(wiz, script({})), None).verdict == "ok"


def test_summary_includes_the_check_of_the_text(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    wiz = wizard_content(content)
    summary = summarise(wiz, run_flow(wiz, script({})), check_text(content, "Det er hemmelig."))
    assert summary.verdict == "stop"
