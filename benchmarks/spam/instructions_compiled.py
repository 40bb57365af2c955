"""Instructions per text of spam.injected.v1 in a built tree (compiled or not), with callgrind.

    python benchmarks/spam/instructions_compiled.py /tmp/old --docs 200
    python benchmarks/spam/instructions_compiled.py /tmp/new --docs 200 --keep /tmp/new

Runs ``valgrind --tool=callgrind`` twice on this script's ``--child`` mode with the tree on
PYTHONPATH (PYTHONHASHSEED=0, one BLAS thread): both runs load the first ``--docs`` texts of
work_data/speed/corpus_text.jsonl (language from ``features.lang.detect``) and warm the detector
up on all of them; the second then makes one more pass. The difference of the two totals over
``--docs`` is the detector's cost per text (start-up, imports, lexicon loading and warm-up
cancel out). ``--keep PREFIX`` keeps the two outputs (PREFIX0.cg, PREFIX1.cg) for
``callgrind_annotate``. Unlike instructions_injected.py (which imports a revision's sources),
this measures compiled builds; run the real interpreter binary, not a pyenv shim.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve()
CORPUS = HERE.parents[2] / "work_data" / "speed" / "corpus_text.jsonl"


def child(docs_n: int, passes: int) -> None:
    from features import lang
    from features.spam.injected import InjectedSpamDetector
    from scorer.document import Document

    rows = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= docs_n:
                break
    docs = [Document(text=r["text"], id=r["id"], language=lang.detect(r["text"])) for r in rows]
    det = InjectedSpamDetector()
    for d in docs:
        det(d)
    gc.freeze()
    for _ in range(passes):
        for d in docs:
            det(d)


def total(tree: str, docs_n: int, passes: int, out: str) -> int:
    env = dict(os.environ, PYTHONPATH=tree, PYTHONHASHSEED="0", OPENBLAS_NUM_THREADS="1",
               OMP_NUM_THREADS="1")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                    os.path.realpath(sys.executable), str(HERE), "--child", "--docs",
                    str(docs_n), "--passes", str(passes)], env=env, cwd="/",
                   capture_output=True, check=True)
    m = re.search(r"^summary: (\d+)", Path(out).read_text(), re.MULTILINE)
    if not m:
        raise RuntimeError(f"no summary in {out}")
    return int(m.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tree", nargs="?")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--passes", type=int, default=0)
    ap.add_argument("--keep", help="keep the callgrind outputs as KEEP0.cg and KEEP1.cg")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.docs, args.passes)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        prefix = args.keep or os.path.join(tmp, "run")
        t0 = total(args.tree, args.docs, 0, prefix + "0.cg")
        t1 = total(args.tree, args.docs, 1, prefix + "1.cg")
    print(f"{args.tree}: {(t1 - t0) / args.docs:,.0f} instructions per text ({args.docs} texts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
