"""Personal data quoted in a learned finding's reason are masked like in the draft, at linear cost."""

from __future__ import annotations

from tydal_sjekk.render.check import Pieces


def test_names_and_numbers_in_a_reason_are_masked_longest_first() -> None:
    pieces = Pieces([("Kari", "K***"), ("Kari Nordmann", "K*** N*******"), ("912 34 567", "9** ** ***")])
    reason = "ord som «Kari Nordmann», «demens» og «Kari»"
    assert pieces.mask(reason) == "ord som «K*** N*******», «demens» og «K***»"
    assert pieces.mask("ord som «912 34 567»") == "ord som «9** ** ***»"
    assert pieces.mask("ord som «Karianne»") == "ord som «Karianne»"  # whole words only start a look-up


def test_masking_looks_only_at_the_words_of_the_reason() -> None:
    many = Pieces([(f"Navn{i}", "N***") for i in range(50_000)])
    assert many.mask("ord som «Navn49999» og «hjemme»") == "ord som «N***» og «hjemme»"
    assert not Pieces([])


def test_a_report_without_the_draft_quotes_no_word_of_it_in_a_learned_reason() -> None:
    from tydal_sjekk.check.model import REASON_WITHOUT_WORDS, CheckResult, Finding
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.render.check import findings_markdown

    reason = "ord som «hoftebrudd» og «sjukeheimen»"
    finding = Finding("modell-P3", "P3", "modell", "warning", 0, 30, "Ho på sjukeheimen fikk hoftebrudd",
                      f"Innlegget ser ut til å fortelle om noens personlige forhold ({reason}).",
                      f"Vurder {reason} på nytt.", 0, 30, 0.8, reason)
    content = Content()
    text = "Ho på sjukeheimen fikk hoftebrudd"
    result = CheckResult(text, "privat", "warning", (finding,), text, ())
    args = ([(1, finding)], content.guidelines, content.settings.texts)
    with_draft = "\n".join(findings_markdown(*args, details=False, excerpts=True, result=result))
    without = "\n".join(findings_markdown(*args, details=False, excerpts=False, result=result))
    assert "hoftebrudd" in with_draft
    assert "hoftebrudd" not in without and "sjukeheimen" not in without and REASON_WITHOUT_WORDS in without
