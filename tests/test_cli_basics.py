"""Global behaviour of the command line: version, help, usage errors, --innhold."""

from __future__ import annotations

import subprocess
import sys

from tydal_sjekk import __version__


def test_version(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"tydal-sjekk {__version__}"


def test_help_is_in_bokmal(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--help")
    assert result.code == 0
    assert "retningslinjer" in result.out
    assert "Kommandoer" in result.out
    assert "Valg" in result.out
    assert "Bruk: tydal-sjekk" in result.out and "Vis denne hjelpen og avslutt." in result.out


def test_unknown_option_is_a_norwegian_usage_error(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--finnes-ikke")
    assert result.code == 2
    assert "Ukjent valg: --finnes-ikke" in result.err
    assert "Traceback" not in result.err


def test_unknown_command(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("publiser")
    assert result.code == 2
    assert "Ukjent kommando" in result.err


def test_unknown_format(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("retningslinjer", "--format", "xml")
    assert result.code == 2
    assert "Ugyldig verdi for --format: «xml»" in result.err
    assert "tekst, markdown, json" in result.err


def test_option_missing_its_value(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("retningslinjer", "--format")
    assert result.code == 2
    assert "--format" in result.err and "verdi" in result.err


def test_python_dash_m_works() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tydal_sjekk", "--version"], capture_output=True, text=True, encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"tydal-sjekk {__version__}"
