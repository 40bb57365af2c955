"""CPU time of ``translation.mt.v1``'s parts, in batch and one document per call (speed work).

    PYTHONPATH=TREE nice python benchmarks/translation/speed_parts.py [--docs 400]

In one process (``PYTHONPATH`` = a built tree: its compiled modules run), over the first
``--docs`` prepared corpus texts after a 300-text warm-up: per part (the whole detector, the
profile logits, ``artifacts.find_all``, the UTF-8 encode, the lexicon scan alone) the
``time.thread_time`` per document when the part runs over all documents in a row (*batch*) and
when every registered detector runs on a document before the timed call (*call*: the part's
tables have left the CPU caches, as when pages are checked one at a time). Fastest of three
passes; run it for two trees in alternation to compare them (the machine drifts).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    args = ap.parse_args()
    from features.translation import artifacts as A
    from features.translation import detector as D
    from scorer import CredibilityFilter

    n = args.docs
    corpus = Path.cwd() / "work_data" / "speed" / "corpus_text.jsonl"
    items = []
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            items.append(json.loads(line))
            if len(items) >= n + 300:
                break
    f = CredibilityFilter.load(cheap_first=False)
    docs = [f.scorer.prepare(f.document(text=r["text"], url=r.get("url"))) for r in items]
    dets = list(f.scorer.detectors)
    det = next(d for d in dets if d.name == "translation.mt.v1")
    others = [d for d in dets if d.name != "translation.mt.v1"]
    for d in docs[n:]:
        det(d)
    m = D.load_model()
    parts = {
        "detector": det,
        "profile_logit": lambda d: D.profile_logit(m, d.text),
        "find_all": lambda d: A.find_all(d.text),
        "encode": lambda d: d.text.encode("utf-8", "surrogatepass"),
        "lexicon": lambda d: A.find_lexicon_hits_fast(
            d.text, d.text.encode("utf-8", "surrogatepass")
        ),
    }
    res: dict[str, list[tuple[float, float]]] = {}
    for _ in range(3):
        for name, fn in parts.items():
            t0 = time.thread_time()
            for d in docs[:n]:
                fn(d)
            tb = time.thread_time() - t0
            tc = 0.0
            for d in docs[:n]:
                for o in others:
                    o(d)
                t0 = time.thread_time()
                fn(d)
                tc += time.thread_time() - t0
            res.setdefault(name, []).append((tb / n * 1e3, tc / n * 1e3))
    print(json.dumps({k: {"batch_ms": round(min(x[0] for x in v), 4),
                          "call_ms": round(min(x[1] for x in v), 4)} for k, v in res.items()}))


if __name__ == "__main__":
    main()
