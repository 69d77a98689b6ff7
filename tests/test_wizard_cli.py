"""`tydal-sjekk veiviser` without a terminal: --svar, --svarmal, --rapport and the no-terminal message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from helpers import first_valid

from tydal_sjekk.core.folder import Content

FNR = first_valid("150385")


def _answers(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "svar.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _private_answers(tmp_path: Path, utkast: str, *, about_work: bool) -> Path:
    """Answers for a private post with nothing to report except (maybe) that it is about work and the role."""
    yes = "ja" if about_work else "nei"
    return _answers(
        tmp_path,
        f'konto = "privat"\nom-jobben = "{yes}"\npersoner = "nei"\nkontakt = "nei"\njobbinfo = "nei"\n'
        f'rolle = "{yes}"\nhenvendelse = "nei"\nsinne = "rolig"\nutkast = "{utkast}"\n',
    )


def test_svarmal_is_valid_toml_with_every_question(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("veiviser", "--svarmal")
    assert result.code == 0
    data = tomllib.loads(result.out)
    assert data["konto"] == "privat" and "kommentartype" in data


def test_svar_file_ok(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    template = run_cli("veiviser", "--svarmal").out
    result = run_cli("veiviser", "--svar", str(_answers(tmp_path, template)))
    assert result.code == 0, result.err
    assert "Oppsummering" in result.out and "OK" in result.out


def test_svar_file_with_guidance_and_draft(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = _private_answers(tmp_path, f"Fnr {FNR}", about_work=True)
    report = tmp_path / "rapport.md"
    result = run_cli("veiviser", "--svar", str(path), "--rapport", str(report))
    assert result.code == 1
    assert Content().settings.texts.disclaimer in result.out
    assert "150385*****" in result.out and FNR not in result.out
    text = report.read_text(encoding="utf-8")
    assert "### P4" in text and "Fnr" not in text  # the draft stays out unless ta_med_utkast = true


def test_official_svar_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = _answers(
        tmp_path,
        'konto = "offisiell"\nkommentartype = "saksbehandling"\npersonopplysninger = "nei"\n'
        'videresendt = "nei"\nform = "ja"\nrepresenterer = "ja"\n',
    )
    result = run_cli("veiviser", "--svar", str(path))
    assert result.code == 1
    assert " O4 " in result.out and " O5 " in result.out and "postmottak@tydal.kommune.no" in result.out


def test_svar_file_errors_are_listed(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = _answers(tmp_path, 'konto = "privat"\nom-jobben = "kanskje"\nfarge = "blå"\n')
    result = run_cli("veiviser", "--svar", str(path))
    assert result.code == 2
    assert "«kanskje» er ikke et gyldig svar på «om-jobben»" in result.err
    assert "«farge» er ikke et spørsmål i veiviseren" in result.err
    assert "mangler svar på «personer»" in result.err
    assert "--svarmal" in result.err
    broken = _answers(tmp_path, "konto = \n")
    result = run_cli("veiviser", "--svar", str(broken))
    assert result.code == 2 and "ugyldig TOML på linje 1" in result.err


def test_existing_report_is_not_overwritten_without_overskriv(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    answers = _answers(tmp_path, run_cli("veiviser", "--svarmal").out)
    report = tmp_path / "rapport.md"
    report.write_text("gammel", encoding="utf-8")
    result = run_cli("veiviser", "--svar", str(answers), "--rapport", str(report))
    assert result.code == 2 and "finnes fra før" in result.err and "--overskriv" in result.err
    assert report.read_text(encoding="utf-8") == "gammel"
    assert run_cli("veiviser", "--svar", str(answers), "--rapport", str(report), "--overskriv").code == 0
    assert report.read_text(encoding="utf-8").startswith("# Veiviser")


def test_missing_answers_file(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("veiviser", "--svar", "finnes-ikke.toml")
    assert result.code == 2 and "Fant ikke filen «finnes-ikke.toml»" in result.err


def test_without_a_terminal_points_to_sjekk_and_svar(run_cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("veiviser",), ()):
        result = run_cli(*args)
        assert result.code == 2
        assert "tydal-sjekk sjekk" in result.err and "--svar" in result.err
        assert "Traceback" not in result.err


def test_a_long_draft_shows_at_most_fifty_findings_the_most_severe_kept(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Like `sjekk`: no person reads a thousand findings on the screen, and the «stopp» is never the one left
    out; the report lists them all."""
    names = " ".join(f"Hilsen fra Kari Nordmann nr {k}." for k in range(80))
    path = _private_answers(tmp_path, f"{names} Fnr {FNR}", about_work=False)
    report = tmp_path / "rapport.md"
    result = run_cli("veiviser", "--svar", str(path), "--rapport", str(report))
    assert result.code == 1, result.err
    assert "funn til i teksten" in result.out
    assert "150385*****" in result.out  # the identity number (stopp) comes after 80 names (info)
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", report.read_text(encoding="utf-8"))]
    assert max(numbers) >= 81  # the report lists every finding (80 names, the number, perhaps the model's)
