"""Instruction counts of framing.partisan.v1 (load-independent speed figure), for valgrind.

    OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/tmp/p.cg \\
        $(python -c 'import sys; print(sys.executable)') benchmarks/framing/instr_partisan.py \\
        [MODULE.py] [--no-run]

Runs the detector (the current one, or the ``PartisanFraming`` of a module file such as a
``git archive`` copy of an older revision, with the current lexicons and model) on the first
150 texts of work_data/speed/corpus_text.jsonl and the extracted text of the first 50 pages of
corpus_html.jsonl, after 20 warm-up calls. ``--no-run`` does everything but the 200 timed calls:
the difference of the two totals / 200 is the detector's instructions per document. Run
valgrind on the real interpreter (``sys.executable``), not a pyenv shim.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scorer.document import Document  # noqa: E402
from scorer.scoring import Scorer  # noqa: E402

DATA = ROOT / "features" / "data" / "framing"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if args:
        spec = importlib.util.spec_from_file_location("partisan_mod", args[0])
        mod = importlib.util.module_from_spec(spec)
        sys.modules["partisan_mod"] = mod
        spec.loader.exec_module(mod)
    else:
        from features.framing import partisan as mod
    det = mod.PartisanFraming(data_dir=str(DATA), model_path=str(DATA / "hyperpartisan_model.json"))
    speed = ROOT / "work_data" / "speed"
    docs = []
    with open(speed / "corpus_text.jsonl", encoding="utf8") as fh:
        for line in fh:
            if len(docs) >= 150:
                break
            r = json.loads(line)
            docs.append(Document(text=r["text"], id=r["id"], language="en"))
    prep = Scorer(detectors=[])
    with open(speed / "corpus_html.jsonl", encoding="utf8") as fh:
        for line in fh:
            if len(docs) >= 200:
                break
            r = json.loads(line)
            docs.append(prep.prepare(Document(text="", html=r["html"], url=r.get("url"),
                                              id=r["id"])))
    for d in docs[:20]:
        det(d)
    if "--no-run" not in sys.argv:
        for d in docs:
            det(d)


if __name__ == "__main__":
    main()
