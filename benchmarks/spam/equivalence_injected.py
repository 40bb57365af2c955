"""Output equivalence of spam.injected.v1 between this tree and a git revision (speed work).

    nice python benchmarks/spam/equivalence_injected.py --baseline-rev 856768d

Both detectors run in one process (the revision's ``features/spam`` package is imported under
another name, see ``speed_injected.baseline_detector``) on every text below and their results
(features, every evidence with code, message, span and weight, score, extras) are compared by
``repr`` (exact floats). Texts:

- all 6,000 texts of work_data/speed/corpus_text.jsonl (language from ``features.lang.detect``,
  as the scorer sets it), and the first ``--variants`` of them again as variants: language "und",
  language "de", lower-cased text, upper-cased text, paragraphs joined into one line, lines
  split at every sentence end (other code paths: non-English scoring, many lower-case sentence
  starts, capital-start candidates, long lines, short lines);
- the extracted main text of the first ``--html-pages`` pages of work_data/speed/corpus_html.jsonl
  (all by default), through ``scorer.scoring.Scorer.prepare`` as the pipeline does (extraction,
  metadata, language; skipped with ``--no-html``);
- every text of the injection benchmark (``--bench``, clean/injected/hard negatives/html) and of
  the blind checks (``--blind``, default /tmp/credscore-spam-blind and /tmp/credscore-spam-blind2
  where present), with their recorded language;
- the seeds (/work/shared/seeds) and the hostile units of tests/features/spam/test_spam_hostile.py
  (20,000 characters each) plus a few hand-written edge cases.

Exit status 1 when any output differs (the first differences are printed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_injected import baseline_detector

from features import lang
from features.spam.injected import InjectedSpamDetector
from scorer.document import Document

SPEED = REPO / "work_data" / "speed"
SEEDS = Path("/work/shared/seeds")
_SENT_END = re.compile(r"(?<=[.!?]) +")


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(x) for x in fh if x.strip()]


def _lang_cache(texts: list[str], cache: Path) -> list[str]:
    known: dict[str, str] = {}
    if cache.exists():
        known = json.loads(cache.read_text(encoding="utf-8"))
    out = []
    for t in texts:
        key = hashlib.sha1(t.encode("utf-8", "surrogatepass")).hexdigest()
        if key not in known:
            known[key] = lang.detect(t)
        out.append(known[key])
    cache.write_text(json.dumps(known), encoding="utf-8")
    return out


def documents(args: argparse.Namespace) -> list[Document]:
    docs: list[Document] = []
    rows = _jsonl(SPEED / "corpus_text.jsonl")
    langs = _lang_cache([r["text"] for r in rows], Path(tempfile.gettempdir()) / "spam-eq-lang-text.json")
    for r, lg in zip(rows, langs):
        docs.append(Document(text=r["text"], id=f"text:{r['id']}", language=lg))
    for r, lg in list(zip(rows, langs))[: args.variants]:
        t = r["text"]
        docs.append(Document(text=t, id=f"und:{r['id']}", language="und"))
        docs.append(Document(text=t, id=f"de:{r['id']}", language="de"))
        docs.append(Document(text=t.lower(), id=f"lower:{r['id']}", language=lg))
        docs.append(Document(text=t.upper(), id=f"upper:{r['id']}", language=lg))
        docs.append(Document(text=" ".join(t.split("\n")), id=f"join:{r['id']}", language=lg))
        docs.append(Document(text=_SENT_END.sub("\n", t), id=f"split:{r['id']}", language=lg))
    if not args.no_html and (SPEED / "corpus_html.jsonl").exists():
        from scorer.scoring import Scorer
        prep = Scorer(detectors=[]).prepare
        hrows = _jsonl(SPEED / "corpus_html.jsonl")
        if args.html_pages:
            hrows = hrows[: args.html_pages]
        for r in hrows:
            d = prep(Document(text="", html=r["html"], url=r.get("url"), id=f"html:{r['id']}"))
            docs.append(d)
    roots = [(args.bench, ("clean", "injected", "hard_negatives", "html"))]
    roots += [(b, ("clean", "injected")) for b in args.blind]
    for root, names in roots:
        for name in names:
            p = root / f"{name}.jsonl"
            if p.exists():
                for r in _jsonl(p):
                    docs.append(Document(text=r["text"], id=f"{root.name}/{name}:{r['id']}",
                                         language=r.get("language", "en")))
    if SEEDS.exists():
        for p in sorted(SEEDS.glob("*.txt")):
            t = p.read_text(encoding="utf-8", errors="replace")
            for lg in ("en", "und"):
                docs.append(Document(text=t, id=f"seed:{p.name}:{lg}", language=lg))
    units = ["a", " ", "a\n", "#", "{", "a{", "-", "\u200b", "a\u200b", "\u0332a", "<a ", "www.",
             ". a", ". A", "! b", "? Casino ", " | ", "casino ", "c a s i n o ", ".com ",
             "\U0001d40a", "\uff33", "\u0441asino ", "Hermes bags Milano escort. ", "x. y",
             "\u05e9\u05dc\u05d5\u05dd ", "\u4e2d\u6587", "\ud800", "\x00", "\u0130"]
    for u in units:
        for lg in ("en", "und", "tr"):
            docs.append(Document(text=u * max(1, 20_000 // len(u)), id=f"hostile:{u!r}:{lg}",
                                 language=lg))
    extra = ["", "   \n\t ", "x", "Casino", "casino bonus slot gacor", "\n\n.", ". . .",
             "The end. cheap rolex replica watches buy online The council said.",
             "Hello! ?  a", "a.b.c.d.e", "Dr. who. he said. no. 5. ok", "|", " | | |"]
    for i, t in enumerate(extra):
        for lg in ("en", "und", None):
            docs.append(Document(text=t, id=f"edge:{i}:{lg}", language=lg))
    return docs


def _key(det: object, doc: Document) -> str:
    """The result as a string (an exception counts as an output: its type and message)."""
    try:
        r = det(doc)  # type: ignore[operator]
    except Exception as exc:  # noqa: BLE001 - compared, not hidden
        return f"raised {type(exc).__name__}: {exc}"
    return repr((r.features, r.evidence, r.score, r.extras))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline-rev", required=True)
    ap.add_argument("--variants", type=int, default=1000)
    ap.add_argument("--no-html", action="store_true")
    ap.add_argument("--bench", type=Path, default=Path("/tmp/credscore-spam-bench"))
    ap.add_argument("--blind", type=Path, nargs="*",
                    default=[Path("/tmp/credscore-spam-blind"), Path("/tmp/credscore-spam-blind2")])
    ap.add_argument("--html-pages", type=int, default=0, help="only the first N HTML pages")
    ap.add_argument("--limit", type=int, default=0, help="only the first N texts (quick check)")
    args = ap.parse_args(argv)
    t0 = time.time()
    docs = documents(args)
    if args.limit:
        docs = docs[: args.limit]
    print(f"{len(docs)} texts ({time.time() - t0:.0f} s to load)", flush=True)
    new = InjectedSpamDetector()
    with tempfile.TemporaryDirectory() as tmp:
        old = baseline_detector(args.baseline_rev, Path(tmp))
        diff = 0
        spans = 0
        raised = 0
        for d in docs:
            a, b = _key(old, d), _key(new, d)
            raised += a.startswith("raised ")
            spans += a.count("Span(")
            if a != b:
                diff += 1
                if diff <= 5:
                    print(f"DIFF {d.id}\n  old {a[:1500]}\n  new {b[:1500]}")
    print(f"{len(docs)} texts, {spans} evidence spans, {diff} outputs differ from "
          f"{args.baseline_rev}; {raised} raised in the baseline ({time.time() - t0:.0f} s)")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
