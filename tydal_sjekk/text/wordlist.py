"""A large word list that is cheap to load.

Building a Python set of tens of thousands of words takes longer than a typical check. A short draft
only asks about a handful of words, so membership is first answered by searching the newline-separated
text itself; after many questions the set is built once and used from then on.
"""

from __future__ import annotations

_SEARCHES_BEFORE_SET = 300


# The same list read twice (the first names for the name detector and for the learned layer) shares one set.
_SETS: dict[str, frozenset[str]] = {}


def _shared_set(blob: str) -> frozenset[str]:
    hit = _SETS.get(blob)
    if hit is None:
        if len(_SETS) > 32:
            _SETS.clear()
        hit = _SETS[blob] = frozenset(blob.split("\n")) - {""}
    return hit


class WordList:
    __slots__ = ("_blob", "_searches", "_set", "size")

    def __init__(self, text: str) -> None:
        if "\r" in text or " " in text or "\t" in text or not text.islower() or "#" in text:
            lines = (line.strip().lower() for line in text.splitlines())
            text = "\n".join(line for line in lines if line and not line.startswith("#"))
        self._blob = "\n" + text.strip("\n") + "\n"
        self._searches = 0
        self._set: frozenset[str] | None = None
        self.size = self._blob.count("\n") - 1 if text.strip() else 0

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        if self._set is not None:
            return word in self._set
        self._searches += 1
        if self._searches > _SEARCHES_BEFORE_SET:
            self._set = _shared_set(self._blob)
            return word in self._set
        return f"\n{word}\n" in self._blob

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordList) and self._blob == other._blob

    __hash__ = None  # type: ignore[assignment]

    def words(self) -> list[str]:
        return [w for w in self._blob.split("\n") if w]

    def __len__(self) -> int:
        return self.size

    def __bool__(self) -> bool:
        return self.size > 0
