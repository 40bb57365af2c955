"""Train and cross-validate the learned author chooser (features/attribution/chooser.py).

    nice python benchmarks/attribution/train_chooser.py cv [--model lr|gb] [--no-rule] [--folds 5]
    nice python benchmarks/attribution/train_chooser.py fit      # writes the shipped model

Data: the 510 trafilatura-evalset pages with a gold ``author`` key and an HTML file (as in
``eval_bylines.py``). Every page goes through ``scorer.io.html.extract``; the chooser's
candidates are generated with the same code the detector runs; a candidate is positive when its
value equals the gold (whitespace-normalised, the exact-match criterion of ``eval_bylines.py``).

``cv``: GroupKFold by site (the registrable domain read from the page's file name), so no site
is in both the training and the test fold; the decision threshold is chosen inside each training
fold by an inner GroupKFold (never on the test fold). Prints has-author accuracy and exact match
of the rules (the current ``byline`` extra) and of the chooser on the same pages.

``fit``: trains on all pages, picks the threshold by the same inner cross-validation, and writes
``features/data/attribution/byline_chooser.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import re
import sys
from pathlib import Path

import numpy as np

from features.attribution import _common as c
from features.attribution import chooser, markup
from features.attribution.credits import CreditsDetector, find_bylines
from scorer.document import Document
from scorer.io.html import decode_html, extract

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_bylines import evalset, same_author

DATA = Path("/work/shared/datasets/trafilatura-evalset")
CACHE = Path(os.environ.get("CHOOSER_CACHE", "/tmp/attr_chooser_pages.pkl"))
OUT = Path(__file__).resolve().parents[2] / "features" / "data" / "attribution" / \
    "byline_chooser.json"
_TLDS = {"com", "de", "ch", "at", "org", "net", "fr", "it", "es", "uk", "co", "info", "eu", "io",
         "nl", "be", "pl", "ru", "br", "mx", "ar", "cl", "pt", "us", "ca", "au", "in", "jp",
         "tv", "news", "blog", "online", "gov", "edu", "ie", "dk", "se", "no", "fi", "cz", "hu",
         "ro", "gr", "tr", "cn", "kr", "me", "biz", "ni", "ve", "pe", "uy", "ec", "bo", "py", "lu",
         "li", "ws", "cc", "fm", "ly", "ai"}


def site_of(fname: str) -> str:
    parts = re.split(r"[.\-_]", fname.lower())
    for i, p in enumerate(parts[1:], 1):
        if p in _TLDS:
            return parts[i - 1] + "." + p
    return parts[0]


def gold_author(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return " ".join(str(value or "").split())


def build_pages() -> list[dict]:
    """Per page: gold, site, the rules' answer, the candidates and their feature rows."""
    import os

    drop = set(filter(None, os.environ.get("CHOOSER_DROP", "").split(",")))
    if drop:  # ablation: leave candidate sources out (e.g. CHOOSER_DROP=_elements,_title)
        chooser.STEPS = tuple(s for s in chooser.STEPS if s.__name__ not in drop)
    gold, raw = evalset()
    det = CreditsDetector(learned_chooser=False)  # the rules' answer is a feature
    pages = []
    for url, entry in gold.items():
        if "author" not in entry or entry.get("file") not in raw:
            continue
        html = decode_html(raw[entry["file"]])
        text, meta = extract(html, url if url.startswith("http") else None)
        doc = Document(text=text, html=html, url=url, metadata=meta, language="und")
        cands, rows, rule, gate = chooser_rows(doc, det)
        shown = chooser.shown_list(html, rule) if ";" in rule else None
        pages.append({"file": entry["file"], "site": site_of(entry["file"]),
                      "gold": gold_author(entry["author"]), "rule": rule, "gate": gate,
                      "shown": shown,
                      "values": [cd.value for cd in cands], "rows": rows})
    return pages


def chooser_rows(doc: Document, det: CreditsDetector):
    """What the detector computes for the chooser (see credits.CreditsDetector.__call__)."""
    extras = det(doc).extras
    text = doc.text or ""
    n = len(text)
    low, _m, _w = c.scan(text)
    regions = [(0, min(n, det.head_chars))]
    if n > det.head_chars:
        regions.append((max(det.head_chars, n - det.tail_chars), n))
    bylines = find_bylines(text, regions, low)
    persons = tuple(b.names for b in bylines if b.agency is None)
    agencies = tuple(b.names for b in bylines if b.agency)
    tree = markup._parse(doc.html or "")
    site = markup._site_keys(doc)
    rule = extras.get("byline")
    rule_org = extras.get("author_organisation")
    cands, rows = chooser.page_rows(doc, tree, site, persons, agencies, rule, rule_org)
    st: dict = {}
    markup.author_from_document(doc, state=st)
    gate = chooser.rules_confident(rule, persons, st.get("found", {}).get("jsonld"), doc.html or "")
    return cands, rows, " ".join((rule or "").split()), gate


def drop_kinds(pages: list[dict], kinds: set[str], css: bool = True) -> list[dict]:
    """Ablation on the cached pages: candidates named only by the ``kinds`` sources are left
    out, and those sources' counts dropped from the others; ``css=False`` leaves out rows
    flagged ``css_upper`` (capitals variants of an experiment that was not kept; none are
    generated by the shipped code)."""
    if not kinds and css:
        return pages
    src = {"src_" + k for k in kinds}
    out = []
    for p in pages:
        values, rows = [], []
        for v, r in zip(p["values"], p["rows"]):
            if not css and r.get("css_upper"):
                continue
            own = [k for k in r if k.startswith("src_") and r[k]]
            if own and all(k in src for k in own):
                continue
            r = {k: x for k, x in r.items() if k not in src and (css or k != "upper_shown")}
            values.append(v)
            rows.append(r)
        out.append(dict(p, values=values, rows=rows))
    return out


def _code_key() -> str:
    """A fingerprint of the code that builds the candidates (a cache built by other code is
    rebuilt instead of silently reused)."""
    import hashlib

    root = Path(__file__).resolve().parents[2] / "features" / "attribution"
    h = hashlib.sha1()
    for name in ("chooser.py", "markup.py", "credits.py", "_common.py"):
        h.update((root / name).read_bytes())
    return h.hexdigest()


def load_pages(rebuild: bool = False) -> list[dict]:
    key = _code_key()
    if CACHE.exists() and not rebuild:
        cached = pickle.loads(CACHE.read_bytes())
        if isinstance(cached, dict) and cached.get("key") == key:
            return cached["pages"]
        print(f"{CACHE} was built by other code: rebuilding", file=sys.stderr)
    pages = build_pages()
    CACHE.write_bytes(pickle.dumps({"key": key, "pages": pages}))
    return pages


# -- model ---------------------------------------------------------------------------------
#: how a candidate is compared with the gold when training (``--target``): "strict" (the
#: whitespace-normalised string, until 2026-11-23) or "loose" (``eval_bylines.same_author``:
#: up to case and the list separator)
_TARGET = ["strict"]


def positive(value: str, gold: str) -> bool:
    if _TARGET[0] == "loose":
        return bool(gold) and same_author(gold, value)
    return value == gold


def matrices(pages: list[dict], names: list[str]):
    X, y, pid = [], [], []
    for i, p in enumerate(pages):
        for v, r in zip(p["values"], p["rows"]):
            X.append([r.get(k, 0.0) for k in names])
            y.append(1 if positive(v, p["gold"]) else 0)
            pid.append(i)
    return np.asarray(X, dtype=float), np.asarray(y), np.asarray(pid)


#: page-level features that score the "no author" option of the conditional logit
NONE_FEATURES = ("n_cands", "page_has_jsonld_author", "page_has_author_markup",
                 "page_has_rule_person")


def fit_clogit(pages: list[dict], names: list[str], C: float):
    """Conditional logit: one softmax per page over its candidates and a "no author" option
    (scored from page-level features). Target: the gold candidate; "no author" when the gold is
    empty; any candidate (summed) when the gold is not among them."""
    from scipy.optimize import minimize

    none_names = [n for n in NONE_FEATURES if n in names] + [n for n in names
                                                               if n.startswith("pg_")]
    names = [n for n in names if not n.startswith("pg_")]
    X, _y, _pid = matrices(pages, names)
    mu = X.mean(axis=0) if len(X) else np.zeros(len(names))
    sd = X.std(axis=0) if len(X) else np.ones(len(names))
    sd[sd == 0] = 1.0
    Xs = (X - mu) / sd
    d = len(names)
    per = []
    start = 0
    for i, p in enumerate(pages):
        k = len(p["values"])
        rows = Xs[start:start + k]
        start += k
        zp = np.array([p["rows"][0].get(n, 0.0) if p["rows"] else 0.0 for n in none_names]
                      + [1.0])
        if not p["gold"]:
            target = None  # none
        else:  # the candidates equal to the gold, else any candidate (summed)
            target = [j for j, v in enumerate(p["values"]) if positive(v, p["gold"])] or \
                list(range(k))
        per.append((rows, zp, target))
    lam = 1.0 / C

    def loss(theta):
        w, v = theta[:d], theta[d:]
        total = 0.5 * lam * float(w @ w + v[:-1] @ v[:-1])
        gw = lam * w
        gv = lam * v
        gv[-1] -= lam * v[-1]
        for rows, zp, target in per:
            sn = float(zp @ v)
            s = rows @ w if len(rows) else np.zeros(0)
            m = max(sn, float(s.max()) if len(s) else sn)
            e = np.exp(s - m)
            en = math.exp(sn - m)
            zsum = en + float(e.sum())
            logz = m + math.log(zsum)
            pj = e / zsum
            pn = en / zsum
            if target is None:
                tval = sn
                gw += rows.T @ pj if len(rows) else 0.0
                gv += (pn - 1.0) * zp
            elif len(target) == 1:
                j = target[0]
                tval = float(s[j])
                gw += rows.T @ pj - rows[j]
                gv += pn * zp
            else:
                if not len(s):
                    continue
                st = s[target]
                mc = float(st.max())
                ec = np.exp(st - mc)
                tval = mc + math.log(float(ec.sum()))
                q = np.zeros(len(s))
                q[target] = ec / ec.sum()
                gw += rows.T @ (pj - q)
                gv += pn * zp
            total += logz - tval
        return total, np.concatenate([gw, gv])

    theta0 = np.zeros(d + len(none_names) + 1)
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    return ("cl", res.x[:d], res.x[d:], mu, sd, none_names, names)


def fit(pages: list[dict], names: list[str], kind: str, C: float = 1.0):
    if kind == "cl":
        return fit_clogit(pages, names, C)
    X, y, _ = matrices(pages, names)
    if kind == "gb":
        from sklearn.ensemble import HistGradientBoostingClassifier

        m = HistGradientBoostingClassifier(max_depth=3, max_iter=150, learning_rate=0.08,
                                           min_samples_leaf=10, random_state=0)
        m.fit(X, y)
        return ("gb", m)
    from sklearn.linear_model import LogisticRegression

    mu = X.mean(axis=0)
    sd = X.std(axis=0)
    sd[sd == 0] = 1.0
    m = LogisticRegression(C=C, max_iter=2000, class_weight=None)
    m.fit((X - mu) / sd, y)
    return ("lr", m, mu, sd)


def predict_pages(model, pages: list[dict], names: list[str]) -> list[tuple[str, float]]:
    out = []
    for p in pages:
        if not p["values"]:
            out.append(("", 0.0))
            continue
        X = np.asarray([[r.get(k, 0.0) for k in names] for r in p["rows"]], dtype=float)
        if model[0] == "cl":
            _k, w, v, mu, sd, none_names, wnames = model
            Xw = np.asarray([[r.get(k, 0.0) for k in wnames] for r in p["rows"]], dtype=float)
            s = ((Xw - mu) / sd) @ w
            zp = np.array([p["rows"][0].get(n, 0.0) for n in none_names] + [1.0])
            sn = float(zp @ v)
            b = int(np.argmax(s))
            j = chooser.pick_form(p["values"], b)
            # probability of the best candidate against "no author" alone
            out.append((p["values"][j], 1.0 / (1.0 + math.exp(-(float(s[b]) - sn)))))
            continue
        if model[0] == "gb":
            pr = model[1].predict_proba(X)[:, 1]
        else:
            pr = model[1].predict_proba((X - model[2]) / model[3])[:, 1]
        j = int(np.argmax(pr))
        out.append((p["values"][j], float(pr[j])))
    return out


def decide(preds: list[tuple[str, float]], t: float) -> list[str]:
    return [v if pr >= t else "" for v, pr in preds]


def metrics(pages: list[dict], preds: list[str]) -> tuple[float, float, int, int, int]:
    n = len(pages)
    has = sum(bool(p["gold"]) == bool(v) for p, v in zip(pages, preds)) / n
    exact = sum(positive(v, p["gold"]) if p["gold"] else not v
                for p, v in zip(pages, preds)) / n
    tp = sum(bool(p["gold"]) and bool(v) for p, v in zip(pages, preds))
    fp = sum(not p["gold"] and bool(v) for p, v in zip(pages, preds))
    fn = sum(bool(p["gold"]) and not v for p, v in zip(pages, preds))
    return has, exact, tp, fp, fn


_GRID = [i / 100 for i in range(5, 95, 1)]


def best_threshold(pages: list[dict], preds: list[tuple[str, float]]) -> float:
    """Threshold maximising exact match + has-author (ties: the middle of the best run)."""
    scores = []
    for t in _GRID:
        h, e, *_ = metrics(pages, decide(preds, t))
        scores.append(e + h)
    top = max(scores)
    best = [t for t, s in zip(_GRID, scores) if s >= top - 1e-9]
    return best[len(best) // 2]


def inner_threshold(pages: list[dict], names: list[str], kind: str, folds: int, C: float) -> float:
    from sklearn.model_selection import GroupKFold

    groups = [p["site"] for p in pages]
    oof: list[tuple[str, float]] = [("", 0.0)] * len(pages)
    for tr, te in GroupKFold(n_splits=folds).split(pages, groups=groups):
        m = fit([pages[i] for i in tr], names, kind, C)
        for i, pr in zip(te, predict_pages(m, [pages[i] for i in te], names)):
            oof[i] = pr
    return best_threshold(pages, oof)


def feature_names(no_rule: bool) -> list[str]:
    names = list(chooser.FEATURE_NAMES)
    if no_rule:
        names = [n for n in names if n not in ("rule_person", "rule_org", "page_has_rule_person")]
    if _NO_PG:
        names = [n for n in names if not n.startswith("pg_")]
    drop = set(filter(None, os.environ.get("CHOOSER_DROP_FEATURES", "").split(",")))
    return [n for n in names if n not in drop]


_PAGES: list[dict] = []
_NO_PG = False


def gated(p: dict) -> bool:
    """The rules' answer is kept without asking the chooser (the shipped gate,
    chooser.rules_confident): a person-shaped name (or list) that JSON-LD or a text byline gives."""
    return p["gate"]


def gated_answer(p: dict) -> str:
    """What the detector outputs on a gated page: the rules' answer, a "; " list written as
    the page shows it (chooser.shown_list, computed when the cache is built)."""
    return p.get("shown") or p["rule"]


def cmd_cv(args) -> int:
    from sklearn.model_selection import GroupKFold

    pages = _PAGES
    if not args.no_gate:
        gate = [gated(p) for p in pages]
        print(f"gate: {sum(gate)} of {len(pages)} pages keep the rules' answer without the chooser")
    else:
        gate = [False] * len(pages)
    names = feature_names(args.no_rule)
    groups = [p["site"] for p in pages]
    rule = [p["rule"] for p in pages]
    n_sites = len(set(groups))
    oracle = sum((not p["gold"]) or any(positive(v, p["gold"]) for v in p["values"])
                 for p in pages)
    print(f"pages {len(pages)}, sites {n_sites}, features {len(names)}, model {args.model}, "
          f"rule features {'off' if args.no_rule else 'on'}")
    print(f"candidate ceiling (gold empty or among the candidates): {oracle} "
          f"({oracle / len(pages):.3f})")
    h, e, tp, fp, fn = metrics(pages, rule)
    print(f"rules (byline extra):  has-author {h:.3f} (tp {tp}, fp {fp}, fn {fn})  exact {e:.3f}")
    out = [""] * len(pages)
    splitter = GroupKFold(n_splits=args.folds) if args.seed is None else \
        GroupKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
    for fold, (tr, te) in enumerate(splitter.split(pages, groups=groups)):
        train = [pages[i] for i in tr]
        t = args.threshold if args.threshold >= 0 else \
            inner_threshold(train, names, args.model, args.folds - 1, args.C)
        m = fit(train, names, args.model, args.C)
        for i, v in zip(te, decide(predict_pages(m, [pages[i] for i in te], names), t)):
            text_byline = any(r.get("src_text_byline") for r in pages[i]["rows"])
            if not v and text_byline:
                v = rule[i]  # chooser.choose: a text byline is never overruled by "nobody"
            out[i] = gated_answer(pages[i]) if gate[i] else v
        print(f"  fold {fold}: {len(te)} test pages, threshold {t:.2f}")
    h, e, tp, fp, fn = metrics(pages, out)
    strict = sum(p["gold"] == o for p, o in zip(pages, out)) / len(pages)
    loose = sum(same_author(p["gold"], o) for p, o in zip(pages, out)) / len(pages)
    print(f"chooser (CV, grouped by site): has-author {h:.3f} (tp {tp}, fp {fp}, fn {fn})  "
          f"exact {strict:.3f}  exact up to case/list separator {loose:.3f}  "
          f"(training target {_TARGET[0]})")
    gained = sum(o == p["gold"] != r for o, r, p in zip(out, rule, pages))
    lost = sum(r == p["gold"] != o for o, r, p in zip(out, rule, pages))
    print(f"pages: exact gained {gained}, lost {lost}")
    if args.dump:
        Path(args.dump).write_text(json.dumps(
            [{"file": p["file"], "gold": p["gold"], "rule": r, "cv": o, "cands": p["values"]}
             for p, r, o in zip(pages, rule, out)], ensure_ascii=False, indent=1))
    return 0


def cmd_fit(args) -> int:
    pages = _PAGES
    names = feature_names(args.no_rule)
    m = fit(pages, names, "cl", args.C)
    _k, w, v, mu, sd, none_names, wnames = m
    t = args.threshold if args.threshold is not None else 0.5
    payload = {
        "about": "attribution byline chooser: conditional logit over a page's author candidates "
                 "and a 'no author' option (features/attribution/chooser.py). Trained on "
                 f"trafilatura-evalset ({len(pages)} pages with a gold author key, Apache-2.0) "
                 f"by benchmarks/attribution/train_chooser.py fit --C {args.C}; figures only "
                 "from GroupKFold-by-site cross-validation (reports/attribution.md).",
        "features": wnames,
        "weights": [round(float(x), 6) for x in w],
        "mean": [round(float(x), 6) for x in mu],
        "scale": [round(float(x), 6) for x in sd],
        "none_features": none_names,
        "none_weights": [round(float(x), 6) for x in v[:-1]],
        "none_bias": round(float(v[-1]), 6),
        "threshold": t,
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(wnames)} candidate features, {len(none_names)} 'none' features, "
          f"threshold {t:.2f})")
    for nm, x in sorted(zip(wnames, payload["weights"]), key=lambda x: -abs(x[1]))[:25]:
        print(f"  {x:+.3f}  {nm}")
    print("  none:", dict(zip(none_names, payload["none_weights"])), payload["none_bias"])
    # in-sample check: the shipped inference code on the training pages
    from features.attribution import chooser as ch

    ok = 0
    for p in pages:
        cands = [ch.Candidate(v) for v in p["values"]]
        val, _pr = ch.choose_rows(cands, p["rows"], payload)
        if val is None and any(r.get("src_text_byline") for r in p["rows"]):
            val = p["rule"]
        if p["gate"] and not args.no_gate:
            val = gated_answer(p)
        ok += (val or "") == p["gold"]
    print(f"in-sample exact (training pages, not an evaluation): {ok / len(pages):.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=("cv", "fit", "build"))
    ap.add_argument("--model", default="cl", choices=("lr", "gb", "cl"))
    ap.add_argument("--no-rule", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.03)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--seed", type=int, default=None,
                    help="shuffled GroupKFold with this seed (default: sklearn's unshuffled split)")
    ap.add_argument("--no-gate", action="store_true",
                    help="run the chooser on every page (the shipped detector keeps confident "
                         "rule answers: chooser.rules_confident)")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="decision threshold (0.5: the best candidate beats 'no author'); "
                         "a negative value chooses it by inner GroupKFold")
    ap.add_argument("--no-pg", action="store_true",
                    help="leave out the page-level features (chooser.PAGE_FEATURES) that score "
                         "the 'no author' option (on by default since 2026-11-23)")
    ap.add_argument("--dump", default=None)
    ap.add_argument("--drop-kinds", default="",
                    help="ablation: comma-separated candidate source kinds to leave out")
    ap.add_argument("--target", default="strict", choices=("strict", "loose"),
                    help="a candidate is the gold when equal to it (strict) or equal up to case "
                         "and the list separator (loose, eval_bylines.same_author)")
    args = ap.parse_args(argv)
    _TARGET[0] = args.target
    _PAGES[:] = load_pages(args.rebuild or args.cmd == "build")
    _PAGES[:] = drop_kinds(_PAGES, set(filter(None, args.drop_kinds.split(","))))
    global _NO_PG
    _NO_PG = args.no_pg
    if args.cmd == "build":
        print(f"{len(_PAGES)} pages cached in {CACHE}")
        return 0
    return cmd_cv(args) if args.cmd == "cv" else cmd_fit(args)


if __name__ == "__main__":
    sys.exit(main())
