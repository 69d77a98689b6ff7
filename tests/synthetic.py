"""A small, complete content folder built in the test, so that engine and flow tests do not depend on
the shipped content (which the service office is meant to edit).

``make_content(tmp_path, rules=..., wizard=...)`` writes the folder; the default parts are minimal but
valid. Tests pass their own ``[[signal]]``/``[[regel]]`` and ``[[sporsmal]]`` TOML.
"""

from __future__ import annotations

from pathlib import Path

from tydal_sjekk.core.folder import Content

GUIDELINES = '''
[dokument]
tittel = "Testretningslinjer"
kommune = "Testvik kommune"

[[seksjon]]
id = "privat"
tittel = "Privat"
innledning = ""

[[seksjon]]
id = "offisiell"
tittel = "Offisiell"
innledning = ""

[[retningslinje]]
id = "A1"
seksjon = "privat"
nummer = 1
tittel = "Ikke del hemmeligheter"
tekst = "Ikke del hemmeligheter."
punkter = []
forklaring = "Hemmeligheter er hemmelige."

[[retningslinje]]
id = "A2"
seksjon = "privat"
nummer = 2
tittel = "Vær høflig"
tekst = "Vær høflig."
punkter = []
forklaring = "Høflighet hjelper."

[[retningslinje]]
id = "B1"
seksjon = "offisiell"
nummer = 1
tittel = "Svar på kommentarer"
tekst = "Svar på kommentarer."
punkter = []
forklaring = "Alle skal få svar."
'''

SETTINGS = '''
[kommune]
navn = "Testvik kommune"
kortnavn = "kommunen"
nettside = "www.testvik.no"
postmottak = "post@testvik.no"
postadresse = "Testvik kommune, 9999 Testvik"
telefon = ""
arkivsystem = "arkivet"
ansvarlig = "Leder"
innstilling = "kommunedirektørens innstilling"

[offisielle_kontakter]
epostdomener = ["testvik.no"]
funksjonsadresser = ["post"]
telefonnumre = []

[tekster]
vurdering_ok = "OK"
vurdering_review = "SE OVER"
vurdering_stop = "STOPP"
forklaring_ok = "Greit."
forklaring_review = "Se over."
forklaring_stop = "Ikke publiser."
alvor_info = "Info"
alvor_warning = "Se over"
alvor_stop = "Stopp"
paminnelse = "Husk."
ansvarsfraskrivelse = "Mine egne meninger."
ja = "Ja"
nei = "Nei"
velg_instruksjon = "(piltaster)"
vurdering = "Vurdering"
samlet_vurdering = "Samlet vurdering"
hvorfor = "Hvorfor"
gjor_dette = "Gjør dette"
forslag_tittel = "Forslag."
forslag_fjernet_en = "Én setning er tatt bort."
forslag_fjernet_flere = "{antall} setninger er tatt bort."
forslag_tomt = "Ingenting igjen."
presisering_retningslinje = "A2"
'''

DETECTORS = '''
[detektor.fodselsnummer]
avstand_ikke_person = 30
ikke_person = ["ordre"]
avstand_innledning = 25
innledning = ["fnr"]

[detektor.kontonummer]
avstand_kontekst = 40
avstand_egen = 60
avstand_ikke_person = 30
kontekst = ["konto"]

[detektor.telefon]
avstand_egen = 40
avstand_offentlig = 30
avstand_ikke_person = 25
egen = ["ring meg"]

[detektor.epost]
avstand_egen = 40

[detektor.adresse]
avstand_egen = 40
gatetyper = ["gate", "veien"]

[detektor.navn]
fornavn = "fornavn.txt"
etternavn = "etternavn.txt"
vanlige_ord = "vanlige.txt"

[detektor.store_bokstaver]
min_ord = 3
min_bokstaver = 10

[detektor.utropstegn]
min_antall = 3
'''

RULES = '''
[[signal]]
id = "hemmelig"
etikett = "hemmelighet"
termer = ["hemmelig{,e}", "topphemmelig"]
unntak = ["hemmelig oppskrift"]
negasjon = ["ikke"]

[[regel]]
id = "hemmelighet"
retningslinje = "A1"
kategori = "hemmelig"
alvor = "stop"
signaler = ["hemmelig"]
melding = "Teksten nevner en {etikett}."
rad = "Fjern den."
'''

WIZARD_TEXTS = '''
[veiviser]
tittel = "Test"
innledning = "Test."
konto_sporsmal = "konto"
valg_tilbake = "Tilbake"
valg_hjelp = "Hjelp"
hjelp_tittel = "Hjelp"
utkast_sporsmal = "Lim inn"
utkast_instruksjon = "Enter"
utkast_ledetekst = "Tekst:"
oppsummering_tittel = "Oppsummering"
ingen_rad = "Ingen råd."
rad_tittel = "Råd"
funn_tittel = "Funn"
presisering_tittel = "Presisering"
lagre_sporsmal = "Lagre?"
lagre_filnavn = "Filnavn:"
lagre_standard = "rapport.md"
ta_med_utkast_sporsmal = "Ta med?"
overskriv_sporsmal = "Overskriv?"
lagret = "Lagret i"
utkast_valg_sporsmal = "Sjekke teksten?"
utkast_valg_hjelp = "Hjelp."
utkast_valg_lim_inn = "Lim inn"
utkast_valg_redigering = "Redigeringsprogram"
utkast_valg_hopp_over = "Hopp over"
utkast_mottatt = "{tegn} tegn i {avsnitt} avsnitt."
utkast_tomt = "Ingen tekst."
redigering_starter = "Åpner {program}."
redigering_vent = "Trykk Enter."
redigering_mangler = "Ingen redigering."
forklaring_ok = "Greit."
forklaring_review = "Se over."
forklaring_stop = "Stopp."
forskjell_tekst = "Teksten gir {tekst}, svarene {svar}."
forskjell_svar = "Svarene gir {svar}, teksten {tekst}."
forskjell_presisering = "Presiseringen står der."
svarmaler_tittel = "Svarmal:"
svarmaler_flere = "Flere: --type {type}"
forslag_sporsmal = "Forslag?"
annet_filnavn = "Annet navn:"

[[sporsmal]]
id = "konto"
tekst = "Hvor?"
hjelp = "Hvor du publiserer."
retningslinjer = ["A1"]
standard = "privat"

[[sporsmal.valg]]
id = "privat"
tekst = "Privat"

[[sporsmal.valg]]
id = "offisiell"
tekst = "Offisielt"
'''

WIZARD = '''
[[sporsmal]]
id = "jobb"
tekst = "Om jobben?"
hjelp = "Hjelp."
retningslinjer = ["A1"]
hvis = { konto = ["privat"] }
standard = "nei"

[[sporsmal.valg]]
id = "ja"
tekst = "Ja"

[[sporsmal.valg.rad]]
retningslinje = "A1"
alvor = "warning"
tekst = "Tenk deg om."
presisering = true

[[sporsmal.valg]]
id = "nei"
tekst = "Nei"

[[sporsmal]]
id = "detalj"
tekst = "Detaljer?"
hjelp = "Hjelp."
retningslinjer = ["A1"]
hvis = { jobb = ["ja"] }

[[sporsmal.valg]]
id = "ingen"
tekst = "Ingen"

[[sporsmal.valg]]
id = "person"
tekst = "Om en person"

[[sporsmal.valg.rad]]
retningslinje = "A1"
alvor = "stop"
tekst = "Ikke skriv om personer."

[[sporsmal]]
id = "svar"
tekst = "Svarer du?"
hjelp = "Hjelp."
retningslinjer = ["B1"]
hvis = { konto = ["offisiell"] }

[[sporsmal.valg]]
id = "ja"
tekst = "Ja"

[[sporsmal.valg]]
id = "nei"
tekst = "Nei"
'''

REPLIES = '''
[klassifisering]
standard = "sporsmal"
grunnvekt = { sporsmal = 0.5 }
sporsmalstegn = { sporsmal = 1.0 }
ettertrykk = { klage = 1.0 }
prioritet = ["klage", "ros", "sporsmal"]
personvern_retningslinje = "A1"

[tekster]
personopplysninger = "Personopplysninger"
personopplysninger_rad = "Ikke gjenta dem."
ingen_signaler = "Ingen signaler."
sjekk_utkast = "Sjekk utkastet."
type_gjetning = "Gjettet ut fra {signaler}: {grad} ({prosent} %)."
type_sikker = "sikkert"
type_usikker = "usikkert"
type_svart_usikker = "svært usikkert"
type_uenig = "Bruk --type."
type_valgt = "Valgt."
svarmaler_tittel = "Maler"
svarmal = "Mal"
svarmaler_uten_utkast = "uten --utkast"
kopiert = "Mal {nr} er kopiert."
ingen_utklippstavle = "Ingen utklippstavle ({forsok})."

[[type]]
id = "ros"
navn = "Ros"
beskrivelse = "Ros."
retningslinjer = ["B1"]
sjekkliste = ["Si takk."]

[[type.signal]]
vekt = 2.0
termer = ["takk", "flott"]

[[type]]
id = "klage"
navn = "Klage"
beskrivelse = "Klage."
retningslinjer = ["B1"]
sjekkliste = ["Svar saklig."]

[[type.signal]]
vekt = 2.0
termer = ["dårlig", "elendig"]

[[type]]
id = "sporsmal"
navn = "Spørsmål"
beskrivelse = "Spørsmål."
retningslinjer = ["B1"]
sjekkliste = ["Svar."]

[[type.signal]]
vekt = 1.0
termer = ["når", "hvor"]
'''

TEMPLATES = '''
[[mal]]
id = "ros-takk"
type = "ros"
tittel = "Takk"
tekst = "Takk, [navn]!"

[[mal]]
id = "klage-svar"
type = "klage"
tittel = "Svar"
tekst = "Beklager, [navn]."

[[mal]]
id = "sporsmal-svar"
type = "sporsmal"
tittel = "Svar"
tekst = "Hei [navn], se {nettside}."
'''


def make_content(
    root: Path,
    *,
    rules: str = RULES,
    wizard: str = WIZARD,
    detectors: str = DETECTORS,
    replies: str = REPLIES,
    first_names: str = "kari\nola\n",
    last_names: str = "nordmann\nhansen\n",
) -> Content:
    folder = root / "syntetisk"
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "retningslinjer.toml": GUIDELINES,
        "innstillinger.toml": SETTINGS,
        "regler.toml": detectors + rules,
        "veiviser.toml": WIZARD_TEXTS + wizard,
        "svar.toml": replies,
        "svarmaler.toml": TEMPLATES,
        "fornavn.txt": first_names,
        "etternavn.txt": last_names,
        "vanlige.txt": "per\nliv\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Content(folder, "syntetisk")
