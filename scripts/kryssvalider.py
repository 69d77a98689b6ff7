"""Cross-validate the whole check (rules + learned layer) on the development corpus, file by file.

The learned layer is trained five times, each time without one fifth of the corpus files (every file was
written by its own session, so a held-out file is new in style and situation) and without one fifth of the
NorNE dev sentences, and the whole check runs on the held-out files and sentences with those weights.
This gives figures for changes to rules, thresholds and the combination that are not flattered by the
model having seen the drafts (in-sample scores are useless: the model nearly memorises its training
data), including the share of ordinary text (NorNE dev) flagged. Development only (needs the ``trening`` extra).

Usage:
    python scripts/kryssvalider.py lag     # train the five fold models (a few minutes) into --mappe
    python scripts/kryssvalider.py mål     # run the check with the current content on the held-out files
    python scripts/kryssvalider.py mål --feil
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_utkast import evaluate  # noqa: E402
from tren_modell import FP, GUIDELINES, load_corpus, load_norne, setup, train  # noqa: E402

from tydal_sjekk.check import checker_for  # noqa: E402
from tydal_sjekk.core.folder import Content  # noqa: E402

FOLDS = 5


def folds() -> list[tuple[list[Path], list[Path]]]:
    files = sorted((ROOT / "corpus" / "utkast").glob("*.jsonl"))
    out = []
    for k in range(FOLDS):
        held = [f for i, f in enumerate(files) if i % FOLDS == k]
        out.append(([f for f in files if f not in held], held))
    return out


# The corpus files the fold models were trained from: the folds follow the file list, so a file added or removed
# after ``lag`` would pair held-out files with models that saw them.
FILE_LIST = "filer.txt"


def _file_list() -> str:
    # the NorNE dev folds are part of the fold models too
    files = sorted((ROOT / "corpus" / "utkast").glob("*.jsonl"))
    return "NorNE dev: setning i i del i % 5\n" + "".join(f"{f.name}\n" for f in files)


def make(folder: Path, norne_dir: Path, fp: float, c: float = 16.0) -> None:
    content, spec, config, _, norne = setup(norne_dir)
    active = set(GUIDELINES)  # every guideline, so «aktive» in modell.toml can be tried out without retraining
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_LIST).unlink(missing_ok=True)  # written last: an interrupted «lag» leaves no valid folder
    listing = _file_list()  # taken now: a file added while the models train must not be listed as trained from
    for k, (train_files, _) in enumerate(folds()):
        rows = load_corpus(train_files)
        kept = [s for i, s in enumerate(norne) if i % FOLDS != k]
        (folder / f"vekter-{k}.bin").write_bytes(train(content, rows, kept, spec, config, active, fp, c, report=False))
        print(f"fold {k}: {len(rows)} utkast", flush=True)
    (folder / FILE_LIST).write_text(listing, encoding="utf-8")


def measure(folder: Path, norne_dir: Path, show_errors: bool) -> None:
    listed = folder / FILE_LIST
    if not listed.exists() or listed.read_text(encoding="utf-8") != _file_list():
        sys.exit(f"Foldmodellene i {folder} er ikke laget fra dagens korpusfiler (eller «lag» ble avbrutt). "
                 "Kjør «python scripts/kryssvalider.py lag» på nytt.")
    totals: Counter[str] = Counter()
    per: dict[str, list[float]] = {}
    norne = load_norne(norne_dir)
    for k, (_, held) in enumerate(folds()):
        content_dir = folder / f"innhold-{k}"
        if content_dir.exists():
            shutil.rmtree(content_dir)
        shutil.copytree(ROOT / "content", content_dir)
        shutil.copyfile(folder / f"vekter-{k}.bin", content_dir / "modell" / "vekter.bin")
        checker = checker_for(Content(content_dir, "innhold", use_cache=False))
        rows = load_corpus(held)
        r = evaluate(rows, checker, show_errors)
        for key in ("expected", "found", "harmless", "harmless_ok_count"):
            totals[key] += int(r[key])  # type: ignore[call-overload]
        for gid, (rec, _prec, n) in r["per_guideline"].items():  # type: ignore[attr-defined]
            acc = per.setdefault(gid, [0.0, 0.0])
            acc[0] += rec * n
            acc[1] += n
        # the NorNE dev sentences this fold model did not see, checked as private posts (as eval_utkast.py's test)
        for i in range(k, len(norne), FOLDS):
            totals["norne"] += 1
            totals["norne_flagged"] += checker.check(norne[i], "privat").verdict != "ok"
    recall = totals["found"] / totals["expected"]
    harmless_ok = totals["harmless_ok_count"] / totals["harmless"]
    print(f"Kryssvalidert (5 deler, fil for fil): dekning {recall:.3f} ({totals['found']}) av {totals['expected']}, "
          f"harmløse OK {harmless_ok:.3f} ({totals['harmless_ok_count']} av {totals['harmless']}), "
          f"NorNE dev flagget {totals['norne_flagged'] / max(1, totals['norne']):.3f} ({totals['norne_flagged']}) "
          f"av {totals['norne']}")
    print(" ".join(f"{gid} {hit / n:.2f}" for gid, (hit, n) in sorted(per.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steg", choices=["lag", "mål"])
    parser.add_argument("--mappe", type=Path, default=Path.home() / ".cache" / "tydal-sjekk-kryss")
    parser.add_argument("--norne", type=Path, default=ROOT.parent / "shared" / "data" / "norne")
    parser.add_argument("--fp", type=float, default=FP)
    parser.add_argument("--feil", action="store_true")
    parser.add_argument("--c", type=float, default=16.0, help="inverse regularisation strength (as tren_modell.py)")
    args = parser.parse_args()
    if args.steg == "lag":
        make(args.mappe, args.norne, args.fp, args.c)
    else:
        measure(args.mappe, args.norne, args.feil)


if __name__ == "__main__":
    main()
