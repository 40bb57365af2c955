"""Equivalence check and CPU timing for framing.partisan.v1 (speed work, 2026-11-22).

    python benchmarks/framing/speed_partisan.py snapshot /tmp/partisan_ref.pkl   # before a change
    python benchmarks/framing/speed_partisan.py compare  /tmp/partisan_ref.pkl   # after a change
    python benchmarks/framing/speed_partisan.py time                              # CPU ms/doc
    git show a573a86:features/framing/partisan.py > /tmp/partisan_old.py
    python benchmarks/framing/speed_partisan.py ab /tmp/partisan_old.py           # before/after
    python benchmarks/framing/speed_partisan.py corpus 1000                       # speed corpus
    python benchmarks/framing/speed_partisan.py ab-corpus 1000 /tmp/partisan_old.py [old_model.json]
    python benchmarks/framing/speed_partisan.py equiv /tmp/partisan_old.py [n_corpus]  # old vs new
    python benchmarks/framing/speed_partisan.py pipeline 1000 [/tmp/partisan_old.py] [passes]
    python benchmarks/framing/speed_partisan.py batch 1600 /tmp/partisan_old.py [passes] [html]

Texts: 2,000 AllSides (Baly 2020) articles (seeded sample, with titles as Document.title for half
of them), the five seeds in /work/shared/seeds, and hostile fixtures written here. Reads
/work/shared at run time only; nothing from it is stored in the project.
"""

from __future__ import annotations

import math
import pickle
import random
import statistics
import sys
import time
from pathlib import Path

from features.framing.partisan import PartisanFraming
from scorer.document import Document

SHARED = Path("/work/shared")


def hostile() -> list[str]:
    base = [
        "", " ", "\n\n\t", "!!!", "???", '"', '""', "“”", "“", "”", "'", "’‘",
        "İstanbul İSTANBUL libtards İ the Kyiv regime", "ﬁ ligature ß STRASSE",
        "🙂" * 500, "שלום עולם " * 200, "\x00\x01\x02\xff" * 300,
        'He called them "experts" and the so-called "patriots" were utter nonsense!!!',
        'I believe we strongly think. In my humble opinion, IMHO, the author agrees. Frankly, I',
        '"I believe this," she said. “We think so” — “the experts”',
        'The “so-called” experts. so-called elite, so called  "elites"',
        "WORD CAPS SHOUTING LOUD TEXT here ARE WE",
        ("a " * 3000) + '"irony"',
        '("quoted") ("two words") ("Three Title Words") "four words are here"',
        "\n".join(['para "open'] * 50),
        "x" * 250_000,
        ("The rethuglicans and libtards spread propaganda. " * 100),
        'Ukronazis "regime" the Kyiv regime! notorious outlet? ' * 40,
        "i think\nwe believe\nthe writer thinks\npersonally I\nhonestly, I",
        "\u0130" * 100 + " libtards",
    ]
    rnd = random.Random(7)
    alphabet = list("abcdefghij \"“”'’!?.\n,İ()-") + ["libtard", "regime", "so-called ", "I think "]
    for _ in range(60):
        base.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 600))))
    return base


def documents() -> list[Document]:
    import pandas as pd

    df = pd.read_parquet(SHARED / "datasets/allsides-baly2020/allsides_articles.parquet",
                         columns=["title", "content_original"])
    df = df.sample(n=2000, random_state=20261122)
    docs = []
    for i, (title, text) in enumerate(zip(df["title"], df["content_original"])):
        docs.append(Document(text=str(text or ""), id=f"as{i}",
                             title=(str(title) if i % 2 == 0 and title else None),
                             metadata=({"title": str(title)} if i % 4 == 1 and title else {})))
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        docs.append(Document(text=p.read_text(encoding="utf8", errors="replace"), id=p.name))
    for i, t in enumerate(hostile()):
        docs.append(Document(text=t, id=f"h{i}", title=("utter nonsense libtards" if i % 3 == 0 else None)))
    return docs


CORPUS = Path(__file__).resolve().parents[2] / "work_data/speed/corpus_text.jsonl"


def corpus_documents(n: int) -> list[Document]:
    """The first ``n`` documents of the shared speed corpus (benchmarks/speed/build_corpus.py)."""
    import json

    docs = []
    with open(CORPUS, encoding="utf8") as fh:
        for line in fh:
            if len(docs) >= n:
                break
            r = json.loads(line)
            docs.append(Document(text=r["text"], id=r["id"], language="en"))
    return docs


def run(docs):
    det = PartisanFraming()
    return [det(d) for d in docs]


def as_tuple(r):
    return (r.detector, dict(r.features), tuple(r.evidence), r.score, r.extras)


def compare(ref, new) -> int:
    bad = not_exact = 0
    max_diff = 0.0
    for i, (a, b) in enumerate(zip(ref, new)):
        da, fa, ea, sa, xa = a
        db, fb, eb, sb, xb = b
        ok = da == db and all(k in fb for k in fa)  # new feature names may be added
        ok = ok and all(math.isclose(fa[k], fb[k], rel_tol=0, abs_tol=1e-9) for k in fa)
        # evidence equal, weights to 1e-9 (hyperpartisan_style's weight is the score)
        ok = ok and len(ea) == len(eb) and all(
            (x.code, x.message, x.span) == (z.code, z.message, z.span)
            and abs(x.weight - z.weight) <= 1e-9 for x, z in zip(ea, eb))
        ok = ok and ((sa is None and sb is None) or (sa is not None and sb is not None
                                                     and abs(sa - sb) <= 1e-9))
        ok = ok and xa == xb
        if not ok:
            bad += 1
            if bad <= 5:
                print("DIFF doc", i, "\n ref", a, "\n new", b)
        # bit-identical? (features, score, evidence weights); the largest float difference
        if ok:
            diffs = [abs(fa[k] - fb[k]) for k in fa] + [abs(x.weight - z.weight)
                                                       for x, z in zip(ea, eb)]
            if sa is not None:
                diffs.append(abs(sa - sb))
            exact = (all(fa[k] == fb[k] for k in fa) and sa == sb
                     and all(x == z for x, z in zip(ea, eb)))
            not_exact += not exact
            max_diff = max([max_diff] + diffs)
    print(f"{len(ref)} docs compared, {bad} differ; {not_exact} equal only within the tolerance "
          f"(not bit-identical), largest float difference {max_diff:.3g}")
    return bad


def main() -> None:
    cmd = sys.argv[1]
    if cmd in ("corpus", "ab-corpus"):
        # CPU per document by time.thread_time over the speed corpus, passes interleaved
        import importlib.util

        n = int(sys.argv[2])
        cdocs = corpus_documents(n)
        dets = {"current": PartisanFraming()}
        if cmd == "ab-corpus":
            from features.framing.partisan import DATA_DIR
            spec = importlib.util.spec_from_file_location("partisan_old", sys.argv[3])
            old_mod = importlib.util.module_from_spec(spec)
            sys.modules["partisan_old"] = old_mod
            spec.loader.exec_module(old_mod)
            old_kw = {"data_dir": str(DATA_DIR),
                      "model_path": str(DATA_DIR / "hyperpartisan_model.json")}
            if len(sys.argv) > 4:
                old_kw["model_path"] = sys.argv[4]
            dets = {"before": old_mod.PartisanFraming(**old_kw), "after": PartisanFraming()}
        for det in dets.values():
            for d in cdocs[:20]:
                det(d)
        # interleaved per document (the machine is shared: load drifts within a pass), and the
        # order of the detectors alternates between passes
        passes: dict[str, list[float]] = {k: [] for k in dets}
        clock = time.thread_time_ns
        for i in range(5):
            order = list(dets.items())[:: 1 if i % 2 == 0 else -1]
            spent = dict.fromkeys(dets, 0)
            for d in cdocs:
                for k, det in order:
                    t0 = clock()
                    det(d)
                    spent[k] += clock() - t0
            for k in dets:
                passes[k].append(spent[k] / len(cdocs) / 1e6)
        chars = sum(len(d.text) for d in cdocs) / len(cdocs)
        print(f"{len(cdocs)} corpus_text documents, mean {chars:.0f} chars")
        for k, v in passes.items():
            print(f"{k}: CPU ms/doc (thread_time) passes {[round(p, 4) for p in v]}, "
                  f"median {statistics.median(v):.4f}, min {min(v):.4f}")
        return
    if cmd == "pipeline":
        # framing's CPU per document in the pipeline's cache context: before each timed framing
        # call the other default detectors run on the same document (untimed), as in
        # Scorer.score. With a module file, both versions are timed on every document (each
        # after its own run of the other detectors), the order alternating between passes.
        import importlib.util

        from features.framing.partisan import DATA_DIR
        from features.lang import detect
        from features.registry import default_detectors

        n = int(sys.argv[2])
        cdocs = [Document(text=d.text, id=d.id, language=detect(d.text))
                 for d in corpus_documents(n)]
        others = [d for d in default_detectors() if not d.name.startswith("framing.")]
        dets = {"current": PartisanFraming()}
        if len(sys.argv) > 3 and sys.argv[3] not in ("", "-"):
            spec = importlib.util.spec_from_file_location("partisan_old", sys.argv[3])
            old_mod = importlib.util.module_from_spec(spec)
            sys.modules["partisan_old"] = old_mod
            spec.loader.exec_module(old_mod)
            dets = {"before": old_mod.PartisanFraming(
                        data_dir=str(DATA_DIR),
                        model_path=str(DATA_DIR / "hyperpartisan_model.json")),
                    "after": PartisanFraming()}
        for d in cdocs[:20]:
            for det in others + list(dets.values()):
                det(d)
        passes = {k: [] for k in dets}
        clock = time.thread_time_ns
        for i in range(int(sys.argv[4]) if len(sys.argv) > 4 else 3):
            order = list(dets.items())[:: 1 if i % 2 == 0 else -1]
            spent = dict.fromkeys(dets, 0)
            for d in cdocs:
                for k, det in order:
                    for o in others:
                        o(d)
                    t0 = clock()
                    det(d)
                    spent[k] += clock() - t0
            for k in dets:
                passes[k].append(spent[k] / len(cdocs) / 1e6)
        print(f"{len(cdocs)} corpus_text documents, framing after the {len(others)} other "
              f"detectors on each document")
        for k, v in passes.items():
            print(f"{k}: CPU ms/doc (thread_time) passes {[round(p, 4) for p in v]}, "
                  f"median {statistics.median(v):.4f}, min {min(v):.4f}")
        return
    if cmd == "batch":
        # framing's CPU per document in the cheap-first batch path's cache context (issue 8:
        # CredibilityFilter.check_many over batches of 32): per batch the other default
        # detectors run over all 32 documents (untimed, one detector over the batch at a time,
        # as Scorer.analyse_many does), then framing runs on 8 of them (~23% reach the expensive
        # detectors), timed. With a module file, the old and the current version each take
        # their turn on every batch (after their own run of the other detectors), the order
        # alternating between batches; the per-pass ratio after/before is printed.
        #   python benchmarks/framing/speed_partisan.py batch 1600 OLD.py [passes] [html]
        import importlib.util

        from features.framing.partisan import DATA_DIR
        from features.registry import default_detectors

        n = int(sys.argv[2])
        if len(sys.argv) > 5 and sys.argv[5] == "html":
            from data import speed_html_documents

            cdocs = speed_html_documents(n)
        else:
            from features.lang import detect
            cdocs = [Document(text=d.text, id=d.id, language=detect(d.text))
                     for d in corpus_documents(n)]
        others = [d for d in default_detectors() if not d.name.startswith("framing.")]
        spec = importlib.util.spec_from_file_location("partisan_old", sys.argv[3])
        old_mod = importlib.util.module_from_spec(spec)
        sys.modules["partisan_old"] = old_mod
        spec.loader.exec_module(old_mod)
        dets = {"before": old_mod.PartisanFraming(
                    data_dir=str(DATA_DIR), model_path=str(DATA_DIR / "hyperpartisan_model.json")),
                "after": PartisanFraming()}
        for d in cdocs[:20]:
            for det in others + list(dets.values()):
                det(d)
        batches = [cdocs[i:i + 32] for i in range(0, len(cdocs), 32)]
        clock = time.thread_time_ns
        passes = {k: [] for k in dets}
        for i in range(int(sys.argv[4]) if len(sys.argv) > 4 else 3):
            spent = dict.fromkeys(dets, 0)
            for j, batch in enumerate(batches):
                order = list(dets.items())[:: 1 if (i + j) % 2 == 0 else -1]
                for k, det in order:
                    for o in others:
                        for d in batch:
                            o(d)
                    t0 = clock()
                    for d in batch[:8]:
                        det(d)
                    spent[k] += clock() - t0
            timed = sum(len(b[:8]) for b in batches)
            for k in dets:
                passes[k].append(spent[k] / timed / 1e6)
        chars = sum(len(d.text) for b in batches for d in b[:8]) / timed
        print(f"{timed} documents timed (8 of each batch of 32, mean {chars:.0f} chars), framing "
              f"after the {len(others)} other detectors ran over the batch")
        for k, v in passes.items():
            print(f"{k}: CPU ms/doc (thread_time) passes {[round(p, 4) for p in v]}, "
                  f"median {statistics.median(v):.4f}, min {min(v):.4f}")
        ratios = [b / a for a, b in zip(passes["before"], passes["after"])]
        print(f"after/before per pass {[round(r, 3) for r in ratios]}, median "
              f"{statistics.median(ratios):.3f}")
        return
    if cmd == "equiv":
        # old module file vs current on the whole speed corpus plus documents() (AllSides sample,
        # seeds, hostile texts); every third corpus document gets another document's opening
        # as its title, so the title path is compared too
        import importlib.util

        from features.framing.partisan import DATA_DIR
        spec = importlib.util.spec_from_file_location("partisan_old", sys.argv[2])
        old_mod = importlib.util.module_from_spec(spec)
        sys.modules["partisan_old"] = old_mod
        spec.loader.exec_module(old_mod)
        old = old_mod.PartisanFraming(data_dir=str(DATA_DIR),
                                      model_path=str(DATA_DIR / "hyperpartisan_model.json"))
        new = PartisanFraming()
        cdocs = corpus_documents(int(sys.argv[3]) if len(sys.argv) > 3 else 10**9)
        titled = [Document(text=d.text, id=d.id + "t", language="en",
                           title=cdocs[(i + 7) % len(cdocs)].text[:80])
                  for i, d in enumerate(cdocs) if i % 3 == 0]
        docs = cdocs + titled + documents()
        print(f"{len(cdocs)} corpus + {len(titled)} titled corpus + {len(docs) - len(cdocs) - len(titled)} others")
        bad = compare([as_tuple(old(d)) for d in docs], [as_tuple(new(d)) for d in docs])
        sys.exit(1 if bad else 0)
    docs = documents()
    if cmd == "snapshot":
        Path(sys.argv[2]).write_bytes(pickle.dumps([as_tuple(r) for r in run(docs)]))
        print("saved", len(docs))
    elif cmd == "compare":
        ref = pickle.loads(Path(sys.argv[2]).read_bytes())
        assert len(ref) == len(docs)
        sys.exit(1 if compare(ref, [as_tuple(r) for r in run(docs)]) else 0)
    elif cmd == "time":
        det = PartisanFraming()
        timed = [d for d in docs if d.id.startswith("as")]
        for d in timed[:20]:
            det(d)  # warm caches (lexicon, model)
        passes = []
        for _ in range(3):
            t0 = time.process_time()
            for d in timed:
                det(d)
            passes.append((time.process_time() - t0) / len(timed) * 1000)
        chars = sum(len(d.text) for d in timed) / len(timed)
        print(f"{len(timed)} AllSides docs, mean {chars:.0f} chars; CPU ms/doc passes "
              f"{[round(p, 4) for p in passes]}, median {statistics.median(passes):.4f}")
    elif cmd == "ab":  # old module file vs current, passes interleaved (shared, noisy machine)
        import importlib.util

        from features.framing.partisan import DATA_DIR
        spec = importlib.util.spec_from_file_location("partisan_old", sys.argv[2])
        old_mod = importlib.util.module_from_spec(spec)
        sys.modules["partisan_old"] = old_mod  # dataclasses look the module up
        spec.loader.exec_module(old_mod)
        dets = {"before": old_mod.PartisanFraming(
                    data_dir=str(DATA_DIR), model_path=str(DATA_DIR / "hyperpartisan_model.json")),
                "after": PartisanFraming()}
        timed = [d for d in docs if d.id.startswith("as")]
        for det in dets.values():
            for d in timed[:20]:
                det(d)
        passes: dict[str, list[float]] = {k: [] for k in dets}
        for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 3):
            for k, det in dets.items():
                t0 = time.process_time()
                for d in timed:
                    det(d)
                passes[k].append((time.process_time() - t0) / len(timed) * 1000)
        for k, v in passes.items():
            print(f"{k}: CPU ms/doc passes {[round(p, 4) for p in v]}, "
                  f"median {statistics.median(v):.4f}, min {min(v):.4f}")


if __name__ == "__main__":
    main()
