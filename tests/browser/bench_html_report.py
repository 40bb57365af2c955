"""Size and speed of the HTML report for a large synthetic batch (not a test; run by hand).

    nice python tests/browser/bench_html_report.py --docs 10000 --chars 5000 --out /tmp/big.html

Builds synthetic report records (random English-like text from a fixed vocabulary, seeded; a few
evidence spans per document on several signals, reasons, a source block), writes the report with
:class:`HtmlReportWriter`, and prints the file size, the writer's time (record generation excluded) and
the process's peak RSS before and after (bounded memory: it must not grow with the batch). With Chromium installed it then opens the page headless and measures, from
inside the page, the time until the table is rendered, a sort by score, a text filter, and opening
one document view.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import chromium

from scorer.io.html_report import HtmlReportWriter

_VOCAB = ("the council said on monday that new figures showed a rise in port traffic while "
         "officials from the ministry of transport warned about delays at the border crossing "
         "after heavy rain flooded several roads near the coast and residents were asked to "
         "stay indoors until engineers had inspected bridges and tunnels across the region")
WORDS = tuple(_VOCAB.split())
FLAGS = [("spam", "SPAM_GAMBLING", "gambling keyword line"),
         ("translation", "MT_CALQUE", "machine-translation calque"),
         ("framing", "LOADED_TERM", "loaded term"),
         ("attribution", "UNATTRIBUTED_CLAIM", "claim without a named source")]
SIGS = ("spam", "translation", "attribution", "framing", "source")


def synthetic(i: int, chars: int, rng: random.Random) -> dict[str, Any]:
    words: list[str] = []
    n = 0
    while n < chars:
        w = rng.choice(WORDS)
        words.append(w)
        n += len(w) + 1
    text = " ".join(words)[:chars]
    signals: dict[str, Any] = {s: {"score": round(rng.random() * 0.6, 4), "spans": [],
                                   "findings": []} for s in SIGS}
    signals["attribution"].update({"byline": None, "dateline": None, "credits": []})
    signals["source"].update({"domain": f"site{i % 700}.example",
                              "ratings": {"list-a": rng.choice(["reliable", "mixed", "low"])}})
    for _ in range(rng.randint(2, 10)):
        sig, code, msg = rng.choice(FLAGS)
        a = rng.randrange(0, max(1, len(text) - 40))
        b = a + rng.randint(4, 40)
        signals[sig]["spans"].append({"start": a, "end": b, "code": code, "text": text[a:b],
                                      "message": msg, "detector": f"{sig}.synthetic.v1"})
        signals[sig]["score"] = round(0.5 + rng.random() * 0.5, 4)
    signals["attribution"]["findings"].append({"code": "NO_BYLINE", "message": "no byline found",
                                               "detector": "attribution.synthetic.v1"})
    score = round(rng.random() * 100, 2)
    reasons = [{"code": f"{s}_signal", "signal": s, "message": f"{s} scored high",
                "weight": round(rng.random(), 4)} for s in rng.sample(SIGS, 3)]
    return {"id": f"doc-{i:05d}", "url": f"https://site{i % 700}.example/a/{i}",
            "domain": f"site{i % 700}.example", "language": "en",
            "credibility": {"score": score, "label": "x",
                            "decision": "accept" if score >= 70 else
                            "reject" if score < 40 else "review", "p_low": 1 - score / 100},
            "signals": signals, "reasons": reasons,
            "model": {"name": "credscore-synthetic", "version": "1"},
            "detectors": [f"{s}.synthetic.v1" for s in SIGS], "schema_version": "1.0",
            "text": text}


def real_records(parquet: Path, n: int) -> Iterator[dict[str, Any]]:
    """Report dicts (with text) for the first ``n`` articles, scored in batches of 100."""
    import pandas as pd

    from scorer import Document, Scorer

    df = pd.read_parquet(parquet, columns=["ID", "url", "content_original"]).head(n)
    scorer = Scorer.load()
    for start in range(0, len(df), 100):
        chunk = df.iloc[start:start + 100]
        docs = [Document(text=str(t or ""), id=str(i), url=u)
                for i, u, t in zip(chunk["ID"], chunk["url"], chunk["content_original"])]
        for rep in scorer.score_many(docs):
            yield rep.to_dict(include_text=True)


TIMING_JS = r"""
(async function(){
 const out={};const t0=performance.now();out.loaded_ms=t0;
 const sleep=ms=>new Promise(r=>setTimeout(r,ms));
 let t=performance.now();document.querySelector('#doctable th[data-k="s"]').click();
 out.sort_ms=performance.now()-t;
 t=performance.now();window.credscore.state.q="site1";window.credscore.refresh();
 out.filter_ms=performance.now()-t;out.filtered=document.getElementById("count").textContent;
 window.credscore.state.q="";window.credscore.refresh();
 t=performance.now();const last=String(window.credscore.rows.length-1);location.hash="doc="+last;
 while(document.getElementById("docview").dataset.doc!==last)await sleep(1);
 out.open_doc_ms=performance.now()-t;out.marks=document.querySelectorAll("#doctext mark").length;
 out.rows=document.querySelectorAll("#tbody tr[data-id]").length;
 // drop the embedded data so --dump-dom stays small
 for(const e of document.querySelectorAll('script[type="application/json"]'))e.remove();
 const pre=document.createElement("pre");pre.id="test-result";pre.textContent=JSON.stringify(out);
 document.body.appendChild(pre);})();
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--chars", type=int, default=5_000, help="characters of text per document")
    ap.add_argument("--out", type=Path, default=Path("/tmp/credscore-big-report.html"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--allsides", type=Path, default=None,
                    help="instead of synthetic records, score the first --docs articles of this\n"
                         "AllSides parquet (content_original, url) with Scorer.load()")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    source = real_records(args.allsides, args.docs) if args.allsides else None
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gen = 0.0
    text_chars = 0
    t0 = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as fh:
        writer = HtmlReportWriter(fh)
        for i in range(args.docs):
            g = time.perf_counter()
            rec = next(source) if source is not None else synthetic(i, args.chars, rng)
            gen += time.perf_counter() - g
            text_chars += len(rec.get("text") or "")
            writer.write(rec)
        writer.close()
    elapsed = time.perf_counter() - t0 - gen
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = args.out.stat().st_size
    result: dict[str, Any] = {
        "docs": args.docs, "chars_per_doc": "allsides" if args.allsides else args.chars,
        "file_bytes": size, "mean_text_chars": round(text_chars / max(1, args.docs)),
        "file_mb": round(size / 1e6, 1), "bytes_per_doc": round(size / max(1, args.docs)),
        "writer_s": round(elapsed, 2), "generation_or_scoring_s": round(gen, 2), "max_rss_mb_before": round(rss0 / 1e3, 1), "max_rss_mb_after": round(rss1 / 1e3, 1),
    }
    if chromium.find_chromium():
        page = chromium.with_script(args.out, TIMING_JS, args.out.with_suffix(".timing.html"))
        t0 = time.perf_counter()
        dom = chromium.dump_dom(page, budget_ms=5_000, timeout=300)
        result["chromium_wall_s"] = round(time.perf_counter() - t0, 1)
        result["in_page"] = {k: (round(v) if isinstance(v, float) else v)
                             for k, v in chromium.read_result(dom).items()}
        page.unlink()
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
