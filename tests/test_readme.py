"""The README's "Kom i gang" block is what CI runs; keep its promises checkable."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lines() -> list[str]:
    spec = importlib.util.spec_from_file_location("readme_command", ROOT / ".ci" / "readme_command.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lines: list[str] = module.kom_i_gang_lines((ROOT / "README.md").read_text(encoding="utf-8"))
    return lines


def test_exactly_two_command_lines() -> None:
    lines = _lines()
    assert len(lines) == 2
    install, tests = lines
    assert "venv" in install and "pip install" in install and "tydal-sjekk sjekk " in install
    assert '".[test]"' in tests and "pytest" in tests


def test_readme_documents_exit_codes() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in text


def test_readme_picture_exists() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for picture in ("docs/sjekk.svg", "docs/veiviser.svg", "docs/retningslinjer.svg"):
        assert picture in text
        assert (ROOT / picture).is_file()
