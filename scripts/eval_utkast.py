"""Measure the whole check (rules + learned layer) on labelled drafts, and the share of ordinary text flagged.

For every draft with expected findings, an expected guideline counts as found when the check gives a
finding under that guideline (for an expected ``info``, any severity; otherwise ``warning`` or ``stop``).
Harmless drafts (no expected findings) count as right when the verdict is OK. With --norne the share of
NorNE *test* sentences rated «se over» or «stopp» as private posts is reported too.

Usage:
    python scripts/eval_utkast.py FILE.jsonl [FILE ...] [--norne DIR] [--uten-modell] [--feil]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tydal_sjekk.check import checker_for  # noqa: E402
from tydal_sjekk.check.engine import Checker  # noqa: E402
from tydal_sjekk.core.folder import Content  # noqa: E402


def evaluate(rows: list[dict], checker: Checker, show_errors: bool = False) -> dict[str, object]:
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    correct_pred: Counter[str] = Counter()
    harmless = harmless_ok = 0
    for row in rows:
        result = checker.check(str(row["text"]), str(row.get("account", "privat")))
        found = {f.guideline for f in result.findings if f.severity != "info"}
        found_any = {f.guideline for f in result.findings}
        expected = {e["guideline"]: e["severity"] for e in row["expected"]}
        for gid in found:
            predicted[gid] += 1
            if gid in expected:
                correct_pred[gid] += 1
        if not expected:
            harmless += 1
            harmless_ok += result.verdict == "ok"
            if show_errors and result.verdict != "ok":
                print(f"  FALSK ALARM {row['id']}: {sorted(found)} | {row['text'][:140]}")
        for gid, severity in expected.items():
            total[gid] += 1
            ok = gid in (found_any if severity == "info" else found)
            hit[gid] += ok
            if show_errors and not ok:
                print(f"  BOM {row['id']} {gid}: {row['text'][:140]}")
    per = {gid: (hit[gid] / total[gid], correct_pred[gid] / predicted[gid] if predicted[gid] else 0.0, total[gid])
           for gid in sorted(total)}
    return {
        "recall": sum(hit.values()) / max(1, sum(total.values())),
        "harmless_ok": harmless_ok / max(1, harmless),
        "harmless": harmless,
        "harmless_ok_count": harmless_ok,
        "expected": sum(total.values()),
        "found": sum(hit.values()),
        "per_guideline": per,
    }


def norne_share(folder: Path, checker: Checker) -> tuple[float, int]:
    flagged = n = 0
    for name in ("nob-test.jsonl", "nno-test.jsonl"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                n += 1
                flagged += checker.check(json.loads(line)["text"], "privat").verdict != "ok"
    return flagged / max(1, n), n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", type=Path, nargs="*")
    parser.add_argument("--norne", type=Path, default=None)
    parser.add_argument("--uten-modell", action="store_true", help="rules only")
    parser.add_argument("--feil", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    content = Content(ROOT / "content", "content")
    checker = checker_for(content)
    if args.uten_modell:
        checker = Checker(checker.rules, checker.lexicon)
    if args.files:
        rows = [json.loads(line) for f in args.files for line in f.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        r = evaluate(rows, checker, args.feil)
        print(f"{len(rows)} utkast: dekning {r['recall']:.2f} ({r['found']}/{r['expected']}) av forventede funn, "
              f"harmløse OK {r['harmless_ok']:.2f} ({r['harmless_ok_count']}/{r['harmless']})")
        print("| Retningslinje | Forventet | Dekning | Presisjon |")
        print("|---|---:|---:|---:|")
        for gid, (rec, prec, n) in r["per_guideline"].items():  # type: ignore[union-attr]
            print(f"| {gid} | {n} | {rec:.2f} | {prec:.2f} |")
    if args.norne:
        share, n = norne_share(args.norne, checker)
        print(f"NorNE test ({n} setninger): {share:.3f} vurdert «se over» eller «stopp»")


if __name__ == "__main__":
    main()
