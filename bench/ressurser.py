"""Resource benchmark for tydal-sjekk (run by hand; never a timed test).

Runs an installed ``tydal-sjekk`` (the first one on PATH) as a child process, once per case, for every
command and output format:

* ``sjekk --fil F --format tekst|json|markdown``
* ``sjekk --jsonl F`` (one JSON line per 1 kB chunk of the input)
* ``svar --fil F --format tekst|json|markdown`` (the input is the comment)
* ``veiviser --svar F --rapport OUT.md`` (the input is ``utkast`` in the answers file, with
  ``ta_med_utkast = true``; the answers are the defaults from ``veiviser --svarmal``)

on inputs of 1 MB and 10 MB (UTF-8 bytes, 1 MB = 1 000 000 bytes) of four kinds: plain Norwegian text
(a newsletter), varied text (the harmless drafts of ``corpus/utkast/``, when the script runs in a
checkout), text dense with findings (valid identity numbers, phone numbers, e-mail addresses,
names, health words, account numbers) and hostile text (one NBSP first, then repeated blocks of digits
separated by single spaces, ``a@a@a@…``, 30 000 brackets, 200 000 exclamation marks, digits with
zero-width and combining characters between them and a very long line without spaces).

For each case it reports:

* the time above start-up ("over oppstart"): wall time minus the median wall time of the same command
  on a tiny input;
* the 10 MB / 1 MB ratio of the times above start-up (when the 1 MB time above start-up is under
  50 ms the ratio is mostly noise, so the 10 MB time is then compared with 11 × 50 ms instead);
* the peak memory of the child (max RSS from ``os.wait4``, taken in a small launcher process so that
  this script's own memory does not count; "n/a" where that is not available, e.g. on Windows);
* the exit code (0 and 1 are the normal verdict codes; anything else is reported as a failure).

Goals, checked per row: under 1 s above start-up for 1 MB, 10 MB ≤ 11 × the 1 MB time, and peak
memory ≤ 10 × input size + 50 MB. Two extra cases: ``COLUMNS=100000000 tydal-sjekk sjekk`` on 1 MB,
and ``tydal-sjekk sjekk … | head -c1`` (stdout is a pipe that is closed after the first byte; it
must end without a traceback). A case that runs longer than ``--timeout`` is killed and reported as
"tidsavbrudd"; the 10 MB case is then skipped.

Large inputs are passed through files, never argv. Progress goes to stderr, the Markdown table to
stdout. Stdlib only.

Usage:  python bench/ressurser.py [--quick] [--timeout 120] [--runs 1] [--startup-runs 5] [--hostile-each]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MB = 1_000_000
TIME_GOAL_S = 1.0  # above start-up, for 1 MB
RATIO_GOAL = 11.0  # 10 MB time / 1 MB time (both above start-up)
RATIO_FLOOR_S = 0.05  # below this, the 1 MB time is too small for a meaningful ratio
MEM_FACTOR = 10
MEM_BASE = 50 * MB
NORMAL_CODES = (0, 1)
# A reader that goes away early: exit 2 with a message (an output failure), or 0/1 when everything was written
# before it went; a process killed by SIGPIPE would be reported too.
PIPE_CODES = (0, 1, 2)
CRASH_MARKERS = ("Traceback", "Exception ignored", "intern feil")
TINY = "Hei fra Tydal! Fin tur i fjellet i dag."

# ---------------------------------------------------------------------------------------------------
# Inputs


def _newsletter() -> str:
    """The plain text of bench.py, kept in one place."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from bench import NEWSLETTER  # the module next to this one; importing it has no side effects
    finally:
        sys.path.pop(0)
    return NEWSLETTER


def _fit(pieces: Iterator[str], size: int) -> str:
    """Concatenate pieces until there are at least ``size`` UTF-8 bytes, then cut to exactly ``size``."""
    parts: list[str] = []
    total = 0
    for piece in pieces:
        parts.append(piece)
        total += len(piece.encode("utf-8"))
        if total >= size:
            break
    data = "".join(parts).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")  # drop a character cut in half at the end


def _repeat(text: str) -> Iterator[str]:
    while True:
        yield text


def plain_text(size: int) -> str:
    return _fit(_repeat(_newsletter()), size)


CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "utkast"


def _harmless_drafts() -> list[str]:
    """The harmless drafts of the corpus (about 6 000 different posts), in a fixed shuffled order."""
    drafts = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if not row.get("expected"):
                drafts.append(row["text"])
    random.Random(2026).shuffle(drafts)
    return drafts


def varied_text(size: int) -> str:
    """Harmless posts of many writers, styles and dialects: unlike the newsletter, almost every word is new,
    so the memos of the learned layer help little (1 MB is about one pass over them; 10 MB repeats them)."""
    drafts = _harmless_drafts()

    def pieces() -> Iterator[str]:
        while True:
            for text in drafts:
                yield text + "\n\n"

    return _fit(pieces(), size)


FIRST = ["Kari", "Ola", "Ingrid", "Per", "Sigrid", "Lars", "Marit", "Jon", "Astrid", "Knut", "Solveig", "Arne"]
LAST = ["Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Aune", "Haugen", "Moen", "Kojedal", "Græsli",
        "Østby", "Berg"]
HEALTH = ["diagnosen ADHD", "en alvorlig depresjon", "kreft", "diabetes type 1", "angstlidelse", "epilepsi",
          "en rusavhengighet"]


def _mod11(digits: str, weights: list[int]) -> int | None:
    rest = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - rest) % 11
    return None if check == 10 else check


def _fnr(rng: random.Random) -> str:
    """A valid Norwegian national identity number (born 1900–1999, individual number 000–499)."""
    while True:
        base = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}{rng.randint(0, 499):03d}"
        k1 = _mod11(base, [3, 7, 6, 1, 8, 9, 4, 5, 2])
        if k1 is None:
            continue
        k2 = _mod11(base + str(k1), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
        if k2 is not None:
            return f"{base}{k1}{k2}"


def _account(rng: random.Random) -> str:
    while True:
        base = f"{rng.randint(1000, 9999)}{rng.randint(10, 99)}{rng.randint(0, 9999):04d}"
        check = _mod11(base, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
        if check is not None:
            return f"{base[:4]}.{base[4:6]}.{base[6:]}{check}"


def _ascii(name: str) -> str:
    return name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")


def _dense_paragraphs(seed: int = 2024) -> Iterator[str]:
    rng = random.Random(seed)
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        phone = f"{rng.choice('49')}{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(100, 999)}"
        yield (
            f"Eleven {first} {last} har fått {rng.choice(HEALTH)} og er innlagt på sykehuset. "
            f"Fødselsnummeret er {_fnr(rng)}, og moren kan nås på {phone} eller "
            f"{_ascii(first)}.{_ascii(last)}@gmail.com. Pasienten {other} bor i Gamle Tydalsveg "
            f"{rng.randint(1, 99)} og har kontonummer {_account(rng)}. Barnevernet er koblet inn, "
            f"og saken er unntatt offentlighet. Dette er fortrolig!!\n\n"
        )


def dense_text(size: int) -> str:
    return _fit(_dense_paragraphs(), size)


# Hostile patterns; each builds about ``n`` bytes (or a fixed count where the name says so).
def _spaced_digits(n: int) -> str:
    return " ".join(str(i % 10) for i in range(n // 2))


def _zero_width_digits(n: int) -> str:
    marks = ["\u200b", "\u0301", "\u200c", "\u0308", "\u200d", "\u2060", "\ufeff", "\u0327"]
    out = []
    i = total = 0
    while total < n:
        piece = str(i % 10) + marks[i % len(marks)]
        out.append(piece)
        total += len(piece.encode("utf-8"))
        i += 1
    return "".join(out)


HOSTILE_PATTERNS: dict[str, Callable[[int], str]] = {
    "sifre med enkle mellomrom": _spaced_digits,
    "a@a@a@…": lambda n: "a@" * (n // 2),
    "30 000 klammer": lambda n: "(" * 10_000 + "[" * 10_000 + "{" * 10_000,
    "200 000 utropstegn": lambda n: "!" * 200_000,
    "null-bredde- og kombinerende tegn mellom sifre": _zero_width_digits,
    "lang linje uten mellomrom": lambda n: ("Abcdefghij" * (n // 10 + 1))[:n],
    # elleve sifre som begynner med en dato og har feil kontrollsifre, med en person ved siden av og etter «fnr»
    "datolike tall med feil kontrollsifre": lambda n: ("Kari 12036745821, fnr 150385 12345. " * (n // 36 + 1))[:n],
}
HOSTILE_BLOCK_BYTES = {  # about 1 MB per block in all
    "sifre med enkle mellomrom": 200_000,
    "a@a@a@…": 200_000,
    "30 000 klammer": 30_000,
    "200 000 utropstegn": 200_000,
    "null-bredde- og kombinerende tegn mellom sifre": 150_000,
    "lang linje uten mellomrom": 220_000,
    "datolike tall med feil kontrollsifre": 100_000,
}


def _hostile_block() -> str:
    return "\n".join(HOSTILE_PATTERNS[name](n) for name, n in HOSTILE_BLOCK_BYTES.items()) + "\n"


def hostile_text(size: int) -> str:
    """One NBSP at the start of a long text, then hostile blocks."""
    return _fit(_hostile_pieces(), size)


def _hostile_pieces() -> Iterator[str]:
    yield "\u00a0"
    block = _hostile_block()
    while True:
        yield block


def _single_hostile(name: str) -> Callable[[int], str]:
    """One hostile pattern grown to ``size`` bytes, for --hostile-each (NBSP first for that case)."""
    def build(size: int) -> str:
        if name == "NBSP først i en lang tekst":
            return _fit(_nbsp_plain(), size)
        return _fit(_repeat(HOSTILE_PATTERNS[name](min(size, 1_000_000)) + "\n"), size)
    return build


def _nbsp_plain() -> Iterator[str]:
    yield "\u00a0"
    yield from _repeat(_newsletter())


KINDS: dict[str, Callable[[int], str]] = {
    "vanlig tekst (nyhetsbrev)": plain_text,
    "variert tekst (harmløse innlegg fra korpuset)": varied_text,
    "tett med funn": dense_text,
    "fiendtlig": hostile_text,
}
if not CORPUS.is_dir():  # outside a checkout of the repository
    del KINDS["variert tekst (harmløse innlegg fra korpuset)"]


# ---------------------------------------------------------------------------------------------------
# Input files


def _toml_string(text: str) -> str:
    """A TOML multi-line basic string holding ``text`` exactly."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch in "\n\t":
            out.append(ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"""\n' + "".join(out) + '"""'


def _chunks(text: str, size: int = 1000) -> Iterator[str]:
    """Pieces of at most ``size`` UTF-8 bytes, cut on character boundaries."""
    data = text.encode("utf-8")
    start = 0
    while start < len(data):
        end = min(start + size, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # not the start of a character
            end -= 1
        yield data[start:end].decode("utf-8")
        start = end


@dataclass
class Inputs:
    label: str
    size: int  # bytes of the text itself; the memory goal is based on this
    txt: Path
    jsonl: Path
    answers: Path
    report: Path


def write_inputs(folder: Path, name: str, label: str, text: str, answers_template: str) -> Inputs:
    txt = folder / f"{name}.txt"
    txt.write_bytes(text.encode("utf-8"))
    jsonl = folder / f"{name}.jsonl"
    with jsonl.open("w", encoding="utf-8", newline="\n") as f:
        for i, chunk in enumerate(_chunks(text), 1):
            f.write(json.dumps({"id": i, "text": chunk}, ensure_ascii=False) + "\n")
    answers = folder / f"{name}.toml"
    answers.write_text(
        f"utkast = {_toml_string(text)}\nta_med_utkast = true\n\n{answers_template}", encoding="utf-8", newline="\n"
    )
    return Inputs(label, len(text.encode("utf-8")), txt, jsonl, answers, folder / f"{name}-rapport.md")


def answers_template(exe: str) -> str:
    """The defaults from ``veiviser --svarmal``, without any uncommented utkast lines."""
    proc = subprocess.run([exe, "veiviser", "--svarmal"], capture_output=True, text=True, encoding="utf-8",
                          timeout=60, check=False)
    if proc.returncode != 0:
        sys.exit(f"tydal-sjekk veiviser --svarmal feilet med kode {proc.returncode}:\n{proc.stderr}")
    lines = [line for line in proc.stdout.splitlines()
             if not line.lstrip().startswith(("utkast", "ta_med_utkast"))]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Running one case


@dataclass
class Run:
    seconds: float
    code: int | None  # None after a timeout
    maxrss: int | None  # bytes; None when not available
    stderr: str
    timed_out: bool = False

    @property
    def crashed(self) -> bool:
        return any(marker in self.stderr for marker in CRASH_MARKERS)


# On POSIX every case runs through this small launcher. Linux carries a process's peak RSS over fork
# and exec, so a child started straight from this script (which holds the big inputs) would report this
# script's peak instead of its own. The launcher is a fresh, small interpreter (about 10 MB, well below
# the tool's own start-up); it spawns the tool, kills it after the timeout, and writes the wall time,
# exit code and max RSS from os.wait4 to a JSON file. stdin, stdout and stderr are passed straight on.
LAUNCHER = r"""
import json, os, signal, sys, time
result, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
state = {"timed_out": False}
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))
def on_alarm(signum, frame):
    state["timed_out"] = True
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
end = time.perf_counter()
signal.setitimer(signal.ITIMER_REAL, 0)
maxrss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
with open(result, "w") as f:
    json.dump({"seconds": end - start, "code": os.waitstatus_to_exitcode(status), "maxrss": maxrss,
               "timed_out": state["timed_out"] and os.WIFSIGNALED(status)
                             and os.WTERMSIG(status) == signal.SIGKILL}, f)
"""
USE_LAUNCHER = hasattr(os, "wait4") and hasattr(os, "posix_spawn")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill the launcher and the tool (they share the process group the launcher leads)."""
    if USE_LAUNCHER:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()
    proc.wait()


def run_once(argv: list[str], env: dict[str, str], cwd: Path, timeout: float, close_early: bool = False) -> Run:
    """Run ``argv``; stdout goes to a file, or to a pipe that is closed after the first byte."""
    out_path, err_path, result_path = cwd / "stdout.out", cwd / "stderr.out", cwd / "result.json"
    result_path.unlink(missing_ok=True)
    if USE_LAUNCHER:
        argv = [sys.executable, "-I", "-S", "-c", LAUNCHER, str(result_path), str(timeout), *argv]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE if close_early else out,
                                stderr=err, env=env, cwd=cwd, start_new_session=USE_LAUNCHER)
        try:
            if close_early:
                assert proc.stdout is not None
                pipe = proc.stdout

                def read_one_and_close() -> None:  # like `| head -c1`
                    try:
                        pipe.read(1)
                    finally:
                        pipe.close()

                threading.Thread(target=read_one_and_close, daemon=True).start()
            # The launcher enforces the timeout itself; this one is only a safety net.
            proc.wait(timeout + 30 if USE_LAUNCHER else timeout)
            end = time.perf_counter()
        except subprocess.TimeoutExpired:
            _stop(proc)
            return Run(timeout, None, None, err_path.read_text(encoding="utf-8", errors="replace"), True)
        except BaseException:  # Ctrl-C or SIGTERM: leave no child behind
            _stop(proc)
            raise
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    if not USE_LAUNCHER:
        return Run(end - start, proc.returncode, None, stderr)
    try:
        data = json.loads(result_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Run(end - start, proc.returncode, None, stderr + f"\nstarteren feilet med kode {proc.returncode}")
    timed_out = bool(data["timed_out"])
    return Run(float(data["seconds"]), None if timed_out else int(data["code"]), int(data["maxrss"]), stderr,
               timed_out)


def best_of(runs: int, argv_for: Callable[[], list[str]], env: dict[str, str], cwd: Path, timeout: float,
            close_early: bool = False, before: Callable[[], None] | None = None) -> Run:
    """Fastest of ``runs`` runs; the memory is the highest seen."""
    results = []
    for _ in range(runs):
        if before:
            before()
        r = run_once(argv_for(), env, cwd, timeout, close_early)
        results.append(r)
        if r.timed_out:
            break
    best = min(results, key=lambda r: (r.timed_out, r.seconds))
    rss = [r.maxrss for r in results if r.maxrss is not None]
    best.maxrss = max(rss) if rss else None
    return best


def startup(runs: int, argv_for: Callable[[], list[str]], env: dict[str, str], cwd: Path, timeout: float,
            close_early: bool = False, before: Callable[[], None] | None = None) -> Run:
    """Median wall time of ``runs`` runs on a tiny input, after one warm-up run."""
    results = []
    for _ in range(runs + 1):
        if before:
            before()
        results.append(run_once(argv_for(), env, cwd, timeout, close_early))
    results = results[1:]
    med = statistics.median(r.seconds for r in results)
    rss = [r.maxrss for r in results if r.maxrss is not None]
    first = results[0]
    return Run(med, first.code, max(rss) if rss else None, first.stderr,
               timed_out=any(r.timed_out for r in results))


# ---------------------------------------------------------------------------------------------------
# Commands


@dataclass
class Variant:
    label: str
    argv: Callable[[str, Inputs], list[str]]
    uses_report: bool = False


VARIANTS = [
    Variant("`sjekk` tekst", lambda exe, i: [exe, "sjekk", "--format", "tekst", "--fil", str(i.txt)]),
    Variant("`sjekk` json", lambda exe, i: [exe, "sjekk", "--format", "json", "--fil", str(i.txt)]),
    Variant("`sjekk` markdown", lambda exe, i: [exe, "sjekk", "--format", "markdown", "--fil", str(i.txt)]),
    Variant("`sjekk --jsonl`", lambda exe, i: [exe, "sjekk", "--jsonl", str(i.jsonl)]),
    Variant("`svar` tekst", lambda exe, i: [exe, "svar", "--format", "tekst", "--fil", str(i.txt)]),
    Variant("`svar` json", lambda exe, i: [exe, "svar", "--format", "json", "--fil", str(i.txt)]),
    Variant("`svar` markdown", lambda exe, i: [exe, "svar", "--format", "markdown", "--fil", str(i.txt)]),
    Variant("`veiviser --svar --rapport`",
            lambda exe, i: [exe, "veiviser", "--svar", str(i.answers), "--rapport", str(i.report)], uses_report=True),
]


def _remove_report(inputs: Inputs) -> Callable[[], None]:
    def remove() -> None:
        inputs.report.unlink(missing_ok=True)
    return remove


# ---------------------------------------------------------------------------------------------------
# Goals and formatting


def mem_goal(size: int) -> int:
    return MEM_FACTOR * size + MEM_BASE


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s".replace(".", ",")


def fmt_mb(n: int | None, at_least: bool = False) -> str:
    if n is None:
        return "n/a"
    return f"{'≥ ' if at_least else ''}{n / MB:.0f} MB"


def fmt_over(run: Run | None, base: Run, timeout: float) -> str:
    if run is None:
        return "ikke kjørt"
    if run.timed_out:
        return f"tidsavbrudd (> {timeout:.0f} s)"
    return fmt_s(max(0.0, run.seconds - base.seconds))


def fmt_code(run: Run | None) -> str:
    if run is None:
        return "–"
    return "–" if run.code is None else str(run.code)


@dataclass
class Row:
    variant: str
    kind: str
    base: Run
    small: Run | None = None
    large: Run | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def judge(row: Row, small_size: int, large_size: int | None, ok_codes: tuple[int, ...] = NORMAL_CODES) -> None:
    base = row.base
    for run, size, tag in ((row.small, small_size, "1 MB"), (row.large, large_size, "10 MB")):
        if run is None or size is None:
            continue
        if run.timed_out:
            row.problems.append(f"tidsavbrudd {tag}")
        elif run.code not in ok_codes:
            row.problems.append(f"kode {run.code} ({tag})")
        if run.crashed:
            row.problems.append(f"feil på stderr ({tag})")
        if run.maxrss is not None and run.maxrss > mem_goal(size):
            row.problems.append(f"minne {tag}")
        if (run.code not in ok_codes or run.crashed) and run.stderr.strip():
            row.notes.append(f"{tag}: {run.stderr.strip().splitlines()[-1][:200]}")
    if row.small is not None and not row.small.timed_out and row.small.seconds - base.seconds >= TIME_GOAL_S:
        row.problems.append("tid 1 MB")
    if large_size is not None and row.small is not None and not row.small.timed_out and row.large is None:
        row.problems.append("10 MB ikke kjørt")
    ratio = ratio_of(row)
    if ratio is not None:
        small_over = max(row.small.seconds - base.seconds, RATIO_FLOOR_S)  # type: ignore[union-attr]
        if row.large.seconds - base.seconds > RATIO_GOAL * small_over:  # type: ignore[union-attr]
            row.problems.append("forhold 10/1")


def ratio_of(row: Row) -> float | None:
    if row.small is None or row.large is None or row.small.timed_out or row.large.timed_out:
        return None
    small = row.small.seconds - row.base.seconds
    if small <= 0:
        return None
    return max(0.0, row.large.seconds - row.base.seconds) / small


def fmt_ratio(row: Row) -> str:
    ratio = ratio_of(row)
    if ratio is None:
        return "n/a"
    text = f"{ratio:.1f} ×".replace(".", ",")
    if row.small is not None and row.small.seconds - row.base.seconds < RATIO_FLOOR_S:
        text += " (støy)"
    return text


def status(row: Row) -> str:
    return "OK" if not row.problems else "IKKE OK: " + ", ".join(dict.fromkeys(row.problems))


def cell(text: str) -> str:
    """Text for a Markdown table cell (a bare | would end the cell, also inside backticks)."""
    return text.replace("|", "\\|")


def mem_cell(run: Run | None) -> str:
    if run is None:
        return "–"
    return fmt_mb(run.maxrss, at_least=run.timed_out)


# ---------------------------------------------------------------------------------------------------
# Main


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(extra)
    return env


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10 MB inputs")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case before it is killed")
    parser.add_argument("--runs", type=int, default=1, help="runs per large case (the fastest counts)")
    parser.add_argument("--startup-runs", type=int, default=5, help="runs on the tiny input (median)")
    parser.add_argument("--hostile-each", action="store_true",
                        help="also run `sjekk` on each hostile pattern alone (1 MB)")
    parser.add_argument("--keep", action="store_true", help="keep the generated input files")
    args = parser.parse_args()

    found = shutil.which("tydal-sjekk")
    if found is None:
        sys.exit("Fant ikke kommandoen tydal-sjekk. Installer prosjektet først (pip install .).")
    exe = os.path.abspath(found)  # the cases run in a temporary folder, and posix_spawn does not search PATH
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    posix = USE_LAUNCHER
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # clean up children
    folder = Path(tempfile.mkdtemp(prefix="tydal-ressurser-"))
    _progress(f"Bruker {exe} ({version}); inndata i {folder}")
    sizes = [MB] if args.quick else [MB, 10 * MB]
    template = answers_template(exe)
    env = _env()
    timeout = args.timeout

    try:
        tiny = write_inputs(folder, "tiny", "liten", TINY, template)
        inputs: dict[tuple[str, int], Inputs] = {}
        for k, (kind, build) in enumerate(KINDS.items()):
            for size in sizes:
                _progress(f"Lager {kind}, {size // MB} MB …")
                inputs[kind, size] = write_inputs(folder, f"k{k}-{size // MB}mb", kind, build(size), template)

        rows: list[Row] = []
        for variant in VARIANTS:
            def tiny_argv(v: Variant = variant) -> list[str]:
                return v.argv(exe, tiny)
            base = startup(args.startup_runs, tiny_argv, env, folder, timeout,
                           before=_remove_report(tiny) if variant.uses_report else None)
            _progress(f"{variant.label}: oppstart {fmt_s(base.seconds)}, {fmt_mb(base.maxrss)}, kode {base.code}")
            for kind in KINDS:
                row = Row(variant.label, kind, base)
                for size in sizes:
                    if size > MB and (row.small is None or row.small.timed_out):
                        break  # the 1 MB case already timed out
                    inp = inputs[kind, size]

                    def argv(v: Variant = variant, i: Inputs = inp) -> list[str]:
                        return v.argv(exe, i)
                    run = best_of(args.runs, argv, env, folder, timeout,
                                  before=_remove_report(inp) if variant.uses_report else None)
                    if size == MB:
                        row.small = run
                    else:
                        row.large = run
                    _progress(f"  {kind}, {size // MB} MB: {fmt_over(run, base, timeout)} over oppstart, "
                              f"{mem_cell(run)}, kode {fmt_code(run)}")
                judge(row, MB, None if args.quick else 10 * MB)
                rows.append(row)

        # Extra cases: a huge COLUMNS, and stdout to a pipe that is closed after one byte.
        extra: list[tuple[str, Row]] = []
        plain, dense = inputs[next(iter(KINDS)), MB], inputs["tett med funn", MB]
        wide_env = _env(COLUMNS="100000000")
        base = startup(args.startup_runs, lambda: VARIANTS[0].argv(exe, tiny), wide_env, folder, timeout)
        row = Row("`COLUMNS=100000000 sjekk`", "vanlig tekst, 1 MB", base)
        row.small = best_of(args.runs, lambda: VARIANTS[0].argv(exe, plain), wide_env, folder, timeout)
        judge(row, MB, None)
        extra.append(("COLUMNS", row))
        _progress(f"COLUMNS=100000000: {fmt_over(row.small, base, timeout)}, kode {fmt_code(row.small)}")
        for variant, inp in ((VARIANTS[0], dense), (VARIANTS[1], dense)):
            def argv_pipe(v: Variant = variant, i: Inputs = inp) -> list[str]:
                return v.argv(exe, i)

            def tiny_pipe(v: Variant = variant) -> list[str]:
                return v.argv(exe, tiny)
            base = startup(args.startup_runs, tiny_pipe, env, folder, timeout, close_early=True)
            row = Row(f"{variant.label} `| head -c1`", "tett med funn, 1 MB", base)
            row.small = best_of(args.runs, argv_pipe, env, folder, timeout, close_early=True)
            judge(row, MB, None, ok_codes=PIPE_CODES)
            extra.append(("pipe", row))
            _progress(f"{row.variant}: {fmt_over(row.small, base, timeout)}, kode {fmt_code(row.small)}")

        each: list[Row] = []
        if args.hostile_each:
            base = startup(args.startup_runs, lambda: VARIANTS[0].argv(exe, tiny), env, folder, timeout)
            names = [*HOSTILE_PATTERNS, "NBSP først i en lang tekst"]
            for n, name in enumerate(names):
                inp = write_inputs(folder, f"h{n}", name, _single_hostile(name)(MB), template)
                row = Row("`sjekk` tekst", name, base)

                def argv_each(i: Inputs = inp) -> list[str]:
                    return VARIANTS[0].argv(exe, i)
                row.small = best_of(args.runs, argv_each, env, folder, timeout)
                judge(row, MB, None)
                each.append(row)
                _progress(f"  {name}: {fmt_over(row.small, base, timeout)}, kode {fmt_code(row.small)}")
    finally:
        if args.keep:
            _progress(f"Inndata beholdt i {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    # ----- the report
    print(f"## Ressursbruk: {version}\n")
    print(f"Python {platform.python_version()} på {platform.system()} med {os.cpu_count()} kjerner; "
          f"{args.runs} kjøring(er) per tilfelle (raskeste teller), oppstart = median av {args.startup_runs} "
          f"på et lite inndata; tidsavbrudd etter {timeout:.0f} s.")
    print(f"Krav: under {fmt_s(TIME_GOAL_S)} over oppstart for 1 MB; 10 MB ≤ {RATIO_GOAL:.0f} × tiden for 1 MB; "
          f"minne ≤ {MEM_FACTOR} × inndata + {MEM_BASE // MB} MB ({fmt_mb(mem_goal(MB))} for 1 MB, "
          f"{fmt_mb(mem_goal(10 * MB))} for 10 MB)." + ("" if posix else " Minne måles ikke på denne plattformen."))
    if args.quick:
        print("`--quick`: 10 MB er hoppet over.")
    print()
    print("| Kommando | Inndata | Oppstart | 1 MB over oppstart | 10 MB over oppstart | 10 MB / 1 MB "
          "| Minne 1 MB | Minne 10 MB | Kode | Status |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|---|")
    for row in rows:
        codes = "/".join(fmt_code(r) for r in (row.small, row.large) if r is not None)
        print(f"| {cell(row.variant)} | {row.kind} | {fmt_s(row.base.seconds)}, {fmt_mb(row.base.maxrss)} "
              f"| {fmt_over(row.small, row.base, timeout)} "
              f"| {fmt_over(row.large, row.base, timeout) if not args.quick else '–'} | {fmt_ratio(row)} "
              f"| {mem_cell(row.small)} | {mem_cell(row.large) if not args.quick else '–'} | {codes} "
              f"| {status(row)} |")
    print()
    print("| Særtilfelle | Inndata | Oppstart | Tid | Over oppstart | Minne | Kode | Status |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    for _, row in extra:
        assert row.small is not None
        wall = f"> {timeout:.0f} s" if row.small.timed_out else fmt_s(row.small.seconds)
        print(f"| {cell(row.variant)} | {row.kind} | {fmt_s(row.base.seconds)} | {wall} "
              f"| {fmt_over(row.small, row.base, timeout)} | {mem_cell(row.small)} | {fmt_code(row.small)} "
              f"| {status(row)} |")
    if each:
        print()
        print("| Fiendtlig mønster alene (1 MB) | Oppstart | Over oppstart | Minne | Kode | Status |")
        print("|---|---:|---:|---:|---|---|")
        for row in each:
            print(f"| {row.kind} | {fmt_s(row.base.seconds)} | {fmt_over(row.small, row.base, timeout)} "
                  f"| {mem_cell(row.small)} | {fmt_code(row.small)} | {status(row)} |")
    notes = [(r.variant, r.kind, n) for r in [*rows, *(r for _, r in extra), *each] for n in r.notes]
    if notes:
        print("\nSiste linje på stderr der koden var uventet:\n")
        for label, kind, note in dict.fromkeys(notes):
            print(f"- {cell(label)}, {kind}, {note}")


if __name__ == "__main__":
    main()
