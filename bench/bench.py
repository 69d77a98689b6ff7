"""Speed benchmark for tydal-sjekk (run by hand; timings are never asserted in tests).

Measures, in one run on one machine so that the ratios are meaningful:

1. Cold start: median wall time of ``tydal-sjekk sjekk "<typical 300-character post>"`` against
   ``python -c "import typer, rich.console"``, interleaved so that both see the same machine load.
2. Throughput: time to check 100 kB, 1 MB and 10 MB of text (the 10× ratio should be ≤ 11×).
3. Hostile inputs: long digit runs, repeated characters, brackets, ``a@a@a@…``; each must take < 1 s.
4. Wizard: time until the first question is on screen (``tydal-sjekk veiviser`` in a pseudo-terminal).

Usage:  python bench/bench.py [--runs 30] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

POST = (
    "Så stolt av elevene i dag! De har jobbet hardt med prosjektet om lokalhistorie, og i morgen skal de vise "
    "det fram på rådhuset kl. 18.00. Alle er velkomne, ta gjerne med besteforeldre og naboer. Kommunen har fått "
    "mye skryt for satsingen på kulturskolen, og det fortjener den. Vel blåst, alle sammen – dette blir bra!"
)

# An ordinary text: a municipal newsletter with, now and then, something the check should react to.
NEWSLETTER = (
    "Kommunestyret møttes torsdag for å behandle budsjettet for neste år. Det ble en lang debatt om "
    "skolestrukturen, eldreomsorgen og vedlikehold av kommunale veier. Flere representanter tok til orde "
    "for å prioritere tiltak for barn og unge, mens andre var opptatt av kostnadene ved nye bygg.\n\n"
    "Biblioteket har utvidet åpningstidene, og kulturskolen starter opp nye kurs i januar. Påmelding skjer "
    "via kommunens nettside. Husk også at det er dugnad i lysløypa lørdag formiddag, og at alle er "
    "velkomne til å bidra med rydding og enkel servering etterpå.\n\n"
    "Vegvesenet varsler at Tydalsvegen blir stengt i to timer tirsdag på grunn av arbeid med rassikring. "
    "Følg med på trafikkmeldingene. Renovasjonen henter som vanlig, men tømmingen kan bli forsinket.\n\n"
    "Vi minner om at alle henvendelser om byggesaker skal sendes til postmottak@tydal.kommune.no. "
    "Spørsmål om dette kan også rettes til sentralbordet på 73 81 59 00 i kontortiden.\n\n"
    "Til slutt: en stor takk til Kari Nordmann og de andre frivillige som sto for julemarkedet!\n\n"
)

PARAGRAPH = (
    "Kommunestyret behandlet budsjettet i går, og debatten var lang. Ordfører Kari Hansen sa at kommunen må "
    "prioritere skolen og eldreomsorgen. Ring sentralbordet på 73 81 59 00 eller skriv til "
    "postmottak@tydal.kommune.no hvis du har spørsmål. Fødselsnummer 15038512345 er ikke gyldig. "
    "Eleven hadde en fin dag på tur, og været var strålende!!! "
)


def _tool() -> list[str]:
    exe = shutil.which("tydal-sjekk")
    if exe is None:
        sys.exit("Fant ikke kommandoen tydal-sjekk. Installer prosjektet først (pip install .).")
    return [exe]


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def cold_start(runs: int) -> dict[str, float]:
    tool = [*_tool(), "sjekk", POST]
    base = [sys.executable, "-c", "import typer, rich.console"]
    for _ in range(3):  # warm the file cache and .pyc files
        _time(tool)
        _time(base)
    t_tool: list[float] = []
    t_base: list[float] = []
    for _ in range(runs):
        t_base.append(_time(base))
        t_tool.append(_time(tool))
    m_tool, m_base = statistics.median(t_tool), statistics.median(t_base)
    return {"tool_ms": m_tool * 1000, "base_ms": m_base * 1000, "ratio": m_tool / m_base}


def throughput(sizes: list[int], paragraph: str) -> list[tuple[int, float, str]]:
    from tydal_sjekk.check import check_text
    from tydal_sjekk.core.folder import Content

    content = Content()
    check_text(content, "oppvarming")
    texts = {size: (paragraph * (size // len(paragraph) + 1))[:size] for size in sizes}
    best = {size: float("inf") for size in sizes}
    for _ in range(3):  # interleaved, so that every size sees the same machine
        for size in sizes:
            best[size] = min(best[size], _timed_check(check_text, content, texts[size]))
    return [(size, best[size], check_text(content, texts[size]).verdict) for size in sizes]


def _timed_check(check_text, content, text: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    check_text(content, text)
    return time.perf_counter() - start


HOSTILE = {
    "200 000 sifre": "1" * 200_000,
    "sifre med mellomrom": "1 " * 100_000,
    "sifre med punktum og bindestrek": "12.34-56 " * 25_000,
    "gjentatt bokstav": "a" * 300_000,
    "gjentatt ord": "elev " * 60_000,
    "10 000 klammer": "(" * 10_000 + "[" * 10_000 + "{" * 10_000,
    "a@a@a@…": "a@" * 100_000,
    "punktum og @": ".@" * 100_000,
    "store bokstaver": "ROP " * 60_000,
    "utropstegn": "!" * 200_000,
    "null-bredde-tegn": "1\u200b" * 100_000,
    "lange ord med stor forbokstav": ("Abcdefghij" * 50 + " ") * 500,
}


def hostile() -> list[tuple[str, float]]:
    from tydal_sjekk.check import check_text
    from tydal_sjekk.core.folder import Content

    content = Content()
    out = []
    for name, text in HOSTILE.items():
        out.append((name, _timed_check(check_text, content, text)))
    return out


def wizard_first_question(runs: int) -> float | None:
    if os.name == "nt":
        return None
    try:
        import pexpect
    except ImportError:
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
        child = pexpect.spawn(_tool()[0], ["veiviser"], encoding="utf-8", timeout=10, env=env, dimensions=(40, 120))
        child.expect("Hvor skal dette publiseres")
        times.append(time.perf_counter() - start)
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="skip 10 MB and use fewer runs")
    args = parser.parse_args()
    runs = 10 if args.quick else args.runs

    print(f"Python {sys.version.split()[0]} på {os.cpu_count()} kjerner, {runs} kjøringer\n")
    cold = cold_start(runs)
    print("Kaldstart (median):")
    print(f"  python -c 'import typer, rich.console'  {cold['base_ms']:7.1f} ms")
    print(f"  tydal-sjekk sjekk «innlegg på {len(POST)} tegn»  {cold['tool_ms']:7.1f} ms")
    print(f"  forhold                                  {cold['ratio']:7.2f} × (krav: ≤ 1,25 ×)\n")

    sizes = [100_000, 1_000_000] if args.quick else [100_000, 1_000_000, 10_000_000]
    for label, paragraph in (("vanlig tekst (nyhetsbrev)", NEWSLETTER),
                             ("tett med funn: navn, nummer og e-post i hvert avsnitt", PARAGRAPH)):
        print(f"Gjennomstrømning, {label} (beste av 3):")
        results = throughput(sizes, paragraph)
        for size, seconds, verdict in results:
            print(f"  {size / 1_000_000:5.1f} MB  {seconds:7.3f} s  ({verdict})")
        if len(results) == 3:
            print(f"  10 MB / 1 MB = {results[2][1] / results[1][1]:.1f} × (krav: ≤ 11 ×)")
        print()

    print("Fiendtlige inndata (krav: < 1 s hver):")
    for name, seconds in hostile():
        print(f"  {name:32s} {seconds:7.3f} s")
    print()

    wiz = wizard_first_question(5 if args.quick else 10)
    if wiz is not None:
        print(f"Veiviser: første spørsmål på skjermen etter {wiz * 1000:.0f} ms (median; krav: < 500 ms)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
