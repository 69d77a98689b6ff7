"""Settings of the municipality (``innstillinger.toml``): names, contact points and shared UI texts."""

from __future__ import annotations

from typing import Any, NamedTuple

from tydal_sjekk.core.schema import Problem, Table
from tydal_sjekk.core.types import SEVERITIES, VERDICTS

SETTINGS_FILE = "innstillinger.toml"
LABEL_KEYS = (
    "ja", "nei", "velg_instruksjon", "vurdering", "samlet_vurdering", "hvorfor", "gjor_dette",
    # the safer version of a draft (sjekk --forslag, the wizard) and the guideline the disclaimer belongs to
    "forslag_tittel", "forslag_fjernet_en", "forslag_fjernet_flere", "forslag_tomt", "presisering_retningslinje",
)




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
    labels: dict[str, str]  # short UI words: ja, nei, vurdering, samlet_vurdering, hvorfor, gjor_dette …


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


def load_settings(data: dict[str, Any], file: str, problems: list[Problem]) -> Settings:
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
        labels={key: t.text(key) for key in LABEL_KEYS},
    )
    t.finish()
    top.finish()
    return Settings(municipality, official, texts)


