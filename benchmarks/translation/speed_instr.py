"""Instruction counts of ``translation.mt.v1`` per document, cold and warm (load-independent).

    python benchmarks/translation/speed_instr.py [--before /tmp/mt_before] [--n 300]

Runs the detector under ``valgrind --tool=cachegrind --cache-sim=no`` three times in fresh
processes: setup only (imports, model and lexicons loaded, one short warm-up text), setup plus one
pass over the first ``--n`` documents of work_data/speed/corpus_text.jsonl, and setup plus two
passes. Cold = (one pass - setup) / n: every document seen for the first time, memos starting
empty as in a fresh crawl process; warm = (two passes - one pass) / n: the same documents again.
Instruction counts do not depend on the machine's load (the 2 shared cores make CPU-time figures
noisy), but they ignore cache misses, so they rank changes rather than predict milliseconds.
``--before`` times the package under ``<before>/features/translation`` (see speed_compare.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _child(which: str, n: int, passes: int) -> None:
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from scorer.document import Document

    if which == "after":
        from features.translation.detector import MachineTranslationDetector as cls
    else:
        from speed_compare import load_before

        cls = load_before(Path(which))
    det = cls()
    texts = []
    with (ROOT / "work_data/speed/corpus_text.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= n:
                break
    docs = [Document(text=t, language="en") for t in texts]
    det(Document(text="The committee said on Monday that the plan. was approved.", language="en"))
    for _ in range(passes):
        for d in docs:
            det(d)


def count(which: str, n: int) -> tuple[float, float]:
    """``(cold, warm)`` instructions per document."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    procs = []
    for passes in (0, 1, 2):
        cmd = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            which,
            "--n",
            str(n),
            "--passes",
            str(passes),
        ]
        procs.append(
            subprocess.Popen(
                cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True
            )
        )
    irs = []
    for p in procs:
        _, err = p.communicate()
        m = re.search(r"I\s+refs:\s+([\d,]+)", err)
        if m is None:
            raise SystemExit(f"no instruction count in valgrind output:\n{err[-2000:]}")
        irs.append(int(m.group(1).replace(",", "")))
    return (irs[1] - irs[0]) / n, (irs[2] - irs[1]) / n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, default=None)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--child", default=None)
    ap.add_argument("--passes", type=int, default=0)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.n, args.passes)
        return 0
    versions = [("after", "after")]
    if args.before:
        versions.insert(0, ("before", str(args.before)))
    for label, which in versions:
        cold, warm = count(which, args.n)
        print(
            f"{label}: instructions per document: cold {cold:,.0f}, warm {warm:,.0f} "
            f"({args.n} corpus documents)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
