"""What a detector is: an id, the signals it provides, its own settings table and ``find``.

In the spirit of Presidio's recognizers and gitlint's rule classes. A detector

- has an ``id``, which is also the name of its settings table ``[detektor.<id>]`` in ``regler.toml``;
- declares the ``signals`` it can produce (rules refer to them like to word-list signals);
- reads its settings (context words, distances, thresholds – no magic numbers in Python) with
  ``load_settings``, recording problems in bokmål;
- may ask for word lists to be matched in the same pass as the rules' signals (``context_lists``), and
  looks them up with ``ctx.before/after/near(self.key(name), …)``;
- finds its occurrences with ``find(ctx, settings)``. Occurrences of personal data carry a masked form.

Adding a detector = one module with a subclass + its table in ``regler.toml`` + one line in the registry
(:mod:`tydal_sjekk.check.detectors`).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.model import Occurrence
from tydal_sjekk.core.schema import Problem, Table
from tydal_sjekk.text.terms import Phrase, phrases

if TYPE_CHECKING:
    from tydal_sjekk.core.folder import Content
    from tydal_sjekk.core.settings import Settings


class LoadEnv(NamedTuple):
    """What a detector may use while it reads its settings: the folder (for word files) and the settings."""

    content: Content
    settings: Settings
    problems: list[Problem]


class Deferred(NamedTuple):
    """An occurrence that counts only if the whole text teaches one of its ``keys`` (see ``Detector.piece``)."""

    keys: tuple[Hashable, ...]
    occurrence: Occurrence


class PieceResult(NamedTuple):
    occurrences: list[Occurrence]
    learned: set[Hashable]
    deferred: list[Deferred]


class Detector:
    """Base class. Subclasses set the class attributes and implement ``load_settings`` and ``find``."""

    id: ClassVar[str] = ""
    signals: ClassVar[tuple[str, ...]] = ()
    # Signals whose occurrences are not personal data (never masked), e.g. tone.
    not_personal: ClassVar[frozenset[str]] = frozenset()
    # a content folder may leave out the table of an optional detector (one added after others wrote theirs)
    optional: ClassVar[bool] = False
    description: ClassVar[str] = ""
    # True when ``find`` needs something learned from the whole text (see ``piece``).
    uses_text_state: ClassVar[bool] = False

    def __eq__(self, other: object) -> bool:
        """Detectors carry no state: two of the same class are the same detector (also after pickling)."""
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __repr__(self) -> str:
        return f"<detektor {self.id}>"

    def key(self, name: str) -> str:
        """The lexicon key of one of this detector's context lists."""
        return f"@{self.id}.{name}"

    def load_settings(self, t: Table, env: LoadEnv) -> Any:
        raise NotImplementedError

    def context_lists(self, settings: Any) -> dict[str, tuple[Phrase, ...]]:
        """Word lists (by short name) to match in the shared pass; see :meth:`key`."""
        return {}

    def applies(self, text: str) -> bool:
        """A cheap pre-check: False when the text cannot contain anything for this detector."""
        return True

    def find(self, ctx: TextContext, settings: Any) -> list[Occurrence]:
        raise NotImplementedError

    def piece(self, ctx: TextContext, settings: Any, lo: int, hi: int) -> PieceResult:
        """``find`` on one piece of a long text (its own part is ``lo:hi``) for a detector that learns from
        the whole text (``uses_text_state``): what it finds for sure, what this piece's own part teaches
        (``learned``) and occurrences that count only if the whole text teaches one of their keys. The
        engine reads every piece once and settles the deferred occurrences at the end, so the result is the
        same as ``find`` on the whole text.
        """
        return PieceResult(self.find(ctx, settings), set(), [])

def distance(t: Table, name: str) -> int:
    """A distance in characters from a settings table (required, at least 0)."""
    return t.integer(name, minimum=0)


def phrase_list(t: Table, name: str, *, required: bool = False) -> tuple[Phrase, ...]:
    return phrases(t, name, required=required)
