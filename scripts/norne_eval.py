"""Precision, recall and F1 of the name detector on NorNE (PER entities, exact span match).

The sentences are read from ``../shared/data/norne`` (or --data) at evaluation time and never copied into
the project. Tune only on ``*-dev.jsonl``; ``*-test.jsonl`` is for reporting.

Two ways of counting:

* ``setning``: every sentence is checked on its own (the strict figure);
* ``med kontekst``: every sentence is checked together with the five sentences before it, and only the
  names in the sentence itself are counted. This is how the tool sees a post of several sentences: a
  full name earlier in the text («Signy Fardal») makes a later surname («Fardal») a name too.

Usage:  python scripts/norne_eval.py [--data DIR] [--split dev|test] [--errors N]
"""

from __future__ import annotations

import argparse
import functools
import json
from collections import Counter
from pathlib import Path

from tydal_sjekk.check import checker_for
from tydal_sjekk.check.context import TextContext
from tydal_sjekk.core.folder import Content
from tydal_sjekk.text.lexicon import tokenize

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "norne"


@functools.cache
def _checker():  # type: ignore[no-untyped-def]
    return checker_for(Content())


def _names(finder, text: str) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    if finder is None:  # through the whole check, as `sjekk --jsonl` reports them
        return {(f.start, f.end) for f in _checker().check(text).findings if f.category == "navn"}
    ctx = TextContext(text, tokenize(text), {})
    return {(o.start, o.end) for o in finder.find(ctx)}


def evaluate(path: Path, context: int = 0, errors: int = 0, output: bool = False) -> dict[str, float]:
    from tydal_sjekk.check.detectors.names import NameFinder

    checker = checker_for(Content())
    lists = next(settings for detector, settings in checker.rules.detectors if detector.id == "navn")
    finder = None if output else NameFinder(lists)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = fp = fn = 0
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    for k, row in enumerate(rows):
        before = [r["text"] for r in rows[max(0, k - context) : k]] if context else []
        prefix = " ".join(before) + (" " if before else "")
        text = prefix + row["text"]
        offset = len(prefix)
        gold = {(e["start"] + offset, e["end"] + offset) for e in row["entities"] if e["type"] == "PER"}
        found = {(s, e) for s, e in _names(finder, text) if s >= offset}
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        false_pos.update(text[s:e] for s, e in found - gold)
        false_neg.update(text[s:e] for s, e in gold - found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if errors:
        print(f"  falske treff: {false_pos.most_common(errors)}")
        print(f"  bommet på:    {false_neg.most_common(errors)}")
    return {"precision": precision, "recall": recall, "f1": f1, "gold": tp + fn, "sentences": len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description="NorNE PER evaluation of tydal-sjekk's name detector")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--errors", type=int, default=0, help="show the N most common errors (dev only)")
    parser.add_argument("--utdata", action="store_true",
                        help="count the «navn» findings of the whole check (as `sjekk --jsonl` reports them)")
    args = parser.parse_args()
    if args.split == "test" and args.errors:
        parser.error("errors are for tuning, and tuning is done on dev only")
    print("| Fil | Setninger | PER | Telling | Presisjon | Dekning | F1 |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for lang in ("nob", "nno"):
        path = args.data / f"{lang}-{args.split}.jsonl"
        for label, context in (("setning", 0), ("med kontekst", 5)):
            r = evaluate(path, context, args.errors if context == 0 else 0, output=args.utdata)
            print(
                f"| {path.name} | {r['sentences']} | {r['gold']} | {label} | {r['precision']:.3f} | "
                f"{r['recall']:.3f} | {r['f1']:.3f} |"
            )


if __name__ == "__main__":
    main()
