"""Load and validate everything under ``content/`` into immutable records (NamedTuple).

All user-facing guideline wording, rules, questions and reply templates live in TOML files. Each part
is validated completely when it is first needed; a part is either fully loaded or a
:class:`ContentError` listing every problem is raised. ``validate_all`` checks every part at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from tydal_sjekk.schema import ContentError, Problem, Table, parse_toml

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from tydal_sjekk.cache import CachedParts
    from tydal_sjekk.check.model import RuleSet
    from tydal_sjekk.reply import ReplyContent
    from tydal_sjekk.wizard import WizardContent

ENV_VAR = "TYDAL_SJEKK_INNHOLD"
GUIDELINE_FILE = "retningslinjer.toml"
SETTINGS_FILE = "innstillinger.toml"
RULES_FILE = "regler.toml"
WIZARD_FILE = "veiviser.toml"
REPLY_FILE = "svar.toml"
TEMPLATE_FILE = "svarmaler.toml"

T = TypeVar("T")


# --- guidelines -----------------------------------------------------------------------------------


class LegalBasis(NamedTuple):
    law: str
    section: str
    description: str

    @property
    def citation(self) -> str:
        return f"{self.law} {self.section}".strip()


class Guideline(NamedTuple):
    id: str
    section: str
    number: int
    title: str
    text: str
    points: tuple[str, ...]
    explanation: str
    legal_basis: tuple[LegalBasis, ...]


class Section(NamedTuple):
    id: str
    title: str
    intro: str


class Guidelines(NamedTuple):
    title: str
    municipality: str
    sections: tuple[Section, ...]
    items: tuple[Guideline, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.items)

    def get(self, guideline_id: str) -> Guideline:
        for item in self.items:
            if item.id == guideline_id:
                return item
        raise KeyError(guideline_id)

    def in_section(self, section_id: str) -> tuple[Guideline, ...]:
        return tuple(g for g in self.items if g.section == section_id)

    def normalise_id(self, raw: str) -> str | None:
        """Map user input such as ``p3`` or `` O7 `` to a known id, or None."""
        wanted = raw.strip().upper()
        return wanted if wanted in self.ids else None


def _load_guidelines(data: dict[str, Any], file: str, problems: list[Problem]) -> Guidelines:
    top = Table(data, file, "", problems)
    doc = top.table("dokument")
    title = doc.text("tittel")
    municipality = doc.text("kommune")
    doc.finish()

    sections: list[Section] = []
    for t in top.tables("seksjon"):
        sections.append(Section(t.text("id"), t.text("tittel"), t.text("innledning", allow_empty=True)))
        t.finish()
    _check_unique([s.id for s in sections], file, "seksjon", problems)
    section_ids = {s.id for s in sections}

    items: list[Guideline] = []
    for t in top.tables("retningslinje"):
        gid = t.text("id")
        section = t.text("seksjon")
        if section and section not in section_ids:
            t.problem("seksjon", f"viser til seksjonen «{section}», som ikke finnes ({_list(section_ids)})")
        bases: list[LegalBasis] = []
        for h in t.tables("hjemmel", required=False, label_key="lov"):
            bases.append(LegalBasis(h.text("lov"), h.text("paragraf", allow_empty=True), h.text("beskrivelse")))
            h.finish()
        items.append(
            Guideline(
                id=gid,
                section=section,
                number=t.integer("nummer", minimum=1),
                title=t.text("tittel"),
                text=t.text("tekst"),
                points=t.texts("punkter"),
                explanation=t.text("forklaring"),
                legal_basis=tuple(bases),
            )
        )
        t.finish()
    _check_unique([g.id for g in items], file, "retningslinje", problems)
    for section_id in section_ids:
        numbers = [g.number for g in items if g.section == section_id]
        key = f"retningslinje (nummer i seksjon «{section_id}»)"
        _check_unique([str(n) for n in numbers], file, key, problems)
    top.finish()
    return Guidelines(title, municipality, tuple(sections), tuple(items))


# --- settings -------------------------------------------------------------------------------------


class Municipality(NamedTuple):
    name: str
    short_name: str
    website: str
    post_email: str
    post_address: str
    phone: str
    archive_system: str
    responsible: str
    recommendation: str


class OfficialContacts(NamedTuple):
    email_domains: tuple[str, ...]
    function_addresses: tuple[str, ...]
    phone_numbers: tuple[str, ...]


class Texts(NamedTuple):
    verdict: dict[str, str]
    verdict_explanation: dict[str, str]
    severity: dict[str, str]
    reminder: str
    disclaimer: str


class Settings(NamedTuple):
    municipality: Municipality
    official: OfficialContacts
    texts: Texts

    def placeholders(self) -> dict[str, str]:
        """Values templates may refer to as ``{kommune}``, ``{postmottak}`` and so on."""
        m = self.municipality
        return {
            "kommune": m.name,
            "kortnavn": m.short_name,
            "nettside": m.website,
            "postmottak": m.post_email,
            "postadresse": m.post_address,
            "telefon": m.phone,
            "arkivsystem": m.archive_system,
            "ansvarlig": m.responsible,
            "innstilling": m.recommendation,
        }


SEVERITIES = ("info", "warning", "stop")
VERDICTS = ("ok", "review", "stop")


def _load_settings(data: dict[str, Any], file: str, problems: list[Problem]) -> Settings:
    top = Table(data, file, "", problems)
    k = top.table("kommune")
    municipality = Municipality(
        name=k.text("navn"),
        short_name=k.text("kortnavn"),
        website=k.text("nettside"),
        post_email=k.text("postmottak"),
        post_address=k.text("postadresse"),
        phone=k.text("telefon", allow_empty=True),
        archive_system=k.text("arkivsystem"),
        responsible=k.text("ansvarlig"),
        recommendation=k.text("innstilling"),
    )
    k.finish()
    o = top.table("offisielle_kontakter")
    phones = o.texts("telefonnumre")
    for i, number in enumerate(phones):
        if not number.isdigit():
            o.problem(f"telefonnumre[{i}]", f"skal bare inneholde sifre, fant «{number}»")
    official = OfficialContacts(
        email_domains=tuple(d.lower() for d in o.texts("epostdomener")),
        function_addresses=tuple(a.lower() for a in o.texts("funksjonsadresser")),
        phone_numbers=phones,
    )
    o.finish()
    t = top.table("tekster")
    texts = Texts(
        verdict={v: t.text(f"vurdering_{v}") for v in VERDICTS},
        verdict_explanation={v: t.text(f"forklaring_{v}") for v in VERDICTS},
        severity={s: t.text(f"alvor_{s}") for s in SEVERITIES},
        reminder=t.text("paminnelse"),
        disclaimer=t.text("ansvarsfraskrivelse"),
    )
    t.finish()
    top.finish()
    return Settings(municipality, official, texts)


# --- helpers --------------------------------------------------------------------------------------


def _list(values: set[str] | tuple[str, ...] | list[str]) -> str:
    return ", ".join(sorted(values)) if values else "ingen"


def _check_unique(values: list[str], file: str, key: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for value in values:
        if value and value in seen:
            problems.append(Problem(file, key, f"id-en «{value}» er brukt mer enn én gang"))
        seen.add(value)


def check_unique(values: list[str], file: str, key: str, problems: list[Problem]) -> None:
    """Public alias used by the other content loaders."""
    _check_unique(values, file, key, problems)


def known_ids(ids: tuple[str, ...] | set[str]) -> str:
    return _list(set(ids))


# --- the content folder ---------------------------------------------------------------------------


def _package() -> Traversable:
    """The installed package as a resource container.

    For a package in an ordinary folder, ``importlib.resources.files`` returns exactly this folder as a
    ``Path``; taking it directly saves importing ``importlib.resources`` (and ``zipfile``) on every start.
    Other loaders (zip files, frozen applications) go through ``importlib.resources``.
    """
    here = Path(__file__).parent
    if (here / "__init__.py").is_file():
        return here
    from importlib import resources

    return resources.files("tydal_sjekk")


def packaged_root() -> Traversable:
    """The content shipped with the tool: inside the wheel, or ``content/`` of a source checkout."""
    inside = _package().joinpath("content")
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / "content"


class Content:
    """Lazy, validated access to one content folder."""

    def __init__(self, root: Traversable | None = None, label: str | None = None, *, use_cache: bool = True) -> None:
        self.root: Traversable = root if root is not None else packaged_root()
        self.label = label if label is not None else ("content" if root is None else str(root))
        self.cached: CachedParts | dict[str, Any] = {}
        if root is None and use_cache:
            from tydal_sjekk.cache import load_cache

            self.cached = load_cache(_package(), self.root) or {}

    @classmethod
    def from_option(cls, folder: str | os.PathLike[str] | None) -> Content:
        """Build from ``--innhold`` / ``TYDAL_SJEKK_INNHOLD``; the packaged content when None."""
        if folder is None or str(folder) == "":
            return cls()
        path = Path(folder).expanduser()
        if not path.exists():
            raise ContentError([Problem(str(path), "", "innholdsmappen finnes ikke")])
        if not path.is_dir():
            raise ContentError([Problem(str(path), "", "er ikke en mappe")])
        return cls(path, str(path))

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

    def read_toml(self, name: str, problems: list[Problem]) -> dict[str, Any] | None:
        data = self.read_bytes(name, problems)
        if data is None:
            return None
        return parse_toml(data, self.file_label(name), problems)

    def _part(self, name: str, loader: Callable[[dict[str, Any], str, list[Problem]], T]) -> T:
        problems: list[Problem] = []
        data = self.read_toml(name, problems)
        result = loader(data, self.file_label(name), problems) if data is not None else None
        if problems or result is None:
            raise ContentError(problems)
        return result

    def _cached_part(self, part: str, file: str, loader: Callable[[dict[str, Any], str, list[Problem]], T]) -> T:
        """A part from the compiled cache when there is one, else loaded and validated from its TOML file."""
        if part in self.cached:
            return self.cached[part]  # type: ignore[no-any-return]
        return self._part(file, loader)

    @cached_property
    def guidelines(self) -> Guidelines:
        return self._cached_part("guidelines", GUIDELINE_FILE, _load_guidelines)

    @cached_property
    def settings(self) -> Settings:
        return self._cached_part("settings", SETTINGS_FILE, _load_settings)

    @cached_property
    def rules(self) -> RuleSet:
        return self._cached_part("rules", RULES_FILE, self._load_rules)

    def _load_rules(self, data: dict[str, Any], file: str, problems: list[Problem]) -> RuleSet:
        from tydal_sjekk.check.rules import load_rules

        return load_rules(data, file, problems, self, self.guidelines, self.settings)

    @cached_property
    def wizard(self) -> WizardContent:
        return self._cached_part("wizard", WIZARD_FILE, self._load_wizard)

    def _load_wizard(self, data: dict[str, Any], file: str, problems: list[Problem]) -> WizardContent:
        from tydal_sjekk.wizard import load_wizard

        return load_wizard(data, file, problems, self.guidelines, self.settings)

    @cached_property
    def replies(self) -> ReplyContent:
        if "replies" in self.cached:
            return self.cached["replies"]  # type: ignore[no-any-return]
        from tydal_sjekk.reply import load_replies

        guidelines = self.guidelines
        settings = self.settings
        problems: list[Problem] = []
        svar = self.read_toml(REPLY_FILE, problems)
        maler = self.read_toml(TEMPLATE_FILE, problems)
        if svar is None or maler is None:
            raise ContentError(problems)
        result = load_replies(svar, self.file_label(REPLY_FILE), maler, self.file_label(TEMPLATE_FILE), problems,
                              guidelines, settings)
        if problems:
            raise ContentError(problems)
        return result

    def summary(self) -> str:
        """A one-line count of what the folder holds (call after validation)."""
        rules = self.rules
        return (
            f"{len(self.guidelines.items)} retningslinjer, {len(rules.rules)} regler, {len(rules.signals)} signaler, "
            f"{len(rules.names.first)} fornavn og {len(rules.names.last)} etternavn, "
            f"{len(self.wizard.questions)} spørsmål i veiviseren, {len(self.replies.templates)} svarmaler"
        )


PARTS = ("guidelines", "settings", "rules", "wizard", "replies")


def validate_all(content: Content) -> list[Problem]:
    """Load every part and return all problems found (empty when the folder is valid)."""
    problems: list[Problem] = []
    seen: set[Problem] = set()
    for part in PARTS:
        try:
            getattr(content, part)
        except ContentError as exc:
            for p in exc.problems:
                if p not in seen:
                    seen.add(p)
                    problems.append(p)
    return problems
