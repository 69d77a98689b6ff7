"""The wheel carries content/ and works from any directory (issue 2)."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _scripts_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def _site_packages(env: Path) -> Path:
    paths = sysconfig.get_paths(vars={"base": str(env), "platbase": str(env)})
    return Path(paths["purelib"])


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel, install it (without dependencies) into a fresh venv that borrows the
    dependencies of the test environment through a .pth file, so no network is needed."""
    work = tmp_path_factory.mktemp("hjul")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True, cwd=work,
    )
    wheels = list(dist.glob("tydal_sjekk-*.whl"))
    assert len(wheels) == 1
    env = work / "venv"
    venv.create(env, with_pip=False)
    python = _scripts_dir(env) / ("python.exe" if os.name == "nt" else "python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheels[0])],
        check=True, cwd=work,
    )
    borrowed = [p for p in [*site.getsitepackages(), site.getusersitepackages()] if Path(p).is_dir()]
    (_site_packages(env) / "_borrowed_deps.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    return env


def _run(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = _scripts_dir(env) / ("tydal-sjekk.exe" if os.name == "nt" else "tydal-sjekk")
    clean = {k: v for k, v in os.environ.items() if k not in ("TYDAL_SJEKK_INNHOLD", "PYTHONPATH")}
    clean["NO_COLOR"] = "1"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
                          env=clean, check=False)


def test_wheel_contains_content(installed: Path) -> None:
    content = _site_packages(installed) / "tydal_sjekk" / "content"
    assert (content / "retningslinjer.toml").is_file()
    assert (content / "innstillinger.toml").is_file()


def test_wheel_carries_a_usable_content_cache(installed: Path, tmp_path: Path) -> None:
    assert (_site_packages(installed) / "tydal_sjekk" / "_content_cache.pickle").is_file()
    python = _scripts_dir(installed) / ("python.exe" if os.name == "nt" else "python")
    probe = "from tydal_sjekk.core.folder import Content; print(sorted(Content().cached._raw))"
    out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert "'model'" in out and "'rules'" in out


def test_installed_sjekk_finds_a_fodselsnummer(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, "sjekk", "--format", "json", "Fnr 15038510190.", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert '"verdict": "stop"' in result.stdout


def test_installed_command_runs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "et-annet-sted"
    elsewhere.mkdir()
    result = _run(installed, "retningslinjer", "--format", "markdown", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    for gid in ("P1", "P6", "O1", "O7"):
        assert f"### {gid}. " in result.stdout
    python = _scripts_dir(installed) / ("python.exe" if os.name == "nt" else "python")
    where = subprocess.run([str(python), "-c", "import tydal_sjekk; print(tydal_sjekk.__file__)"],
                           capture_output=True, text=True, cwd=elsewhere, check=True)
    assert str(installed) in where.stdout, "the wheel's copy must be the one imported"
