"""CPU cost and output identity of the HTML extractor and spam.hidden_html, old file vs new file.

Loads ``scorer/io/html.py`` and ``features/spam/hidden_html.py`` from a given tree (default: this
checkout) under private module names, so the rest of the code is the same for both runs, then over
every page of the speed corpus:

* runs ``extract_fast`` and ``extract`` (the pipeline's default: fast, trafilatura fallback),
* runs ``HiddenHtmlDetector()`` on ``Document(text=<extract text>, html=page, url=...)``,

timing each with ``time.thread_time`` and writing every output (text, metadata, features,
evidence with spans, score, extras) to a JSONL file. Two runs (``--tree /tmp/before`` and the
checkout) are then compared with ``--compare A.jsonl B.jsonl``.

    git archive HEAD scorer/io/html.py features/spam/hidden_html.py | tar -x -C /tmp/before
    nice python benchmarks/html/speed_compare.py --tree /tmp/before --out /tmp/html_before.jsonl
    nice python benchmarks/html/speed_compare.py --out /tmp/html_after.jsonl
    python benchmarks/html/speed_compare.py --compare /tmp/html_before.jsonl /tmp/html_after.jsonl
    nice python benchmarks/html/speed_compare.py --versus /tmp/before .   # timing, in turns

``--corpus`` may also name the trafilatura-evalset folder (/work/shared/datasets/
trafilatura-evalset): its 900-odd real pages are a harder identity check than the speed corpus.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _rows(corpus: Path, html_mod: Any) -> list[dict[str, Any]]:
    if corpus.is_dir():  # the trafilatura evaluation set: real pages, no URLs
        import tarfile

        rows = []
        with tarfile.open(corpus / "eval_html.tar.xz") as tar:
            for m in sorted(tar.getmembers(), key=lambda m: m.name):
                fh = tar.extractfile(m) if m.isfile() else None
                if fh is not None:
                    rows.append({"id": Path(m.name).name,
                                 "html": html_mod.decode_html(fh.read())})
        return rows
    return [json.loads(line) for line in corpus.open(encoding="utf-8")]


def _result_dict(res: Any) -> dict[str, Any]:
    return {
        "features": res.features,
        "score": res.score,
        "evidence": [[e.code, e.message, None if e.span is None else [e.span.start, e.span.end],
                      e.weight] for e in res.evidence],
        "extras": res.extras,
    }


def run(tree: Path, corpus: Path, out: Path, limit: int | None, repeat: int,
        fast_only: bool = False) -> None:
    from scorer.document import Document

    html_mod = _load(tree / "scorer/io/html.py", "_bench_html")
    hid_mod = _load(tree / "features/spam/hidden_html.py", "_bench_hidden_html")
    det = hid_mod.HiddenHtmlDetector()
    rows = _rows(corpus, html_mod)
    if limit:
        rows = rows[:limit]
    # warm-up: lazy imports, lexicons, parser objects
    for r in rows[:20]:
        html_mod.extract_fast(r["html"])
        det(Document(text="", html=r["html"], url=r.get("url")))
    t_fast = t_ext = t_hid = 0.0
    outputs = []
    for rep in range(repeat):
        for r in rows:
            html = r["html"]
            t0 = time.thread_time()
            fast = html_mod.extract_fast(html)
            t1 = time.thread_time()
            text, meta = fast if fast_only else html_mod.extract(html, r.get("url"))
            t2 = time.thread_time()
            doc = Document(text=text, html=html, url=r.get("url"), metadata=meta)
            t3 = time.thread_time()
            res = det(doc)
            t4 = time.thread_time()
            t_fast += t1 - t0
            t_ext += t2 - t1
            t_hid += t4 - t3
            if rep == 0:
                outputs.append({"id": r["id"], "fast": list(fast), "extract": [text, meta],
                                "hidden": _result_dict(res)})
    n = len(rows) * repeat
    with out.open("w", encoding="utf-8") as fh:
        for o in outputs:
            fh.write(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"tree={tree} pages={len(rows)} repeat={repeat}")
    print(f"extract_fast   {1000 * t_fast / n:.3f} ms/page")
    if not fast_only:
        print(f"extract        {1000 * t_ext / n:.3f} ms/page (fast + trafilatura fallback)")
    print(f"hidden_html    {1000 * t_hid / n:.3f} ms/page")


def versus(trees: list[Path], corpus: Path, limit: int | None) -> None:
    """Mean CPU ms/page of each tree's extract_fast and hidden_html, run in turns on 100-page
    chunks so that both see the same machine load (the machine is shared)."""
    from scorer.document import Document

    mods = []
    for i, tree in enumerate(trees):
        html_mod = _load(tree / "scorer/io/html.py", f"_vs_html_{i}")
        hid_mod = _load(tree / "features/spam/hidden_html.py", f"_vs_hidden_{i}")
        mods.append((html_mod, hid_mod.HiddenHtmlDetector()))
    rows = _rows(corpus, mods[0][0])[:limit]
    docs = [Document(text="", html=r["html"], url=r.get("url")) for r in rows]
    for html_mod, det in mods:  # warm-up
        for r, d in zip(rows[:20], docs[:20]):
            html_mod.extract_fast(r["html"])
            det(d)
    t_ext = [0.0] * len(mods)
    t_hid = [0.0] * len(mods)
    for start in range(0, len(rows), 100):
        for i, (html_mod, det) in enumerate(mods):
            t0 = time.thread_time()
            for r in rows[start:start + 100]:
                html_mod.extract_fast(r["html"])
            t1 = time.thread_time()
            for d in docs[start:start + 100]:
                det(d)
            t2 = time.thread_time()
            t_ext[i] += t1 - t0
            t_hid[i] += t2 - t1
    n = len(rows)
    for i, tree in enumerate(trees):
        print(f"{tree}: extract_fast {1000 * t_ext[i] / n:.3f} ms/page, hidden_html "
              f"{1000 * t_hid[i] / n:.3f} ms/page ({n} pages, mean thread CPU)")


def compare(a: Path, b: Path) -> int:
    ra = [json.loads(x) for x in a.open(encoding="utf-8")]
    rb = [json.loads(x) for x in b.open(encoding="utf-8")]
    if len(ra) != len(rb):
        print(f"different page counts: {len(ra)} vs {len(rb)}")
        return 1
    diffs = {"fast": 0, "extract": 0, "hidden": 0}
    shown = 0
    for x, y in zip(ra, rb):
        for key in diffs:
            if x[key] != y[key]:
                diffs[key] += 1
                if shown < 5:
                    shown += 1
                    print(f"DIFF {x['id']} {key}:\n  {str(x[key])[:400]}\n  {str(y[key])[:400]}")
    flagged = sum(1 for x in ra if x["hidden"]["evidence"])
    print(f"pages {len(ra)}; hidden_html pages with evidence {flagged}; differences: {diffs}")
    return 1 if any(diffs.values()) else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tree", type=Path, default=ROOT)
    ap.add_argument("--corpus", type=Path, default=ROOT / "work_data/speed/corpus_html.jsonl")
    ap.add_argument("--out", type=Path, default=Path("/tmp/html_speed.jsonl"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--compare", nargs=2, type=Path)
    ap.add_argument("--versus", type=Path, nargs="+",
                    help="time these trees against each other, in turns (no outputs written)")
    ap.add_argument("--fast-only", action="store_true",
                    help="skip extract() (its trafilatura fallback is unchanged and slow); "
                         "hidden_html then reads the extract_fast text")
    args = ap.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.versus:
        versus(args.versus, args.corpus, args.limit)
        return
    run(args.tree, args.corpus, args.out, args.limit, args.repeat, args.fast_only)


if __name__ == "__main__":
    main()
