"""A compiled copy of the packaged content, built into the wheel so that a check starts quickly.

Parsing and validating the TOML files, the word lists and the term index takes longer than the check
itself. The wheel therefore carries the result of loading the packaged ``content/`` (made by
``hatch_build.py`` when the wheel is built). It is used only when a fingerprint of the installed content
files, the tool version and the Python version matches; otherwise the TOML files are read as usual.
Content given with ``--innhold`` is always read from its TOML files.
"""

from __future__ import annotations

import pickle
import sys
import zlib
from typing import TYPE_CHECKING, Any

from tydal_sjekk import __version__

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

CACHE_NAME = "_content_cache.pickle"
UNCACHED_SUFFIXES = (".bin",)
FORMAT = 1


def _files(node: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for child in node.iterdir():
        name = f"{prefix}{child.name}"
        if child.is_dir():
            if child.name != "__pycache__":
                out.extend(_files(child, name + "/"))
        elif child.is_file():
            out.append((name, child))
    return out


def fingerprint(root: Traversable) -> str:
    """Names, sizes and CRC-32 checksums of every content file, with the tool and Python versions."""
    parts = [f"{FORMAT}|{__version__}|{sys.version_info[0]}.{sys.version_info[1]}"]
    for name, node in sorted(_files(root), key=lambda item: item[0]):
        if name.endswith(UNCACHED_SUFFIXES):
            continue  # weight files are read from disk on every start (and validated there), never cached
        data = node.read_bytes()
        parts.append(f"{name}:{len(data)}:{zlib.crc32(data):08x}")
    return "\n".join(parts)


class CachedParts:
    """Parts of the cache, each unpickled only when it is first asked for."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self._raw = parts
        self._loaded: dict[str, Any] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._raw

    def get(self, name: str) -> Any:
        if name not in self._loaded:
            raw = self._raw.get(name)
            self._loaded[name] = None if raw is None else pickle.loads(raw)
        return self._loaded[name]

    def __getitem__(self, name: str) -> Any:
        if name not in self._raw:
            raise KeyError(name)
        return self.get(name)


def load_cache(package: Traversable, root: Traversable) -> CachedParts | None:
    """The cached parts for the packaged content, or None when there is no usable cache."""
    try:
        node = package.joinpath(CACHE_NAME)
        if not node.is_file():
            return None
        data = pickle.loads(node.read_bytes())
        if not isinstance(data, dict) or data.get("fingerprint") != fingerprint(root):
            return None
        parts = data.get("parts")
        return CachedParts(parts) if isinstance(parts, dict) else None
    except Exception:  # a stale or foreign cache must never stop the tool; fall back to the TOML files
        return None


def dump_cache(root: Traversable, parts: dict[str, Any]) -> bytes:
    """Pickle loaded parts with the fingerprint of ``root``; each part is unpickled only when asked for."""
    raw = {name: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for name, value in parts.items()}
    return pickle.dumps({"fingerprint": fingerprint(root), "parts": raw}, protocol=pickle.HIGHEST_PROTOCOL)
