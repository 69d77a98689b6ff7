"""Accuracy of `tydal-sjekk svar`'s comment classifier on the labelled comments in tests/data/.

``kommentarer-utvikling.jsonl`` is for tuning; ``kommentarer-holdt-utenfor.jsonl`` (a quarter of the set,
split by type before the classifier was written) is never used for tuning, only for reporting.

Other files (a blind round) can be given instead:  python scripts/svar_eval.py FILE.jsonl [FILE ...]

Usage:  python scripts/svar_eval.py [--errors] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tydal_sjekk.core.folder import Content
from tydal_sjekk.reply.classifier import answer, reply_content

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
FILES = ("kommentarer-utvikling.jsonl", "kommentarer-holdt-utenfor.jsonl")


def load(name: str) -> list[dict[str, str]]:
    path = DATA / name if not Path(name).is_file() else Path(name)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(rows: list[dict[str, str]], content: Content) -> tuple[dict[str, tuple[float, float, float, int]], float,
                                                                      list[tuple[str, str, str]]]:
    replies = reply_content(content)
    # the type `svar` shows: the classifier plus the overrides that need the check (a fødselsnummer is an own case)
    predicted = [answer(content, row["text"]).classified.type for row in rows]
    per_type: dict[str, tuple[float, float, float, int]] = {}
    for tid in replies.type_ids:
        tp = sum(1 for row, p in zip(rows, predicted, strict=True) if p == tid and row["type"] == tid)
        fp = sum(1 for row, p in zip(rows, predicted, strict=True) if p == tid and row["type"] != tid)
        fn = sum(1 for row, p in zip(rows, predicted, strict=True) if p != tid and row["type"] == tid)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_type[tid] = (precision, recall, f1, tp + fn)
    macro = sum(v[2] for v in per_type.values()) / len(per_type)
    errors = [(row["type"], p, row["text"]) for row, p in zip(rows, predicted, strict=True) if p != row["type"]]
    return per_type, macro, errors


def main() -> None:
    parser = argparse.ArgumentParser(description="Accuracy of the comment classifier")
    parser.add_argument("--errors", action="store_true", help="list the misclassified development comments")
    parser.add_argument("files", nargs="*", help="JSONL files to measure instead of the ones in tests/data")
    args = parser.parse_args()
    content = Content()
    for name in args.files or FILES:
        rows = load(name)
        per_type, macro, errors = evaluate(rows, content)
        print(f"\n{name} ({len(rows)} kommentarer): makro-F1 {macro:.3f}\n")
        print("| Type | Antall | Presisjon | Dekning | F1 |")
        print("|---|---:|---:|---:|---:|")
        for tid, (p, r, f, n) in per_type.items():
            print(f"| {tid} | {n} | {p:.2f} | {r:.2f} | {f:.2f} |")
        if args.errors and ("utvikling" in name or args.files):
            for gold, pred, text in errors:
                print(f"  {gold:15s} → {pred:15s} {text}")


if __name__ == "__main__":
    main()
