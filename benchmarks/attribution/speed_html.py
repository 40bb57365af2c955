"""CPU cost of the attribution detectors on the speed corpora, and old/new output comparison.

    nice python benchmarks/attribution/speed_html.py time [N]
    nice python benchmarks/attribution/speed_html.py compare OLD_MARKUP.py [N]

``time``: per-document CPU time (``time.thread_time``) on the first N (default 300) documents of
``work_data/speed/corpus_text.jsonl`` (both detectors on the text) and of
``work_data/speed/corpus_html.jsonl`` (the HTML markup lookup that ``attribution.credits.v1``
runs on ``doc.html``: ``markup.author_from_document``, and ``markup.author_candidates``, which
evaluates every source); best and median of 5 passes, after a warm-up pass.

``oldnew``: the credits detector on HTML input (extracted text + raw HTML, the first N pages),
the code of an older ``features`` tree (``git archive REV features | tar -x -C DIR``) and the
current code interleaved in one process, 9 passes (the machine is shared: load moves both alike):

    nice python benchmarks/attribution/speed_html.py oldnew DIR [N]

``minima``: the same two sides, but each page run old/new in turn (order alternating) K times
and the per-page minima summed (robust to the shared machine's load; fourth chooser round):

    nice python benchmarks/attribution/speed_html.py minima DIR [N] [K]

``compare``: loads an older copy of ``features/attribution/markup.py`` (e.g. from ``git show
REV:features/attribution/markup.py > /tmp/old.py``) and checks that ``author_candidates`` and
``author_from_document`` give identical results on the first N HTML documents of the speed corpus
(default: all) and on every page of trafilatura-evalset. Exits 1 on a difference.
"""

from __future__ import annotations

import importlib.util
import json
import lzma
import math
import statistics
import sys
import tarfile
import time
from pathlib import Path

from features.attribution import detectors, markup
from scorer.document import Document

CORPUS = Path("work_data/speed")
EVALSET = Path("/work/shared/datasets/trafilatura-evalset")


def _load(name: str, n: int | None) -> list[dict]:
    rows = []
    with open(CORPUS / name, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if n is not None and i >= n:
                break
            rows.append(json.loads(line))
    return rows


def _passes(fn, items, k: int = 5) -> tuple[float, float]:
    for it in items:
        fn(it)
    times = []
    for _ in range(k):
        t0 = time.thread_time()
        for it in items:
            fn(it)
        times.append((time.thread_time() - t0) / len(items) * 1000)
    return min(times), statistics.median(times)


def cmd_time(n: int) -> int:
    texts = [Document(text=r["text"], language="en") for r in _load("corpus_text.jsonl", n)]
    pages = _load("corpus_html.jsonl", n)
    dets = detectors()
    print(f"text: {len(texts)} documents, mean {statistics.mean(len(d.text) for d in texts):,.0f}"
          f" characters; html: {len(pages)} pages, mean "
          f"{statistics.mean(len(p['html']) for p in pages):,.0f} characters")
    print("| part | ms/doc (best of 5) | ms/doc (median of 5) |")
    print("|---|---:|---:|")
    for det in dets:
        best, med = _passes(det, texts)
        print(f"| text: {det.name} | {best:.3f} | {med:.3f} |")

    def both(d: Document) -> None:
        for det in dets:
            det(d)

    best, med = _passes(both, texts)
    print(f"| text: both | {best:.3f} | {med:.3f} |")
    docs = [Document(text="", html=p["html"], url=p.get("url"), language="en") for p in pages]
    best, med = _passes(markup.author_from_document, docs)
    print(f"| html: markup.author_from_document | {best:.3f} | {med:.3f} |")
    best, med = _passes(lambda d: markup.author_candidates(d.html), docs)
    print(f"| html: markup.author_candidates (all sources) | {best:.3f} | {med:.3f} |")
    # the whole credits detector on HTML input (extraction done beforehand, not timed)
    from scorer.io.html import extract

    full = []
    for p in pages:
        text, meta = extract(p["html"], p.get("url"))
        full.append(Document(text=text, html=p["html"], url=p.get("url"), metadata=meta,
                             language="en"))
    plain = [Document(text=d.text, language="en") for d in full]
    det = dets[0]
    best, med = _passes(det, full)
    best_t, med_t = _passes(det, plain)
    print(f"| html: {det.name} on extracted text + html | {best:.3f} | {med:.3f} |")
    print(f"| html: {det.name} on the same extracted text alone | {best_t:.3f} | {med_t:.3f} |")
    return 0


def _evalset_pages() -> list[str]:
    from scorer.io.html import decode_html

    out = []
    with lzma.open(EVALSET / "eval_html.tar.xz") as xz, tarfile.open(fileobj=xz) as tar:
        for member in tar:
            if member.isfile():
                f = tar.extractfile(member)
                if f is not None:
                    out.append(decode_html(f.read()))
    return out


def cmd_compare(old_path: str, n: int | None) -> int:
    spec = importlib.util.spec_from_file_location("old_markup", old_path)
    assert spec and spec.loader
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    pages = [(p["html"], p.get("url")) for p in _load("corpus_html.jsonl", n)]
    pages += [(h, None) for h in _evalset_pages()]
    diffs = 0
    for html, url in pages:
        doc = Document(text="", html=html, url=url, language="und")
        a, b = old.author_candidates(html), markup.author_candidates(html)
        c, d = old.author_from_document(doc), markup.author_from_document(doc)
        if hasattr(old, "organisation_from_document"):
            c = (c, old.organisation_from_document(doc))
            d = (d, markup.organisation_from_document(doc))
        if a != b or c != d:
            diffs += 1
            if diffs <= 20:
                print("DIFF", (url or html[:60]), a, b, c, d)
    print(f"{len(pages)} pages compared, {diffs} differ")
    return 1 if diffs else 0


def cmd_oldnew(tree: str, n: int) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from compare_outputs import _old_package  # type: ignore[import-not-found]

    from scorer.io.html import extract

    old = _old_package(tree)
    pages = _load("corpus_html.jsonl", n)
    docs = []
    for p in pages:
        text, meta = extract(p["html"], p.get("url"))
        docs.append(Document(text=text, html=p["html"], url=p.get("url"), metadata=meta,
                             language="en"))
    sides = {"old": old.detectors()[0], "new": detectors()[0]}
    for det in sides.values():
        for d in docs:
            det(d)
    times: dict[str, list[float]] = {k: [] for k in sides}
    for _ in range(9):
        for k, det in sides.items():
            t0 = time.thread_time()
            for d in docs:
                det(d)
            times[k].append((time.thread_time() - t0) / len(docs) * 1000)
    print(f"credits detector on {len(docs)} HTML pages (extracted text + html), 9 passes:")
    for k, v in times.items():
        print(f"  {k}: best {min(v):.3f} ms, median {statistics.median(v):.3f} ms")
    return 0


def cmd_minima(tree: str, n: int, k: int) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from compare_outputs import _old_package  # type: ignore[import-not-found]

    from scorer.io.html import extract

    old = _old_package(tree).detectors()[0]
    new = detectors()[0]
    docs = []
    for p in _load("corpus_html.jsonl", n):
        text, meta = extract(p["html"], p.get("url"))
        docs.append(Document(text=text, html=p["html"], url=p.get("url"), metadata=meta,
                             language="en"))
    sums = {"old": 0.0, "new": 0.0}
    for d in docs:
        best = {"old": math.inf, "new": math.inf}
        for i in range(k):
            for key, det in ((("old", old), ("new", new)) if i % 2 == 0 else
                             (("new", new), ("old", old))):
                t0 = time.thread_time()
                det(d)
                best[key] = min(best[key], time.thread_time() - t0)
        for key in sums:
            sums[key] += best[key]
    o, w = (sums[key] / max(1, len(docs)) * 1000 for key in ("old", "new"))
    print(f"credits detector on {len(docs)} HTML pages, sum of per-page minima over {k} runs: "
          f"old {o:.3f} ms, new {w:.3f} ms, ratio {w / o if o else 0.0:.3f}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[1] == "minima":
        return cmd_minima(argv[2], int(argv[3]) if len(argv) > 3 else 600,
                          int(argv[4]) if len(argv) > 4 else 7)
    if len(argv) >= 2 and argv[1] == "oldnew":
        return cmd_oldnew(argv[2], int(argv[3]) if len(argv) > 3 else 300)
    if len(argv) >= 2 and argv[1] == "compare":
        return cmd_compare(argv[2], int(argv[3]) if len(argv) > 3 else None)
    return cmd_time(int(argv[2]) if len(argv) > 2 else 300)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
