"""Every output as a person meets it (issue 12) and the wizard's reading of the law (issue 10, item 7).

- A typical result of `sjekk`, `svar` and the wizard fits one screen: at most 40 lines at 100 columns,
  counted as the terminal shows them (a soft-wrapped line counts as the rows it takes).
- Text breaks only between words at 50–200 columns, headings keep their indent, and piped output has no
  trailing spaces.
- Reply templates can be copied: no borders or hard line breaks inside a template, placeholders as
  ``[navn]``, in every format.
- The safer version of a draft (`--forslag`), copying a template (`--kopier`) and `--detaljer`.
"""

from __future__ import annotations

import json
import math
import os
import stat
import sys
from pathlib import Path

import pytest
from helpers import first_valid
from rich.cells import cell_len

from tydal_sjekk.check import check_text
from tydal_sjekk.core.folder import Content
from tydal_sjekk.reply.classifier import reply_content
from tydal_sjekk.wizard.flow import difference_line, run_flow, summarise, wizard_content

FNR = first_valid("150385")
SCREEN = 40
BOX = set("│─╭╮╰╯┌┐└┘├┤┬┴┼═║╔╗╚╝")

TYPICAL_DRAFTS = [
    "Eleven Ola har fått diagnosen ADHD. Ring meg på 912 34 567!",
    "Så stolt av elevene i dag! Eleven Ola har fått diagnosen ADHD, og vi i kommunen har bestemt å gi ham "
    "ekstra hjelp. Ring meg på 912 34 567 hvis noen lurer!!!",
    "For en uke! Vi i kommunen har hatt mye å gjøre, og jeg er sliten men glad.\n\n"
    "Eleven Ola har fått diagnosen ADHD, og det har preget klassen.\n\n"
    "Nå blir det helg og tur i fjellet. God helg, alle sammen!",
    f"Kari Nordmann (fnr {FNR}) bor i Storgata 5 og har e-post kari.nordmann@gmail.com. Hun er pasient hos oss. "
    "DETTE ER HELT FEIL!!!",
    "Vi er altfor få på jobb på sykehjemmet, og det går ut over beboerne. Dette er mine egne meninger og ikke "
    "Tydal kommunes.",
    "Fin tur i fjellet i dag.",
]
TYPICAL_COMMENTS = [
    "Tusen takk for flott brøyting i dag! 👍",
    "Når åpner biblioteket etter ferien?",
    "Elendig vedlikehold av veiene, helt uakseptabelt. Hvor lenge skal vi vente??",
    "Hørte at kommunen skal legge ned skolen neste år, stemmer det?",
    "Når får jeg svar på byggesøknaden min? Jeg har ventet i tre måneder og har saksnummer 24/1234.",
    "Hva mener kommunen om vindkraft på fjellet?",
    f"Saken min gjelder fnr {FNR}, ring meg på 912 34 567",
]


def screen_lines(text: str, width: int = 100) -> int:
    """How many terminal rows ``text`` takes at ``width`` columns (a long line wraps in the terminal)."""
    lines = text.rstrip("\n").split("\n")
    return sum(max(1, math.ceil(cell_len(line) / width)) for line in lines)


def unbroken(narrow: str, wide: str) -> list[str]:
    """Words of the narrow output that the wide output does not have: pieces of a word broken in two."""
    vocabulary = set(wide.split())
    return [w for w in narrow.split() if w not in vocabulary and not set(w) <= {"─"}]


# --- one screen ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("draft", TYPICAL_DRAFTS)
def test_sjekk_fits_one_screen_with_the_verdict_first(run_cli, content: Content, draft: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", draft)
    assert screen_lines(result.out) <= SCREEN, result.out
    texts = content.settings.texts
    assert result.out.startswith(f"{texts.labels['vurdering']}:")
    assert result.out.count(texts.reminder) == 1


def test_sjekk_official_reply_fits_one_screen(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "--konto", "offisiell", "Hei Per Olav! Byggesøknaden din er nesten ferdig, og "
                     "dispensasjonen blir nok innvilget. Personlig mener jeg at idrettshallen er viktigst.")
    assert screen_lines(result.out) <= SCREEN, result.out


@pytest.mark.parametrize("comment", TYPICAL_COMMENTS)
def test_svar_fits_one_screen(run_cli, comment: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", comment)
    assert screen_lines(result.out) <= SCREEN, result.out
    assert result.out.startswith("Vurdering:")


def test_svar_with_a_draft_fits_one_screen(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", "--utkast", "Vi skal se på saken din og ordne det.", "Når får jeg svar på byggesøknaden?")
    assert result.code == 1 and screen_lines(result.out) <= SCREEN, result.out
    assert "Ditt utkast til svar" in result.out and result.out.count("Husk:") == 1


WIZARD_CASES = {
    "privat-med-tekst": (
        'konto = "privat"\nom-jobben = "ja"\npersoner = "ja"\nkontakt = "nei"\njobbinfo = "arbeidsforhold"\n'
        'rolle = "ja"\nhenvendelse = "nei"\nsinne = "opprort"\n', TYPICAL_DRAFTS[2]),
    "privat-alle-rad": (
        'konto = "privat"\nom-jobben = "ja"\npersoner = "ja"\nkontakt = "ja"\njobbinfo = "person"\n'
        'rolle = "ja"\nhenvendelse = "ja"\nsinne = "usikker"\n', ""),
    "offisiell-svar": (
        'konto = "offisiell"\nkommentartype = "saksbehandling"\npersonopplysninger = "ja"\nvideresendt = "nei"\n'
        'form = "usikker"\nrepresenterer = "nei"\n', "Takk for spørsmålet. Send en e-post til postmottak."),
    "offisiell-innlegg": (
        'konto = "offisiell"\nkommentartype = "eget"\ninnlegg-politikk = "ja"\ninnlegg-kilder = "ja"\n'
        'innlegg-form = "usikker"\nrepresenterer = "nei"\n', "Kommunestyret behandler skolesaken 12. desember."),
}


@pytest.mark.parametrize("case", sorted(WIZARD_CASES))
def test_wizard_summary_fits_one_screen(run_cli, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    answers, draft = WIZARD_CASES[case]
    path = tmp_path / "svar.toml"
    path.write_text(answers + (f'utkast = """{draft}"""\n' if draft else ""), encoding="utf-8")
    result = run_cli("veiviser", "--svar", str(path))
    assert result.code in (0, 1), result.err
    assert screen_lines(result.out) <= SCREEN, result.out
    assert "Samlet vurdering" not in result.out and result.out.count("Vurdering:") == 1
    assert result.out.count("Husk:") == 1


# --- wrapping, indent and trailing spaces ----------------------------------------------------------------


def _outputs(run_cli, tmp_path: Path, width: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", str(width))
    answers, draft = WIZARD_CASES["privat-med-tekst"]
    path = tmp_path / "svar.toml"
    path.write_text(answers + f'utkast = """{draft}"""\n', encoding="utf-8")
    return {
        "sjekk": run_cli("sjekk", TYPICAL_DRAFTS[1]).out,
        "svar": run_cli("svar", "--utkast", "Vi mener politikerne tok feil.", TYPICAL_COMMENTS[4]).out,
        "veiviser": run_cli("veiviser", "--svar", str(path)).out,
        "retningslinjer": run_cli("retningslinjer").out,
    }


def test_text_breaks_only_between_words_and_has_no_trailing_spaces(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    wide = _outputs(run_cli, tmp_path, 200, monkeypatch)
    for width in (50, 60, 80, 100, 160):
        narrow = _outputs(run_cli, tmp_path, width, monkeypatch)
        for name, text in narrow.items():
            assert not unbroken(text, wide[name]), (width, name, unbroken(text, wide[name]))
            assert all(line == line.rstrip() for line in text.split("\n")), (width, name)


def test_headings_keep_their_indent_at_narrow_widths(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "50")
    out = run_cli("retningslinjer", "P2").out
    lines = out.split("\n")
    heading = next(k for k, line in enumerate(lines) if line.startswith(" P2 "))
    assert lines[heading + 1].startswith("     brukere")  # the title's second line stays under the title


# --- copyable replies --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tekst", "markdown", "json"])
@pytest.mark.parametrize("type_id", ["ros", "negativ", "saksbehandling", "politisk"])
def test_templates_are_copyable_in_every_format(run_cli, content: Content, fmt: str, type_id: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", "--format", fmt, "--type", type_id, "Hei")
    templates = [t for t in reply_content(content).templates if t.type == type_id]
    if fmt == "json":
        shown = [t["text"] for t in json.loads(result.out)["templates"]]
        assert shown == [t.text for t in templates]
    else:
        lines = result.out.split("\n")
        for t in templates:
            assert t.text in lines, t.id  # the whole template on one line: no borders, no hard breaks
    for t in templates:
        assert not set(t.text) & BOX
    assert "\\[" not in result.out  # placeholders stay [navn], also in Markdown


def test_only_the_o2_point_for_the_type_is_shown(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("svar", "--type", "negativ", "Dette er ikke bra.").out
    assert "Svar alltid på negative kommentarer" in out and "Si takk for skryt" not in out
    out = run_cli("svar", "--type", "saksbehandling", "Hei").out
    assert "Si takk for skryt" not in out and "Rett alltid opp feil fakta" not in out
    data = json.loads(run_cli("svar", "--format", "json", "--type", "ros", "Hei").out)
    o2 = next(g for g in data["guidelines"] if g["id"] == "O2")
    assert o2["points"] == ["Si takk for skryt."]


def test_type_option_hides_the_classifiers_guess(run_cli) -> None:  # type: ignore[no-untyped-def]
    guessed = run_cli("svar", "Når får jeg svar på byggesøknaden min?").out
    assert "gjettet ut fra «" in guessed and "«byggesøknaden»" in guessed and " %)" in guessed
    forced = run_cli("svar", "--type", "politisk", "Når får jeg svar på byggesøknaden min?").out
    assert "gjettet" not in forced and "%" not in forced and "byggesøknaden" not in forced
    data = json.loads(run_cli("svar", "--format", "json", "--type", "politisk", "Når får jeg svar?").out)
    assert data["confidence"] is None and data["signals"] == [] and data["type_source"] == "option"
    data = json.loads(run_cli("svar", "--format", "json", "Når får jeg svar på byggesøknaden?").out)
    assert 0 < data["confidence"] <= 1 and data["type_source"] == "classifier"


def test_svar_json_keeps_its_fields(run_cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run_cli("svar", "--format", "json", "Hei").out)
    for key in ("tool", "version", "type", "type_name", "confidence", "signals", "guidelines", "checklist",
                "templates", "personal_data", "draft"):
        assert key in data


# --- --kopier ------------------------------------------------------------------------------------------------


def _fake_tool(folder: Path, name: str, target: Path) -> None:
    tool = folder / name
    tool.write_text(f"#!{sys.executable}\nimport sys\nopen({str(target)!r}, 'wb').write(sys.stdin.buffer.read())\n",
                    encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="the X11 clipboard tools")
def test_kopier_puts_the_template_on_the_clipboard(
    run_cli, content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    copied = tmp_path / "utklipp.txt"
    _fake_tool(tmp_path, "xclip", copied)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = run_cli("svar", "--type", "ros", "--kopier", "2", "Takk!")
    second = [t for t in reply_content(content).templates if t.type == "ros"][1]
    assert copied.read_bytes().decode("utf-8") == second.text
    assert "Svarmal 2 er kopiert" in result.err and result.code == 0


def test_kopier_says_so_when_there_is_no_clipboard(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))  # no tools at all
    result = run_cli("svar", "--type", "ros", "--kopier", "1", "Takk!")
    assert result.code == 0 and "ble ikke kopiert" in result.err and "Kopier malen fra utdataene" in result.err
    assert "Svarmal 1" in result.out


def test_kopier_with_a_number_that_is_not_a_template(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("svar", "--type", "ros", "--kopier", "9", "Takk!")
    assert result.code == 2 and "Ugyldig verdi for --kopier: 9" in result.err and result.out == ""


# --- --forslag ---------------------------------------------------------------------------------------------


def test_forslag_removes_stop_sentences_masks_and_adds_the_disclaimer(run_cli, content: Content) -> None:  # type: ignore[no-untyped-def]
    draft = ("Fin dag i dag. Eleven Ola har fått diagnosen ADHD. Vi i kommunen har bestemt å pusse opp skolen. "
             "Ring Kari på 912 34 567.")
    data = json.loads(run_cli("sjekk", "--forslag", "--format", "json", draft).out)
    suggestion = data["suggestion"]
    text = suggestion["text"]
    assert "ADHD" not in text and "Fin dag i dag." in text and "pusse opp skolen" in text
    assert "912 34 567" not in text and "91* ** ***" in text
    assert text.endswith(content.settings.texts.disclaimer) and suggestion["disclaimer_added"]
    assert suggestion["removed_sentences"] == 1
    again = json.loads(run_cli("sjekk", "--forslag", "--format", "json", draft).out)["suggestion"]
    assert again == suggestion  # deterministic
    out = run_cli("sjekk", "--forslag", draft).out
    assert content.settings.texts.labels["forslag_tittel"] in out and "Én setning er tatt bort" in out
    assert text.split("\n")[0] in out.split("\n")  # one paragraph, one line: copyable


def test_forslag_keeps_paragraphs_and_adds_no_disclaimer_without_p4(run_cli) -> None:  # type: ignore[no-untyped-def]
    draft = f"Første avsnitt.\n\nEleven har fnr {FNR}.\n\nTredje avsnitt."
    suggestion = json.loads(run_cli("sjekk", "--forslag", "--format", "json", draft).out)["suggestion"]
    assert suggestion["text"] == "Første avsnitt.\n\nTredje avsnitt." and not suggestion["disclaimer_added"]


def test_forslag_when_everything_is_removed(run_cli, content: Content) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("sjekk", "--forslag", f"Fnr {FNR}.")
    assert content.settings.texts.labels["forslag_tomt"] in " ".join(result.out.split())


def test_forslag_in_markdown_and_not_with_jsonl(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("sjekk", "--forslag", "--format", "markdown", "Fin dag. Vi i kommunen har bestemt noe.").out
    assert "**Forslag til en tryggere tekst" in out
    lines = tmp_path / "u.jsonl"
    lines.write_text('{"id": 1, "text": "Hei"}\n', encoding="utf-8")
    result = run_cli("sjekk", "--forslag", "--jsonl", str(lines))
    assert result.code == 2 and "--forslag" in result.err


def test_detaljer_shows_the_guideline_text(run_cli, content: Content) -> None:  # type: ignore[no-untyped-def]
    p3 = content.guidelines.get("P3").text
    short = run_cli("sjekk", f"Fnr {FNR}").out
    long = run_cli("sjekk", "--detaljer", f"Fnr {FNR}").out
    assert " ".join(p3.split()[:6]) not in " ".join(short.split())
    assert " ".join(p3.split()) in " ".join(long.split())
    o4 = content.guidelines.get("O4").text
    reply = run_cli("svar", "--detaljer", "--type", "saksbehandling", "Hei").out
    assert " ".join(o4.split()) in " ".join(reply.split())


# --- the wizard gets the law right (issue 10, item 7) --------------------------------------------------------


def _summary(content: Content, answers: dict[str, str], draft: str = ""):  # type: ignore[no-untyped-def]
    from tydal_sjekk.cli_wizard import _summary as combined

    wiz = wizard_content(content)
    full = run_flow(wiz, lambda q, default, back: answers.get(q.id, default))
    return combined(content, full, draft)


def test_work_knowledge_about_a_person_is_taushetsplikt(content: Content) -> None:
    summary = _summary(content, {"jobbinfo": "person"})
    assert summary.verdict == "stop"
    assert any("forvaltningsloven § 13" in a.text for _, _, a in summary.advice)


def test_documents_not_yet_public_wait_until_public(content: Content) -> None:
    summary = _summary(content, {"jobbinfo": "ikke-offentlig"})
    assert summary.verdict == "review"
    assert any("til det er offentlig" in a.text for _, _, a in summary.advice)


def test_conditions_at_work_and_criticism_are_allowed(content: Content) -> None:
    summary = _summary(content, {"om-jobben": "ja", "jobbinfo": "arbeidsforhold"})
    assert summary.verdict == "ok"  # never STOPP, not even SE OVER
    assert summary.disclaimer
    assert any("arbeidsmiljøloven § 2 A-1" in a.text for _, _, a in summary.advice)


def test_nurse_criticising_understaffing_with_a_disclaimer_is_not_stopped(content: Content) -> None:
    draft = ("Vi er altfor få på jobb på sykehjemmet, og det går ut over beboerne. Politikerne må ta ansvar. "
             "Dette er mine egne meninger og ikke Tydal kommunes.")
    summary = _summary(content, {"om-jobben": "ja", "jobbinfo": "arbeidsforhold", "rolle": "ja"}, draft)
    assert summary.verdict != "stop"
    # The text already has the disclaimer: the advice to add it is dropped, and one line says so.
    assert summary.dropped and not any(a.disclaimer for _, _, a in summary.advice)
    if summary.answers_verdict == summary.text_verdict:
        line = difference_line(wizard_content(content), summary, content.settings.texts.verdict)
        assert line == wizard_content(content).texts["forskjell_presisering"]


def test_answers_raise_attention_and_the_text_decides_where_it_can(content: Content) -> None:
    wiz = wizard_content(content)
    words = content.settings.texts.verdict
    # The text is worse than the answers: the text's verdict, and a line that says why.
    worse = _summary(content, {}, f"Fnr {FNR}")
    assert worse.verdict == "stop" and worse.answers_verdict == "ok"
    assert difference_line(wiz, worse, words).startswith("Teksten gir STOPP")
    # The answers are worse than a harmless text: the answers' verdict (the check cannot see what you know).
    stricter = _summary(content, {"jobbinfo": "person"}, "Fin dag på jobb i dag.")
    assert stricter.verdict == "stop" and stricter.text_verdict == "ok"
    assert "svarene dine gir STOPP" in difference_line(wiz, stricter, words)
    # Agreement: no line.
    same = _summary(content, {}, "Fin tur i fjellet i dag.")
    assert difference_line(wiz, same, words) == ""


def test_summary_without_a_text_does_not_talk_about_findings(run_cli, tmp_path: Path, content: Content) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "svar.toml"
    path.write_text('konto = "privat"\nom-jobben = "ja"\npersoner = "nei"\nkontakt = "nei"\njobbinfo = "nei"\n'
                    'rolle = "ja"\nhenvendelse = "nei"\nsinne = "rolig"\n', encoding="utf-8")
    out = run_cli("veiviser", "--svar", str(path)).out
    assert "SE OVER" in out and "funnene" not in out
    assert content.settings.texts.disclaimer in out


def test_official_reply_summary_shows_a_template(run_cli, tmp_path: Path, content: Content) -> None:  # type: ignore[no-untyped-def]
    answers, _ = WIZARD_CASES["offisiell-svar"]
    path = tmp_path / "svar.toml"
    path.write_text(answers, encoding="utf-8")
    out = run_cli("veiviser", "--svar", str(path)).out
    first = next(t for t in reply_content(content).templates if t.type == "saksbehandling")
    assert first.text in out.split("\n")
    answers, _ = WIZARD_CASES["offisiell-innlegg"]
    path.write_text(answers, encoding="utf-8")
    out = run_cli("veiviser", "--svar", str(path)).out
    assert first.text not in out and " O6 " in out and " O7 " in out and " O3 " in out and " O1 " in out


def test_report_has_a_norwegian_date_and_the_full_guideline_text(run_cli, tmp_path: Path, content: Content) -> None:  # type: ignore[no-untyped-def]
    answers, _ = WIZARD_CASES["privat-alle-rad"]
    path = tmp_path / "svar.toml"
    path.write_text(answers, encoding="utf-8")
    report = tmp_path / "rapport.md"
    run_cli("veiviser", "--svar", str(path), "--rapport", str(report))
    text = report.read_text(encoding="utf-8")
    import datetime

    from tydal_sjekk.render.common import norwegian_date

    assert f"Dato: {norwegian_date(datetime.date.today())}" in text
    assert content.guidelines.get("P3").text[:40] in text


def test_check_of_the_text_uses_the_same_account(content: Content) -> None:
    wiz = wizard_content(content)
    chosen = {"konto": "offisiell", "kommentartype": "politisk"}
    answers = run_flow(wiz, lambda q, default, back: chosen.get(q.id, default))
    check = check_text(content, "Vi mener politikerne tok feil.", answers["konto"])
    assert check.konto == "offisiell"
    assert summarise(wiz, answers, check).verdict in ("review", "stop")
