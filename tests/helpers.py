"""Helpers for tests: valid Norwegian identity numbers built from their rules (never real people's)."""

from __future__ import annotations

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _k(weights: tuple[int, ...], digits: str) -> int:
    return (11 - sum(w * int(d) for w, d in zip(weights, digits, strict=False))) % 11


def fnr(first9: str) -> str:
    """Append classic check digits; raises when a check digit would be 10 (no valid number)."""
    k1 = _k(W1, first9)
    if k1 == 10:
        raise ValueError("k1 = 10")
    k2 = _k(W2, first9 + str(k1))
    if k2 == 10:
        raise ValueError("k2 = 10")
    return first9 + str(k1) + str(k2)


def first_valid(prefix6: str, start: int = 100, *, rule2032: bool = False) -> str:
    """The first valid number with this date part; with ``rule2032`` one that only the 2032 rule allows."""
    for individ in range(start, 1000):
        nine = prefix6 + f"{individ:03d}"
        if not rule2032:
            try:
                return fnr(nine)
            except ValueError:
                continue
        base = sum(w * int(d) for w, d in zip(W1, nine, strict=False))
        for rest in (1, 2, 3):
            k1 = (11 + rest - base % 11) % 11
            if k1 == 10:
                continue
            k2 = _k(W2, nine + str(k1))
            if k2 != 10:
                return nine + str(k1) + str(k2)
    raise ValueError(prefix6)
