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
    dets = pkg.detectors()
    with open(out, "w", encoding="utf-8") as fh:
        for d in docs:
            for det in dets:
                r = det(d)
                fh.write(repr((d.id, r.detector, sorted(r.features.items()), r.evidence,
                               r.score, sorted(r.extras.items()))))
                fh.write("\n")
    print(f"{len(docs)} documents dumped with {pkg.__file__} -> {out}")
    return 0


def main(argv: list[str]) -> int:
    if argv[1] == "prepare":
        return prepare(argv[2])
    return dump(argv[2], argv[3])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
