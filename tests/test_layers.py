"""The package's layers point one way, and no module imports itself in a loop.

core (content model) → text → check → wizard, reply → bundle → render, prompts → inputs, typer_patches → cli.
Every import counts here, also those inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tydal_sjekk"

LAYERS: list[tuple[str, ...]] = [
    ("tydal_sjekk", "tydal_sjekk.core"),
    ("tydal_sjekk.text",),
    ("tydal_sjekk.check",),
    ("tydal_sjekk.wizard", "tydal_sjekk.reply"),
    ("tydal_sjekk.bundle",),
    ("tydal_sjekk.render", "tydal_sjekk.prompts"),
    ("tydal_sjekk.inputs", "tydal_sjekk.typer_patches"),
    ("tydal_sjekk.cli", "tydal_sjekk.cli_check", "tydal_sjekk.cli_reply", "tydal_sjekk.cli_wizard"),
    ("tydal_sjekk.entry", "tydal_sjekk.__main__"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, best_len = -1, -1
    for level, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = level, len(prefix)
    assert best >= 0, f"{module} hører ikke til noe lag; legg det til i LAYERS"
    return best


def imports_of(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        out.update(n for n in names if n in MODULES and n != module)
    return out


GRAPH = {m: imports_of(m) for m in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_or_sideways(module: str) -> None:
    upward = sorted(t for t in GRAPH[module] if layer_of(t) > layer_of(module))
    assert not upward, f"{module} (lag {layer_of(module)}) importerer fra et høyere lag: {upward}"


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                return [*stack[stack.index(t):], t]
            if t not in state:
                found = visit(t)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state:
            found = visit(m)
            if found:
                return found
    return None


def test_no_import_cycles() -> None:
    cycle = find_cycle(GRAPH)
    assert cycle is None, "importsløyfe: " + " → ".join(cycle or [])


def test_cycle_finder_and_graph_are_not_vacuous() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert "tydal_sjekk.check.engine" in GRAPH["tydal_sjekk.check"]  # lazy imports inside functions count
    assert "tydal_sjekk.core.folder" in GRAPH["tydal_sjekk.check.loader"]  # so do TYPE_CHECKING imports
    assert layer_of("tydal_sjekk.cli_check") > layer_of("tydal_sjekk.render.check") > layer_of("tydal_sjekk.core.types")


@pytest.mark.slow
def test_every_module_imports_on_its_own() -> None:
    """Each module in a fresh interpreter, so that no import works only because another ran first."""
    code = (
        "import importlib, subprocess, sys\n"
        "bad = []\n"
        "for m in sys.argv[1:]:\n"
        "    r = subprocess.run([sys.executable, '-c', f'import {m}'], capture_output=True, text=True)\n"
        "    if r.returncode: bad.append((m, r.stderr.strip().splitlines()[-1:]))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *sorted(MODULES)], capture_output=True, text=True,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
