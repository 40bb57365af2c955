"""Dump spam.injected.v1's outputs of one tree, to compare two trees (compiled builds too).

    PYTHONPATH=/tmp/old python benchmarks/spam/dump_injected.py --out /tmp/old.tsv
    PYTHONPATH=/tmp/new python benchmarks/spam/dump_injected.py --out /tmp/new.tsv
    python benchmarks/spam/dump_injected.py --compare /tmp/old.tsv /tmp/new.tsv

equivalence_injected.py imports a baseline revision's sources under another package name, which
compiled modules cannot do; here each tree runs in its own process (the tree on PYTHONPATH wins:
this script never puts its own checkout on ``sys.path`` before the detector is imported) and
writes one line per document: its id and ``repr((features, evidence, score, extras))`` (exact
floats; an exception is written as its type and message). The documents are those of
equivalence_injected.py (all 6,000 corpus texts, their variants, the HTML pages through
``Scorer.prepare``, the benchmark and blind sets where present, seeds, hostile and edge texts).
``--compare`` prints the number of documents and of differing outputs (exit 1 when any differ).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def dump(args: argparse.Namespace) -> None:
    from features.spam import injected  # (from PYTHONPATH, before this checkout is added)

    sys.path.insert(1, str(Path(__file__).resolve().parent))
    from equivalence_injected import _key, documents

    t0 = time.time()
    docs = documents(args)
    if args.limit:
        docs = docs[: args.limit]
    det = injected.InjectedSpamDetector()
    with open(args.out, "w", encoding="utf-8", errors="surrogatepass") as fh:
        fh.writelines(f"{d.id!r}\t{_key(det, d)!r}\n" for d in docs)
    print(f"{injected.__file__}: {len(docs)} documents ({time.time() - t0:.0f} s)")


def compare(old: str, new: str) -> int:
    a = Path(old).read_text(encoding="utf-8", errors="surrogatepass").splitlines()
    b = Path(new).read_text(encoding="utf-8", errors="surrogatepass").splitlines()
    diff = sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))
    spans = sum(x.count("Span(") for x in a)
    print(f"{len(a)} / {len(b)} documents, {spans} evidence spans, {diff} outputs differ")
    for x, y in zip(a, b):
        if x != y:
            print(f"  old {x[:600]}\n  new {y[:600]}")
            break
    return 1 if diff else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out")
    ap.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    ap.add_argument("--variants", type=int, default=1000)
    ap.add_argument("--no-html", action="store_true")
    ap.add_argument("--bench", type=Path, default=Path("/tmp/credscore-spam-bench"))
    ap.add_argument("--blind", type=Path, nargs="*",
                    default=[Path("/tmp/credscore-spam-blind"), Path("/tmp/credscore-spam-blind2")])
    ap.add_argument("--html-pages", type=int, default=0, help="only the first N HTML pages")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    dump(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
