"""Long texts are read in pieces: the findings are exactly those of the text read in one piece."""

from __future__ import annotations

import pytest
from helpers import first_valid
from hypothesis import given, settings
from hypothesis import strategies as st

from tydal_sjekk.check import checker_for
from tydal_sjekk.check.engine import Checker
from tydal_sjekk.core.folder import Content

FNR = first_valid("150385")
FRAGMENTS = [
    "Eleven min har fått diagnosen ADHD. ",
    f"Fnr {FNR[:6]} {FNR[6:]} ",
    "Ring 917 45 233 i kveld. ",
    "Skriv til kari.nordmann@gmail.com. ",
    "Jens Stoltenberg var her. ",
    "Stoltenberg sa ingenting. ",
    "Hei! Vi bor i Storgata 12. ",
    "DETTE ER HELT FEIL OG JEG ER LEI ",
    "Nå får det være nok!!! ",
    "Vi i kommunen har bestemt det. ",
    "Dette er ikke offentlig ennå. ",
    "helt vanlig tekst om været og fjellet ",
    "\n",
    "Faen. ",
]


def _pieces_checker(content: Content, chunk: int, margin: int) -> Checker:
    whole = checker_for(content)
    small = Checker(whole.rules, whole.lexicon, whole.model)
    small.chunk, small.margin = chunk, margin
    return small


def _findings(checker: Checker, text: str) -> list[tuple[str, int | None, int | None, str]]:
    return [(f.rule, f.start, f.end, f.excerpt) for f in checker.check(text).findings]


# More than any detector reads around a match (the heading check for capitals reads furthest), and more than the
# shortest text in which a line of capitals can be a heading: small pieces, the same context as the real margin.
SMALL_MARGIN = 1_000


def test_the_margin_covers_what_the_detectors_read_around_a_match() -> None:
    from tydal_sjekk.check import engine
    from tydal_sjekk.check.detectors import tone

    content = Content()
    settings_of = {d.id: s for d, s in checker_for(content).rules.detectors}
    heading_text = settings_of["store_bokstaver"].heading_text_chars
    assert engine.MARGIN > SMALL_MARGIN > max(tone.LOOK_AROUND, heading_text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=8, max_size=40), st.integers(min_value=120, max_value=400))
def test_pieces_give_the_same_findings_as_the_whole_text(parts: list[str], chunk: int) -> None:
    content = Content()
    text = "".join(parts)
    whole = checker_for(content)
    assert _findings(_pieces_checker(content, chunk, SMALL_MARGIN), text) == _findings(whole, text)


def test_a_heading_of_capitals_is_judged_the_same_in_pieces() -> None:
    # found by the property test above when the margin was 150: the heading check reads up to 600 characters after a
    # run of capitals (to the end of its line, then the text below it), more than that margin
    parts = ["Eleven min har fått diagnosen ADHD. "] * 2 + ["\n", "DETTE ER HELT FEIL OG JEG ER LEI ", "\n"]
    text = "".join(parts + ["Eleven min har fått diagnosen ADHD. "] * 6)
    content = Content()
    assert _findings(_pieces_checker(content, 120, SMALL_MARGIN), text) == _findings(checker_for(content), text)


@pytest.mark.parametrize(
    "item", [f"Eleven K. N. {FNR[:6]} {FNR[6:]}", "kari.nordmann@gmail.com", "917 45 233", "Storgata 12",
             "Jens Stoltenberg"]
)
def test_an_item_across_every_cut_is_found_and_masked(item: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the cut at every offset around the item: it is always found, and never shown in clear."""
    from tydal_sjekk.check import engine

    content = Content()
    lead = "Her er litt tekst som fyller opp. " * 4
    text = lead + "Kontakt: " + item + " har diagnosen ADHD. Stoltenberg." + " Mer tekst etterpå." * 6
    whole = _findings(checker_for(content), text)
    assert whole, text
    start = len(lead)
    for cut in range(start - 3, start + len("Kontakt: ") + len(item) + 3):
        monkeypatch.setattr(engine, "_chunks", lambda t, size, cut=cut: [(0, cut), (cut, len(t))])
        checker = _pieces_checker(content, 10, 150)
        got = _findings(checker, text)
        assert got == whole, cut
        secret = item.split()[-1]
        for _, _, _, excerpt in got:
            assert secret not in excerpt or (secret == "Stoltenberg" and "S**********" in excerpt)
