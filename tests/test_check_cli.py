"""`tydal-sjekk sjekk` on the command line: inputs, formats, exit codes, batch mode, bad input."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest
from helpers import first_valid

FNR = first_valid("150385")


class _Stdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(data), encoding="utf-8"))


def test_text_argument_ok_exits_0(run_cli, content) -> None:  # type: ignore[no-untyped-def]
    texts = content.settings.texts
    result = run_cli("sjekk", "Fin tur i fjellet i dag.")
    assert result.code == 0
    assert texts.verdict["ok"] in result.out and texts.reminder[:30] in result.out


def test_findings_exit_1_and_text_output_is_grouped_by_guideline(run_cli, content) -> None:  # type: ignore[no-untyped-def]
    texts = content.settings.texts
    result = run_cli("sjekk", f"Eleven min har ADHD. Fnr {FNR}. DETTE ER HELT FEIL!!!")
    assert result.code == 1
    out = result.out
    assert texts.verdict["stop"] in out and texts.verdict_explanation["stop"] in out
    assert out.index(" P3 ") < out.index(" P6 ")
    assert out.startswith(f"{texts.labels['vurdering']}:")  # the verdict first
    assert f"{texts.labels['gjor_dette']}:" in out
    assert out.count(texts.reminder) == 1
    assert FNR not in out and "150385*****" in out  # masked in the draft and in the excerpts
    assert "[1]" in out and "«" in out


def test_json_output_shape(run_cli) -> None:  # type: ignore[no-untyped-def]
    text = f"Ring Kari på 912 34 567, fnr {FNR}."
    result = run_cli("sjekk", "--format", "json", text)
    assert result.code == 1
    data = json.loads(result.out)
    assert set(data) == {"tool", "version", "konto", "verdict", "findings", "quoted_lines"}
    assert data["quoted_lines"] == 0
    assert data["tool"] == "tydal-sjekk" and data["konto"] == "privat" and data["verdict"] == "stop"
    keys = {"rule", "guideline", "category", "severity", "start", "end", "excerpt", "message", "advice",
            "score", "reason"}
    for f in data["findings"]:
        assert set(f) == keys
        assert 0 <= f["start"] <= f["end"] <= len(text)
    fnr = next(f for f in data["findings"] if f["category"] == "fodselsnummer")
    assert text[fnr["start"] : fnr["end"]] == FNR and fnr["excerpt"] == "150385*****"
    assert {f["category"] for f in data["findings"]} >= {"telefon", "fodselsnummer", "navn"}


def test_vis_treff_shows_personal_data(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "--format", "json", "--vis-treff", "Ring Kari på 912 34 567.")
    excerpts = [f["excerpt"] for f in json.loads(result.out)["findings"]]
    assert "912 34 567" in excerpts and "Kari" in excerpts


def test_markdown_output(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "--format", "markdown", "Politikerne er idioter!!!")
    assert result.code == 1
    assert "**Vurdering: SE OVER**" in result.out
    assert "#### P6 – Internett er permanent" in result.out
    assert all(len(line) < 400 for line in result.out.splitlines())


def test_konto_offisiell(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "--konto", "offisiell", "--format", "json", "Vi mener politikerne tok feil.")
    data = json.loads(result.out)
    assert data["konto"] == "offisiell" and data["findings"][0]["guideline"] == "O6"


def test_files_each_get_their_own_result(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Fin dag.", encoding="utf-8")
    b.write_text(f"Fnr {FNR}", encoding="utf-8")
    result = run_cli("sjekk", "--format", "json", "-f", str(a), "--fil", str(b))
    data = json.loads(result.out)
    assert [d["fil"] for d in data] == [str(a), str(b)]
    assert [d["verdict"] for d in data] == ["ok", "stop"]
    assert result.code == 1
    text = run_cli("sjekk", "-f", str(a), "-f", str(b))
    assert str(a) in text.out and str(b) in text.out


def test_stdin_with_dash_and_without_argument(monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    _stdin(monkeypatch, "Ring meg på 912 34 567".encode())
    assert json.loads(run_cli("sjekk", "-", "--format", "json").out)["findings"][0]["rule"] == "telefon-egen"
    _stdin(monkeypatch, b"Politikerne er idioter")
    result = run_cli("sjekk", "--format", "json")
    assert result.code == 1 and json.loads(result.out)["verdict"] == "review"


def test_windows_files_in_cp1252_need_encoding(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "utkast.txt"
    path.write_bytes("Blåbærsyltetøy på skolen".encode("cp1252"))
    result = run_cli("sjekk", "-f", str(path))
    assert result.code == 2
    assert "er ikke gyldig utf-8" in result.err and "--encoding cp1252" in result.err
    ok = run_cli("sjekk", "-f", str(path), "--encoding", "cp1252", "--format", "json")
    assert ok.code == 0


def test_utf8_bom_is_accepted(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Hei på deg".encode())
    assert run_cli("sjekk", "-f", str(path)).code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sjekk", ""), "Teksten er tom."),
        (("sjekk", "   \n "), "Teksten er tom."),
        (("sjekk", "--format", "xml", "hei"), "Ugyldig verdi for --format: «xml»"),
        (("sjekk", "--konto", "kommune", "hei"), "Ugyldig verdi for --konto: «kommune»"),
        (("sjekk", "--encoding", "klingon", "hei"), "Ukjent tegnkoding: «klingon»"),
        (("sjekk", "-f", "finnes-ikke.txt"), "Fant ikke filen «finnes-ikke.txt»"),
        (("sjekk", "--jsonl", "-", "hei"), "--jsonl kan ikke brukes sammen med TEKST eller --fil"),
    ],
)
def test_bad_input_gives_norwegian_message_and_exit_2(args: tuple[str, ...], message: str, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err + result.out


def test_directory_binary_and_empty_files(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert "er en mappe, ikke en fil" in run_cli("sjekk", "-f", str(tmp_path)).err
    binary = tmp_path / "bilde.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run_cli("sjekk", "-f", str(binary))
    assert result.code == 2 and "binærfil" in result.err and "bilde.png" in result.err
    empty = tmp_path / "tom.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = run_cli("sjekk", "-f", str(empty))
    assert result.code == 2 and "er tom" in result.err


def test_no_text_in_a_terminal_explains_what_to_do(monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("tydal_sjekk.cli_check.stdin_is_terminal", lambda: True)
    result = run_cli("sjekk")
    assert result.code == 2
    assert "Ingen tekst å sjekke" in result.err and "veiviser" in result.err


def test_nul_byte_inside_text_is_handled(monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    _stdin(monkeypatch, f"Fnr\x00{FNR}\x00 ok".encode())
    result = run_cli("sjekk", "--format", "json")
    data = json.loads(result.out)
    (number,) = [f for f in data["findings"] if f["rule"] == "fodselsnummer"]
    assert data["verdict"] == "stop" and (number["start"], number["end"]) == (4, 15)  # offsets in the text as given


def test_batch_jsonl(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    lines = [
        json.dumps({"id": 1, "text": "Fin dag"}),
        json.dumps({"id": "b", "text": "Vi mener politikerne tok feil.", "konto": "offisiell"}),
        "ikke json",
        json.dumps({"id": 4}),
        json.dumps({"id": 5, "text": "Hei", "konto": "feil"}),
        "",
        json.dumps({"id": 6, "text": f"Fnr {FNR}"}),
    ]
    path = tmp_path / "utkast.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("sjekk", "--jsonl", str(path))
    out = [json.loads(line) for line in result.out.splitlines()]
    assert [o.get("id") for o in out] == [1, "b", None, 4, 5, 6]
    assert out[0]["verdict"] == "ok" and out[1]["konto"] == "offisiell" and out[1]["verdict"] == "review"
    assert "error" in out[2] and "error" in out[3] and "ugyldig konto" in out[4]["error"]
    assert out[5]["verdict"] == "stop"
    assert result.code == 2  # some lines were malformed


def test_batch_without_errors_exits_by_verdict(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "Fin dag"}) + "\n", encoding="utf-8")
    assert run_cli("sjekk", "--jsonl", str(path)).code == 0
    path.write_text(json.dumps({"id": 1, "text": "Idioter!!!"}) + "\n", encoding="utf-8")
    assert run_cli("sjekk", "--jsonl", str(path)).code == 1


def test_long_draft_is_summarised_not_printed(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "Fin dag på jobb. " * 200)
    assert result.code == 0 and "langt (3\u00a0400 tegn)" in result.out


def test_the_reason_of_a_learned_finding_is_shown_once(run_cli) -> None:  # type: ignore[no-untyped-def]
    text = ("Var hos ei eldre dame i hjemmetjenesten i dag som hadde ligget på gulvet i to døgn før vi fant henne. "
            "Hun bor alene oppe i Østbyen og har begynnende demens.")
    for fmt in ("tekst", "markdown"):
        out = run_cli("sjekk", "--format", fmt, text).out
        assert out.count("ord som") == 1, out


@pytest.mark.parametrize("fmt", ["tekst", "markdown"])
def test_the_findings_left_out_of_a_long_list_are_never_the_most_severe(run_cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Text and Markdown show 50 findings; an identity number after 80 names (info) is among them."""
    names = " ".join(f"Hilsen fra Kari Nordmann nr {k}." for k in range(80))
    result = run_cli("sjekk", "--format", fmt, f"{names} Fnr {FNR}")
    assert result.code == 1
    assert "funn til" in result.out
    # the identity number (stop), numbered after the 80 names (info), is among the findings shown
    shown = [int(n) for n in re.findall(r"\[(\d+)\]\*?\*? ?(?:STOPP|Stopp)", result.out)]
    assert any(n > 80 for n in shown), result.out
