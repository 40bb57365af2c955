"""Instruction count of spam.injected.v1 per document (load-independent, valgrind).

    python benchmarks/spam/instructions_injected.py --docs 200            # this tree
    python benchmarks/spam/instructions_injected.py --docs 200 --rev 856768d

Runs ``valgrind --tool=cachegrind --cache-sim=no`` twice on this script's ``--child`` mode: once
with the documents loaded and the detector warmed up on the first 50 of them (zero passes), once
with one more pass over all ``--docs`` documents; the difference of the two instruction totals
divided by the number of documents is the detector's cost per document (Python start-up, imports,
corpus loading and language detection cancel out). Documents: the first ``--docs`` texts of
work_data/speed/corpus_text.jsonl, as in speed_injected.py.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[2]))
sys.path.insert(0, str(HERE.parent))


def child(docs_n: int, passes: int, rev: str | None) -> None:
    from speed_injected import baseline_detector, corpus

    from features.spam.injected import InjectedSpamDetector

    docs = corpus(docs_n)
    with tempfile.TemporaryDirectory() as tmp:
        det = baseline_detector(rev, Path(tmp)) if rev else InjectedSpamDetector()
        for d in docs[:50]:
            det(d)
        for _ in range(passes):
            for d in docs:
                det(d)


def count(docs_n: int, passes: int, rev: str | None) -> int:
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
           sys.executable, str(HERE), "--child", "--docs", str(docs_n), "--passes", str(passes)]
    if rev:
        cmd += ["--rev", rev]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stderr
    m = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if not m:
        raise RuntimeError(out[-2000:])
    return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--passes", type=int, default=1)
    ap.add_argument("--rev", help="git revision instead of this tree")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.docs, args.passes, args.rev)
        return 0
    base = count(args.docs, 0, args.rev)
    full = count(args.docs, args.passes, args.rev)
    per = (full - base) / (args.docs * args.passes)
    print(f"{args.rev or 'tree'}: {per / 1e6:.3f} M instructions per document "
          f"({args.docs} documents x {args.passes} pass(es); {full:,} - {base:,})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
