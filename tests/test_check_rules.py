"""Every rule family of `sjekk`, with positive and negative cases (issue 3)."""

from __future__ import annotations

import pytest
from helpers import first_valid

from tydal_sjekk.check import check_text
from tydal_sjekk.check.model import CheckResult
from tydal_sjekk.core.folder import Content
from tydal_sjekk.render.common import masked_text

FNR = first_valid("150385")  # a valid fødselsnummer for 15 March 1985 (built from the rules)
DNR = first_valid("550385")  # D-number: day + 40
HNR = first_valid("154385")  # H-number: month + 40
FHNR = first_valid("812345")  # FH-number: first digit 8 or 9, no date
RULE2032 = first_valid("150385", rule2032=True)  # valid only under the 2032 check-digit rule


def run(content: Content, text: str, konto: str = "privat") -> CheckResult:
    return check_text(content, text, konto)


def rules(result: CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


def finding(result: CheckResult, rule: str):  # type: ignore[no-untyped-def]
    return next(f for f in result.findings if f.rule == rule)


def guidelines(result: CheckResult, severity: str | None = None) -> set[str]:
    """The guidelines of the findings (of one severity when given)."""
    return {f.guideline for f in result.findings if severity is None or f.severity == severity}


# --- harmless posts and lawful criticism -----------------------------------------------------------

HARMLESS = [
    "Så stolt av elevene i dag! De har jobbet hardt med prosjektet om lokalhistorie.",
    "Fin tur på fjellet i helgen. Sola skinte og det var mye folk i løypene.",
    "Husk konserten i kulturhuset på lørdag kl. 19.00. Billetter kan kjøpes i døra.",
    "Kommunestyret vedtok i går å bygge ny barnehage. Det gleder jeg meg over!",
    "Gratulerer til alle som fullførte Tydalsløpet – for en innsats!",
    "Heia Tydal IL!",
    "Elevatoren på rådhuset er ødelagt igjen. Relevant for alle som har dårlige knær.",
    "Ordrenummer 12345678901 er sendt, og pakken kommer i morgen.",
    "Budsjettet er på 25 000 000 kroner i år.",
    "Møtet varer fra kl. 20.00-22.00 den 31.12.2023.",
    "Spørsmål om søknaden? Skriv til postmottak@tydal.kommune.no eller ring sentralbordet på 73 81 59 00.",
    "Per i dag er det 20 elever på skolen.",
    "Jeg er fortrolig med reglene for bål i skogen.",
    "Hemmelig oppskrift på kanelboller: mye smør!",
    "Elevene i Tydal er de beste!",
]

CRITICISM = [
    "Jeg synes kommunestyret tok en dårlig beslutning om skolen. Politikerne burde lytte til foreldrene.",
    "Kommunen kutter i hjemmetjenesten, og det er feil. Eldre fortjener bedre enn dette.",
    "Rådmannen og ordføreren har vært for lite åpne om budsjettet. Det svekker tilliten.",
    "Jeg er skuffet over at kommunen legger ned biblioteket. Vi trenger møteplasser i bygda.",
    "Kommunen har bestemt å legge ned skolen. Jeg mener det er et dårlig vedtak.",
    "Som ansatt i Tydal kommune har jeg lov til å si at jeg er uenig i omorganiseringen.",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_posts_are_ok(content: Content, text: str) -> None:
    result = run(content, text)
    assert result.verdict == "ok", [(f.rule, f.excerpt) for f in result.findings]


@pytest.mark.parametrize("text", CRITICISM)
def test_calm_criticism_of_the_municipality_is_ok(content: Content, text: str) -> None:
    result = run(content, text)
    assert result.verdict == "ok", [(f.rule, f.excerpt) for f in result.findings]
    assert not [f for f in result.findings if f.severity != "info"]


# --- fødselsnummer --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [
        "{n}",
        "{n6} {n5}",
        "{n6}-{n5}",
        "{d}.{m}.{y} {n5}",
        "{n6} {n3} {n2}",
        "{zw}",
    ],
)
def test_fodselsnummer_in_any_shape_is_stop(content: Content, shape: str) -> None:
    zw = "\u200b".join(FNR)
    number = shape.format(
        n=FNR, n6=FNR[:6], n5=FNR[6:], d=FNR[:2], m=FNR[2:4], y=FNR[4:6], n3=FNR[6:9], n2=FNR[9:], zw=zw
    )
    text = f"Personnummeret er {number}, ikke si det til noen."
    result = run(content, text)
    f = finding(result, "fodselsnummer")
    assert result.verdict == "stop"
    assert f.severity == "stop" and f.guideline == "P3" and f.category == "fodselsnummer"
    assert text[f.start : f.end] == number  # offsets into the text exactly as given
    digits = "".join(c for c in f.excerpt if c.isdigit() or c == "*")
    assert digits == "150385*****"


@pytest.mark.parametrize("number", [DNR, HNR, FHNR, RULE2032], ids=["D", "H", "FH", "2032"])
def test_d_h_fh_and_2032_numbers(content: Content, number: str) -> None:
    result = run(content, f"Nummeret er {number}.")
    assert "fodselsnummer" in rules(result)


def test_stdnum_rejects_fh_and_2032_numbers_but_we_do_not() -> None:
    from stdnum.no import fodselsnummer

    assert not fodselsnummer.is_valid(FHNR)
    assert not fodselsnummer.is_valid(RULE2032)
    assert fodselsnummer.is_valid(FNR)


@pytest.mark.parametrize(
    "number",
    [
        FNR[:-1] + str((int(FNR[-1]) + 1) % 10),  # wrong check digit
        "32138512345",  # impossible date
        "15038512345",  # right date, wrong checksum
        "00000000000",
        "1503851019012",  # inside a longer number
    ],
)
def test_numbers_failing_checksum_or_date_are_not_fodselsnummer(content: Content, number: str) -> None:
    result = run(content, f"Referanse {number} i systemet.")
    assert "fodselsnummer" not in rules(result)


def test_date_like_number_with_wrong_checksum_is_masked_and_a_finding_only_beside_a_person(content: Content) -> None:
    # 15038512345: a possible date (15.03.85) and five digits, but wrong check digits and no valid account number
    alone = run(content, "Tallet 15038512345 sto på lappen, så hør med servicetorget.")
    assert alone.verdict == "ok" and "15038512345" not in masked_text(alone)
    beside = run(content, "Lappen sa «Kari Nordmann 15038512345», og den lå i skriveren.")
    f = finding(beside, "fodselsnummer-mulig")
    assert f.severity == "warning" and "15038512345" not in f.excerpt and "150385*****" in f.excerpt
    # no date, or a valid account number: not a possible fødselsnummer
    assert "fodselsnummer-mulig" not in rules(run(content, "Kari Nordmann 32138512345 er med."))
    assert "fodselsnummer-mulig" not in rules(run(content, "Kari Nordmann har kontonummer 12036745825."))


def test_order_number_valid_only_by_2032_rule_is_not_flagged(content: Content) -> None:
    assert "fodselsnummer" not in rules(run(content, f"Ordrenummer {RULE2032} er sendt."))
    assert "fodselsnummer" in rules(run(content, f"Ordrenummer {FNR} er sendt."))  # classic-valid: still flagged


# --- phone, e-mail, address, account --------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["912 34 567", "91234567", "+47 912 34 567", "0047 91234567", "22 33 44 55", "4791 2345"]
)
def test_someone_elses_phone_number_is_warning(content: Content, number: str) -> None:
    text = f"Kari har nummer {number} hvis noen lurer."
    result = run(content, text)
    f = finding(result, "telefon")
    assert f.severity == "warning"
    assert text[f.start : f.end] == number
    assert "*" in f.excerpt and f.excerpt[:2] in ("91", "+4", "00", "22", "47")


@pytest.mark.parametrize(
    ("text", "konto", "rule", "severity"),
    [
        ("Kari har nummer 22 33 44 55 hvis noen lurer.", "privat", "telefon", "warning"),  # a landline is someone's too
        # from the municipality's account a landline is an office's
        ("Vi har åpnet en egen telefon for de berørte: 73 81 59 10, alle dager 08–22.", "offisiell",
         "telefon-fast-offisiell", "info"),
        ("Ring Kari i hjemmetjenesten direkte på 917 45 233.", "offisiell", "telefon-offisiell", "warning"),  # a mobile
    ],
)
def test_landlines_on_the_official_account_are_info(
        content: Content, text: str, konto: str, rule: str, severity: str) -> None:
    result = run(content, text, konto)
    f = finding(result, rule)
    assert f.severity == severity and "*" in f.excerpt
    assert (result.verdict == "ok") == (severity == "info")


def test_phone_masking_example(content: Content) -> None:
    f = finding(run(content, "Ring Ola på 912 34 567."), "telefon")
    assert f.excerpt == "91* ** ***"


@pytest.mark.parametrize(
    "text",
    [
        "Ring sentralbordet på 73 81 59 00.",
        "Ordrenummer 45678912 er sendt.",
        "Det koster 25 000 000 kroner.",
        "Åpent 20.00-22.00 hver dag.",
        "Sist oppdatert 31.12.2023.",
        "Legevakt: 116 117.",
        "Kontonummer 1234 5678 er feil.",
    ],
)
def test_numbers_that_are_not_personal_phone_numbers(content: Content, text: str) -> None:
    assert "telefon" not in rules(run(content, text))


def test_own_phone_number_is_only_info(content: Content) -> None:
    result = run(content, "Ring meg på 912 34 567 hvis du vil kjøpe sykkelen.")
    assert rules(result) == {"telefon-egen"}
    assert result.verdict == "ok"


def test_email_of_someone_else_is_warning_and_masked(content: Content) -> None:
    f = finding(run(content, "Send det til ola.nordmann@gmail.com i dag."), "epost")
    assert f.severity == "warning" and f.excerpt == "o***@g***.com"


def test_official_postmottak_is_not_personal_data(content: Content) -> None:
    result = run(content, "Send søknaden til postmottak@tydal.kommune.no.")
    assert result.verdict == "ok" and not result.findings


def test_employee_work_address_is_info(content: Content) -> None:
    result = run(content, "Kontakt kari.hansen@tydal.kommune.no om saken.")
    assert finding(result, "epost-jobb").severity == "info"
    # the address is not private personal data (whether «om saken» reads as speaking for the municipality
    # is the learned layer's call, not the e-mail detector's)
    assert not {f.rule for f in result.findings if f.category in ("epost", "navn") and f.severity != "info"}


def test_street_address_is_warning(content: Content) -> None:
    f = finding(run(content, "Hun bor i Storgata 12B, like ved butikken."), "adresse")
    assert f.severity == "warning" and f.excerpt == "Storgata ***"
    assert "adresse" in rules(run(content, "De holder til i Olav Tryggvasons gate 5."))


def test_own_address_is_info_and_official_address_is_nothing(content: Content) -> None:
    assert rules(run(content, "Velkommen til oss, vi bor i Tydalsvegen 1234.")) == {"adresse-egen"}
    assert "adresse" not in rules(run(content, "Kommunen holder til i Kirkeveien 2."))
    assert "adresse" not in rules(run(content, "Gata 12 er ikke et gatenavn, og Haugen 3 heller ikke."))


def test_bank_account_number(content: Content) -> None:
    f = finding(run(content, "Pengene kan sendes til 1234.56.78903 innen fredag."), "kontonummer")
    assert f.severity == "warning" and f.excerpt == "1234.**.*****"
    assert "kontonummer" not in rules(run(content, "Pengene kan sendes til 1234.56.78904 innen fredag."))
    # Without dots an 11-digit number is only an account number near a word about accounts.
    assert "kontonummer" in rules(run(content, "Kontonummer: 12345678903"))
    assert "kontonummer" not in rules(run(content, "Saken har nummer 12345678903"))


# --- confidential ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Dette er ikke offentlig ennå, men skolen blir lagt ned.",
        "Dokumentet er unntatt offentlighet.",
        "Dette er taushetsbelagt, men jeg må bare si det.",
        "Internt notat fra ledermøtet: vi skal kutte stillinger.",
        "Hemmelig informasjon: rektor slutter.",
        "Dokumentet er unnateke offentlegheit.",
        "Det er ikkje offentleg enno.",
    ],
)
def test_confidential_information_is_stop(content: Content, text: str) -> None:
    result = run(content, text)
    assert result.verdict == "stop"
    assert guidelines(result, "stop") == {"P3"}


@pytest.mark.parametrize(
    "text",
    ["Fortrolig: lønnsoppgjøret blir dårlig.", "Konfidensielt og bare mellom oss: jeg har bakt altfor mange boller.",
     "Fortrolig melding til alle foreldre: kakelotteriet har flest gevinster i år 🤫"],
)
def test_fortrolig_about_no_person_or_case_is_not_a_leak(content: Content, text: str) -> None:
    assert not [f for f in run(content, text).findings if f.category == "konfidensielt"]


@pytest.mark.parametrize(
    "text",
    ["Fortrolig, men kollegaen min skal visst slutte etter jul.", "Konfidensielt: Per Olsen har søkt på rektorjobben."],
)
def test_fortrolig_about_a_person_needs_review(content: Content, text: str) -> None:
    result = run(content, text)
    assert "konfidensielt-person" in rules(result) and result.verdict != "ok"


def test_leaking_an_innstilling_before_it_is_public_is_stop(content: Content) -> None:
    result = run(content, "Jeg har sett innstillingen. Før det blir offentlig kan jeg si at skolen legges ned.")
    assert "lekkasje" in rules(result) and result.verdict == "stop"


def test_rumour_about_a_decision_is_warning(content: Content) -> None:
    result = run(content, "Har fått høre at budsjettet får store kutt neste år.")
    assert "rykte-beslutning" in rules(result) and result.verdict == "review"


# --- people met through work ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Eleven min har fått diagnosen ADHD.",
        "En av elevene mine sliter hjemme fordi foreldrene skiller seg.",
        "Pasienten døde i natt.",
        "Beboeren på rom 3 har demens.",
        "Bebuaren på rom 3 har demens.",
        "Brukaren fekk avslag på søknaden.",
        "Klienten har store rusproblemer.",
        "Barnevernet har vært hjemme hos eleven.",
        "Eleva fekk ikkje plass i barnehagen.",
        "Den pårørende har store økonomiske problemer.",
    ],
)
def test_work_person_with_sensitive_detail_is_stop(content: Content, text: str) -> None:
    result = run(content, text)
    assert result.verdict == "stop", [(f.rule, f.excerpt) for f in result.findings]
    assert "sensitiv-arbeidsperson" in rules(result)


def test_named_person_with_health_information_is_stop(content: Content) -> None:
    result = run(content, "Kari Hansen er innlagt på sykehuset med kreft.")
    f = finding(result, "sensitiv-navn")
    assert f.severity == "stop" and f.excerpt.startswith("K*** H*****")


def test_work_person_alone_is_info_recognisable_or_photo_is_warning(content: Content) -> None:
    result = run(content, "En elev fortalte meg en vits i dag.")
    assert result.verdict == "ok" and "arbeidsperson-anonym" in rules(result)
    result = run(content, "Eleven min i 3B fortalte meg en vits i dag.")
    assert result.verdict == "review" and "arbeidsperson" in rules(result)
    result = run(content, "Se bildene fra turen med elevene! 📸")
    assert "bilde-arbeidsperson" in rules(result) and result.verdict == "review"


@pytest.mark.parametrize(
    "text",
    ["Elevatoren står fast.", "Det er relevant for mange.", "Jeg bruker bil til jobben.", "Brukerveiledningen er fin."],
)
def test_whole_words_only(content: Content, text: str) -> None:
    result = run(content, text)
    assert not {"arbeidsperson", "sensitiv-arbeidsperson", "bilde-arbeidsperson"} & rules(result)


@pytest.mark.parametrize(
    "form",
    ["elev", "eleven", "elever", "elevene", "elevar", "elevane", "pasient", "pasientene", "beboer", "bebuar",
     "brukeren", "brukaren", "pårørende", "pårørande"],
)
def test_inflections_in_bokmal_and_nynorsk(content: Content, form: str) -> None:
    result = run(content, f"Bilder av {form} på tur.")
    assert "bilde-arbeidsperson" in rules(result), form


# --- names ----------------------------------------------------------------------------------------


def test_a_name_alone_is_info(content: Content) -> None:
    # «… for kaka!» is left out: since the retraining after round 27 the learned layer reads «Takk til Kari
    # Nordmann for kaka!» as P3 just above the threshold lowered for a named person (a false alarm reported in
    # the README), and this test is about the name rule
    result = run(content, "Takk til Kari Nordmann, vi ses i morgen!")
    f = finding(result, "navn")
    assert f.severity == "info" and f.excerpt == "K*** N*******" and result.verdict == "ok"


@pytest.mark.parametrize(
    "text",
    ["Per i dag er det mange.", "Dag for dag blir det bedre.", "Hans bil er rød.", "Liv og røre i gata."],
)
def test_names_that_are_also_words_at_sentence_start(content: Content, text: str) -> None:
    assert "navn" not in rules(run(content, text))


@pytest.mark.parametrize("text", ["Tyskland og Nord-Europa må innsjå det.", "Vi skal til Sør-Trøndelag og Vest-Europa"])
def test_a_hyphenated_compound_that_ends_in_a_place_is_a_place(content: Content, text: str) -> None:
    assert "navn" not in rules(run(content, text))


def test_a_hyphenated_name_is_still_a_name(content: Content) -> None:
    assert [f.excerpt for f in run(content, "Kari Nord-Hansen og Anne-Lise kom.").findings if f.rule == "navn"] == [
        "K*** N***-H*****", "A***-L***"]


@pytest.mark.parametrize(
    "text", ["Noen har spist opp alle Kvikk Lunsj-ene i påskeboksen.", "Takk for alle Twist-ene i pausen!"]
)
def test_an_ending_after_a_hyphen_is_no_name(content: Content, text: str) -> None:
    # «ene» is also a first name, but in lower case after a hyphen it is the plural ending
    assert "navn" not in rules(run(content, text))


def test_a_title_names_only_the_word_after_it_in_the_same_sentence(content: Content) -> None:
    # A greeting signed by a title on its own line: «I» starts the next sentence and is no name (round 58 gave
    # this Christmas greeting «stopp» as health details about a person called «I»)
    text = "Hilsen fra kommunedirektøren 🎄\nI år vil jeg takke alle på legevakta og i hjemmetjenesten."
    result = run(content, text, "offisiell")
    assert "navn" not in rules(result) and result.verdict == "ok"
    assert [f.excerpt for f in run(content, "Takk til rektor Hansen.").findings if f.rule == "navn"] == ["H*****"]


@pytest.mark.parametrize(
    ("text", "names"),
    [("Det sa ordføreren. Det ble stille.", []), ("Time hos dr. Lie i dag.", ["L**"])],
)
def test_a_title_at_the_end_of_a_sentence_names_nothing_but_an_abbreviated_one_does(
    content: Content, text: str, names: list[str]
) -> None:
    assert [f.excerpt for f in run(content, text).findings if f.rule == "navn"] == names


def test_ambiguous_names_inside_a_sentence_are_names(content: Content) -> None:
    result = run(content, "I dag var jeg på tur med Liv og Per.")
    assert [f.excerpt for f in result.findings if f.rule == "navn"] == ["L**", "P**"]


# --- contact, role, inquiries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jeg fikk venneforespørsel fra en elev i går.",
        "Leverandøren sendte meg en melding på Messenger.",
        "Skal jeg følge eleven på Instagram?",
        "Jeg snapper litt med noen av elevene.",
    ],
)
def test_private_contact_is_warning(content: Content, text: str) -> None:
    result = run(content, text)
    assert "privat-kontakt" in rules(result) and result.verdict == "review"


def test_contact_with_friends_is_fine(content: Content) -> None:
    assert "privat-kontakt" not in rules(run(content, "Sendte melding til søsteren min på Messenger."))


@pytest.mark.parametrize(
    "text",
    [
        "Vi i kommunen har bestemt å stenge svømmehallen.",
        "Me i kommunen har bestemt å stenge symjehallen.",
        "På vegne av kommunen vil jeg takke alle frivillige.",
        "Kommunen har bestemt at skolen skal stenge klokka 14.",
    ],
)
def test_speaking_for_the_municipality_is_warning(content: Content, text: str) -> None:
    result = run(content, text)
    assert guidelines(result) >= {"P4"} and result.verdict == "review"


@pytest.mark.parametrize(
    "text",
    [
        "Vi i kommunen har bestemt å stenge svømmehallen. Dette er mine egne meninger.",
        "Me i kommunen har mykje å gjere. Dette er mine eigne meiningar.",
        "Skriver som privatperson: vi i kommunen har for mye å gjøre.",
        "Jeg uttaler meg ikke på vegne av kommunen, men dette er feil.",
    ],
)
def test_disclaimer_satisfies_p4(content: Content, text: str) -> None:
    assert "P4" not in guidelines(run(content, text))


def test_answering_an_inquiry_for_the_municipality_is_warning(content: Content) -> None:
    result = run(content, "Du må søke om byggetillatelse hos kommunen, fristen er 1. mars.")
    # the learned layer may add P4 (answering for the municipality); the rule is what is pinned here
    assert "besvarer-henvendelse" in rules(result) and finding(result, "besvarer-henvendelse").guideline == "P5"


# --- tone -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("For faen, dette går ikke an.", "banning"),
        ("Politikerne er idioter.", "fornaermelse"),
        ("DETTE ER HELT UAKSEPTABELT AV KOMMUNEN", "store-bokstaver"),
    ],
)
def test_tone_is_warning_under_p6(content: Content, text: str, rule: str) -> None:
    f = finding(run(content, text), rule)
    assert f.guideline == "P6" and f.severity == "warning"


@pytest.mark.parametrize(
    "text", ["Nå får det være nok!!!", "Morgonstemning over Esandsjøen. Minus 28, men for ein dag!!!"]
)
def test_exclamation_marks_alone_are_only_info(content: Content, text: str) -> None:
    """Many write «!!!» from joy or zeal: a hint, never a verdict (blind round 33)."""
    result = run(content, text)
    f = finding(result, "utropstegn")
    assert f.guideline == "P6" and f.severity == "info"
    assert result.verdict == "ok"


@pytest.mark.parametrize("text", ["Hilsen NAV og NRK.", "Jeg er så glad!", "Hva?! Nå?!", "ADHD er en diagnose."])
def test_not_shouting(content: Content, text: str) -> None:
    assert not {"store-bokstaver", "utropstegn"} & rules(run(content, text))


_BODY = (
    "Det er påvist bakterier i vannet fra Tydal vannverk. Alle abonnenter i Østbyen og Tydal sentrum må koke "
    "drikkevannet i minst ett minutt før bruk. Vi tar nye prøver i morgen og gir beskjed her og på nettsiden så "
    "snart varselet kan oppheves. Spørsmål kan rettes til servicetorget i åpningstiden, mandag til fredag."
)


def test_a_line_of_capitals_over_ordinary_text_is_a_heading(content: Content) -> None:
    assert "store-bokstaver" not in rules(run(content, "⚠️ KOKEVARSEL FOR ØSTBYEN OG TYDAL SENTRUM ⚠️\n" + _BODY))


@pytest.mark.parametrize(
    "text",
    [
        "KOKEVARSEL FOR ØSTBYEN OG TYDAL SENTRUM!!!\n" + _BODY,  # a shouted line, not a heading
        "Nå sier jeg det: DERE ER HELT UBRUKELIGE ALLE SAMMEN\n" + _BODY,  # capitals inside a line of text
        "DETTE ER HELT UAKSEPTABELT AV KOMMUNEN\nnå orker jeg ikke mer",  # a short post: no heading
        _BODY + "\nDETTE ER HELT UAKSEPTABELT AV KOMMUNEN",  # the last line: nothing follows it
    ],
)
def test_capitals_that_are_no_heading_are_still_shouting(content: Content, text: str) -> None:
    assert "store-bokstaver" in rules(run(content, text))


# --- official account -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "guideline"),
    [
        ("Takk! Vi skal se på saken din og ordne det.", "O4"),
        ("Søknaden din er godkjent, du får svar på e-post.", "O4"),
        ("Vi mener politikerne tok feil her.", "O6"),
        ("Ordføreren mener at skolen bør legges ned.", "O7"),
        ("Høyre vil kutte i budsjettet.", "O7"),
        ("Som vi har sagt før, det står på nettsiden.", "O3"),
        ("Hold kjeft, dette er ikke vårt problem.", "O3"),
    ],
)
def test_official_account_rules(content: Content, text: str, guideline: str) -> None:
    result = run(content, text, "offisiell")
    assert guideline in guidelines(result, "warning")
    assert result.verdict == "review"


def test_official_reply_with_documentation_value_is_info(content: Content) -> None:
    text = "Takk for spørsmålet. Kommunedirektørens innstilling er å bygge ny skole. Send gjerne en formell klage."
    result = run(content, text, "offisiell")
    assert result.verdict == "ok"
    assert [f.guideline for f in result.findings] == ["O5"]


def test_official_rules_do_not_apply_to_private_posts_and_vice_versa(content: Content) -> None:
    assert "O6" not in guidelines(run(content, "Vi mener politikerne tok feil her."))
    p4 = run(content, "Vi i kommunen har bestemt å stenge svømmehallen.", "offisiell")
    assert "P4" not in guidelines(p4)


def test_p3_applies_to_official_account_too(content: Content) -> None:
    result = run(content, f"Hei! Vi har registrert fødselsnummeret ditt {FNR}.", "offisiell")
    assert result.verdict == "stop" and "fodselsnummer" in rules(result)


# --- verdict and masking --------------------------------------------------------------------------


def test_verdict_follows_the_worst_finding(content: Content) -> None:
    assert run(content, "Takk til Kari!").verdict == "ok"  # info only
    assert run(content, "Ring Kari på 912 34 567.").verdict == "review"
    assert run(content, f"Kari har fnr {FNR}.").verdict == "stop"


def test_show_matches_unmasks(content: Content) -> None:
    masked = check_text(content, "Ring Ola på 912 34 567.")
    shown = check_text(content, "Ring Ola på 912 34 567.", show_matches=True)
    assert finding(masked, "telefon").excerpt == "91* ** ***"
    assert finding(shown, "telefon").excerpt == "912 34 567"


def test_combination_excerpt_masks_personal_data_inside(content: Content) -> None:
    f = finding(run(content, f"Pasienten Ola med fnr {FNR} er innlagt."), "sensitiv-arbeidsperson")
    assert FNR not in f.excerpt and "Ola" not in f.excerpt


# --- the role (P1) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "sa til klassen at jeg ikke har rettet en eneste innlevering siden påske 😂",
        "Ingen av brukarane merkar om ein kjem 20 minutt for seint, så eg tek ein ekstra kaffipause",
        "Dei nye elevane er den dummaste gjengen eg har hatt på 20 år.",
    ],
)
def test_boasting_about_neglect_or_contempt_for_those_served_is_a_role_warning(content: Content, text: str) -> None:
    result = run(content, text)
    assert "P1" in guidelines(result, "warning")


@pytest.mark.parametrize(
    "text",
    [
        "Jeg gidder ikke mer snø nå, vår takk!",
        "Politikerne er håpløse når det gjelder skolebudsjettet.",
        "Jeg er 61 og har jobbet turnus i 40 år. Jeg orker ikke flere kvelder.",
    ],
)
def test_tiredness_and_criticism_of_politicians_are_not_about_the_role(content: Content, text: str) -> None:
    assert "P1" not in guidelines(run(content, text))


def test_an_opinion_about_a_party_is_o6_not_o7(content: Content) -> None:
    result = run(content, "Personleg meiner vi at Arbeidarpartiet har rett i denne saka 😊", "offisiell")
    assert guidelines(result, "warning") == {"O6"}


@pytest.mark.parametrize(
    "text",
    ["Selger vinterdekk, brukt to sesonger. Ring eller sms 917 34 812 🚗",
     "Ta kontakt med servicetorget på telefon 74 81 50 00, så hjelper vi deg."],
)
def test_own_and_public_phone_numbers_need_no_review(content: Content, text: str) -> None:
    assert run(content, text).verdict == "ok"


def test_a_mobile_number_after_a_service_is_masked_but_a_service_landline_is_public(content: Content) -> None:
    from tydal_sjekk.render.common import masked_text

    mobile = run(content, "Ring legevakta på 917 45 233 om du blir sjuk i natt.")
    assert rules(mobile) == {"telefon-tjeneste"} and mobile.verdict == "ok"
    assert "917 45 233" not in masked_text(mobile) and "91* ** ***" in masked_text(mobile)
    landline = run(content, "Ring legevakta på 73 81 59 00 om du blir sjuk i natt.")
    assert "telefon-tjeneste" not in rules(landline) and "73 81 59 00" in masked_text(landline)


@pytest.mark.parametrize(
    "text", ["ferie endelig!!! ses på andre siden 🌞", "forste lonning!!! 🤑 takk tydal kommune haha"]
)
def test_joy_with_exclamation_marks_is_not_rage(content: Content, text: str) -> None:
    assert "utropstegn" not in rules(run(content, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jobber på teknisk, vannet er tilbake ca kl 15", True),  # the role without «jeg», as people write
        ("Jobbar i heimetenesta sjølv, så eg veit korleis det er", True),
        ("Mannen min jobber på skolen, og han sier det samme", False),  # someone else's job
        ("Ho jobbar i heimetenesta og er kjempeflink", False),
        ("jobber på Coop i helgene", False),  # not a municipal workplace
    ],
)
def test_the_job_role_is_seen_without_a_pronoun_only_for_the_writer(content: Content, text: str,
                                                                     expected: bool) -> None:
    from tydal_sjekk.check import checker_for

    _, found = checker_for(content).detect(text)
    assert ("jobbrolle-kort" in {o.signal for o in found}) is expected
