"""The guidelines themselves (``retningslinjer.toml``): sections, items and their legal basis."""

from __future__ import annotations

from typing import Any, NamedTuple

from tydal_sjekk.core.schema import Problem, Table, check_unique, known_ids

GUIDELINE_FILE = "retningslinjer.toml"




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


def load_guidelines(data: dict[str, Any], file: str, problems: list[Problem]) -> Guidelines:
    top = Table(data, file, "", problems)
    doc = top.table("dokument")
    title = doc.text("tittel")
    municipality = doc.text("kommune")
    doc.finish()

    sections: list[Section] = []
    for t in top.tables("seksjon"):
        sections.append(Section(t.text("id"), t.text("tittel"), t.text("innledning", allow_empty=True)))
        t.finish()
    check_unique([s.id for s in sections], file, "seksjon", problems)
    section_ids = {s.id for s in sections}

    items: list[Guideline] = []
    for t in top.tables("retningslinje"):
        gid = t.text("id")
        section = t.text("seksjon")
        if section and section not in section_ids:
            t.problem("seksjon", f"viser til seksjonen «{section}», som ikke finnes ({known_ids(section_ids)})")
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
    check_unique([g.id for g in items], file, "retningslinje", problems)
    for section_id in section_ids:
        numbers = [g.number for g in items if g.section == section_id]
        key = f"retningslinje (nummer i seksjon «{section_id}»)"
        check_unique([str(n) for n in numbers], file, key, problems)
    top.finish()
    return Guidelines(title, municipality, tuple(sections), tuple(items))


