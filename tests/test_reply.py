"""`tydal-sjekk svar`: classification, guidance, templates, personal data and the draft check (issue 5)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from helpers import first_valid

from tydal_sjekk.bundle import validate_all
from tydal_sjekk.core.folder import Content
from tydal_sjekk.reply.classifier import answer, classify, reply_content

TYPE_IDS = reply_content(Content()).type_ids

ROOT = Path(__file__).resolve().parent.parent
FNR = first_valid("150385")

EXAMPLES = {
    "ros": ("Tusen takk for flott brøyting i dag! 👍", {"O2"}),
    "noytral": ("Når åpner biblioteket etter ferien?", {"O2"}),
    "negativ": ("Elendig vedlikehold av veiene, helt uakseptabelt.", {"O2", "O3"}),
    "feil-fakta": ("Hørte at kommunen skal legge ned skolen neste år, stemmer det?", {"O2"}),
    "saksbehandling": ("Når får jeg svar på byggesøknaden min?", {"O4", "O5"}),
    "politisk": ("Hva mener kommunen om vindkraft på fjellet?", {"O6", "O7"}),
}


@pytest.mark.parametrize("type_id", TYPE_IDS)
def test_every_type_leads_to_guidelines_checklist_and_templates(content: Content, type_id: str) -> None:
    text, guidelines = EXAMPLES[type_id]
    result = answer(content, text)
    assert result.rtype.id == type_id
    assert guidelines <= set(result.rtype.guidelines)
    assert result.rtype.checklist and result.templates
    assert all(t.type == type_id for t in result.templates)
    assert all("{" not in t.text for t in result.templates)  # settings filled in
    assert result.classified.signals and 0 < result.classified.confidence <= 1


def test_saksbehandling_checklist_covers_formal_inquiry_forwarding_and_archiving(content: Content) -> None:
    checklist = " ".join(reply_content(content).type("saksbehandling").checklist)
    assert "formell henvendelse" in checklist and "postmottak@tydal.kommune.no" in checklist
    assert "videre" in checklist and "Arkiver" in checklist and "journalføres" in checklist


def test_signals_explain_the_classification(content: Content) -> None:
    text = "Stengt bibliotek igjen?? Takk for ingenting 🙄"
    classified = classify(reply_content(content), text)
    assert classified.type == "negativ"
    for sig in classified.signals:
        assert text[sig.start : sig.end] == sig.text
    assert classified.signals, "the reason is the content words that drove the type"


FUNCTION_WORDS = {"helt", "heilt", "i", "og", "det", "er", "på", "som", "en", "ei", "et"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Flott at dere endelig har fikset gatelysene… Bare 3 år for sent 🙄", "negativ"),
        ("Kvifor har de ikkje brøyta vegen enno? Dette er heilt håplaust.", "negativ"),
        ("Æ har ringt tre gong no og ingen svare, ka e det dokk driv me?", "negativ"),
        ("Tusen takk for god brøyting i dag! 👍", "ros"),
    ],
)
def test_comments_as_people_write_them(content: Content, text: str, expected: str) -> None:
    classified = classify(reply_content(content), text)
    assert classified.type == expected
    assert not {s.text.lower() for s in classified.signals} & FUNCTION_WORDS


SWEDISH_AND_ENGLISH_FUNCTION_WORDS = {
    "och", "inte", "jag", "att", "det", "för", "till", "har", "vi", "the", "and", "you", "we", "our",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Min ansökan om bygglov för garaget har legat hos er sedan mars. Vad händer?", "saksbehandling"),
        ("Tack för ingenting, vägen till stugan plogades bara tre år för sent 🙄", "negativ"),
        ("Thank you so much for the lovely summer festival, we will come back next year!", "ros"),
        ("Hi, I applied for a building permit for our cabin in May and have heard nothing. Case number 24/118.",
         "saksbehandling"),
    ],
)
def test_swedish_and_english_comments(content: Content, text: str, expected: str) -> None:
    # Tydal borders Sweden and has many visitors: neighbours and cabin owners comment in Swedish and English
    classified = classify(reply_content(content), text)
    assert classified.type == expected
    assert not {s.text.lower() for s in classified.signals} & SWEDISH_AND_ENGLISH_FUNCTION_WORDS


def test_sarcastic_thanks_is_negative(content: Content) -> None:
    assert classify(reply_content(content), "Så bra da, enda en avgiftsøkning 🙄").type == "negativ"


def test_nynorsk_and_dialect(content: Content) -> None:
    assert classify(reply_content(content), "Kva meiner ordføraren om ulvesona?").type == "politisk"
    assert classify(reply_content(content), "Eg søkte om startlån og har ikkje fått svar").type == "saksbehandling"
    assert classify(reply_content(content), "dokk e heilt rå, takk skal dokk ha").type == "ros"


def test_probabilities_and_alternatives(content: Content) -> None:
    classified = classify(reply_content(content), "Søknaden min om byggeløyve har ligget i et år, dette er skandale!")
    assert abs(sum(classified.scores.values()) - 1.0) < 0.01
    assert classified.type == "saksbehandling"
    alternatives = classified.alternatives
    assert [t for t, _ in alternatives] and all(p <= classified.scores[classified.type] + 0.5 for _, p in alternatives)


def test_json_has_alternatives(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", "--format", "json", "Når åpner biblioteket etter ferien?")
    data = json.loads(result.out)
    assert {a["type"] for a in data["alternatives"]} | {data["type"]} == set(TYPE_IDS)


def test_personal_data_in_the_comment_is_flagged(content: Content) -> None:
    result = answer(content, f"Saken min gjelder fnr {FNR}, ring meg på 912 34 567")
    categories = {f.category for f in result.personal}
    assert {"fodselsnummer", "telefon"} <= categories
    assert result.needs_attention


def test_json_shape(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", "--format", "json", "Når får jeg svar på byggesøknaden min?")
    data = json.loads(result.out)
    for key in ("type", "confidence", "signals", "guidelines", "checklist", "templates", "personal_data", "draft"):
        assert key in data
    assert data["type"] == "saksbehandling" and data["draft"] is None
    assert [g["id"] for g in data["guidelines"]] == ["O2", "O3", "O4", "O5"]
    assert data["templates"][0]["text"].startswith("Hei [navn]")
    assert result.code == 0


def test_draft_is_checked_with_the_official_rules(run_cli) -> None:  # type: ignore[no-untyped-def]
    comment = "Når får jeg svar på byggesøknaden min?"
    bad = run_cli("svar", "--format", "json", "--utkast", "Vi skal se på saken din og ordne det.", comment)
    data = json.loads(bad.out)
    assert data["draft"]["konto"] == "offisiell" and data["draft"]["verdict"] == "review"
    assert "O4" in {f["guideline"] for f in data["draft"]["findings"]}
    assert bad.code == 1
    good = run_cli("svar", "--format", "json", "--utkast", "Takk for spørsmålet! Skriv til postmottak.", comment)
    assert json.loads(good.out)["draft"]["verdict"] == "ok" and good.code == 0


def test_draft_from_file_and_text_output(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "svar.txt"
    draft.write_text("Vi mener politikerne tok feil.", encoding="utf-8")
    result = run_cli("svar", "--utkast-fil", str(draft), "Hva mener kommunen om vindkraft?")
    assert result.code == 1
    assert "Politisk spørsmål" in result.out and "Sjekkliste:" in result.out and "☐" in result.out
    assert "Ditt utkast til svar" in result.out and " O6 " in result.out


def test_markdown_output(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", "--format", "markdown", "Tusen takk for hjelpen!")
    assert "**Type:** Ros og skryt" in result.out and "- [ ] " in result.out and "### Svarmaler" in result.out


def test_type_can_be_overridden(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", "--format", "json", "--type", "politisk", "Bussen.")
    assert json.loads(result.out)["type"] == "politisk"


def test_comment_masked_in_text_output(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", f"Fnr {FNR}")
    assert FNR not in result.out and "150385*****" in result.out
    assert result.code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("svar", ""), "Teksten er tom."),
        (("svar", "--utkast", " ", "hei"), "Utkastet (--utkast) er tomt."),
        (("svar", "--utkast", "a", "--utkast-fil", "b.txt", "hei"), "enten --utkast eller --utkast-fil"),
        (("svar", "--type", "sint", "hei"), "Ugyldig verdi for --type: «sint»"),
        (("svar", "--format", "pdf", "hei"), "Ugyldig verdi for --format: «pdf»"),
        (("svar", "-f", "mangler.txt"), "Fant ikke filen «mangler.txt»"),
    ],
)
def test_bad_input(args: tuple[str, ...], message: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(*args)
    assert result.code == 2 and message in result.err and "Traceback" not in result.err


def test_reply_content_is_validated(content_copy: Path) -> None:
    maler = content_copy / "svarmaler.toml"
    text = maler.read_text(encoding="utf-8")
    start = text.index('[[mal]]\nid = "politisk-saksgang"')
    maler.write_text(text[:start], encoding="utf-8")
    (content_copy / "svar.toml").write_text(
        (content_copy / "svar.toml").read_text(encoding="utf-8").replace('"O6", "O7"]', '"O6", "O9"]', 1),
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_all(Content.from_option(content_copy))]
    assert any("typen «politisk» har ingen svarmal" in p for p in problems), problems
    assert any("viser til «O9», som ikke finnes" in p for p in problems), problems


def test_evaluation_script_reports_every_type(content: Content) -> None:
    """The script runs and scores every type; the figures themselves belong in the README, not here."""
    spec = importlib.util.spec_from_file_location("svar_eval", ROOT / "scripts" / "svar_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.load("kommentarer-holdt-utenfor.jsonl")
    per_type, macro, errors = module.evaluate(rows, content)
    assert set(per_type) == set(TYPE_IDS)
    assert 0.0 <= macro <= 1.0
    assert all(gold != predicted for gold, predicted, _ in errors)


def test_labelled_set_has_a_quarter_held_aside() -> None:
    dev = (ROOT / "tests" / "data" / "kommentarer-utvikling.jsonl").read_text(encoding="utf-8").splitlines()
    held = (ROOT / "tests" / "data" / "kommentarer-holdt-utenfor.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(held) * 4 >= len(dev) + len(held)
    types = {json.loads(line)["type"] for line in held}
    assert types == set(TYPE_IDS)


def test_the_type_is_read_from_the_start_of_a_huge_comment_and_personal_data_from_all_of_it(content: Content) -> None:
    from tydal_sjekk.reply.classifier import CLASSIFY_MAX

    start = "Kva meiner ordføraren om ulvesona? " * (CLASSIFY_MAX // 30)  # longer than the part that is read
    later = "Tusen takk for fantastisk innsats, de er gull verdt! " * (CLASSIFY_MAX // 10)
    text = start + later + f"Fødselsnummeret mitt er {FNR}."
    # read in full, the thanks after the limit would outweigh it
    assert classify(reply_content(content), text).type == "politisk"
    result = answer(content, text)
    assert any(f.rule == "fodselsnummer" for f in result.personal)  # found far beyond the part that was classified
    assert (result.classified.type, result.classified.second) == ("saksbehandling", "politisk")  # the number: a case


def test_a_comment_with_a_fodselsnummer_is_an_own_case(run_cli) -> None:  # type: ignore[no-untyped-def]
    # The learned model alone reads these as neutral questions or complaints; the number makes them a case.
    bad_checksum = FNR[:-1] + str((int(FNR[-1]) + 1) % 10)
    for comment in (f"Fnr {FNR}, ka meir treng dokk?", f"Fnr {bad_checksum}, ka meir treng dokk?"):
        result = run_cli("svar", "--format", "json", comment)
        data = json.loads(result.out)
        assert data["type"] == "saksbehandling", comment
        assert data["personal_data"] and result.code == 1
        assert FNR not in result.out and bad_checksum not in result.out  # the deciding words are not repeated
    angry = json.loads(run_cli("svar", "--format", "json", f"Dette er HELT håpløst! Fnr {FNR}").out)
    assert angry["type"] == "saksbehandling" and angry["second_type"] == "negativ"


def test_as_own_case_keeps_the_scores_and_a_clear_second_type() -> None:
    from tydal_sjekk.reply.classifier import Classified, as_own_case

    scores = {"negativ": 0.7, "saksbehandling": 0.2, "ros": 0.1}
    own = as_own_case(Classified("negativ", 0.7, scores, (), None, False))
    assert (own.type, own.second, own.confidence) == ("saksbehandling", "negativ", 0.5)
    assert (own.scores, own.signals) == (scores, ())
    assert as_own_case(Classified("ros", 0.9, {"ros": 0.9, "saksbehandling": 0.1}, ())).second is None
    already = Classified("saksbehandling", 0.8, scores, ())
    assert as_own_case(already) is already
    assert as_own_case(Classified("ros", 1.0, {"ros": 1.0}, ())).type == "ros"  # content without the type
