"""Engine, loader and registry behaviour on small synthetic content (tests/synthetic.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest
from synthetic import DETECTORS as DETECTOR_TOML
from synthetic import RULES, make_content

from tydal_sjekk.bundle import run_examples, validate_all
from tydal_sjekk.check import check_text
from tydal_sjekk.check.context import TextContext
from tydal_sjekk.check.detectors import DETECTORS, builtin_signals
from tydal_sjekk.check.detectors.base import Detector, LoadEnv
from tydal_sjekk.check.engine import Checker
from tydal_sjekk.check.loader import load_rules
from tydal_sjekk.check.model import Occurrence
from tydal_sjekk.core.schema import ContentError, Problem, Table

SIGNALS = '''
[[signal]]
id = "person"
etikett = "person"
termer = ["eleven", "pasienten"]

[[signal]]
id = "helse"
etikett = "helse"
termer = ["syk", "diagnose"]

[[signal]]
id = "privat"
etikett = "privat"
termer = ["skriver privat"]
'''


def rules_of(tmp_path: Path, rules: str) -> list[str]:
    return [p.message for p in validate_all(make_content(tmp_path, rules=rules), examples=False)]


def fired(tmp_path: Path, rules: str, text: str, konto: str = "privat") -> list[str]:
    content = make_content(tmp_path, rules=rules)
    return [f.rule for f in check_text(content, text, konto).findings]


def combo(window: str, extra: str = "") -> str:
    return SIGNALS + f'''
[[regel]]
id = "kombinasjon"
retningslinje = "A1"
kategori = "helse"
alvor = "stop"
signaler = ["person", "helse"]
vindu = "{window}"
{extra}
melding = "m"
rad = "r"
'''


@pytest.mark.parametrize(
    ("window", "text", "expected"),
    [
        ("setning", "Eleven er syk.", True),
        ("setning", "Eleven kom. Han er syk.", False),
        ("nabo", "Eleven kom. Han er syk.", True),
        ("nabo", "Eleven kom. Så gikk vi. Han er syk.", False),
        ("tekst", "Eleven kom. Så gikk vi. Han er syk.", True),
    ],
)
def test_windows(tmp_path: Path, window: str, text: str, expected: bool) -> None:
    assert ("kombinasjon" in fired(tmp_path, combo(window), text)) is expected


def test_unless_signal_anywhere_suppresses_the_rule(tmp_path: Path) -> None:
    rules = combo("tekst", 'ikke_hvis = ["privat"]')
    assert fired(tmp_path, rules, "Eleven er syk.") == ["kombinasjon"]
    assert fired(tmp_path, rules, "Eleven er syk. Jeg skriver privat.") == []


def test_a_covering_rule_replaces_the_weaker_one(tmp_path: Path) -> None:
    rules = combo("setning", 'erstatter = ["bare-person"]') + '''
[[regel]]
id = "bare-person"
retningslinje = "A1"
kategori = "person"
alvor = "warning"
signaler = ["person"]
melding = "m"
rad = "r"
'''
    assert fired(tmp_path, rules, "Eleven er syk.") == ["kombinasjon"]
    assert fired(tmp_path, rules, "Eleven kom.") == ["bare-person"]


def test_account_limits_a_rule(tmp_path: Path) -> None:
    rules = RULES.replace('alvor = "stop"', 'alvor = "stop"\nkonto = ["offisiell"]')
    assert fired(tmp_path, rules, "Det er hemmelig.", "privat") == []
    assert fired(tmp_path, rules, "Det er hemmelig.", "offisiell") == ["hemmelighet"]


def test_exceptions_negations_and_whole_words(tmp_path: Path) -> None:
    assert fired(tmp_path, RULES, "Det er hemmelig!") == ["hemmelighet"]
    assert fired(tmp_path, RULES, "Det er ikke hemmelig.") == []
    assert fired(tmp_path, RULES, "Min hemmelig oppskrift på vafler.") == []
    assert fired(tmp_path, RULES, "Hemmeligheten er ute.") == []  # not a listed form


def test_once_gives_one_finding(tmp_path: Path) -> None:
    many = "hemmelig. " * 5
    assert len(fired(tmp_path, RULES, many)) == 5
    assert len(fired(tmp_path, RULES.replace('alvor = "stop"', 'alvor = "stop"\nen_gang = true'), many)) == 1


def test_label_and_placeholders_reach_the_message(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    finding = check_text(content, "Topphemmelig!").findings[0]
    assert finding.message == "Teksten nevner en hemmelighet."


def test_unknown_signal_and_guideline_are_reported(tmp_path: Path) -> None:
    bad = RULES.replace('signaler = ["hemmelig"]', 'signaler = ["hemmelig", "finnes-ikke"]').replace('"A1"', '"Z9"')
    problems = rules_of(tmp_path, bad)
    assert any("ukjent signal «finnes-ikke»" in p for p in problems), problems
    assert any("«Z9», som ikke finnes" in p for p in problems), problems


def test_a_detector_table_with_a_missing_distance_is_reported(tmp_path: Path) -> None:
    content = make_content(tmp_path, detectors=DETECTOR_TOML.replace("avstand_egen = 40\n", "", 1))
    assert any("avstand_egen" in str(p) and "mangler" in str(p) for p in validate_all(content, examples=False))


def test_builtin_signals_come_from_the_registry() -> None:
    assert builtin_signals() == tuple(s for d in DETECTORS for s in d.signals)
    assert {"fodselsnummer", "telefon", "epost", "navn", "utropstegn"} <= set(builtin_signals())
    assert len({d.id for d in DETECTORS}) == len(DETECTORS)


# --- adding a detector: one class + its settings table + a rule that uses its signal ---------------


class PostcodeSettings(NamedTuple):
    min_postcode: int


class PostcodeDetector(Detector):
    """A made-up detector: four-digit postcodes at or above a threshold from content."""

    id = "postnummer"
    signals = ("postnummer",)

    def load_settings(self, t: Table, env: LoadEnv) -> PostcodeSettings:
        return PostcodeSettings(t.integer("minst", minimum=0))

    def find(self, ctx: TextContext, settings: Any) -> list[Occurrence]:
        import re

        return [
            Occurrence("postnummer", m.start(), m.end(), "****")
            for m in re.finditer(r"\b\d{4}\b", ctx.text)
            if int(m.group()) >= settings.min_postcode
        ]


NEW_DETECTOR_TOML = DETECTOR_TOML + '''
[detektor.postnummer]
minst = 7000
'''
NEW_RULE = '''
[[regel]]
id = "postnummer"
retningslinje = "A1"
kategori = "adresse"
alvor = "warning"
signaler = ["postnummer"]
melding = "Postnummer."
rad = "Fjern det."
eksempler = ["Jeg bor på 7590 Tydal."]
ikke_eksempler = ["Jeg bor på 0150 Oslo."]
'''


def test_adding_a_detector_and_a_rule(tmp_path: Path) -> None:
    content = make_content(tmp_path, detectors=NEW_DETECTOR_TOML, rules=RULES + NEW_RULE)
    problems: list[Problem] = []
    rules = load_rules(content, problems, (*DETECTORS, PostcodeDetector()))
    assert problems == [] and rules is not None
    result = Checker(rules).check("Jeg bor på 7590 Tydal og 0150 Oslo.")
    assert [(f.rule, f.severity, f.excerpt) for f in result.findings] == [("postnummer", "warning", "****")]
    assert result.verdict == "review"


def test_without_the_detector_its_table_and_signal_are_unknown(tmp_path: Path) -> None:
    content = make_content(tmp_path, detectors=NEW_DETECTOR_TOML, rules=RULES + NEW_RULE)
    messages = [str(p) for p in validate_all(content, examples=False)]
    assert any("detektor.postnummer" in m and "ukjent nøkkel" in m for m in messages), messages
    assert any("ukjent signal «postnummer»" in m for m in messages), messages


# --- rules carry their own examples -----------------------------------------------------------------


def test_rule_examples_pass_and_fail(tmp_path: Path) -> None:
    good = RULES.replace('rad = "Fjern den."', 'rad = "Fjern den."\neksempler = ["Det er hemmelig."]\n'
                         'ikke_eksempler = ["Det er ikke hemmelig."]')
    assert run_examples(make_content(tmp_path / "a", rules=good)).problems == []
    bad = RULES.replace('rad = "Fjern den."', 'rad = "Fjern den."\neksempler = ["Helt vanlig tekst."]\n'
                        'ikke_eksempler = ["Topphemmelig."]')
    result = run_examples(make_content(tmp_path / "b", rules=bad))
    assert result.checked == 2
    messages = [str(p) for p in result.problems]
    assert any("eksempler[0]" in m and "slår ikke ut" in m for m in messages), messages
    assert any("ikke_eksempler[0]" in m and "slår ut på" in m for m in messages), messages


def test_comment_type_examples(tmp_path: Path) -> None:
    from synthetic import REPLIES

    replies = REPLIES.replace('sjekkliste = ["Si takk."]', 'sjekkliste = ["Si takk."]\neksempler = ["Takk!"]\n'
                              'ikke_eksempler = ["Elendig service."]')
    assert run_examples(make_content(tmp_path / "a", replies=replies)).problems == []
    wrong = REPLIES.replace('sjekkliste = ["Si takk."]', 'sjekkliste = ["Si takk."]\neksempler = ["Elendig."]')
    problems = run_examples(make_content(tmp_path / "b", replies=wrong)).problems
    assert len(problems) == 1 and "klassifisert som «klage»" in problems[0].message


def test_content_errors_are_collected_not_raised_one_by_one(tmp_path: Path) -> None:
    content = make_content(tmp_path, rules=RULES.replace('alvor = "stop"', 'alvor = "kanskje"').replace(
        'termer = ["hemmelig{,e}", "topphemmelig"]', 'termer = ["hemmelig{", "*"]'))
    with pytest.raises(ContentError) as exc:
        check_text(content, "x")
    messages = [p.message for p in exc.value.problems]
    assert len(messages) >= 3, messages


# --- calling someone a name to their face («…, din sytepave.») -----------------------------------------

NAME_CALLING_RULE = '''
[[regel]]
id = "tiltale"
retningslinje = "A2"
kategori = "tone"
alvor = "warning"
signaler = ["skjellsord-tiltale"]
melding = "m"
rad = "r"
'''


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Takk for ingenting, din hovne bygdekonge.", "din hovne bygdekonge"),
        ("Kjøp deg en spade, DIN SYTEPAVE!", "DIN SYTEPAVE"),
        ("Ferdig snakka! dokkers pappfigurer 😡", "dokkers pappfigurer"),
        ("Gratulerer med dagen, din heldiggris!", None),  # an exception in the content
        ("Hei, din søknad er mottatt og blir behandlet.", None),  # the sentence goes on: no address
        ("Takk for sist, din 40-åring.", None),
        ("Dette er din bygdekonge.", None),  # no comma or exclamation mark before it
    ],
)
def test_name_calling_is_a_possessive_and_a_few_words_closing_a_sentence(
        tmp_path: Path, text: str, expected: str | None) -> None:
    detectors = DETECTOR_TOML + '\n[detektor.tiltale]\nord = ["din", "dokkers"]\nunntak = ["heldiggris"]\n'
    content = make_content(tmp_path, detectors=detectors, rules=RULES + NAME_CALLING_RULE)
    found = [f for f in check_text(content, text, "privat").findings if f.rule == "tiltale"]
    assert [text[f.start:f.end] for f in found] == ([expected] if expected else [])


def test_without_its_table_the_name_calling_detector_finds_nothing(tmp_path: Path) -> None:
    content = make_content(tmp_path, rules=RULES + NAME_CALLING_RULE)  # no [detektor.tiltale]: still valid
    assert validate_all(content, examples=False) == []
    assert not check_text(content, "Takk for ingenting, din bygdekonge.", "privat").findings


# --- saying what a person is with a word of contempt («foreldra er like dumme») --------------------------

CHARACTERISATION_RULE = '''
[[regel]]
id = "karakteristikk"
retningslinje = "A2"
kategori = "tone"
alvor = "warning"
signaler = ["karakteristikk"]
melding = "m"
rad = "r"
'''

CHARACTERISATION_TABLE = '''
[detektor.karakteristikk]
subjekt = ["du", "dokker", "foreldra", "ordføreren", "politikarane"]
verb = ["er", "e"]
fyllord = ["så", "like", "en", "ein", "verdens", "mest", "gjeng"]
maks_fyllord = 3
ordliste = "forakt.txt"
ord = ["løgner"]
unntak = ["teit"]
negasjon = ["ikkje", "itj"]
om_gruppen = ["alle sammen"]
'''


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foreldra er like dumme, det er genetisk.", "Foreldra er like dumme"),
        ("Ordføreren er en løgner og alle vet det.", "Ordføreren er en løgner"),  # from «ord», not the file
        ("Du Arnfinn e så dum at det e vondt å les.", "Du Arnfinn e så dum"),  # a name between
        ("foreldra e verdens mest sutrete gjeng", "foreldra e verdens mest sutrete"),
        ("Drittunga alle sammen.", "Drittunga alle sammen"),
        ("Planen er dum.", None),  # a matter, not a person
        ("Æ e så dum at æ glømte nøklan.", None),  # the writer about himself
        ("Du e itj dum.", None),  # a negation is no small word: the search stops
        ("Eg seier ikkje at politikarane er dumme.", None),  # a negation just before the person
        ("hahaha du e så teit", None),  # an exception in the content
        ("Du er. Dum", None),  # two sentences
        ("Du er en veldig dum ting å si", None),  # «veldig» is no small word here
        ("Foreldra er en gjeng så like verdens dumme", None),  # more small words than allowed
    ],
)
def test_characterisation_is_a_person_a_copula_and_a_word_of_contempt(
        tmp_path: Path, text: str, expected: str | None) -> None:
    content = make_content(tmp_path, detectors=DETECTOR_TOML + CHARACTERISATION_TABLE,
                           rules=RULES + CHARACTERISATION_RULE)
    (tmp_path / "syntetisk" / "forakt.txt").write_text("dum\ndumme\nsutrete\ndrittunga\nteit\n", encoding="utf-8")
    found = [f for f in check_text(content, text, "privat").findings if f.rule == "karakteristikk"]
    assert [text[f.start:f.end] for f in found] == ([expected] if expected else [])


def test_without_its_table_the_characterisation_detector_finds_nothing(tmp_path: Path) -> None:
    content = make_content(tmp_path, rules=RULES + CHARACTERISATION_RULE)
    assert validate_all(content, examples=False) == []
    assert not check_text(content, "Foreldra er like dumme.", "privat").findings


def test_a_characterisation_word_list_outside_the_folder_is_refused(tmp_path: Path) -> None:
    table = CHARACTERISATION_TABLE.replace('ordliste = "forakt.txt"', 'ordliste = "../forakt.txt"')
    content = make_content(tmp_path, detectors=DETECTOR_TOML + table, rules=RULES + CHARACTERISATION_RULE)
    (tmp_path / "forakt.txt").write_text("dum\n", encoding="utf-8")
    problems = validate_all(content, examples=False)
    assert problems and any("forakt.txt" in p.message or "ordliste" in str(p) for p in problems), problems


PHONE_RULES = '''
[[regel]]
id = "telefon"
retningslinje = "A1"
kategori = "telefon"
alvor = "warning"
signaler = ["telefon"]
melding = "m"
rad = "r"

[[regel]]
id = "telefon-egen"
retningslinje = "A1"
kategori = "telefon"
alvor = "info"
signaler = ["telefon-egen"]
melding = "m"
rad = "r"
'''

AD_LISTS = '''annonse = ["selger"]
avstand_annonse = 60
egen_i_annonse = ["ring"]
avstand_egen_i_annonse = 2
'''


@pytest.mark.parametrize(
    ("text", "with_ad_lists", "expected"),
    [
        ("Selger sofa, 500 kr. Ring 913 45 872", True, "telefon-egen"),  # «selger» in the sentence before
        ("Selger sofa, 500 kr. Ring 913 45 872", False, "telefon"),  # the lists are optional
        ("Selger sofa. Ring Kari på 913 45 872", True, "telefon"),  # «ring» not right before the number
        ("Hunden er borte. Ring 913 45 872", True, "telefon"),  # no ad
        ("Selger sofa." + " Fin farge." * 10 + " Ring 913 45 872", True, "telefon"),  # the ad word too far back
    ],
)
def test_a_bare_ring_before_a_number_in_an_ad_is_the_writers_own(tmp_path: Path, text: str, with_ad_lists: bool,
                                                                 expected: str) -> None:
    detectors = DETECTOR_TOML.replace('egen = ["ring meg"]\n', 'egen = ["ring meg"]\n' + AD_LISTS) if with_ad_lists \
        else DETECTOR_TOML
    assert ("annonse" in detectors) == with_ad_lists
    content = make_content(tmp_path, detectors=detectors, rules=RULES + PHONE_RULES)
    assert [f.rule for f in check_text(content, text, "privat").findings] == [expected]


def test_ad_lists_need_their_distance(tmp_path: Path) -> None:
    detectors = DETECTOR_TOML.replace('egen = ["ring meg"]\n', 'egen = ["ring meg"]\nannonse = ["selger"]\n')
    content = make_content(tmp_path, detectors=detectors)
    assert any("avstand_annonse" in str(p) and "mangler" in str(p) for p in validate_all(content, examples=False))
