"""The bokmål patches of typer internals: fail loudly when a typer upgrade moves what they patch."""

from __future__ import annotations

import importlib

import pytest

from tydal_sjekk import typer_patches


@pytest.mark.parametrize(("module", "attribute"), typer_patches.PATCHED)
def test_every_patched_typer_internal_still_exists(module: str, attribute: str) -> None:
    assert hasattr(importlib.import_module(module), attribute), (
        f"{module}.{attribute} finnes ikke lenger: typer er oppgradert, se tydal_sjekk/typer_patches.py"
    )


def test_help_is_in_bokmal(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "--help")
    assert result.code == 0
    for word in ("Bruk:", "Valg", "Vis denne hjelpen og avslutt."):
        assert word in result.out, word
    for english in ("Usage:", "Options", "Show this message and exit."):
        assert english not in result.out, english


def test_usage_errors_are_translated(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "--formatt", "json", "tekst")
    assert result.code == 2
    assert "Ukjent valg: --formatt." in result.err and "--format" in result.err
