from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tydal_sjekk.cli import run as run_main
from tydal_sjekk.core.folder import Content

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TYDAL_SJEKK_INNHOLD", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        code = run_main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged content folder."""
    target = tmp_path / "innhold"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def content() -> Content:
    return Content()

