"""One content folder: reading its files and loading each part once, validated.

A *part* is what one domain module makes of its content file(s): the guidelines and settings (here,
in the bottom layer), the rule set (``check.loader``), the wizard (``wizard.flow``) and the reply
helper (``reply.classifier``). Each domain module owns its loader and asks for its part with
:meth:`Content.part`; this module never imports them, so the layers point one way. A part is either
fully loaded or a :class:`ContentError` listing every problem is raised.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tydal_sjekk.core.guidelines import GUIDELINE_FILE, Guidelines, load_guidelines
from tydal_sjekk.core.schema import ContentError, Problem, parse_toml
from tydal_sjekk.core.settings import SETTINGS_FILE, Settings, load_settings

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from tydal_sjekk.core.cache import CachedParts

ENV_VAR = "TYDAL_SJEKK_INNHOLD"

T = TypeVar("T")
# A loader reads what it needs from the folder and records problems; it returns None when it cannot.
Loader = Callable[["Content", list[Problem]], "T | None"]


def _package() -> Traversable:
    """The installed package as a resource container.

    For a package in an ordinary folder, ``importlib.resources.files`` returns exactly this folder as a
    ``Path``; taking it directly saves importing ``importlib.resources`` (and ``zipfile``) on every start.
    Other loaders (zip files, frozen applications) go through ``importlib.resources``.
    """
    here = Path(__file__).resolve().parent.parent
    if (here / "__init__.py").is_file():
        return here
    # start-up: ~3 ms, only for zip or frozen installs
    from importlib import resources

    return resources.files("tydal_sjekk")


def package_root() -> Traversable:
    return _package()


def packaged_root() -> Traversable:
    """The content shipped with the tool: inside the wheel, or ``content/`` of a source checkout."""
    inside = _package().joinpath("content")
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent.parent / "content"


class Content:
    """Lazy, validated access to one content folder."""

    def __init__(self, root: Traversable | None = None, label: str | None = None, *, use_cache: bool = True) -> None:
        self.root: Traversable = root if root is not None else packaged_root()
        self.label = label if label is not None else ("content" if root is None else str(root))
        self.cached: CachedParts | dict[str, Any] = {}
        self._parts: dict[str, Any] = {}
        if root is None and use_cache:
            # start-up: pickle only where the cache is used
            from tydal_sjekk.core.cache import load_cache

            self.cached = load_cache(_package(), self.root) or {}

    @classmethod
    def from_option(cls, folder: str | os.PathLike[str] | None) -> Content:
        """Build from ``--innhold`` / ``TYDAL_SJEKK_INNHOLD``; the packaged content when None."""
        if folder is None or str(folder) == "":
            return cls()
        from tydal_sjekk.core.display import printable, shown_path

        path = Path(folder).expanduser()
        try:
            exists, is_dir = path.exists(), path.is_dir()
        except (OSError, ValueError):
            exists = is_dir = False
        if not exists:
            raise ContentError([Problem(shown_path(str(folder)), "", "innholdsmappen finnes ikke")])
        if not is_dir:
            raise ContentError([Problem(shown_path(str(folder)), "", "er ikke en mappe")])
        return cls(path, printable(str(path)))

    # -- files -----------------------------------------------------------------------------------
    def file_label(self, name: str) -> str:
        return f"{self.label}/{name}"

    def read_bytes(self, name: str, problems: list[Problem]) -> bytes | None:
        node = self.root.joinpath(name)
        try:
            if not node.is_file():
                problems.append(Problem(self.file_label(name), "", "filen mangler"))
                return None
            return node.read_bytes()
        except OSError as exc:
            problems.append(Problem(self.file_label(name), "", f"kan ikke leses ({exc.strerror or exc})"))
            return None

    def read_text(self, rel: str, problems: list[Problem], file: str, key: str) -> str | None:
        """A UTF-8 text file inside the folder; paths outside it are refused. None (with a problem) on failure."""
        if rel.startswith(("/", "\\")) or ":" in rel or ".." in rel.replace("\\", "/").split("/"):
            problems.append(Problem(file, key, f"filen «{rel}» må ligge inne i innholdsmappen (bruk en relativ sti "
                                               "uten «..»)"))
            return None
        data = self.read_bytes(rel, problems)
        if data is None:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            problems.append(Problem(file, key, f"filen {rel} er ikke gyldig UTF-8 (byte {exc.start})"))
            return None

    def read_toml(self, name: str, problems: list[Problem]) -> dict[str, Any] | None:
        data = self.read_bytes(name, problems)
        if data is None:
            return None
        return parse_toml(data, self.file_label(name), problems)

    # -- parts -----------------------------------------------------------------------------------
    def part(self, name: str, loader: Loader[T]) -> T:
        """The part ``name``: from the compiled cache when there is one, else loaded and validated once."""
        if name in self._parts:
            return self._parts[name]  # type: ignore[no-any-return]
        if name in self.cached:
            value = self.cached[name]
        else:
            problems: list[Problem] = []
            value = loader(self, problems)
            if problems or value is None:
                raise ContentError(problems)
        self._parts[name] = value
        return value  # type: ignore[no-any-return]

    def toml_part(self, name: str, file: str, build: Callable[[dict[str, Any], str, list[Problem]], T]) -> T:
        """A part made from one TOML file by ``build(data, file_label, problems)``."""

        def load(content: Content, problems: list[Problem]) -> T | None:
            data = content.read_toml(file, problems)
            return build(data, content.file_label(file), problems) if data is not None else None

        return self.part(name, load)

    @property
    def guidelines(self) -> Guidelines:
        return self.toml_part("guidelines", GUIDELINE_FILE, load_guidelines)

    @property
    def settings(self) -> Settings:
        return self.toml_part("settings", SETTINGS_FILE, load_settings)
