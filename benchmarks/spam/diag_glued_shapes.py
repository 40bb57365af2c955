"""Diagnose glued shapes on TRAINING data only (issue 3, fourth round).

    nice python benchmarks/spam/diag_glued_shapes.py [--articles 1200] [--show 0]

Hosts: allsides-baly2020 media split "other" articles (never in the benchmark or the blind
sets), skipping the first 8,000 the trainers shuffle in (another seed). Payloads: DEV and
training-only families (judol train half, gambling_links train half, pharma, php_other,
vocab_salad, phrase_salad; ad_links_train: UT1 publicite
TRAIN-half hosts as link lists), glued in three shapes: ``between`` (the benchmark's shape),
``tail`` (after a paragraph's last sentence) and ``sentence`` (capitalised, closed by a full
stop). Prints document recall per shape and family and, per miss, whether any glued candidate
overlapped the payload (and its glued-model probability). Reading these misses is allowed:
nothing here is a benchmark or blind item.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from build_benchmark import _ES_RE, _TOPIC_RE, allsides, inject, make_payload, payload_sources
from train_line_model import EXTRA, extra_families, glue_variant, make_extra_payload

from features.spam import structure
from features.spam.injected import InjectedSpamDetector
from scorer.document import Document


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=31)
    ap.add_argument("--show", type=int, default=0, help="print this many misses per shape")
    ap.add_argument("--clean", action="store_true", help="also run the hosts unchanged (FP)")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    art = allsides()
    art = art[art.media_split == "other"]
    keep = [t for t in art.content_original
            if isinstance(t, str) and len(t) >= 800 and len(_TOPIC_RE.findall(t)) < 6
            and len(_ES_RE.findall(t)) < 25]
    random.Random(12345).shuffle(keep)
    keep = keep[-args.articles:]
    src = payload_sources()
    fams = {"judol": src["judol"]["dev"], "gambling_links": src["gambling_links"]["dev"],
            "pharma": src["pharma"]["dev"]}
    fams.update(extra_families(keep[:200], random.Random(args.seed + 1)))
    # Advertising hosts of the TRAIN half (what the ad-domain lexicon was built from), as link
    # lists in the gambling_links formats.
    from build_ad_domains import hosts as ut1_hosts
    from common import split_of
    fams["ad_links_train"] = sorted(h for h in ut1_hosts("publicite")
                                    if split_of(h) == "train" and not h[-1].isdigit())
    det = InjectedSpamDetector(debug_lines=True)
    gthr = structure.glued_model()[4] if structure.glued_model() is not None else None
    stats: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    why: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    shown: collections.Counter = collections.Counter()
    fp = 0
    for k, text in enumerate(keep):
        if args.clean:
            r = det(Document(text=text, language="en"))
            fp += bool(r.evidence)
        fam = sorted(fams)[k % len(fams)]
        shape = ("between", "tail", "sentence")[(k // len(fams)) % 3]
        pay = (make_extra_payload(fams[fam], rng) if fam in EXTRA
               else make_payload("gambling_links", fams[fam], rng) if fam == "ad_links_train"
               else make_payload(fam, fams[fam], rng))
        if shape == "between" and rng.random() < 0.5:
            pay = pay[:1].upper() + pay[1:]
        res = glue_variant(text, pay, shape, rng) if shape != "between" \
            else inject(text, pay, "glued", rng)
        if res is None:
            continue
        new, gold = res
        r = det(Document(text=new, language="en"))
        hit = any(e.span and e.span.start < ge and gs < e.span.end
                  for e in r.evidence for gs, ge in gold)
        stats[(shape, fam)][0] += hit
        stats[(shape, fam)][1] += 1
        if not hit:
            over = [x for a, b, x in r.extras.get("glued_vectors", [])
                    if any(a < ge and gs < b for gs, ge in gold)]
            pg = max((structure.glued_probability(x) for x in over), default=None)
            reason = "no candidate" if pg is None else "under threshold"
            why[shape][reason] += 1
            if shown[shape] < args.show:
                shown[shape] += 1
                gs, ge = gold[0]
                ctx = new[max(0, gs - 120):ge + 80].replace("\n", "\\n")
                print(f"--- {shape}/{fam} {reason} pg={pg} thr={gthr}\n{ctx}\n   PAYLOAD: "
                      f"{new[gs:ge]!r}")
    for shape in ("between", "tail", "sentence"):
        tot = [sum(v[i] for (s, _), v in stats.items() if s == shape) for i in (0, 1)]
        print(f"{shape:9s} recall {tot[0]}/{tot[1]} = {tot[0] / max(1, tot[1]):.1%}  "
              f"misses {dict(why[shape])}")
        for (s, f), (h, n) in sorted(stats.items()):
            if s == shape:
                print(f"    {f:15s} {h}/{n}")
    if args.clean:
        print(f"clean hosts with any span: {fp}/{len(keep)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
