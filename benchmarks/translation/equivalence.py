"""Output equivalence of ``translation.mt.v1`` against a baseline commit (speed work, issue #8).

    rm -rf /tmp/mt_base && mkdir -p /tmp/mt_base && git archive 82e1bf2 | tar -x -C /tmp/mt_base
    nice python benchmarks/translation/equivalence.py --before /tmp/mt_base

The baseline is the package under ``<before>/features/translation`` (with its own data files),
imported under another name (``speed_compare.load_before``), so both versions run in one process
on the same ``Document`` objects. Compared per document: feature names and values (bit for bit),
evidence (codes, messages, spans, weights), score (bit for bit, and ``None`` alike) and extras.

Texts:
- every text of ``work_data/speed/corpus_text.jsonl`` (6,000) and the extracted main text of every
  page of ``work_data/speed/corpus_html.jsonl`` (the detector sees ``doc.text``: prepared by the
  scorer as in the crawl filter, language as the scorer sets it);
- the data ``evaluate.py`` scores (reports/translation.md): held-out valid and test news, their
  learner-English rewrites, the non-native fixtures, mt-roundtrip test articles, WMT21 test
  documents, the unseen-pivot pairs when ``--pivot`` exists, the seeds;
- the hostile fixtures of ``speed_equiv.HOSTILE``; 200 corpus texts as language 'und' and 20 as
  'de'.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from speed_compare import compare, load_before, other_texts  # noqa: E402

from features.translation.detector import MachineTranslationDetector  # noqa: E402
from scorer.document import Document  # noqa: E402


def corpus_docs(kind: str, limit: int | None) -> list[Document]:
    """Prepared documents of the speed corpus (``text`` or ``html``), as the filter sees them."""
    from scorer import CredibilityFilter

    f = CredibilityFilter.load()
    out = []
    path = ROOT / f"work_data/speed/corpus_{kind}.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            doc = f.document(**{kind: r[kind]}, url=r.get("url"))
            out.append(f.scorer.prepare(doc))
            if limit and len(out) >= limit:
                break
    return out


def eval_texts(pivot: Path) -> dict[str, list[str]]:
    """The texts ``evaluate.py`` scores, by set."""
    from data import heldout_news, learner_errors, roundtrip, split_of, wmt_docs

    sys.path.insert(0, str(ROOT / "tests/features/translation"))
    from translation_nonnative_texts import NON_NATIVE_TEXTS

    nv, nt = heldout_news("valid"), heldout_news("test")
    sets = {
        "heldout valid": [r["text"] for r in nv],
        "heldout test": [r["text"] for r in nt],
        "learner valid": [learner_errors(r["text"], 7 * i + 1) for i, r in enumerate(nv)],
        "learner test": [learner_errors(r["text"], 7 * i + 1) for i, r in enumerate(nt)],
        "non-native": list(NON_NATIVE_TEXTS),
        "roundtrip test": [r["text"] for r in roundtrip() if split_of(r["group"]) == "test"],
        "wmt21 test": [r["text"] for r in wmt_docs() if split_of(r["group"], 3) == "test"],
    }
    if pivot.exists():
        rows = [json.loads(x) for x in pivot.read_text(encoding="utf-8").splitlines()]
        sets["unseen pivot"] = [r["text_original"] for r in rows] + [r["text_mt"] for r in rows]
    return sets


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, required=True, help="git archive of the baseline")
    ap.add_argument("--pivot", type=Path, default=Path("/tmp/translation_pivot.jsonl"))
    ap.add_argument("--limit", type=int, default=None, help="corpus documents per kind")
    ap.add_argument("--no-eval", action="store_true", help="skip the evaluation data")
    args = ap.parse_args(argv)

    old, new = load_before(args.before)(), MachineTranslationDetector()
    sets: dict[str, list[Document]] = {
        "corpus text": corpus_docs("text", args.limit),
        "corpus html (extracted text)": corpus_docs("html", args.limit),
    }
    if not args.no_eval:
        for name, texts in eval_texts(args.pivot).items():
            sets[name] = [Document(text=t, language="en") for t in texts]
    sets["seeds + hostile"] = [Document(text=t, language="en") for t in other_texts()]
    base = [d.text for d in sets["corpus text"]]
    sets["corpus as 'und'/'de'"] = [Document(text=t, language="und") for t in base[:200]] + [
        Document(text=t, language="de") for t in base[:20]
    ]

    total = differ = inexact = raised = 0
    worst = 0.0
    for name, docs in sets.items():
        n_diff = 0
        for d in docs:
            try:
                a = old(d)
            except Exception:  # noqa: BLE001 (the baseline's own failure, counted)
                raised += 1
                new(d)  # the new code must not raise
                continue
            b = new(d)
            errs, w, exact = compare(a, b)
            worst = max(worst, w)
            inexact += not exact
            if errs or not exact:
                n_diff += 1
                if n_diff <= 3:
                    print(f"  DIFF in {name}: {errs[:2]} {d.text[:80]!r}")
        total += len(docs)
        differ += n_diff
        print(f"{name}: {len(docs)} documents, {n_diff} differ", flush=True)
    print(
        f"TOTAL {total} documents: {differ} differ; floats not bit-identical in {inexact} "
        f"(largest difference {worst:g}); baseline raised on {raised}"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
