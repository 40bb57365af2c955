"""Before/after check for ``translation.mt.v1``: identical outputs and CPU time per document.

    rm -rf /tmp/mt_before && mkdir -p /tmp/mt_before && \
        git archive <commit> features/translation features/data/translation | tar -x -C /tmp/mt_before
    nice python benchmarks/translation/speed_compare.py --before /tmp/mt_before

The 'before' detector is the package under ``<before>/features/translation`` (with its own data
files next to it), imported under another name, so both versions run in one process on the same
``Document`` objects. Texts: every document of ``work_data/speed/corpus_text.jsonl`` (6,000 ~5 KB
texts: clean news, injected spam, Apertium round trips; ``python benchmarks/speed/build_corpus.py``
builds it), the /work/shared/seeds texts and the hostile fixtures of ``speed_equiv.HOSTILE``.

Equality: evidence (codes, messages, spans, weights), extras and ``score is None`` must be equal;
features and score are compared bit for bit, and the largest absolute difference is reported (it
must stay <= 1e-9, the float noise of summing the same terms in another order).

Speed: ``time.thread_time`` per document, mean over the first ``--speed-docs`` corpus texts (after
one warm-up pass over all of them). The texts are timed in chunks of ``--chunk`` documents, old and
new alternating chunk by chunk for ``--passes`` rounds, so machine load hits both alike; the
figure is the sum of each chunk's fastest round (the shared machine's load only ever adds time),
with the sum of medians beside it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import platform
import shlex
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from report_blocks import write_block
from speed_equiv import HOSTILE

from features.translation.detector import MachineTranslationDetector
from scorer.document import Document

CORPUS = ROOT / "work_data/speed/corpus_text.jsonl"
SEEDS = Path("/work/shared/seeds")


def load_before(root: Path):
    """The detector class of the package at ``root/features/translation`` (imported as mt_before)."""
    pkg_dir = root / "features" / "translation"
    spec = importlib.util.spec_from_file_location(
        "mt_before", pkg_dir / "__init__.py", submodule_search_locations=[str(pkg_dir)]
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no package at {pkg_dir}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["mt_before"] = mod
    spec.loader.exec_module(mod)
    return mod.MachineTranslationDetector


def corpus_texts(limit: int | None = None) -> list[str]:
    out = []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["text"])
            if limit and len(out) >= limit:
                break
    return out


def other_texts() -> list[str]:
    seeds = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(SEEDS.glob("*.txt"))
        if p.name != "README.md"
    ]
    return seeds + list(HOSTILE)


def compare(a, b) -> tuple[list[str], float, bool]:
    """``(differences, largest float difference, bit-identical floats)`` of two results."""
    errs: list[str] = []
    worst = 0.0
    exact = True
    if a.detector != b.detector:
        errs.append("detector")
    if list(a.features) != list(b.features):
        errs.append("feature names")
    for k, x in a.features.items():
        y = b.features.get(k)
        if y is None:
            continue
        if x != y:
            exact = False
            d = abs(x - y) if math.isfinite(x) and math.isfinite(y) else math.inf
            worst = max(worst, d)
    if a.evidence != b.evidence:
        errs.append(f"evidence {a.evidence!r} vs {b.evidence!r}")
    if (a.score is None) != (b.score is None):
        errs.append(f"score {a.score!r} vs {b.score!r}")
    elif a.score is not None and a.score != b.score:
        exact = False
        worst = max(worst, abs(a.score - b.score))
    if a.extras != b.extras:
        errs.append(f"extras {a.extras!r} vs {b.extras!r}")
    return errs, worst, exact


def breakdown(det, docs: list, rounds: int) -> dict[str, float]:
    """CPU ms per document of the detector's parts, timed inside its loop (fastest round)."""
    from features.translation import artifacts as A
    from features.translation import profile as P

    spent: dict[str, float] = {}
    wrapped = {
        "profile (fast_logits)": (P, "fast_logits"),
        "artifact candidates": (A, "candidates"),
        "lexicon scan": (A, "find_lexicon_hits_fast"),
        "all artifacts (find_all)": (A, "find_all"),
    }
    originals = {label: getattr(mod, name) for label, (mod, name) in wrapped.items()}

    def timed(label, fn):
        def inner(*a, **k):
            t0 = time.thread_time()
            try:
                return fn(*a, **k)
            finally:
                spent[label] = spent.get(label, 0.0) + time.thread_time() - t0

        return inner

    best: dict[str, float] = {}
    try:
        for label, (mod, name) in wrapped.items():
            setattr(mod, name, timed(label, originals[label]))
        for _ in range(rounds):
            spent.clear()
            t0 = time.thread_time()
            for d in docs:
                det(d)
            total = time.thread_time() - t0
            if not best or total < best["whole detector"]:
                best = {"whole detector": total, **spent}
    finally:
        for label, (mod, name) in wrapped.items():
            setattr(mod, name, originals[label])
    return {k: v / len(docs) * 1000.0 for k, v in best.items()}


def solo(args: argparse.Namespace) -> int:
    """Time one version alone: warm-up pass over the corpus, then chunks x rounds, minima."""
    det = load_before(args.before)() if args.solo == "before" else MachineTranslationDetector()
    corpus = corpus_texts(args.limit)
    docs = [Document(text=t, language="en") for t in corpus]
    for d in docs:
        det(d)
    timed = docs[: args.speed_docs]
    chunks = [timed[i : i + args.chunk] for i in range(0, len(timed), args.chunk)]
    per_chunk: list[list[float]] = [[] for _ in chunks]
    for _ in range(args.passes):
        for ci, chunk in enumerate(chunks):
            t0 = time.thread_time()
            for d in chunk:
                det(d)
            per_chunk[ci].append(time.thread_time() - t0)
    best = sum(min(ts) for ts in per_chunk) / len(timed) * 1000.0
    med = sum(statistics.median(ts) for ts in per_chunk) / len(timed) * 1000.0
    print(f"{args.solo} alone: CPU ms/doc {best:.4f} (medians {med:.4f}), {len(timed)} documents")
    if args.write:
        cmd = "nice python benchmarks/translation/speed_compare.py " + shlex.join(
            a for a in sys.argv[1:] if a != "--write"
        )
        write_block(
            f"speed-solo-{args.solo}",
            f"- {args.solo} alone in its process (`{cmd}`): **{best:.3f} ms** per document "
            f"(medians {med:.3f}) on {len(timed)} corpus documents after a warm-up pass over "
            f"{len(docs)}; load average {os.getloadavg()[0]:.1f}.",
        )
    return 0


def solo_cold(args: argparse.Namespace) -> int:
    """One fresh process: CPU ms per document on the first pass over the corpus head (cold: each
    document seen for the first time, memos empty as in a new crawl process) and on a second pass
    (warm). Prints one JSON line; ``--cold-rounds`` runs it for both versions, alternating."""
    det = load_before(args.before)() if args.solo_cold == "before" else MachineTranslationDetector()
    docs = [Document(text=t, language="en") for t in corpus_texts(args.speed_docs)]
    det(Document(text="The committee said on Monday that the plan. was approved.", language="en"))
    out = {}
    for label in ("cold", "warm"):
        t0 = time.thread_time()
        for d in docs:
            det(d)
        out[label] = (time.thread_time() - t0) / len(docs) * 1000.0
    print(json.dumps(out))
    return 0


def cold_rounds(args: argparse.Namespace) -> dict[str, dict[str, list[float]]]:
    """``--cold-rounds`` fresh processes per version (order alternating): cold and warm ms/doc."""
    import subprocess

    res: dict[str, dict[str, list[float]]] = {
        v: {"cold": [], "warm": []} for v in ("before", "after")
    }
    for r in range(args.cold_rounds):
        for version in ("before", "after") if r % 2 == 0 else ("after", "before"):
            cmd = [
                sys.executable,
                __file__,
                "--solo-cold",
                version,
                "--before",
                str(args.before),
                "--speed-docs",
                str(args.speed_docs),
            ]
            line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            got = json.loads(line.strip().splitlines()[-1])
            for k in ("cold", "warm"):
                res[version][k].append(got[k])
            print(version, got, flush=True)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, default=Path("/tmp/mt_before"))
    ap.add_argument("--limit", type=int, default=None, help="corpus documents (default: all)")
    ap.add_argument("--passes", type=int, default=7)
    ap.add_argument("--speed-docs", type=int, default=2000, help="corpus documents timed")
    ap.add_argument("--chunk", type=int, default=100, help="documents per timed chunk")
    ap.add_argument("--before-label", default="", help="what --before holds (for the report)")
    ap.add_argument("--write", action="store_true", help="update reports/translation.md")
    ap.add_argument(
        "--solo",
        choices=("before", "after"),
        help="only time one version in this process (no second cache or automaton in memory)",
    )
    ap.add_argument("--solo-cold", choices=("before", "after"), help=argparse.SUPPRESS)
    ap.add_argument(
        "--cold-rounds",
        type=int,
        default=0,
        help="also time cold/warm passes in fresh processes, this many rounds per version",
    )
    args = ap.parse_args(argv)
    if args.solo:
        return solo(args)
    if args.solo_cold:
        return solo_cold(args)

    old = load_before(args.before)()
    new = MachineTranslationDetector()
    corpus = corpus_texts(args.limit)
    docs = [Document(text=t, language="en") for t in corpus + other_texts()]
    # An undetermined or non-English language takes other paths: check them on a few texts too.
    docs += [Document(text=t, language="und") for t in corpus[:200]]
    docs += [Document(text=t, language="de") for t in corpus[:20]]

    differ = 0
    inexact = 0
    worst = 0.0
    old_raised = 0
    for i, d in enumerate(docs):
        after = new(d)  # must never raise
        try:
            before = old(d)
        except Exception as exc:  # noqa: BLE001 - the old code's bug is a finding, not a crash
            old_raised += 1
            print(i, f"before raised {type(exc).__name__}; after: score {after.score!r}")
            continue
        errs, w, exact = compare(before, after)
        worst = max(worst, w)
        inexact += not exact
        if errs or w > 1e-9:
            differ += 1
            if differ <= 5:
                print(i, errs[:3], w)
    print(
        f"compared {len(docs)} documents ({len(corpus)} corpus texts): {differ} differ; "
        f"float fields not bit-identical in {inexact}, largest difference {worst:.3g}; "
        f"the before code raised on {old_raised}"
    )

    timed = [Document(text=t, language="en") for t in corpus[: args.speed_docs]]
    chunks = [timed[i : i + args.chunk] for i in range(0, len(timed), args.chunk)]
    dets = {"before": old, "after": new}
    # per detector, per chunk: CPU seconds of each round
    times: dict[str, list[list[float]]] = {k: [[] for _ in chunks] for k in dets}
    for r in range(args.passes):
        for ci, chunk in enumerate(chunks):
            order = ("before", "after") if (r + ci) % 2 == 0 else ("after", "before")
            for name in order:
                det = dets[name]
                t0 = time.thread_time()
                for d in chunk:
                    det(d)
                times[name][ci].append(time.thread_time() - t0)
    figures: dict[str, tuple[float, float]] = {}
    for name, per_chunk in times.items():
        best = sum(min(ts) for ts in per_chunk) / len(timed) * 1000.0
        med = sum(statistics.median(ts) for ts in per_chunk) / len(timed) * 1000.0
        figures[name] = (best, med)
        print(
            f"{name}: CPU ms/doc {best:.4f} (sum of per-chunk minima over {args.passes} rounds; "
            f"medians {med:.4f}) on {len(timed)} corpus documents in chunks of {args.chunk}"
        )
    parts = breakdown(new, timed, args.passes)
    print("after, per part (ms/doc):", {k: round(v, 4) for k, v in parts.items()})
    cold = cold_rounds(args) if args.cold_rounds else None
    if args.write:
        cmd = "nice python benchmarks/translation/speed_compare.py " + shlex.join(
            a for a in (argv if argv is not None else sys.argv[1:]) if a != "--write"
        )
        (b_best, b_med), (a_best, a_med) = figures["before"], figures["after"]
        label = f" ({args.before_label})" if args.before_label else ""
        lines = [
            "### Speed-up with identical output (issue #8, second round: the cold path)\n",
            (
                f"Command: `{cmd}`; 'before' is `git archive` of the code before this round"
                f"{label} unpacked into `{args.before}`. Load average at the end: "
                f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} shared cores; Python "
                f"{platform.python_version()}.\n"
            ),
            (
                f"- Output: {len(docs)} documents ({len(corpus)} texts of "
                "work_data/speed/corpus_text.jsonl with language 'en', the 5 seeds, "
                f"{len(HOSTILE)} hostile fixtures, 200 corpus texts as 'und', 20 as 'de'): "
                f"**{differ} differ** in features, spans, evidence, score or extras; float fields "
                f"not bit-identical in {inexact} (largest difference {worst:.3g}); the before code "
                f"raised on {old_raised}."
            ),
            (
                f"- Warm, interleaved in one process (`time.thread_time`, {len(timed)} corpus "
                f"documents of ~5 KB already seen once, chunks of {args.chunk} alternating "
                f"old/new for {args.passes} rounds, sum of per-chunk minima; medians in "
                f"brackets): **before {b_best:.3f} ms ({b_med:.3f}), after {a_best:.3f} ms "
                f"({a_med:.3f})** per document."
            ),
        ]
        if cold:

            def _fmt(v: str, k: str) -> str:
                xs = cold[v][k]
                return f"{min(xs):.3f} (median {statistics.median(xs):.3f})"

            lines.append(
                f"- Cold, fresh processes ({args.cold_rounds} per version, alternating): the first "
                f"pass over the first {len(timed)} corpus documents (each seen for the first time, "
                "memos empty, as in a new crawl process; model and lexicons loaded before), then "
                "a second pass over them; fastest process and median: cold **before "
                f"{_fmt('before', 'cold')}, after {_fmt('after', 'cold')}** ms per document; "
                f"warm before {_fmt('before', 'warm')}, after {_fmt('after', 'warm')}."
            )
        lines.append(
            "- Where the new code spends it (same documents, parts timed inside the detector "
            "loop, fastest of the rounds): "
            + ", ".join(f"{k} {v:.3f} ms" for k, v in parts.items())
            + "."
        )
        write_block("speed-compare", "\n".join(lines))
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
