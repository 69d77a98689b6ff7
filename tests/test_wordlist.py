"""A word list answers membership the same before and after it builds its set, and two lists with the same
words share one set."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tydal_sjekk.text.wordlist import _SEARCHES_BEFORE_SET, WordList

words = st.text(alphabet="abcæøå", min_size=1, max_size=6)


@settings(max_examples=50, deadline=None)
@given(st.lists(words, max_size=30), st.lists(words, max_size=30))
def test_membership_is_the_same_from_the_text_and_from_the_set(listed: list[str], asked: list[str]) -> None:
    wl = WordList("\n".join(listed))
    before = [w in wl for w in asked]
    for _ in range(_SEARCHES_BEFORE_SET + 1):  # enough questions to build the set
        "x" in wl  # noqa: B015
    assert wl._set is not None
    assert [w in wl for w in asked] == before == [w in set(listed) for w in asked]


def test_two_lists_with_the_same_words_share_one_set() -> None:
    first, second = WordList("kari\nola\nper\n"), WordList("kari\nola\nper")
    for wl in (first, second):
        for _ in range(_SEARCHES_BEFORE_SET + 1):
            "kari" in wl  # noqa: B015
    assert first._set is second._set
    assert "" not in first and "kari\nola" not in first
