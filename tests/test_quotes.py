"""Quoted lines («> …», the comment a reply answers) are context: nothing is found in them, personal data in
them is masked, and a text that is only a quote is checked as it stands."""

from __future__ import annotations

from itertools import pairwise

from helpers import first_valid
from hypothesis import given
from hypothesis import strategies as st
from model_helpers import pushed, small_spec

from tydal_sjekk.check import check_text, checker_for
from tydal_sjekk.check.engine import Checker
from tydal_sjekk.check.learned import GuidelineModel, LearnedModel
from tydal_sjekk.core.folder import Content
from tydal_sjekk.render.common import masked_text
from tydal_sjekk.text.quotes import blank, inside, quoted_spans, without_quotes

FNR = first_valid("150385")


def test_a_quoted_line_is_found_and_blanked_with_its_positions_kept() -> None:
    text = "> Når åpner dere?\n\nKl. 10 i dag."
    assert quoted_spans(text) == [(0, 17)]
    assert without_quotes(text) == " " * 17 + "\n\nKl. 10 i dag."
    indented = "Hei\n  >sitat her\nsvar"
    assert quoted_spans(indented) == [(4, 16)]


def test_a_line_in_brackets_that_says_what_is_answered_is_a_quote_but_an_image_description_is_not() -> None:
    note = "[Svar til Kari: «Når kjem brøytebilen?»]\nI løpet av dagen!"
    assert quoted_spans(note) == [(0, 40)]
    assert quoted_spans("(svar på: «Noen som vet hvorfor ambulansen var her?»)\nLa være å spekulere.") == [(0, 53)]
    assert quoted_spans("Hei\n(som svar te Ola)\nja") == [(4, 21)]
    assert quoted_spans("[bilde: kirka i snø]\nJul i bygda") == []  # part of the post: the picture is published
    assert quoted_spans("[Svar til Kari] Det går bra.") == []  # the note and the reply on one line: all is checked
    assert quoted_spans("(Svar: nei.)\nSå det så.") == []


def test_a_line_without_brackets_that_ends_with_the_answered_words_in_quotation_marks_is_a_quote() -> None:
    reply = "↪️ Svar til Kari N.: «Kvifor stod ambulansen her i natt?»\n\nHei! Vi kan ikkje seie noko om enkeltpersonar."
    assert quoted_spans(reply) == [(0, reply.index("\n"))]
    assert quoted_spans('Svar te Tove i Tydal-gruppa: "Ka tid blir dunkan tømt?"\nI morgo.') == [(0, 55)]
    assert quoted_spans("Svar til «Kjem brøytebilen?»\nJa, i kveld.") == [(0, 28)]
    for lead in ("Re: ", "Kommentar: ", "Spørsmål fra Eva: "):
        text = lead + "«Kan eg søkje her?»\nNei, send søknaden til postmottak."
        assert quoted_spans(text) == [(0, text.index("\n"))]
    assert quoted_spans("Rett og slett «flott»\nSå bra.") == []  # «re» only as a word of its own
    # a quoted line («>») that is also a note is one span, and blanking keeps every position
    both = "> Svar til Kari: «Når?»\nI morgon."
    assert quoted_spans(both) == [(0, 23)]
    assert len(without_quotes(both)) == len(both)
    # The reply on the same line after the quote is the post itself; so is a line that only mentions an answer.
    assert quoted_spans("Svar til Kari: «Når?» I morgon.\nHilsen Per") == []
    assert quoted_spans("Svarte på «dette» i går.\nok") == []
    assert quoted_spans("Jeg fikk svar på «søknaden»\nDet gikk bra.") == []


def test_a_comparison_is_no_quote_and_a_text_that_is_only_a_quote_is_checked_as_it_stands() -> None:
    assert quoted_spans("> 50 elever i klassen\nDet er mange.") == []
    assert quoted_spans(">3 timer i kø\nFor lenge.") == []
    assert quoted_spans("> Dette er alt jeg skriver.\n> Og dette.") == []
    assert quoted_spans("> sitat\n\n12345 🙂") == []  # no letter outside the quote
    assert quoted_spans("Svaret mitt.\n> sitat") == [(13, 20)]


_PIECES = ["a", "b", ">", " ", "\n", "1", "«", "»", '"', "[", "]", "(", ")", "Svar til ", "Re: ", "↪️ ", ": "]


# Lines built from the parts the quote patterns look for, so that the patterns meet (and overlap) often.
_LINES = st.tuples(
    st.sampled_from(["", "> ", "↪️ ", "[", "(", " "]),
    st.sampled_from(["", "Svar til Kari: ", "Re: ", "Kommentar: ", "svar på "]),
    st.sampled_from(["a", "«a»", '"a"', "1", "«a» b", ""]),
    st.sampled_from(["", "]", ")", " "]),
).map("".join)


@given(st.one_of(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join),
                 st.lists(_LINES, max_size=6).map("\n".join)))
def test_blanking_keeps_length_and_lines_and_inside_agrees_with_the_spans(text: str) -> None:
    spans = quoted_spans(text)
    assert all(a < b <= c for (a, b), (c, _) in pairwise(spans))  # sorted and disjoint
    blanked = blank(text, spans)
    assert len(blanked) == len(text)
    assert [k for k, ch in enumerate(blanked) if ch == "\n"] == [k for k, ch in enumerate(text) if ch == "\n"]
    for pos in range(len(text)):
        expected = any(a <= pos < b for a, b in spans)
        assert inside(spans, pos) is expected
        if expected:
            assert blanked[pos] == " "
        else:
            assert blanked[pos] == text[pos]


def test_nothing_is_found_in_a_quote_but_its_personal_data_is_masked(content: Content) -> None:
    own = check_text(content, f"Fødselsnummeret mitt er {FNR}, kan dere sjekke saka?", "offisiell")
    assert any(f.category == "fodselsnummer" for f in own.findings)  # the same line unquoted: found
    quoted = check_text(content, f"> Fødselsnummeret mitt er {FNR}, kan dere sjekke saka?\n\nTakk for beskjeden!",
                        "offisiell")
    assert not any(f.category == "fodselsnummer" for f in quoted.findings)
    assert quoted.quoted_lines == 1 and quoted.to_json()["quoted_lines"] == 1
    assert FNR not in masked_text(quoted) and FNR[:6] in masked_text(quoted)


def test_the_learned_layer_does_not_read_a_quote(content: Content) -> None:
    spec = small_spec()
    weights = pushed(spec, 120, "fjelltur")
    g = GuidelineModel("P3", ("privat",), 0.0, 0.05, 0.5, 0, "melding ({grunn})", "råd")
    model = LearnedModel(spec, weights, (g,), 700, ("navn",), frozenset(), {}, {}, "", {})
    checker = Checker(checker_for(content).rules, None, model)
    assert "modell-P3" in {f.rule for f in checker.check("Fjelltur og fjelltur i dag.\n\nTakk!").findings}
    assert "modell-P3" not in {f.rule for f in checker.check("> Fjelltur og fjelltur i dag.\n\nTakk!").findings}


def test_the_wizard_says_on_screen_and_in_the_report_that_quoted_lines_were_not_checked(content: Content) -> None:
    from rich.console import Console

    from tydal_sjekk.render.wizard import print_summary, summary_markdown
    from tydal_sjekk.wizard.flow import run_flow, summarise, wizard_content

    wiz = wizard_content(content)
    answers = run_flow(wiz, lambda q, default, can_go_back: default)
    for draft, noted in (("> Kor blir det av brøytinga?\n\nTakk for at du sier fra!", True),
                         ("Takk for at du sier fra!", False)):
        summary = summarise(wiz, answers, check_text(content, draft, "offisiell"))
        console = Console(record=True, width=200, color_system=None)
        print_summary(console, summary, content)
        report = summary_markdown(summary, wiz, content.guidelines, content.settings, include_draft=False,
                                  date="2026-11-28")
        assert ("sitert med «>»" in console.export_text()) is noted
        assert ("er lest som det du svarer på" in report) is noted
