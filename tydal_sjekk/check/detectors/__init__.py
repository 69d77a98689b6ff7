"""The detector registry: every built-in detector, in the order the engine runs them.

Order matters where detectors share characters: numbers first (fødselsnummer before account before
phone), then e-mail and addresses, then names (which yield to anything found before them), then tone.
To add a detector, write a :class:`~tydal_sjekk.check.detectors.base.Detector` subclass in its own
module, give it a ``[detektor.<id>]`` table in ``regler.toml`` and add it here.
"""

from __future__ import annotations

from typing import Any

from tydal_sjekk.check.detectors.base import Detector
from tydal_sjekk.check.detectors.contacts import AddressDetector, EmailDetector
from tydal_sjekk.check.detectors.names import NameDetector
from tydal_sjekk.check.detectors.numbers import AccountDetector, FnrDetector, PhoneDetector
from tydal_sjekk.check.detectors.tone import (
    CharacterisationDetector,
    ExclamationDetector,
    NameCallingDetector,
    ShoutingDetector,
)

DETECTORS: tuple[Detector, ...] = (
    FnrDetector(),
    AccountDetector(),
    PhoneDetector(),
    EmailDetector(),
    AddressDetector(),
    NameDetector(),
    ShoutingDetector(),
    ExclamationDetector(),
    NameCallingDetector(),
    CharacterisationDetector(),
)


def builtin_signals(detectors: tuple[Detector, ...] = DETECTORS) -> tuple[str, ...]:
    """Every signal a detector can produce (rules may refer to these like to word-list signals)."""
    return tuple(s for d in detectors for s in d.signals)


def not_personal(detectors: tuple[Detector, ...] = DETECTORS) -> frozenset[str]:
    return frozenset(s for d in detectors for s in d.not_personal)


def context_lists(loaded: tuple[tuple[Any, Any], ...]) -> dict[str, tuple[Any, ...]]:
    """Every detector's context word lists, under their lexicon keys (``@<detector>.<name>``)."""
    out: dict[str, tuple[Any, ...]] = {}
    for detector, settings in loaded:
        for name, phrases in detector.context_lists(settings).items():
            out[detector.key(name)] = phrases
    return out
