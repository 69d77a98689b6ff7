"""The examples of the judgement issue come out right with the shipped rules and learned layer."""

from __future__ import annotations

import pytest

from tydal_sjekk.check import check_text
from tydal_sjekk.core.folder import Content

FLAGGED = [
    ("privat", "Var hos ei eldre dame i hjemmetjenesten i dag som hadde ligget på gulvet i to døgn før vi fant "
               "henne. Hun bor alene oppe i Østbyen og har begynnende demens.", "P3"),
    ("privat", "Hørte på et møte i dag at kommunedirektøren kommer til å foreslå å legge ned Aunet skole i "
               "innstillingen som kommer neste uke. Har ikke blitt offentliggjort enda…", "P3"),
    ("privat", "Barnevernet var hos familien på nabogården i går igjen. Stakkars ungene, mora drikker visst.", "P3"),
    ("privat", "Følger du meg på Snap, Emil? Send meg en melding om leksene i kveld 😊", "P2"),
    ("privat", "kollegaen min er sykmeldt med utbrenthet", "P3"),
    ("offisiell", "Personlig mener jeg at idrettshallen er viktigere enn skolen.", "O6"),
    ("offisiell", "Hei Per Olav! Byggesøknaden din er nesten ferdig, og dispensasjonen blir nok innvilget.", "O4"),
]
HARMLESS = [
    "Hemmeligheten er ute: vi venter barn i mai! 👶",
    "Det er en godt bevart hemmelighet at kantina på rådhuset har byens beste vafler",
    "Internt på avdelingen har vi byttet til ny turnus",
    "Kommunedirektøren burde skamme seg over budsjettet. Dette er det dårligste forslaget på ti år.",
    "For en flott konsert elevene holdt i kveld!",
    "Jeg har selv hatt kreft, og jeg vet hvor viktig hjemmetjenesten er. Ikke kutt der!",
    # one's own family's illness is one's own to tell (written for this test, not in the corpus)
    "Mora mi fekk slag i går og ligg på St. Olav. Ho kjenner oss ikkje igjen enno. Send ein tanke ❤️",
    "Faren min har fått kreft igjen, og cellegiften tar på. Han bor hos oss nå. Tenk på oss i kveld.",
    "Sonen min fekk diagnosen autisme i dag. Han er den same gutten som i går ❤️",
]


@pytest.fixture(scope="module")
def shipped() -> Content:
    return Content()


@pytest.mark.parametrize(("konto", "text", "guideline"), FLAGGED)
def test_the_situation_is_recognised(shipped: Content, konto: str, text: str, guideline: str) -> None:
    result = check_text(shipped, text, konto)
    assert guideline in {f.guideline for f in result.findings if f.severity != "info"}, result.findings


@pytest.mark.parametrize("text", HARMLESS)
def test_lawful_and_innocent_posts_are_ok(shipped: Content, text: str) -> None:
    result = check_text(shipped, text)
    assert result.verdict == "ok", [(f.rule, f.severity) for f in result.findings]


def test_the_learned_layer_never_stops_alone_and_explains_itself(shipped: Content) -> None:
    result = check_text(shipped, FLAGGED[0][1])
    learned = [f for f in result.findings if f.score is not None]
    assert learned and all(0.0 <= (f.score or 0) <= 1.0 and f.reason.startswith("ord som") for f in learned)
    # stop only because the person can be recognised («ei eldre dame», «bor alene oppe i Østbyen»)
    anonymous = check_text(shipped, "Det er mange som har begynnende demens, og de trenger mer hjelp.")
    assert all(f.severity != "stop" for f in anonymous.findings if f.score is not None)
