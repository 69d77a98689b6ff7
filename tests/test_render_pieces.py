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
