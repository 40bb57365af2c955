"""Sensitivity of the structural line model's threshold (a what-if table, not a tuning step).

    nice python benchmarks/spam/sweep_line_threshold.py --data /tmp/credscore-spam-bench

For each threshold, the line model's stored threshold is replaced in memory and the spam
detectors are run on the clean and hard-negative sets and on the two unseen payload families
(commerce, wp_blacklist). The shipped threshold is the one calibrated by train_line_model.py on
training articles; this table only shows what other choices would cost, measured on the
benchmark (so a threshold picked from it would no longer be blind).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluate import load, prf, run

from features.spam import structure


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/tmp/credscore-spam-bench")
    ap.add_argument("--thresholds", default="0.8,0.9,0.93,0.957,0.98")
    args = ap.parse_args(argv)
    data = Path(args.data)
    clean = load(data / "clean.jsonl")
    hard = load(data / "hard_negatives.jsonl")
    inj = [r for r in load(data / "injected.jsonl") if r["family"] in ("commerce", "wp_blacklist")]
    base = structure.model()
    assert base is not None
    print("| line threshold | clean FP (any span) | hard FP | commerce recall | commerce F1 "
          "| wp_blacklist recall | wp_blacklist F1 |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    original = structure.model
    try:
        for thr in (float(t) for t in args.thresholds.split(",")):
            model = (*base[:4], thr)
            structure.model = lambda model=model: model  # type: ignore[assignment]
            pc, ph, pi = run(clean), run(hard), run(inj)
            fp = sum(1 for s, _, _ in pc if s > 0) / len(pc)
            hfp = sum(1 for s, _, _ in ph if s > 0) / len(ph)
            cells = []
            for fam in ("commerce", "wp_blacklist"):
                idx = [i for i, r in enumerate(inj) if r["family"] == fam]
                rows, preds = [inj[i] for i in idx], [pi[i] for i in idx]
                rec = sum(1 for s, _, _ in preds if s > 0) / len(preds)
                cells += [f"{rec:.1%}", f"{prf(rows, preds)[2]:.3f}"]
            print(f"| {thr:.3f} | {fp:.2%} | {hfp:.2%} | " + " | ".join(cells) + " |", flush=True)
    finally:
        structure.model = original  # type: ignore[assignment]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
