"""The compiled content cache that the wheel carries (see tydal_sjekk/cache.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

from tydal_sjekk.cache import CachedParts, build_cache, fingerprint, load_cache
from tydal_sjekk.check.engine import Checker
from tydal_sjekk.content import Content, packaged_root

TEXT = "Eleven Ola har ADHD. Ring 912 34 567 eller skriv til ola@gmail.com. Vi i kommunen bestemmer!!!"


def test_cache_round_trip_gives_the_same_content_and_results(tmp_path: Path) -> None:
    data = pickle.loads(build_cache(packaged_root()))
    parts = CachedParts(data["parts"])
    fresh = Content(use_cache=False)
    assert parts["guidelines"] == fresh.guidelines
    assert parts["settings"] == fresh.settings
    cached_checker = Checker(parts["rules"], parts["lexicon"])
    assert cached_checker.check(TEXT).findings == Checker(fresh.rules).check(TEXT).findings


def test_cache_is_used_only_when_the_fingerprint_matches(tmp_path: Path, content_copy: Path) -> None:
    package = tmp_path / "pakke"
    package.mkdir()
    (package / "_content_cache.pickle").write_bytes(build_cache(content_copy))
    assert load_cache(package, content_copy) is not None
    (content_copy / "innstillinger.toml").write_text(
        (content_copy / "innstillinger.toml").read_text(encoding="utf-8").replace("Tydal", "Holtålen"), encoding="utf-8"
    )
    assert load_cache(package, content_copy) is None  # edited content: read the TOML files instead


def test_a_broken_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "_content_cache.pickle").write_bytes(b"not a pickle")
    assert load_cache(tmp_path, packaged_root()) is None


def test_fingerprint_changes_with_any_file(content_copy: Path) -> None:
    before = fingerprint(content_copy)
    (content_copy / "navn" / "ikke-navn.txt").write_text("Oslo\n", encoding="utf-8")
    assert fingerprint(content_copy) != before
