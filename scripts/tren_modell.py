"""Train the learned layer of `tydal-sjekk sjekk` and write content/modell/vekter.bin.

One logistic-regression classifier per guideline over the features of tydal_sjekk.text.features (the same
code the tool runs), trained with scikit-learn (development extra ``trening``). Data:

- corpus/utkast/*.jsonl: labelled drafts (see corpus/README.md);
- NorNE *dev* sentences (bokmål and nynorsk) as ordinary harmless text in the background, read from
  ../shared/data/norne/ or --norne DIR at training time and never copied into the repository.

Thresholds are chosen on cross-validated scores so that few harmless drafts are flagged (see --fp; --norne-fp can
bound the NorNE sentences too). The
run is reproducible: fixed seed, fixed order, and the same weights bit for bit for the same data and
library versions. The script prints the cross-validated figures.

Usage:  pip install ".[trening]"  &&  python scripts/tren_modell.py [--norne DIR]
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _felles import feature_matrix, rule_signals  # noqa: E402

from tydal_sjekk.check.learned import MAGIC, feature_spec_for  # noqa: E402
from tydal_sjekk.core.folder import Content  # noqa: E402
from tydal_sjekk.text.normalise import normalise  # noqa: E402
from tydal_sjekk.text.quotes import without_quotes  # noqa: E402

PRIVATE = ("P1", "P2", "P3", "P4", "P5", "P6")
OFFICIAL = ("O3", "O4", "O5", "O6", "O7", "P3")
GUIDELINES = ("P1", "P2", "P3", "P4", "P5", "P6", "O3", "O4", "O5", "O6", "O7")
SEED = 20261127
FP = 0.006
# P3 (taushetsplikt) gets a looser threshold: a missed leak does more harm than a needless «se over», and
# measured file by file (scripts/kryssvalider.py) it raised recall 0.46 → 0.50 for 0.9 points of harmless OK.
FP_PER_GUIDELINE = {"P3": 0.02}
# Optionally also at most this share of the NorNE sentences (cross-validated) per guideline (--norne-fp; off by
# default). Tried with 0.005: P3 then flagged 0.4 % of them instead of 1.3 %, and the whole check 2.4 % of NorNE test
# instead of 3.2 %, but on blind round 75 it missed six more P3 findings (leaks) for two more harmless drafts left OK,
# after two for two on round 74. A missed leak is the real harm; "precise over noisy" does not ask for that trade.
NORNE_FP = 0.005


def load_corpus(paths: list[Path]) -> list[dict[str, object]]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def load_norne(folder: Path) -> list[str]:
    out: list[str] = []
    for name in ("nob-dev.jsonl", "nno-dev.jsonl"):
        path = folder / name
        if not path.exists():
            sys.exit(f"Fant ikke {path}. Oppgi mappen med NorNE med --norne.")
        out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def train(content: Content, rows: list[dict[str, object]], norne: list[str], spec: Any, config: dict[str, Any],
          active: set[str], fp: float, c: float, report: bool = True, norne_fp: float | None = None) -> bytes:
    """The weight file for ``rows`` (+ NorNE as background); prints the cross-validated table when ``report``."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    # The model reads what the check reads: the normalised text (variation selectors, joiners and other invisible
    # characters removed), with quoted lines («> …», the comment a reply answers) blanked.
    texts = [without_quotes(normalise(str(r["text"])).text) for r in rows] + [normalise(t).text for t in norne]
    accounts = [str(r["account"]) for r in rows] + ["begge"] * len(norne)
    labels = [{str(e["guideline"]) for e in r["expected"]} for r in rows] + [set() for _ in norne]  # type: ignore[union-attr]
    harmless = np.array([not lab for lab in labels])
    is_norne = np.array([False] * len(rows) + [True] * len(norne))
    # the rule signals of each text are features too when modell.toml says so («signaltrekk»)
    signals = rule_signals(content, texts) if spec.signal_weight else None
    X = feature_matrix(spec, texts, signals)

    header: dict[str, object] = {"buckets": spec.buckets, "guidelines": [], **config}
    blocks: list[bytes] = []
    if report:
        print("\n| Retningslinje | Positive | CV-presisjon | CV-dekning | Terskel | Harmløse flagget | NorNE flagget |")
        print("|---|---:|---:|---:|---:|---:|---:|")
    for gid in GUIDELINES:
        if not report and gid not in active:
            continue
        account_ok = np.array([a == "begge" or (a == "privat" and gid in PRIVATE) or
                               (a == "offisiell" and gid in OFFICIAL) for a in accounts])
        idx = np.where(account_ok)[0]
        y = np.array([1 if gid in labels[i] else 0 for i in idx])
        Xg = X[idx]
        weight = np.where(y == 1, max(1.0, (len(y) - y.sum()) / max(1, y.sum()) / 3), 1.0)
        model = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=SEED)
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
        scores = cross_val_predict(model, Xg, y, cv=folds, method="decision_function",
                                   params={"sample_weight": weight})
        harmless_g = harmless[idx]
        # The threshold lets through at most --fp of the harmless *drafts* (NorNE is far easier).
        neg_scores = np.sort(scores[harmless_g & ~is_norne[idx]])[::-1]
        k = int(len(neg_scores) * FP_PER_GUIDELINE.get(gid, fp))
        threshold = float(neg_scores[k]) + 1e-6 if len(neg_scores) > k else 0.0
        if norne_fp is not None:
            # Optionally also at most --norne-fp of the NorNE sentences (cross-validated scores, like the drafts).
            norne_scores = np.sort(scores[is_norne[idx]])[::-1]
            kn = int(len(norne_scores) * norne_fp)
            if len(norne_scores) > kn:
                threshold = max(threshold, float(norne_scores[kn]) + 1e-6)
        if report:
            pred = scores > threshold
            tp = int((pred & (y == 1)).sum())
            precision = tp / max(1, int(pred.sum()))
            recall = tp / max(1, int(y.sum()))
            drafts = harmless_g & ~is_norne[idx]
            flagged_harmless = float(pred[drafts].mean()) if drafts.any() else 0.0
            flagged_norne = float(pred[is_norne[idx]].mean())
            print(f"| {gid} | {int(y.sum())} | {precision:.2f} | {recall:.2f} | {threshold:.2f} | "
                  f"{flagged_harmless:.3f} | {flagged_norne:.3f} |")
        if gid not in active:
            continue  # measured above, but not shipped: the tool does not use it (see «aktive» in modell.toml)
        model.fit(Xg, y, sample_weight=weight)
        coef = model.coef_[0]
        scale = float(np.abs(coef).max() / 127.0) or 1.0
        quantised = np.clip(np.round(coef / scale), -127, 127).astype(np.int8)
        blocks.append(quantised.tobytes())
        header["guidelines"].append({  # type: ignore[union-attr]
            "id": gid, "accounts": ["privat"] if gid in PRIVATE and gid != "P3" else
            (["offisiell"] if gid not in PRIVATE else ["privat", "offisiell"]),
            "bias": float(model.intercept_[0]), "scale": scale, "threshold": threshold,
        })
    raw_header = json.dumps(header, sort_keys=True).encode("utf-8")
    return MAGIC + struct.pack("<I", len(raw_header)) + raw_header + b"".join(blocks)


def setup(norne_dir: Path) -> tuple[Content, Any, dict[str, Any], set[str], list[str]]:
    content = Content(ROOT / "content", "content")
    spec, config = feature_spec_for(content, buckets=1 << 18)
    active = set(content.read_toml("modell/modell.toml", [])["modell"]["aktive"])  # type: ignore[index]
    return content, spec, config, active, load_norne(norne_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--norne", type=Path, default=ROOT.parent / "shared" / "data" / "norne")
    parser.add_argument("--korpus", type=Path, nargs="*", default=None, help="JSONL files (default corpus/utkast)")
    parser.add_argument("--fp", type=float, default=FP, help="allowed share of flagged harmless texts per guideline")
    parser.add_argument("--c", type=float, default=16.0, help="inverse regularisation strength")
    parser.add_argument("--norne-fp", type=float, default=-1.0,
                        help=f"also at most this share of NorNE sentences per guideline (tried: {NORNE_FP}; "
                             "default negative: no bound)")
    parser.add_argument("--ut", type=Path, default=ROOT / "content" / "modell" / "vekter.bin")
    args = parser.parse_args()

    content, spec, config, active, norne = setup(args.norne)
    files = args.korpus or sorted((ROOT / "corpus" / "utkast").glob("*.jsonl"))
    rows = load_corpus(files)
    print(f"{len(rows)} utkast fra {len(files)} filer, {len(norne)} NorNE-setninger som bakgrunn")
    norne_fp = args.norne_fp if args.norne_fp >= 0 else None
    args.ut.write_bytes(train(content, rows, norne, spec, config, active, args.fp, args.c, norne_fp=norne_fp))
    print(f"\nSkrev {args.ut} ({args.ut.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
