"""Per-detector CPU time of two credscore trees, turn about (speed work on compiled builds).

    nice python benchmarks/translation/turnabout.py OLD_DIR NEW_DIR [--rounds 5] [--docs 500]
        [--kind text|html]

Each round runs one fresh process per tree (``PYTHONPATH`` = the tree, so a tree built with
``python setup.py build_ext --inplace`` runs its compiled modules), old then new, over the same
corpus texts (``work_data/speed/corpus_text.jsonl``: the first ``--docs`` timed, the next 300 a
warm-up; documents made by ``CredibilityFilter.document``, as ``check`` makes them; with
``--kind html`` the pages of ``corpus_html.jsonl``, extracted and prepared by ``scorer.prepare``
as ``check`` does). Per detector
(``translation.mt.v1``, ``framing.partisan.v1``) the worker measures ``time.thread_time`` per
document in two orders:

- ``batch``: the detector over all documents in a row (what ``check_many`` does per stage);
- ``call``: every other registered detector runs on a document (untimed) before the timed call,
  so the detector's tables have left the CPU caches, as when pages are checked one at a time.

Prints, per detector and order, each round's ms per document for both trees and the median of
the per-round ratios new/old (1.0 = same cost; 0.6 = 40% less CPU).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
DETECTORS = ("translation.mt.v1", "framing.partisan.v1")


def worker(n_docs: int, kind: str = "text") -> None:
    from scorer import CredibilityFilter

    corpus = Path.cwd() / "work_data" / "speed" / f"corpus_{kind}.jsonl"
    items = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            items.append({kind: r[kind], "url": r.get("url")})
            if len(items) >= n_docs + 300:
                break
    filt = CredibilityFilter.load(cheap_first=False)
    docs = [filt.document(**it) for it in items]
    if kind == "html":
        docs = [filt.scorer.prepare(d) for d in docs]
    timed, warm = docs[:n_docs], docs[n_docs:]
    dets = list(filt.scorer.detectors)
    out: dict[str, object] = {}
    for name in DETECTORS:
        det = next(d for d in dets if d.name == name)
        others = [d for d in dets if d.name != name]
        for d in warm:
            det(d)
        t0 = time.thread_time()
        for d in timed:
            det(d)
        out[f"{name} batch"] = (time.thread_time() - t0) / n_docs * 1000.0
        spent = 0.0
        for d in timed:
            for o in others:
                o(d)
            t0 = time.thread_time()
            det(d)
            spent += time.thread_time() - t0
        out[f"{name} call"] = spent / n_docs * 1000.0
    mods = sys.modules
    out["modules"] = {m: getattr(mods[m], "__file__", "").rsplit("/", 1)[-1]
                      for m in ("features.translation.profile", "features.translation.profile_loops",
                                "features.translation.detector",
                                "features.translation.artifacts_loops",
                                "features.framing.partisan") if m in mods}
    print(json.dumps(out))


def run(tree: str, n_docs: int, kind: str = "text") -> dict:
    env = dict(os.environ, PYTHONPATH=str(Path(tree).resolve()))
    res = subprocess.run([sys.executable, str(HERE), "_worker", str(n_docs), kind], env=env,
                         cwd=str(Path(tree).resolve()), capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        worker(int(argv[1]), argv[2] if len(argv) > 2 else "text")
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--kind", choices=("text", "html"), default="text")
    args = ap.parse_args(argv)
    runs: dict[str, list[dict]] = {"old": [], "new": []}
    for _ in range(args.rounds):
        for side in ("old", "new"):
            runs[side].append(run(getattr(args, side), args.docs, args.kind))
    result: dict[str, object] = {"old": args.old, "new": args.new, "rounds": args.rounds,
                                 "docs": args.docs, "kind": args.kind, "modules": {s: runs[s][0]["modules"]
                                                                for s in runs}}
    for key in (f"{d} {o}" for d in DETECTORS for o in ("batch", "call")):
        old = [r[key] for r in runs["old"]]
        new = [r[key] for r in runs["new"]]
        result[key] = {"old_ms": [round(x, 4) for x in old], "new_ms": [round(x, 4) for x in new],
                       "ratio_median": round(statistics.median(n / o for n, o in zip(new, old)), 3)}
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
