"""Before/after check for speed-only changes of the attribution detectors: identical outputs.

    git archive HEAD features | tar -x -C /tmp/attr_before      # the 'before' code
    python benchmarks/attribution/compare_outputs.py prepare /tmp/attr_docs.pkl
    PYTHONPATH=/tmp/attr_before nice python benchmarks/attribution/compare_outputs.py \
        dump /tmp/attr_docs.pkl /tmp/attr_before.txt
    nice python benchmarks/attribution/compare_outputs.py dump /tmp/attr_docs.pkl /tmp/attr_after.txt
    cmp /tmp/attr_before.txt /tmp/attr_after.txt

``prepare``: every text of ``work_data/speed/corpus_text.jsonl`` as a Document (language "en",
as in the speed benchmarks), and every page of ``corpus_html.jsonl`` after extraction
(``scorer.Scorer().prepare`` on ``Document(text="", html=..., url=...)``), pickled once so that
both runs see the very same documents (the extraction code may change between the runs).
``dump``: one line per document with the exact ``repr`` of both detectors' results (features,
evidence codes/messages/spans/weights, score, extras). ``PYTHONPATH`` picks which ``features``
package is used (the 'before' tree shadows the installed checkout).

Timing, old and new in one process, passes interleaved (the machine is shared: load moves both
alike), CPU time per document of both detectors over the first N texts (default 600, 9 passes):

    nice python benchmarks/attribution/compare_outputs.py time /tmp/attr_before [N] [PASSES]

Instruction counts (independent of the load): run each side under valgrind and subtract a run
that only loads the documents (``none``); per document = (Ir(side, N) - Ir(none, N)) / N minus the
same difference for N=0 (set-up):

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        python benchmarks/attribution/compare_outputs.py run {old,new,none} /tmp/attr_before N
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

CORPUS = Path("work_data/speed")


def prepare(out: str) -> int:
    from scorer import scoring
    from scorer.document import Document

    docs = []
    with open(CORPUS / "corpus_text.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append(Document(text=r["text"], id=r["id"], language="en"))
    scorer = scoring.Scorer()
    with open(CORPUS / "corpus_html.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append(scorer.prepare(Document(text="", id=r["id"], html=r["html"],
                                                url=r.get("url"))))
    with open(out, "wb") as fh:
        pickle.dump(docs, fh)
    print(f"{len(docs)} documents prepared -> {out}")
    return 0


def dump(src: str, out: str) -> int:
    import features.attribution as pkg

    with open(src, "rb") as fh:
        docs = pickle.load(fh)
    import os

    # features added since the 'before' code, left out of both dumps (comma-separated names)
    drop = set(filter(None, os.environ.get("ATTR_DUMP_DROP", "").split(",")))
    dets = pkg.detectors()
    with open(out, "w", encoding="utf-8") as fh:
        for d in docs:
            for det in dets:
                r = det(d)
                feats = sorted((k, v) for k, v in r.features.items() if k not in drop)
                fh.write(repr((d.id, r.detector, feats, r.evidence,
                               r.score, sorted(r.extras.items()))))
                fh.write("\n")
    print(f"{len(docs)} documents dumped with {pkg.__file__} -> {out}")
    return 0


def _old_package(tree: str):
    """The attribution package of an old ``features`` tree, importable next to the new one (a
    renamed copy under a temporary directory)."""
    import importlib
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="attr_old_"))
    pkg = root / "attr_old"
    pkg.mkdir()
    for f in (Path(tree) / "features" / "attribution").glob("*.py"):
        (pkg / f.name).write_text(f.read_text(encoding="utf-8").replace(
            "features.attribution", "attr_old"), encoding="utf-8")
    shutil.copytree(Path(tree) / "features" / "data" / "attribution", root / "data" / "attribution")
    sys.path.insert(0, str(root))
    return importlib.import_module("attr_old")


def _texts(n: int) -> list:
    from scorer.document import Document

    out = []
    with open(CORPUS / "corpus_text.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            out.append(Document(text=json.loads(line)["text"], language="en"))
    return out


def time_both(tree: str, n: int, passes: int) -> int:
    import statistics
    import time

    import features.attribution as new

    old = _old_package(tree)
    docs = _texts(n)
    sides = {"before": (old.detectors(), []), "after": (new.detectors(), [])}
    for dets, _ in sides.values():
        for d in docs[:50]:
            for det in dets:
                det(d)
    for _ in range(passes):
        for dets, times in sides.values():
            t0 = time.thread_time()
            for d in docs:
                for det in dets:
                    det(d)
            times.append((time.thread_time() - t0) / len(docs) * 1000)
    for name, (_, times) in sides.items():
        print(f"{name}: best {min(times):.4f} ms/doc, median {statistics.median(times):.4f} ms/doc"
              f" ({len(docs)} texts, {passes} interleaved passes)")
    return 0


def run_side(side: str, tree: str, n: int) -> int:
    docs = _texts(n + 20)
    if side == "none":
        return 0
    if side == "old":
        dets = _old_package(tree).detectors()
    else:
        import features.attribution as new

        dets = new.detectors()
    for d in docs:
        for det in dets:
            det(d)
    return 0


def main(argv: list[str]) -> int:
    if argv[1] == "prepare":
        return prepare(argv[2])
    if argv[1] == "time":
        return time_both(argv[2], int(argv[3]) if len(argv) > 3 else 600,
                         int(argv[4]) if len(argv) > 4 else 9)
    if argv[1] == "run":
        return run_side(argv[2], argv[3], int(argv[4]))
    return dump(argv[2], argv[3])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
