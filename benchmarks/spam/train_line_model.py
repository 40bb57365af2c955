"""Train the structural line model of spam.injected (features/data/spam/line_model.json).

    nice python benchmarks/spam/train_line_model.py [--articles 2400] [--seed 7]
    # the shipped files: line_model.json is unchanged from commit 8bb8d6e (trained there with
    # --articles 4000; --no-glued on this tree is the same recipe but not the same numbers, the
    # detector now finds more glued candidates), glued_model.json is trained against it with:
    nice python benchmarks/spam/train_line_model.py --articles 8000 --glued-fp 0.001 --glued-only \
        --glued-shapes between,tail,sentence      # issue 3, fourth round (pair features)

Data (nothing from the benchmark's pools, no held-out family):
- articles: allsides-baly2020 articles of the media split "other" (the benchmark's clean,
  injected and hard-negative documents come from the "test" split or are excluded here: every
  article matching the hard-negative criteria of build_benchmark.py is dropped), plus the
  PTC-SemEval2020 train/dev articles (unless --no-ptc);
- payloads: the DEV families only (judol train half, gambling_links train half, pharma) plus
  two training-only families (see EXTRA: php-spam-filter hosting/software/polish lists and
  random English-vocabulary word lines; never injected by the benchmark), placed as a top,
  bottom, middle or both-edges line in half of the articles. No glued placement: glued runs
  found by the detector in training articles enter only as negatives (and in the threshold's
  false-positive calibration).
Each candidate line the detector scores (whole line, not running prose, English document) is one
example, labelled positive when it is the injected payload. Features come from the detector
itself (``InjectedSpamDetector(debug_lines=True)``), so training and use cannot drift apart.
The threshold is the probability that keeps document-level false positives on the clean training
articles at or under ``--fp`` (0.2%), and at least 0.5.

Glued-run model (glued_model.json, issue 3's third round): with the glued placement on (the
default; ``--no-glued`` restores the earlier recipe), ``--glued-share`` (40%) of the injected
training articles carry their payload glued between two sentences of a paragraph (half of them
capitalised), and a second logistic model is trained on the glued-run candidates the detector
finds (``extras["glued_vectors"]``: line features plus four run features), labelled positive
when the run overlaps the payload. Its threshold keeps document false positives of the clean
training articles at ``--glued-fp`` from out-of-fold probabilities (two folds by article).
Still no benchmark held-out family (commerce, wp_blacklist) and no benchmark item.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_benchmark import _ES_RE, _TOPIC_RE, allsides, inject, make_payload, payload_sources
from build_lexicons import expand_regex, php_lines
from common import SHARED

from features.spam import structure
from features.spam.injected import InjectedSpamDetector
from scorer.document import Document

#: Training-only payload families (never injected by the benchmark):
#: - php_other: php-spam-filter hosting, software and Polish lists (not the merchandise,
#:   services or trading lists the benchmark's held-out "commerce" family is made of);
#: - vocab_salad: 4-10 random words of the English news vocabulary (ranks 1,500-40,000), some
#:   capitalised, joined by spaces, commas or pipes: the bare shape "words without sentence
#:   structure or topic", with no spam vocabulary at all;
#: - phrase_salad: 3-7 fragments of 2-4 consecutive words (function words included) cut from
#:   other training articles, joined by commas, pipes or spaces: fragments without sentence
#:   structure (added after seeing that held-out comment-spam phrases with function words,
#:   "issues with your site", passed as prose).
EXTRA = ("php_other", "vocab_salad", "phrase_salad")


def phrase_fragments(texts: list[str], rng: random.Random, n: int = 20000) -> list[str]:
    """Lower-case fragments of 2-4 consecutive words of ``texts`` (no punctuation inside)."""
    out: list[str] = []
    for _ in range(n):
        words = rng.choice(texts).split()
        if len(words) < 10:
            continue
        k = rng.randint(2, 4)
        i = rng.randrange(len(words) - k)
        frag = words[i:i + k]
        if all(w.isalpha() for w in frag):
            out.append(" ".join(frag).lower())
    return out


def extra_families(texts: list[str] | None = None,
                   rng: random.Random | None = None) -> dict[str, list[str]]:
    php = sorted({p for name in ("blacklist-hosting.txt", "blacklist-software.txt",
                                 "blacklist-polish.txt")
                  for pat in php_lines(name) for p in expand_regex(pat)
                  if p.isascii() and 3 <= len(p) <= 40})
    vocab = [w for w in (structure.MODEL_PATH.parent / "en_vocab.txt").read_text(
        encoding="utf-8").splitlines() if w and not w.startswith("#")][1500:40000]
    out = {"php_other": php, "vocab_salad": [w for w in vocab if w.isalpha()]}
    if texts:
        out["phrase_salad"] = phrase_fragments(texts, rng or random.Random(0))
    return out


def make_extra_payload(items: list[str], rng: random.Random) -> str:
    """A keyword line from a training-only family (see :data:`EXTRA`)."""
    k = rng.randint(3, 6) if len(items) < 1000 else rng.randint(4, 10)
    words = [w.capitalize() if rng.random() < 0.25 else w for w in rng.sample(items, k)]
    return rng.choice([" ", ", ", " | ", " "]).join(words)


_PARA_END = re.compile(r"(?<=[a-z0-9][.!?])(?=\n)")
_SENT_GAP = re.compile(r"(?<=[a-z0-9][.!?]) (?=[A-Z])")


def glue_variant(text: str, payload: str, shape: str, rng: random.Random
                 ) -> tuple[str, list[list[int]]] | None:
    """Two more glued shapes for training (``--glued-shapes``): ``tail``, the payload after the
    last sentence of a paragraph; ``sentence``, the payload written as a sentence of its own
    (capital letter, closing "." or "!") between two sentences."""
    text = text.strip()
    if shape == "tail":
        ends = [m.start() for m in _PARA_END.finditer(text)]
        if not ends:
            return None
        pos = ends[rng.randrange(len(ends))]
        return text[:pos] + " " + payload + text[pos:], [[pos + 1, pos + 1 + len(payload)]]
    sent = payload[:1].upper() + payload[1:].rstrip(" .,|") + rng.choice([".", ".", "!"])
    gaps = [m.end() for m in _SENT_GAP.finditer(text)]
    if not gaps:
        return None
    pos = gaps[rng.randrange(len(gaps))]
    return text[:pos] + sent + " " + text[pos:], [[pos, pos + len(sent)]]


def train_glued(G: np.ndarray, gy: np.ndarray, gdoc: np.ndarray,
                args: argparse.Namespace) -> None:
    """The glued-run model (features/data/spam/glued_model.json): a logistic regression over
    :data:`structure.GLUED_FEATURES` of the glued-run candidates the detector found in the
    training articles (positive: the run overlaps a payload glued between two sentences).
    Threshold: document false positives <= ``--glued-fp`` among the clean training articles,
    from out-of-fold probabilities (two folds by article)."""
    from sklearn.linear_model import LogisticRegression

    mean = G.mean(axis=0)
    scale = G.std(axis=0)
    scale[scale < 1e-6] = 1.0
    Z = (G - mean) / scale
    fold = (np.abs(gdoc) // 2) % 2  # by article pair (k and -1-k are never both used)
    oof = np.zeros(len(gy))
    for f in (0, 1):
        clf = LogisticRegression(C=0.5, class_weight={0: 1.0, 1: 3.0}, max_iter=3000)
        clf.fit(Z[fold != f], gy[fold != f])
        oof[fold == f] = clf.predict_proba(Z[fold == f])[:, 1]
    best: dict[int, float] = {}
    for d, p in zip(gdoc, oof):
        if d < 0:
            best[int(d)] = max(best.get(int(d), 0.0), float(p))
    n_clean = args.clean_docs
    vals = sorted(best.values(), reverse=True)
    allowed = int(args.glued_fp * n_clean)
    thr = max(0.5, (vals[allowed] + 1e-4) if len(vals) > allowed else 0.5)
    recall = float((oof[gy == 1] >= thr).mean()) if (gy == 1).any() else float("nan")
    clf = LogisticRegression(C=0.5, class_weight={0: 1.0, 1: 3.0}, max_iter=3000)
    clf.fit(Z, gy)
    if clf.coef_[0][structure.OVERLAP_INDEX] > 0:
        raise SystemExit("glued model: topic_overlap got a positive weight (pruning breaks)")
    out = {
        "_comment": ("Glued-run model of spam.injected; built by benchmarks/spam/"
                     "train_line_model.py from the glued-run candidates of the same training "
                     "articles as line_model.json (allsides media split 'other', ptc-semeval2020 "
                     "train/dev), positives = DEV and training-only payload families glued "
                     f"in the shapes {args.glued_shapes} (never commerce, wp_blacklist or any benchmark "
                     "held-out item). Logistic regression on standardised features; threshold "
                     "from out-of-fold document false positives on the clean training "
                     "articles."),
        "features": list(structure.GLUED_FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 6),
        "threshold": round(float(thr), 4),
        "training": {"runs": int(len(gy)), "positive_runs": int(gy.sum()),
                     "clean_docs": n_clean, "clean_docs_with_runs": len(best),
                     "oof_run_recall": round(recall, 4), "fp": args.glued_fp,
                     "seed": args.seed, "shapes": args.glued_shapes},
    }
    structure.GLUED_MODEL_PATH.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print("glued", json.dumps(out["training"]), "threshold", out["threshold"])
    for f, c in sorted(zip(structure.GLUED_FEATURES, out["coef"]), key=lambda t: -abs(t[1])):
        print(f"  {f:20s} {c:+.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fp", type=float, default=0.002)
    ap.add_argument("--no-ptc", dest="ptc", action="store_false",
                    help="allsides articles only (the first, blind model)")
    ap.add_argument("--no-extra-families", dest="extra_families", action="store_false",
                    help="DEV benchmark families only (the model before the extra families)")
    ap.add_argument("--glued-fp", type=float, default=0.002,
                    help="document false-positive rate of the glued-run model on clean "
                         "training articles (out-of-fold)")
    ap.add_argument("--glued-share", type=float, default=0.4,
                    help="share of the injected training articles whose payload is glued")
    ap.add_argument("--glued-shapes", default="between",
                    help="comma list of glued shapes in training: between (two sentences, the "
                         "benchmark's shape), tail (after a paragraph's last sentence), "
                         "sentence (capitalised payload closed by a full stop)")
    ap.add_argument("--glued-only", action="store_true",
                    help="keep line_model.json as it is (it is loaded, so glued candidates are "
                         "collected as the shipped detector sees them) and train only "
                         "glued_model.json")
    ap.add_argument("--no-glued", dest="glued", action="store_false",
                    help="no glued placement in training (the model before issue 3's last "
                         "round); with it, --glued-share of the injected training articles carry the "
                         "payload glued between two sentences of a paragraph")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    for path in (structure.MODEL_PATH, structure.GLUED_MODEL_PATH):
        if path.exists() and not (args.glued_only and path == structure.MODEL_PATH):
            path.unlink()  # collect features without the old models' influence
    structure.model.cache_clear()
    structure.glued_model.cache_clear()
    art = allsides()
    art = art[art.media_split == "other"]
    keep = [(i, t) for i, t in zip(art.ID, art.content_original)
            if isinstance(t, str) and len(t) >= 800 and len(_TOPIC_RE.findall(t)) < 6
            and len(_ES_RE.findall(t)) < 25]
    rng.shuffle(keep)
    keep = keep[: args.articles]
    if args.ptc:
        # PTC-SemEval2020 articles (another crawl, none in the benchmark): one line per
        # sentence, with captions, embedded tweets and credits: varied non-prose lines.
        ptc = [p.read_text(encoding="utf-8", errors="replace") for sub in
               ("train-articles", "dev-articles")
               for p in sorted((SHARED / "ptc-semeval2020" / "datasets" / sub).glob("*.txt"))]
        keep += [(f"ptc-{i}", t) for i, t in enumerate(ptc) if len(t) >= 800]
        rng.shuffle(keep)
    src = payload_sources()
    dev = {"judol": src["judol"]["dev"], "gambling_links": src["gambling_links"]["dev"],
           "pharma": src["pharma"]["dev"]}
    if args.extra_families:
        # Fragments come from the first 400 training articles (the hosts of the injected lines
        # are other articles, mostly).
        dev.update(extra_families([t for _, t in keep[:400]], random.Random(args.seed + 1)))
    det = InjectedSpamDetector(debug_lines=True)
    X: list[list[float]] = []
    y: list[int] = []
    G: list[list[float]] = []  # glued runs: extended vectors, label, document
    gy: list[int] = []
    gdoc: list[int] = []
    doc_of: list[int] = []
    clean_doc: list[bool] = []
    for k, (_, text) in enumerate(keep):
        gold: list[list[int]] = []
        if k % 2:
            fam = rng.choice(sorted(dev))
            payload = (make_extra_payload(dev[fam], rng) if fam in EXTRA
                       else make_payload(fam, dev[fam], rng))
            placement = rng.choice(["top", "bottom", "middle", "both_edges"])
            if args.glued and rng.random() < args.glued_share:
                placement = "glued"
            if placement == "glued" and rng.random() < 0.5:
                # Half of the glued training payloads open with a capital letter (brand names,
                # comments): the shape of a run glued before a sentence, not of any family.
                payload = payload[:1].upper() + payload[1:]
            shape = rng.choice(args.glued_shapes.split(",")) if placement == "glued" else ""
            res = glue_variant(text, payload, shape, rng) if shape in ("tail", "sentence") \
                else inject(text, payload, placement, rng)
            if res is None:
                continue
            text, gold = res
        r = det(Document(text=text, language="en"))
        for a, b, x in r.extras.get("line_vectors", []):
            X.append(x)
            y.append(int(any(a < ge and gs < b for gs, ge in gold)))
            doc_of.append(k)
            clean_doc.append(not gold)
        for a, b, x in r.extras.get("glued_vectors", []):
            G.append(x)
            gy.append(int(any(a < ge and gs < b for gs, ge in gold)))
            gdoc.append(k if gold else -1 - k)  # negative: a clean document
    args.clean_docs = (len(keep) + 1) // 2  # articles k with k % 2 == 0 stay clean
    if args.glued_only:
        train_glued(np.array(G, dtype=float), np.array(gy), np.array(gdoc), args)
        return 0
    Xa = np.array(X, dtype=float)
    ya = np.array(y)
    from sklearn.linear_model import LogisticRegression

    mean = Xa.mean(axis=0)
    scale = Xa.std(axis=0)
    scale[scale < 1e-6] = 1.0
    Z = (Xa - mean) / scale
    # Hold out a quarter of the documents to pick the threshold on unseen lines.
    # Articles k with k % 8 in (0, 1): one clean, one injected of every eight.
    is_cal = np.array([d % 8 in (0, 1) for d in doc_of])
    clf = LogisticRegression(C=0.5, class_weight={0: 1.0, 1: 3.0}, max_iter=2000)
    clf.fit(Z[~is_cal], ya[~is_cal])
    p = clf.predict_proba(Z)[:, 1]
    # Document-level FP on calibration clean documents: the max line probability per doc.
    best: dict[int, float] = {}
    for d, pi, c, cal in zip(doc_of, p, clean_doc, is_cal):
        if c and cal:
            best[d] = max(best.get(d, 0.0), float(pi))
    n_clean_cal = sum(1 for k in range(len(keep)) if k % 8 == 0)
    vals = sorted(best.values(), reverse=True)
    allowed = int(args.fp * n_clean_cal)
    thr = max(0.5, (vals[allowed] + 1e-4) if len(vals) > allowed else 0.5)
    pos_cal = is_cal & (ya == 1)
    recall = float((p[pos_cal] >= thr).mean()) if pos_cal.any() else float("nan")
    clf.fit(Z, ya)  # final weights on all lines; the threshold stays the calibrated one
    # The detector skips the (costly) topic overlap when overlap 0 cannot reach the threshold,
    # which is only exact when more overlap never raises the probability.
    if clf.coef_[0][structure.OVERLAP_INDEX] > 0:
        raise SystemExit("topic_overlap got a positive weight: the detector's pruning breaks")
    out = {
        "_comment": ("Structural line model of spam.injected; built by "
                     "benchmarks/spam/train_line_model.py from allsides-baly2020 (media split "
                     "'other') articles with DEV payload families only (judol train half, "
                     "gambling_links train half, pharma) and training-only families (php-spam-"
                     "filter hosting/software/polish lists, random English-vocabulary word "
                     "lines), plus ptc-semeval2020 train/dev articles as "
                     "negatives. Logistic regression on standardised "
                     "features."),
        "features": list(structure.FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 6),
        "threshold": round(float(thr), 4),
        "training": {"articles": len(keep), "lines": len(y), "positive_lines": int(ya.sum()),
                     "calibration_clean_docs": n_clean_cal,
                     "calibration_line_recall": round(recall, 4), "seed": args.seed},
    }
    structure.MODEL_PATH.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    if args.glued:
        train_glued(np.array(G, dtype=float), np.array(gy), np.array(gdoc), args)
    print(json.dumps(out["training"]), "threshold", out["threshold"])
    for f, c in sorted(zip(structure.FEATURES, out["coef"]), key=lambda t: -abs(t[1])):
        print(f"  {f:20s} {c:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
