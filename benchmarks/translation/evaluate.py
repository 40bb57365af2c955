"""Evaluate ``translation.mt.v1`` and write ``reports/translation.md``.

Data (read from /work/shared, never copied into the project):
- round trips: mt-roundtrip *test* articles (``data.split_of``: never trained on, nor their
  originals), MT vs original;
- unseen pivot: ``build_apertium_pivot.py`` output (Galician and Esperanto round trips of
  held-out publishers' articles), MT vs original; skipped with a note when the file is missing;
- WMT21: document-level test documents (split by language pair + source document), MT vs
  English originals and human translations;
- clean news: AllSides media-split valid/test articles whose outlets never occur in the train
  split. The decision threshold is the smallest score keeping <= ``--fp`` of the *valid* outlets'
  articles above it (``--write-threshold`` stores it with the model); the *test* outlets give
  the reported false-positive rate;
- seeds: /work/shared/seeds (acceptance: 002 highest and above threshold; 000, 001 below);
- speed: documents/s of one process on held-out news (``time.process_time``).

    nice python benchmarks/translation/evaluate.py --write-threshold
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from data import heldout_news, learner_errors, roundtrip, split_of, wmt_docs
from report_blocks import blocks

from features.translation import detector as D
from scorer.document import Document

REPORT = ROOT / "reports/translation.md"
sys.path.insert(0, str(ROOT / "tests/features/translation"))
from translation_nonnative_texts import NON_NATIVE_TEXTS


def scores(det: D.MachineTranslationDetector, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    s, p = [], []
    for t in texts:
        r = det(Document(text=t, language="en"))
        s.append(r.score if r.score is not None else 0.0)
        p.append(r.extras.get("profile_probability", 0.0))
    return np.array(s), np.array(p)


def auc(y: list[int], s: np.ndarray) -> float:
    return float(roc_auc_score(y, s)) if len(set(y)) == 2 else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pivot", default="/tmp/translation_pivot.jsonl")
    ap.add_argument("--fp", type=float, default=0.01, help="target false-positive rate")
    ap.add_argument("--write-threshold", action="store_true")
    ap.add_argument("--speed-docs", type=int, default=400)
    ap.add_argument("--report", default=str(REPORT))
    args = ap.parse_args(argv)
    cmd = "nice python benchmarks/translation/evaluate.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )

    det = D.MachineTranslationDetector()
    lines: list[str] = []

    def write_model(**fields: object) -> None:
        raw = json.loads(D.MODEL_FILE.read_text(encoding="utf-8"))
        raw.update(fields)
        D.MODEL_FILE.write_text(json.dumps(raw, separators=(",", ":")), encoding="utf-8")
        D.load_model.cache_clear()

    if args.write_threshold:  # choose the decision point on the raw (unshifted) scale
        write_model(offset=0.0, threshold=0.5)
    model = D.load_model()

    # Clean news from held-out outlets: threshold on valid, FP on test.
    nv, nt = heldout_news("valid"), heldout_news("test")
    sv, _pv = scores(det, [r["text"] for r in nv])
    st, pt = scores(det, [r["text"] for r in nt])
    # Learner-English versions of the same held-out articles (human, must not be flagged).
    lv, _ = scores(det, [learner_errors(r["text"], 7 * i + 1) for i, r in enumerate(nv)])
    lt, _ = scores(det, [learner_errors(r["text"], 7 * i + 1) for i, r in enumerate(nt)])
    sn, _pn = scores(det, list(NON_NATIVE_TEXTS))

    def quantile_thr(v: np.ndarray) -> float:
        k = int(np.floor(args.fp * len(v)))
        return float(np.sort(v)[::-1][k]) + 1e-6 if k < len(v) else 0.5

    # Threshold: <= fp on clean valid news AND on its learner-English version, and every
    # hand-written non-native fixture below it (margin 0.02).
    thr_parts = {
        "clean news": quantile_thr(sv),
        "learner news": quantile_thr(lv),
        "non-native fixtures": float(sn.max()) + 0.02,
    }
    thr = min(max(max(thr_parts.values()), 0.01), 0.99)
    if args.write_threshold:
        # Shift scores so the decision point is 0.5: offset = logit(raw threshold).
        write_model(
            offset=round(float(np.log(thr / (1.0 - thr))), 6),
            threshold=0.5,
            threshold_note=(
                f"decision point = raw score {thr:.6f} (largest of: <= {args.fp:.0%} of "
                f"{len(sv)} held-out valid-outlet articles, <= {args.fp:.0%} of their "
                "learner-English rewrites, every hand-written non-native fixture + 0.02); "
                "stored as offset = logit(raw), so the threshold on score is 0.5 (evaluate.py)"
            ),
        )
    else:
        thr = model.threshold
    raw_thr = thr
    fp_valid = float((sv >= thr).mean())
    fp_test = float((st >= thr).mean())
    fp_learner_valid = float((lv >= thr).mean())
    fp_learner_test = float((lt >= thr).mean())
    prof_fp_test = float((pt >= thr).mean())

    # Span evidence on human text: share of held-out test articles with >= 1 hit per code.
    from features.translation import artifacts as A

    hits_by_code = {c: 0 for c in A.CODES}
    for r in nt:
        for c in {f[0] for f in A.find_all(r["text"])}:
            hits_by_code[c] += 1

    # False positives: what fired on the held-out test news above threshold.
    fp_rows = [(r["source"], float(s)) for r, s in zip(nt, st) if s >= thr]
    # From here on scores come from the (possibly just re-shifted) model: its own threshold.
    thr = D.load_model().threshold

    # Round trips (test articles only).
    rt = [r for r in roundtrip() if split_of(r["group"]) == "test"]
    srt, prt = scores(det, [r["text"] for r in rt])
    yrt = [r["label"] for r in rt]
    rt_auc, rt_auc_prof = auc(yrt, srt), auc(yrt, prt)
    rt_tpr = float(np.mean([s >= thr for s, y in zip(srt, yrt) if y == 1]))
    rt_fpr = float(np.mean([s >= thr for s, y in zip(srt, yrt) if y == 0]))

    # Unseen pivot.
    piv_txt = ""
    if os.path.exists(args.pivot):
        pr = [json.loads(x) for x in Path(args.pivot).read_text(encoding="utf-8").splitlines()]
        rows = [(r["text_original"], 0, r["pivot"]) for r in pr] + [
            (r["text_mt"], 1, r["pivot"]) for r in pr
        ]
        sp, pp = scores(det, [t for t, _, _ in rows])
        yp = [y for _, y, _ in rows]
        piv = {"all": (auc(yp, sp), auc(yp, pp), len(pr))}
        for pivot in sorted({p for *_x, p in rows}):
            m = [i for i, (_, _, p) in enumerate(rows) if p == pivot]
            piv[pivot] = (
                auc([yp[i] for i in m], sp[m]),
                auc([yp[i] for i in m], pp[m]),
                len(m) // 2,
            )
        tpr_p = float(np.mean([s >= thr for s, y in zip(sp, yp) if y == 1]))
        piv_txt = (
            "\n".join(f"| {k} | {v[2]} | {v[0]:.4f} | {v[1]:.4f} |" for k, v in piv.items())
            + f"\n\nRecall at the threshold (all pivots): {tpr_p:.3f}."
        )
    else:
        piv_txt = f"(not run: {args.pivot} missing; build it with build_apertium_pivot.py)"

    # WMT21 test documents.
    w = [r for r in wmt_docs() if split_of(r["group"], 3) == "test"]
    sw, pw = scores(det, [r["text"] for r in w])
    yw = [r["label"] for r in w]
    kinds = [r["kind"] for r in w]
    w_all, w_prof = auc(yw, sw), auc(yw, pw)
    m_orig = [i for i, k in enumerate(kinds) if k in ("machine_translation", "human_original")]
    m_ht = [i for i, k in enumerate(kinds) if k in ("machine_translation", "human_translation")]
    w_orig = auc([yw[i] for i in m_orig], sw[m_orig])
    w_ht = auc([yw[i] for i in m_ht], sw[m_ht])
    w_tpr = float(np.mean([s >= thr for s, y in zip(sw, yw) if y == 1]))
    w_fpr = float(np.mean([s >= thr for s, y in zip(sw, yw) if y == 0]))
    by_lp = {}
    for lp in sorted({r["lp"] for r in w if r["kind"] != "human_original"}):
        m = [i for i, r in enumerate(w) if r["lp"] == lp or r["kind"] == "human_original"]
        by_lp[lp] = auc([yw[i] for i in m], sw[m])

    # Seeds.
    seed_rows = []
    for f in sorted(glob.glob("/work/shared/seeds/0*.txt")):
        t = Path(f).read_text(encoding="utf-8")
        r = det(Document(text=t, language="en"))
        seed_rows.append(
            (
                os.path.basename(f),
                r.score or 0.0,
                r.extras["profile_probability"],
                sorted({e.code for e in r.evidence}),
                len(r.evidence),
            )
        )
        if os.path.basename(f).startswith("002"):
            seed2_spans = [(e.code, t[e.span.start : e.span.end]) for e in r.evidence if e.span]
    sc = {n[:3]: s for n, s, *_ in seed_rows}
    seeds_ok = (
        max(sc, key=sc.get) == "002" and sc["002"] >= thr and sc["000"] < thr and sc["001"] < thr
    )

    # Speed: one process, held-out news, CPU time.
    rng = random.Random(3)
    sample = [r["text"] for r in rng.sample(nt + nv, min(args.speed_docs, len(nt) + len(nv)))]
    mean_kb = sum(len(t) for t in sample) / len(sample) / 1000
    docs = [Document(text=t, language="en") for t in sample]
    five = [Document(text=(t * 3)[:5000], language="en") for t in sample if len(t) > 500]

    def rates(items: list[Document], chunk: int = 50, passes: int = 15) -> tuple[float, float]:
        """docs/s: median over passes of whole-set CPU time, and the best chunk (quietest)."""
        for d in items[:50]:
            det(d)
        totals, best = [], 0.0
        for _ in range(passes):
            total = 0.0
            for i in range(0, len(items), chunk):
                part = items[i : i + chunk]
                t0 = time.process_time()
                for d in part:
                    det(d)
                dt = max(time.process_time() - t0, 1e-9)
                total += dt
                best = max(best, len(part) / dt)
            totals.append(len(items) / total)
        return float(np.median(totals)), best

    med, best_chunk = rates(docs)
    med5, best5_chunk = rates(five)
    best = med
    load = os.getloadavg()[0]

    n_calques = len(A.lexicons().calque_meta)
    lines += [
        "# Machine-translation detection (`translation.mt.v1`)",
        "",
        (
            f"Generated by `{cmd}`. Before it, in order: `nice python "
            "benchmarks/translation/build_vocab.py`, `nice python "
            "benchmarks/translation/build_lexicons.py`, `nice python "
            "benchmarks/translation/train.py`, and for the unseen-pivot set (needs Debian's "
            "apertium packages, not run in CI) `nice python "
            "benchmarks/translation/build_apertium_pivot.py --n 150`."
        ),
        "",
        (
            f"Decision threshold on `score`: **{thr:.2f}** (scores are shifted so the decision "
            f'point, raw score {raw_thr:.4f} chosen as in "Threshold candidates" below, sits '
            "at 0.5; offset stored in `features/data/translation/profile_model.json`)."
        ),
        "",
        "## Targets",
        "",
        "| target | goal | measured |",
        "|---|---|---|",
        f"| round trip (Apertium es/ca, test articles) ROC-AUC | >= 0.98 | {rt_auc:.4f} |",
        f"| unseen pivot (Apertium gl/eo) ROC-AUC | >= 0.95 | {piv['all'][0]:.4f} |"
        if os.path.exists(args.pivot)
        else "| unseen pivot ROC-AUC | >= 0.95 | not run |",
        f"| WMT21 neural MT vs originals + human translations, document ROC-AUC | >= 0.75 | {w_all:.4f} |",
        (
            f"| FP at threshold, held-out outlets (test split, {len(st)} articles, "
            f"{len({r['source'] for r in nt})} outlets) | <= 1% | {fp_test:.2%} |"
        ),
        (
            f"| FP at threshold, same test articles rewritten with learner errors | <= 1% | "
            f"{fp_learner_test:.2%} |"
        ),
        (
            f"| hand-written non-native fixtures above threshold | 0 of {len(sn)} | "
            f"{int((sn >= raw_thr).sum())} of {len(sn)} |"
        ),
        f"| documents/s per core (held-out news, mean {mean_kb:.1f} KB) | >= 2,000 | {best:,.0f} |",
        f"| seeds: 002 highest and above threshold, 000/001 below | yes | {'yes' if seeds_ok else 'NO'} |",
        "",
        "## Method",
        "",
        (
            "- Learned part: a 2,000-character central sample of the text becomes a sequence of "
            "symbols (English function words, punctuation, word shapes; a lowercase word outside a "
            "52k-word news vocabulary is `<O>`). Relative frequencies of its 1-3-grams (fixed "
            "vocabulary of n-grams seen in >= 100 training documents) feed two logistic-regression "
            "heads stored as numbers in `features/data/translation/profile_model.json`: *rule* "
            "(Apertium round trips via es/ca vs clean and learner-English news) and *neural* (WMT21 "
            "MT vs human translations/originals plus the same negatives). The rule head is shrunk "
            "toward the clean-news median for short samples (n/(n+400)); the neural head is "
            "register-sensitive (it partly learns 'not AllSides news'), so it enters bounded "
            "(2*tanh(logit/4))."
        ),
        (
            "- Surface part: spans with codes `broken_hyphenation`, `split_token`, `stray_period`, "
            f"`calque` ({n_calques} entries: mined inverted compounds never seen in human news plus "
            "hand-written ones), "
            "`untranslated_word`, `mt_disclaimer`; each code adds a hand-set logit per hit per "
            "1,000 words, capped."
        ),
        "- `score = sigmoid(profile + artifacts - offset)`; the offset puts the decision point at 0.5.",
        "",
        "## Known limits",
        "",
        (
            "- Fluent neural MT without artifacts is ranked (ROC-AUC below) but rarely flagged: "
            "the threshold must protect non-native human English, which the neural head confuses "
            "with MT. Seed 002 is flagged by its artifacts, not by the profile."
        ),
        (
            "- The non-native protection rests on five hand-written fixtures plus synthetic learner "
            "errors; there is no real learner-English corpus in /work/shared."
        ),
        (
            "- The unseen-pivot test uses the same engine (Apertium) as training, through other "
            "languages; other rule-based engines may differ."
        ),
        "- Throughput was measured on a shared 2-core machine under heavy load (see Speed).",
        "",
        "## Details",
        "",
        "### Round trips (mt-roundtrip, articles of the test split only)",
        "",
        (
            f"{len(rt) // 2} article pairs. ROC-AUC full detector {rt_auc:.4f}, profile model alone "
            f"{rt_auc_prof:.4f}. At the threshold: recall {rt_tpr:.3f}, originals flagged {rt_fpr:.3f}."
        ),
        "",
        "### Unseen pivot (Apertium en-gl-en and en-eo-en, held-out outlets' articles)",
        "",
        "| pivot | pairs | ROC-AUC detector | ROC-AUC profile alone |",
        "|---|---:|---:|---:|",
        piv_txt,
        "",
        "### WMT21 (document level, test documents)",
        "",
        (
            f"{sum(yw)} MT documents, {len(yw) - sum(yw)} human documents "
            f"({kinds.count('human_original')} English originals, "
            f"{kinds.count('human_translation')} human translations)."
        ),
        f"ROC-AUC: all {w_all:.4f} (profile alone {w_prof:.4f}); MT vs English originals "
        f"{w_orig:.4f}; MT vs human translations {w_ht:.4f}; per source language: "
        + ", ".join(f"{k} {v:.4f}" for k, v in by_lp.items())
        + ".",
        (
            f"At the threshold (set to protect human news and non-native English): recall "
            f"{w_tpr:.3f}, human documents flagged {w_fpr:.3f}. Neural MT is fluent: the detector "
            "flags it mostly when the text carries artifacts; the profile ranks it usefully "
            "(ROC-AUC above) but a threshold low enough to flag it would flag non-native writers."
        ),
        "",
        "### Clean human news from held-out outlets",
        "",
        (
            f"Valid outlets: {len(sv)} articles, {fp_valid:.2%} above threshold (by construction). "
            f"Test outlets: {len(st)} articles, **{fp_test:.2%}** above threshold "
            f"(profile alone above the same threshold: {prof_fp_test:.2%})."
        ),
        "",
        "Threshold candidates on the raw scale (the largest wins): "
        + ", ".join(f"{k} {v:.4f}" for k, v in thr_parts.items())
        + ". "
        f"Learner-English rewrites (articles, prepositions, agreement broken at learner rates; "
        f"`data.learner_errors`): valid {fp_learner_valid:.2%}, test {fp_learner_test:.2%} above "
        f"threshold. Hand-written non-native fixtures (tests/features/translation/"
        f"translation_nonnative_texts.py) raw scores: " + ", ".join(f"{x:.3f}" for x in sn) + ".",
        "Articles of the test outlets with at least one span of each code (human text, so every "
        "hit is a false alarm of that finder): "
        + ", ".join(f"{c} {n} ({n / max(len(nt), 1):.1%})" for c, n in hits_by_code.items())
        + ". Single hits are expected (typos, dashes); the score weighs hit density.",
        "",
        "False positives on the test outlets (outlet, score): "
        + (", ".join(f"{s} {v:.3f}" for s, v in fp_rows[:20]) or "none")
        + ".",
        "",
        "### Seeds",
        "",
        "| seed | score | profile alone | codes | spans |",
        "|---|---:|---:|---|---:|",
        *[f"| {n} | {s:.4f} | {p:.4f} | {', '.join(c)} | {k} |" for n, s, p, c, k in seed_rows],
        "",
        "Spans on seed 002 (the artifacts the issue lists): "
        + "; ".join(f"{c} `{t}`" for c, t in seed2_spans)
        + ".",
        "",
        "### Speed",
        "",
        (
            f"One process, CPU time (`time.process_time`), 15 passes: median {med:,.0f} docs/s "
            f"on {len(docs)} held-out news articles (mean {mean_kb:.1f} KB; the targets table "
            f"uses this figure), fastest 50-document chunk {best_chunk:,.0f} docs/s; on "
            f"{len(five)} texts cut/padded to 5,000 characters: median {med5:,.0f}, fastest "
            f"chunk {best5_chunk:,.0f} docs/s. Machine load average during the run: {load:.1f} "
            f"on {os.cpu_count()} cores (shared with other developers running their own "
            "benchmarks), so the median is pessimistic; the fastest chunk approximates a quiet "
            f"core. Python {platform.python_version()}."
        ),
        "",
    ]
    # Blocks written by other scripts (speed_compare.py, sample_cap_eval.py) survive a rerun.
    old_report = Path(args.report)
    if old_report.exists():
        for block in blocks(old_report.read_text(encoding="utf-8")):
            lines += [block, ""]
    Path(args.report).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
