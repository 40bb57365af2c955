"""CPU cost of spam.injected.v1 per 5 KB text document, and output-equivalence snapshots.

    # mean CPU ms per document (time.thread_time), this tree against an older revision,
    # interleaved document by document in one process (fair on a loaded machine):
    nice python benchmarks/spam/speed_injected.py --baseline-rev 77180a0 --docs 600

    # a speed-only change must not change outputs: snapshot before, compare after
    nice python benchmarks/spam/speed_injected.py --snapshot /tmp/spam-snap.jsonl
    nice python benchmarks/spam/speed_injected.py --compare /tmp/spam-snap.jsonl

Corpus: work_data/speed/corpus_text.jsonl (``python benchmarks/speed/build_corpus.py``), the
first ``--docs`` documents, document language from ``features.lang.detect`` as the scorer sets
it (not timed). The snapshot also covers the injection benchmark (every second injected
document and all hard negatives) when ``--bench`` exists, so spam paths are compared too.

The baseline revision's ``features/spam`` package and ``features/data/spam`` files are copied
from git into a temporary directory under another package name, so both versions run side by
side; the order of the two calls alternates from document to document and pass to pass.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from features import lang
from features.spam.injected import InjectedSpamDetector
from scorer.document import Document

CORPUS = REPO / "work_data" / "speed" / "corpus_text.jsonl"
MODULES = ("injected", "lexicon", "normalize", "structure")


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                          check=True).stdout


def baseline_detector(rev: str, tmp: Path) -> object:
    """InjectedSpamDetector of revision ``rev`` (imported as package ``spam_baseline``)."""
    pkg = tmp / "spam_baseline"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    for mod in MODULES:
        src = _git("show", f"{rev}:features/spam/{mod}.py")
        src = src.replace("from features.spam.normalize import", "from spam_baseline.normalize import")
        src = src.replace("from features.spam import", "from spam_baseline import")
        (pkg / f"{mod}.py").write_text(src, encoding="utf-8")
    data = tmp / "data" / "spam"
    data.mkdir(parents=True)
    for name in _git("ls-tree", "--name-only", f"{rev}:features/data/spam").split():
        blob = subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:features/data/spam/{name}"],
                              capture_output=True, check=True).stdout
        (data / name).write_bytes(blob)
    sys.path.insert(0, str(tmp))
    from spam_baseline.injected import InjectedSpamDetector as Baseline  # type: ignore
    return Baseline()


def corpus(n: int) -> list[Document]:
    rows = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= n:
                break
    return [Document(text=r["text"], id=r["id"], language=lang.detect(r["text"])) for r in rows]


def timing(docs: list[Document], dets: dict[str, object], passes: int) -> dict[str, list[float]]:
    """Mean CPU ms per document of each detector, one value per pass (interleaved)."""
    names = list(dets)
    for d in docs[:50]:
        for det in dets.values():
            det(d)  # type: ignore[operator]
    out: dict[str, list[float]] = {k: [] for k in names}
    for p in range(passes):
        tot = dict.fromkeys(names, 0.0)
        for i, d in enumerate(docs):
            order = names if (i + p) % 2 == 0 else names[::-1]
            for k in order:
                t0 = time.thread_time()
                dets[k](d)  # type: ignore[operator]
                tot[k] += time.thread_time() - t0
        for k in names:
            out[k].append(tot[k] / len(docs) * 1000)
    return out


def snapshot_rows(n: int, bench: Path) -> list[str]:
    """One JSON line per document: features, every evidence (code, message, span, weight),
    score and extras. The first ``n`` corpus texts, then every text of the injection benchmark
    (clean, injected, hard negatives, and the text of the HTML pages) when ``bench`` exists."""
    det = InjectedSpamDetector()
    docs = corpus(n)
    if bench.exists():
        for name in ("clean", "injected", "hard_negatives", "html"):
            rows = [json.loads(x) for x in (bench / f"{name}.jsonl").read_text().splitlines()]
            docs += [Document(text=r["text"], id=f"{name}:{r['id']}", language=r["language"])
                     for r in rows]
    out = []
    for d in docs:
        r = det(d)
        ev = [(e.code, e.message, e.span.start if e.span else None,
               e.span.end if e.span else None, e.weight) for e in r.evidence]
        out.append(json.dumps([d.id, r.features, ev, r.score, r.extras], sort_keys=True,
                              default=repr))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--passes", type=int, default=7)
    ap.add_argument("--baseline-rev", help="git revision to time against (interleaved)")
    ap.add_argument("--snapshot", type=Path, help="write outputs to this JSONL file")
    ap.add_argument("--compare", type=Path, help="compare outputs with this snapshot")
    ap.add_argument("--bench", type=Path, default=Path("/tmp/credscore-spam-bench"))
    ap.add_argument("--snapshot-docs", type=int, default=6000,
                    help="corpus documents in a snapshot (default: all 6,000)")
    args = ap.parse_args(argv)
    if args.snapshot or args.compare:
        rows = snapshot_rows(args.snapshot_docs, args.bench)
        if args.snapshot:
            args.snapshot.write_text("\n".join(rows) + "\n", encoding="utf-8")
            print(f"{len(rows)} outputs written to {args.snapshot}")
            return 0
        old = args.compare.read_text(encoding="utf-8").splitlines()
        diff = sum(1 for a, b in zip(old, rows) if a != b) + abs(len(old) - len(rows))
        print(f"{len(rows)} outputs, {diff} differ from {args.compare}")
        return 1 if diff else 0
    docs = corpus(args.docs)
    dets: dict[str, object] = {"tree": InjectedSpamDetector()}
    with tempfile.TemporaryDirectory() as tmp:
        if args.baseline_rev:
            dets[args.baseline_rev] = baseline_detector(args.baseline_rev, Path(tmp))
        res = timing(docs, dets, args.passes)
    for k, v in res.items():
        print(f"{k:>10}: mean CPU {statistics.median(v):.3f} ms/doc (median of {len(v)} "
              f"passes; min {min(v):.3f}, max {max(v):.3f}) = "
              f"{1000 / statistics.median(v):,.0f} docs/s per core, {len(docs)} documents")
    if args.baseline_rev:
        r = statistics.median(res["tree"]) / statistics.median(res[args.baseline_rev])
        print(f"tree / {args.baseline_rev}: {r:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
