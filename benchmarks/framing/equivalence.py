"""Output equivalence of framing.partisan.v1 against a baseline revision (speed work).

    nice python benchmarks/framing/equivalence.py [--base 82e1bf2] [--quick]

The baseline is ``git archive <base>`` unpacked into a temporary directory; its
``features/framing/partisan.py`` is imported from there (with its own lexicons and model) next
to the current module. Both run on:

- all 6,000 texts of work_data/speed/corpus_text.jsonl, and every third of them again with a
  title taken from another document (the title path of ``__call__``);
- the extracted main text of all 6,000 pages of work_data/speed/corpus_html.jsonl (the scorer's
  ``prepare``, as ``CredibilityFilter.check(html=...)`` does: HTML extraction, metadata, language),
  with the extracted title;
- the framing evaluation data of reports/framing.md: the 645 SemEval-2019 by-article articles
  (as "title\\ntext", as evaluate.py and the training script read them, and once more as text
  with ``Document.title``), the AllSides media test split (title + text), and the
  Ukraine-News (Faerber) sentences (``__call__`` and ``analyse``, the training script's entry);
- ``speed_partisan.documents()``: 2,000 AllSides articles (some with titles), the seeds, and the
  hostile fixtures (empty, emoji, RTL, control bytes, 250,000 characters, dotted capital I, ...).

Compared with exact equality (no tolerance): feature dicts, evidence (code, message, span,
weight), score, extras; for ``analyse`` also its dense rates and token list. Prints the number
of documents that differ (0 expected) and exits 1 if any does. --quick: the first 500 documents
of each corpus file and no evaluation data (a check between commits).
Reads /work/shared at run time only; nothing from it is written anywhere.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from features.framing.partisan import PartisanFraming  # noqa: E402
from scorer.document import Document  # noqa: E402

SPEED = ROOT / "work_data" / "speed"


def baseline_module(rev: str, tmp: Path):
    """``features/framing/partisan.py`` of ``rev`` (git archive into ``tmp``), imported."""
    blob = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "features"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(tmp, filter="data")
    folder = tmp / "features" / "framing"
    # a package of its own, so that the module's relative imports (``partisan_loops``) load the
    # baseline's files, as plain Python
    pkg_spec = importlib.util.spec_from_file_location(
        "framing_base", folder / "__init__.py", submodule_search_locations=[str(folder)])
    pkg = importlib.util.module_from_spec(pkg_spec)
    sys.modules["framing_base"] = pkg
    spec = importlib.util.spec_from_file_location("framing_base.partisan",
                                                  folder / "partisan.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["framing_base.partisan"] = mod  # dataclasses look the module up
    spec.loader.exec_module(mod)
    return mod


def corpus(kind: str, limit: int) -> list[Document]:
    docs = []
    if kind == "text":
        with open(SPEED / "corpus_text.jsonl", encoding="utf8") as fh:
            for line in fh:
                if len(docs) >= limit:
                    break
                r = json.loads(line)
                docs.append(Document(text=r["text"], id=r["id"], url=r.get("url"), language="en"))
        titled = [Document(text=d.text, id=d.id + "t", language="en",
                           title=docs[(i + 7) % len(docs)].text[:80])
                  for i, d in enumerate(docs) if i % 3 == 0]
        return docs + titled
    from data import speed_html_documents

    return speed_html_documents(limit)


def evaluation_docs() -> tuple[list[Document], list[str]]:
    """SemEval by-article, AllSides test, and the Faerber sentences (see the module doc)."""
    import pandas as pd
    from data import DATASETS, load_allsides, load_semeval

    docs = []
    for a in load_semeval():
        docs.append(Document(text=a.title + "\n" + a.text, id="se" + a.id, language="en"))
        docs.append(Document(text=a.text, id="st" + a.id, title=a.title or None, language="en"))
    for a in load_allsides("test"):
        docs.append(Document(text=a.title + "\n" + a.text, id="at" + a.id, language="en"))
    df = pd.read_csv(DATASETS / "ukraine-news-bias-faerber/datasets/019_Ukraine-News-Corpus/"
                     "019-MultidimensionalDataset.csv")
    sentences = [str(t) for t in df.text]
    docs += [Document(text=t, id=f"uf{i}", language="en") for i, t in enumerate(sentences)]
    return docs, sentences


def as_tuple(r):
    return (r.detector, dict(r.features), tuple(r.evidence), r.score, r.extras)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="82e1bf2")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="framing_base_") as tmp:
        base_mod = baseline_module(args.base, Path(tmp))
        base, cur = base_mod.PartisanFraming(), PartisanFraming()
        limit = 500 if args.quick else 10**9
        sets = {"corpus_text (+ titled)": corpus("text", limit),
                "corpus_html extracted text": corpus("html", limit)}
        sentences: list[str] = []
        if not args.quick:
            import speed_partisan

            sets["evaluation data (SemEval, AllSides test, Faerber)"], sentences = (
                evaluation_docs())
            sets["speed_partisan.documents() (AllSides, seeds, hostile)"] = (
                speed_partisan.documents())
        total = bad = 0
        for name, docs in sets.items():
            n_bad = 0
            for d in docs:
                a, b = as_tuple(base(d)), as_tuple(cur(d))
                if a != b:
                    n_bad += 1
                    if n_bad <= 3:
                        print(f"DIFF {name} {d.id}\n base {a}\n  new {b}")
            print(f"{name}: {len(docs)} documents, {n_bad} differ")
            total += len(docs)
            bad += n_bad
        n_bad = 0
        for t in sentences:  # the training script's entry point
            a, b = base.analyse(t), cur.analyse(t)
            if a != b:
                n_bad += 1
        if sentences:
            print(f"analyse() on the Faerber sentences: {len(sentences)}, {n_bad} differ")
            total += len(sentences)
            bad += n_bad
    print(f"TOTAL {total} comparisons against {args.base}, {bad} differ (exact equality of "
          f"features, evidence, score, extras); {time.time() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
