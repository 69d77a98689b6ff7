"""The restored guideline text (issue 2): ids, wording, explanations and legal basis."""

from __future__ import annotations

import json
import re
import tomllib

from tydal_sjekk.core.folder import Content, packaged_root

EXPECTED_IDS = ("P1", "P2", "P3", "P4", "P5", "P6", "O1", "O2", "O3", "O4", "O5", "O6", "O7")

# OCR artefacts from the scan; none may survive anywhere in the restored text.
OCR_ARTEFACTS = [
    "ngye", "pargrende", "leverandgrer", "spgrsmal", "sgrger", "veertil", "sjtakk", "paspgrsmadl",
    "gjgres", "ngytrale", "fgre", "vaer", "ogsa", "nar", "radmann", "radmannens", "niva", "sp@rsmal",
    "pa", "mé", "pé", "ma", "&", "8",
]


def test_packaged_root_points_at_a_content_folder() -> None:
    assert packaged_root().joinpath("retningslinjer.toml").is_file()


def test_all_thirteen_ids_in_order(content: Content) -> None:
    assert content.guidelines.ids == EXPECTED_IDS
    sections = {g.id: g.section for g in content.guidelines.items}
    assert all(sections[i] == "privat" for i in EXPECTED_IDS[:6])
    assert all(sections[i] == "offisiell" for i in EXPECTED_IDS[6:])
    numbers = [g.number for g in content.guidelines.items]
    assert numbers == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 7]


def test_no_ocr_artefacts_in_any_text(content: Content) -> None:
    doc = content.guidelines
    texts = [doc.title] + [s.title + " " + s.intro for s in doc.sections]
    for g in doc.items:
        texts += [g.title, g.text, g.explanation, *g.points]
        texts += [b.law + " " + b.section + " " + b.description for b in g.legal_basis]
    words = set(re.findall(r"[\w@&é]+|&", " ".join(texts).lower()))
    for artefact in OCR_ARTEFACTS:
        assert artefact not in words, artefact
    # The scan turned bullets into a leading "e "; the restored points must not keep it.
    for g in doc.items:
        for point in g.points:
            assert not point.startswith("e "), point


def test_restored_wording_matches_the_original(content: Content) -> None:
    doc = content.guidelines
    assert doc.get("P2").text.startswith(
        "Vurder nøye om du som privatperson skal ha kontakt med elever/brukere/pårørende eller leverandører"
    )
    assert "greit å skille mellom rollene" in doc.get("P2").text
    assert "føre til situasjoner" in doc.get("P2").text
    assert doc.get("P6").text == "Husk at internett er permanent, det kan være vanskelig å slette det du har skrevet."
    assert doc.get("O1").text == "Vær til stede, delta i debatten. Husk at du alltid representerer kommunen."
    assert doc.get("O2").points == (
        "Si takk for skryt.",
        "Svar også på nøytrale kommentarer (som er henvendt til kommunen).",
        "Svar alltid på negative kommentarer, men vurder selv hvor lenge du vil at dialogen skal opprettholdes.",
        "Rett alltid opp feil fakta.",
    )
    assert "formell henvendelse" in doc.get("O4").text
    assert "Spørsmålet skal i tillegg videreformidles til rette instans og arkiveres." in doc.get("O5").text
    # The one deliberate change: the title is kommunedirektør since kommuneloven 2018 (issue 12).
    assert doc.get("O7").text == "Henvis kun til kommunedirektørens innstilling i saker."
    offisiell = next(s for s in doc.sections if s.id == "offisiell")
    assert "sørger for å kommunisere med brukerne" in offisiell.intro


def test_every_item_has_a_short_plain_explanation(content: Content) -> None:
    for g in content.guidelines.items:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", g.explanation) if s]
        assert 1 <= len(sentences) <= 3, (g.id, sentences)


def _citations(content: Content, gid: str) -> set[str]:
    return {b.citation for b in content.guidelines.get(gid).legal_basis}


def test_legal_basis_with_section_numbers(content: Content) -> None:
    p3 = _citations(content, "P3")
    assert "forvaltningsloven § 13" in p3
    assert "helsepersonelloven § 21" in p3
    assert "personvernforordningen (GDPR) art. 9" in p3
    assert not any("personopplysningsloven" in c for c in p3)
    assert "Grunnloven § 100" in p3
    assert "arbeidsmiljøloven § 2 A-1" in p3
    assert "offentleglova § 10" in _citations(content, "O5")
    assert any(c.startswith("arkivlova") for c in _citations(content, "O5"))
    assert "forvaltningsloven § 11" in _citations(content, "O4")
    fvl13 = next(b for b in content.guidelines.get("P3").legal_basis if b.section == "§ 13")
    assert "også etter" in fvl13.description
    gl100 = next(b for b in content.guidelines.get("P3").legal_basis if b.law == "Grunnloven")
    assert "kritisere" in gl100.description and "høy terskel" in gl100.description


def test_o7_explains_kommunedirektor(content: Content) -> None:
    o7 = content.guidelines.get("O7")
    assert "kommunedirektør" in o7.explanation
    assert "§ 13-1" in o7.explanation
    assert "kommunedirektørens innstilling" in o7.explanation
    # The old title is mentioned once, in the explanation, and nowhere else in the guidelines.
    everywhere = [g.title + g.text + g.explanation + "".join(b.description for b in g.legal_basis)
                  for g in content.guidelines.items]
    assert sum(text.count("rådmann") for text in everywhere) == 1 and "rådmann" in o7.explanation
    assert "kommunedirektørens innstilling" in o7.title + o7.text


def test_markdown_lists_all_items_with_explanation_and_basis(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("retningslinjer", "--format", "markdown")
    assert result.code == 0, result.err
    for gid in EXPECTED_IDS:
        assert re.search(rf"^### {gid}\. ", result.out, re.M), gid
    assert result.out.count("**I praksis:**") == 13
    assert "forvaltningsloven § 13" in result.out
    assert "Ansattes bruk av sosiale medier privat" in result.out
    assert "Kommunens offisielle kontoer" in result.out
    # Markdown is never wrapped: each guideline text stays on one line.
    p2 = next(line for line in result.out.splitlines() if line.startswith("> Vurder nøye"))
    assert p2.endswith("begge parter.")


def test_json_output_is_complete_and_unwrapped(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("retningslinjer", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    ids = [g["id"] for s in data["sections"] for g in s["guidelines"]]
    assert ids == list(EXPECTED_IDS)
    o2 = data["sections"][1]["guidelines"][1]
    assert o2["points"][0] == "Si takk for skryt."
    assert o2["legal_basis"][0]["law"] == "forvaltningsloven"


def test_selected_ids_case_insensitive_and_ordered(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("retningslinjer", "o7", "P3", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert [g["id"] for s in data["sections"] for g in s["guidelines"]] == ["P3", "O7"]


def test_tekst_output_shows_sections_and_basis(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("retningslinjer", "P5")
    assert result.code == 0
    assert "P5" in result.out and "Henvendelser direkte til Tydal kommune" in result.out
    assert "Hjemmel" in result.out and "forvaltningsloven § 11" in result.out
    assert "P3" not in result.out


def test_unknown_id_lists_valid_ids(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("retningslinjer", "P9")
    assert result.code == 2
    assert "Ukjent retningslinje: «P9»" in result.err
    assert "P1, P2, P3, P4, P5, P6, O1, O2, O3, O4, O5, O6, O7" in result.err
    assert "Traceback" not in result.err


def test_the_toml_file_itself_parses_and_has_no_tabs() -> None:
    raw = packaged_root().joinpath("retningslinjer.toml").read_text(encoding="utf-8")
    assert "\t" not in raw
    tomllib.loads(raw)
