"""Missing, malformed or inconsistent content gives one clear message per problem and exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tydal_sjekk.bundle import validate_all
from tydal_sjekk.core.folder import Content
from tydal_sjekk.core.schema import ContentError


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    return [str(p) for p in validate_all(Content.from_option(folder))]


def test_packaged_content_is_valid(content: Content) -> None:
    assert validate_all(content) == []


def test_missing_file(content_copy: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (content_copy / "retningslinjer.toml").unlink()
    result = run_cli("--innhold", str(content_copy), "retningslinjer")
    assert result.code == 2
    assert "retningslinjer.toml: filen mangler" in result.err
    assert "Traceback" not in result.err


def test_malformed_toml_names_the_line(content_copy: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    target = content_copy / "retningslinjer.toml"
    lines = target.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "dette er = = ikke toml")
    target.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("--innhold", str(content_copy), "retningslinjer")
    assert result.code == 2
    assert re.search(r"retningslinjer\.toml: ugyldig TOML på linje 5, kolonne \d+", result.err), result.err


def test_missing_field_names_file_and_key(content_copy: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _edit(content_copy / "retningslinjer.toml", 'tittel = "Internett er permanent"\n', "")
    result = run_cli("--innhold", str(content_copy), "retningslinjer", "--format", "json")
    assert result.code == 2
    assert "retningslinjer.toml: retningslinje[5] «P6».tittel: mangler" in result.err
    assert result.out == ""  # nothing half-loaded is printed


def test_duplicate_id(content_copy: Path) -> None:
    _edit(content_copy / "retningslinjer.toml", 'id = "P2"', 'id = "P1"')
    problems = _problems(content_copy)
    assert any("id-en «P1» er brukt mer enn én gang" in p for p in problems), problems


def test_unknown_key_suggests_the_right_one(content_copy: Path) -> None:
    _edit(content_copy / "retningslinjer.toml", "forklaring = ", "forklarng = ")
    problems = _problems(content_copy)
    assert any("forklarng: ukjent nøkkel – mente du «forklaring»?" in p for p in problems), problems
    assert any("«P1».forklaring: mangler" in p for p in problems), problems


def test_wrong_type(content_copy: Path) -> None:
    _edit(content_copy / "retningslinjer.toml", "nummer = 3", 'nummer = "tre"')
    problems = _problems(content_copy)
    assert any("«P3».nummer: må være heltall, fant tekst" in p for p in problems), problems


def test_reference_to_missing_section(content_copy: Path) -> None:
    _edit(content_copy / "retningslinjer.toml", 'seksjon = "privat"\nnummer = 6', 'seksjon = "hemmelig"\nnummer = 6')
    problems = _problems(content_copy)
    assert any("«P6».seksjon: viser til seksjonen «hemmelig», som ikke finnes" in p for p in problems), problems


def test_settings_are_validated_too(content_copy: Path) -> None:
    _edit(content_copy / "innstillinger.toml", "telefonnumre = []", 'telefonnumre = ["73 81 59 00"]')
    problems = _problems(content_copy)
    assert any("telefonnumre[0]: skal bare inneholde sifre" in p for p in problems), problems


def test_innhold_sjekk_reports_all_problems_at_once(content_copy: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _edit(content_copy / "retningslinjer.toml", 'id = "P2"', 'id = "P1"')
    _edit(content_copy / "retningslinjer.toml", "forklaring = ", "forklarng = ")
    _edit(content_copy / "innstillinger.toml", 'navn = "Tydal kommune"', "navn = 7")
    result = run_cli("innhold", "sjekk", str(content_copy))
    assert result.code == 2
    bullet_lines = [line for line in result.err.splitlines() if line.strip().startswith("•")]
    assert len(bullet_lines) >= 4
    assert "brukt mer enn én gang" in result.err
    assert "forklarng" in result.err
    assert "kommune.navn: må være tekst, fant heltall" in result.err
    assert "Traceback" not in result.err


def test_innhold_sjekk_ok(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("innhold", "sjekk")
    assert result.code == 0, result.err
    assert "er gyldig" in result.out
    assert "13 retningslinjer" in result.out


def test_missing_content_folder(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--innhold", str(tmp_path / "finnes-ikke"), "retningslinjer")
    assert result.code == 2
    assert "innholdsmappen finnes ikke" in result.err


def test_env_var_points_to_other_content(content_copy: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _edit(content_copy / "retningslinjer.toml", "Vær bevisst på rollen din som ansatt i Tydal kommune.",
          "Vær bevisst på rollen din som ansatt i Holtålen kommune.")
    monkeypatch.setenv("TYDAL_SJEKK_INNHOLD", str(content_copy))
    result = run_cli("retningslinjer", "P1", "--format", "markdown")
    assert result.code == 0
    assert "Holtålen" in result.out


def test_invalid_utf8_content(content_copy: Path) -> None:
    (content_copy / "innstillinger.toml").write_bytes(b"[kommune]\nnavn = \"Tydal \xe6\"\n")
    problems = _problems(content_copy)
    assert any("innstillinger.toml: filen er ikke gyldig UTF-8" in p for p in problems), problems


def test_content_error_is_raised_whole(content_copy: Path) -> None:
    _edit(content_copy / "retningslinjer.toml", 'id = "P2"', 'id = "P1"')
    with pytest.raises(ContentError) as info:
        _ = Content.from_option(content_copy).guidelines
    assert info.value.problems


def test_rule_pointing_at_a_missing_guideline(content_copy: Path) -> None:
    _edit(content_copy / "regler.toml", 'id = "telefon"\nretningslinje = "P3"', 'id = "telefon"\nretningslinje = "P9"')
    problems = _problems(content_copy)
    expected = "«telefon».retningslinje: viser til «P9», som ikke finnes"
    assert any("regel[" in p and expected in p for p in problems), problems


def test_rule_with_unknown_signal_and_bad_term(content_copy: Path) -> None:
    _edit(content_copy / "regler.toml", 'signaler = ["banning"]', 'signaler = ["banning|sverting"]')
    _edit(content_copy / "regler.toml", '"faen", "fy faen"', '"fa*en", "fy {faen"')
    problems = _problems(content_copy)
    assert any("ukjent signal «sverting»" in p for p in problems), problems
    assert any("ugyldig term «fa*en»: «fa*en»: * kan bare stå først eller sist i et ord" in p for p in problems)
    assert any("ugyldig term «fy {faen»: har «{» uten «}»" in p for p in problems)


def test_rule_with_unknown_placeholder_and_bad_severity(content_copy: Path) -> None:
    _edit(content_copy / "regler.toml", 'melding = "Teksten inneholder banning."', 'melding = "Teksten {banner}."')
    _edit(content_copy / "regler.toml", 'id = "banning"\nretningslinje = "P6"\nkategori = "tone"\nalvor = "warning"',
          'id = "banning"\nretningslinje = "P6"\nkategori = "tone"\nalvor = "kritisk"')
    problems = _problems(content_copy)
    assert any("ukjent plassholder «{banner}»" in p for p in problems), problems
    assert any("alvor: ugyldig verdi «kritisk»; gyldige verdier er info, warning, stop" in p for p in problems)


def test_missing_name_list_file(content_copy: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (content_copy / "navn" / "fornavn.txt").unlink()
    result = run_cli("--innhold", str(content_copy), "sjekk", "hei")
    assert result.code == 2
    assert "navn/fornavn.txt: filen mangler" in result.err


def test_content_error_during_sjekk_has_no_traceback(content_copy: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (content_copy / "regler.toml").write_text("[[regel]\nid = 1\n", encoding="utf-8")
    result = run_cli("--innhold", str(content_copy), "sjekk", "hei")
    assert result.code == 2
    assert "regler.toml: ugyldig TOML på linje 1" in result.err
    assert "Traceback" not in result.err


def test_model_margin_without_required_signals_is_checked(content_copy: Path) -> None:
    target = content_copy / "modell" / "modell.toml"
    # the shipped margins change with tuning: the whole line is replaced
    text, n = re.subn(r"(?m)^krever_ikke_over = \{.*\}$", "krever_ikke_over = { P1 = -1.0, P4 = 1.0 }",
                      target.read_text(encoding="utf-8"))
    assert n == 1
    target.write_text(text, encoding="utf-8")
    problems = _problems(content_copy)
    assert any("krever_ikke_over.P1" in p and "fra 0 til 20" in p for p in problems), problems
    assert any("krever_ikke_over.P4" in p and "«P4» står ikke i «krever»" in p for p in problems), problems


def test_threshold_shift_moves_the_trained_threshold_and_is_bounded(content_copy: Path) -> None:
    from tydal_sjekk.check.learned import model_of

    target = content_copy / "modell" / "modell.toml"

    def set_shift(table: str) -> None:
        text = target.read_text(encoding="utf-8")
        text, n = re.subn(r"(?m)^terskeljustering = .*$", f"terskeljustering = {table}", text)
        assert n == 1
        target.write_text(text, encoding="utf-8")

    def thresholds() -> dict[str, float]:
        model = model_of(Content(content_copy, "innhold", use_cache=False))
        assert model is not None
        return {g.id: g.threshold for g in model.guidelines}

    set_shift("{}")
    before = thresholds()
    set_shift("{ P1 = -0.5, O3 = 0.25 }")
    after = thresholds()
    assert after["P1"] == pytest.approx(before["P1"] - 0.5)
    assert after["O3"] == pytest.approx(before["O3"] + 0.25)
    assert after["P3"] == before["P3"]
    set_shift("{ P1 = 9.0, P9 = 0.5 }")
    problems = _problems(content_copy)
    assert any("terskeljustering.P1" in p and "fra -5 til 5" in p for p in problems), problems
    assert any("terskeljustering.P9" in p and "«P9» er ikke en retningslinje" in p for p in problems), problems


def test_fewest_words_for_a_learned_finding_is_bounded_and_works(content_copy: Path) -> None:
    from tydal_sjekk.check import checker_for

    target = content_copy / "modell" / "modell.toml"
    short = "Satt med ho på 4-eren hele natta, ho sovna til slutt"
    before = checker_for(Content(content_copy, "innhold", use_cache=False)).check(short)
    assert any(f.rule == "modell-P3" for f in before.findings)
    _edit(target, "min_ord = { P3 = 6 }", "min_ord = { P3 = 20 }")
    after = checker_for(Content(content_copy, "innhold", use_cache=False)).check(short)
    assert not any(f.rule == "modell-P3" for f in after.findings)
    _edit(target, "min_ord = { P3 = 20 }", "min_ord = { P3 = 99, P9 = 3 }")
    problems = _problems(content_copy)
    assert any("min_ord.P3" in p and "fra 0 til 50" in p for p in problems), problems
    assert any("min_ord.P9" in p and "«P9» er ikke en retningslinje" in p for p in problems), problems


def test_own_case_rules_of_the_reply_helper_must_exist(content_copy: Path) -> None:
    _edit(content_copy / "svar.toml", '"fodselsnummer-ugyldig"]', '"fodselsnummer-ugyldig", "finnes-ikke"]')
    problems = _problems(content_copy)
    expected = "klassifisering.egen_sak_regler: viser til regelen «finnes-ikke», som ikke finnes"
    assert any(expected in p for p in problems), problems
