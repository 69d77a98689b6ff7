"""Hatch build hook: put a compiled copy of content/ into the wheel (see tydal_sjekk/cache.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ContentCacheHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from tydal_sjekk.bundle import build_cache
            from tydal_sjekk.core.cache import CACHE_NAME

            data = build_cache(Path(self.root) / "content")
        finally:
            sys.path.remove(self.root)
        target = Path(tempfile.mkdtemp(prefix="tydal-sjekk-")) / CACHE_NAME
        target.write_bytes(data)
        build_data["force_include"][str(target)] = f"tydal_sjekk/{CACHE_NAME}"
