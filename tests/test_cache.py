"""The compiled content cache that the wheel carries (see tydal_sjekk/core/cache.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tydal_sjekk.bundle import PARTS, build_cache, cacheable_parts
from tydal_sjekk.check.engine import Checker
from tydal_sjekk.check.loader import rule_set
from tydal_sjekk.core.cache import CachedParts, fingerprint, load_cache
from tydal_sjekk.core.folder import Content, packaged_root

TEXT = "Eleven Ola har ADHD. Ring 912 34 567 eller skriv til ola@gmail.com. Vi i kommunen bestemmer!!!"


@pytest.fixture(scope="module")
def cached() -> CachedParts:
    data = pickle.loads(build_cache(packaged_root()))
    return CachedParts(data["parts"])


@pytest.mark.parametrize("part", list(PARTS))
def test_every_cached_part_equals_the_freshly_loaded_part_field_for_field(cached: CachedParts, part: str) -> None:
    fresh = cacheable_parts(Content(use_cache=False))[part]
    from_cache = cached[part]
    assert type(from_cache) is type(fresh)
    if hasattr(fresh, "_fields"):
        for field in fresh._fields:
            assert getattr(from_cache, field) == getattr(fresh, field), f"{part}.{field}"
    assert from_cache == fresh


def test_cache_round_trip_gives_the_same_results(cached: CachedParts) -> None:
    fresh = Content(use_cache=False)
    cached_checker = Checker(cached["rules"])
    assert cached_checker.check(TEXT).findings == Checker(rule_set(fresh)).check(TEXT).findings


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


def test_weights_are_read_from_their_file_not_from_the_cache(tmp_path: Path, content_copy: Path) -> None:
    """A retrained model (new weights, same size) is used at once: weight files are outside the fingerprint."""
    from tydal_sjekk.check.learned import model_of

    package = tmp_path / "pakke"
    package.mkdir()
    (package / "_content_cache.pickle").write_bytes(build_cache(content_copy))
    assert load_cache(package, content_copy) is not None
    weights = content_copy / "modell" / "vekter.bin"
    data = bytearray(weights.read_bytes())
    data[-1] = (data[-1] + 1) % 256  # «retrained»: same size, other weights
    weights.write_bytes(bytes(data))
    assert load_cache(package, content_copy) is not None  # the cache is still used for the rest
    content = Content(content_copy, "innhold")
    content.cached = load_cache(package, content_copy) or {}
    model = model_of(content)
    assert model is not None and model.weights[-1] == (data[-1] if data[-1] < 128 else data[-1] - 256)


def _with_header(path: Path, **changes: object) -> None:
    import json
    import struct

    from tydal_sjekk.check.learned import MAGIC

    raw = path.read_bytes()
    (length,) = struct.unpack_from("<I", raw, len(MAGIC))
    start = len(MAGIC) + 4
    header = json.loads(raw[start : start + length])
    header.update(changes)
    new = json.dumps(header, sort_keys=True).encode("utf-8")
    path.write_bytes(MAGIC + struct.pack("<I", len(new)) + new + raw[start + length :])


def test_a_model_retrained_with_other_signal_features_is_scored_as_trained(tmp_path: Path, content_copy: Path) -> None:
    """The cached feature spec follows the weight file's header («signal_weight»), not the cache."""
    from tydal_sjekk.check.learned import model_of

    package = tmp_path / "pakke"
    package.mkdir()
    (package / "_content_cache.pickle").write_bytes(build_cache(content_copy))
    _with_header(content_copy / "modell" / "vekter.bin", signal_weight=1.5)
    content = Content(content_copy, "innhold")
    content.cached = load_cache(package, content_copy) or {}
    assert content.cached
    model = model_of(content)
    assert model is not None and model.spec.signal_weight == 1.5


@pytest.mark.parametrize("value", [-1.0, 11.0, "mye"])
def test_an_invalid_signal_weight_in_the_header_is_a_content_problem(content_copy: Path, value: object) -> None:
    from tydal_sjekk.bundle import validate_all

    _with_header(content_copy / "modell" / "vekter.bin", signal_weight=value)
    problems = [str(p) for p in validate_all(Content.from_option(content_copy))]
    assert any("signal_weight" in p for p in problems), problems
