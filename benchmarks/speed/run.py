"""Speed benchmarks for credscore's filter and CLI; writes reports/benchmarks.md.

Measures, on the corpus built by ``benchmarks/speed/build_corpus.py`` (work_data/speed/):

- ``latency``: documents/s per core, p50/p99 latency and peak RSS for text and HTML input, through
  ``CredibilityFilter.check`` (cheap-first and full), ``check_many`` and ``Scorer.score`` (the
  CLI's path); each mode runs ``--latency-runs`` times (fresh processes), the median is reported;
- ``profile``: cost of each stage and detector (HTML extraction, language, every detector, the
  model, the report);
- ``agreement``: cheap-first decisions vs the full path, for a range of early-exit margins, on the
  texts, the HTML pages and scraper copies of the texts; on the texts also the cascade simulated
  on per-detector log-odds over a grid of margins (how the shipped margins were chosen: the
  cheapest with at most 0.1% wrong decisions on the even-numbered texts);
- ``jobs``: ``python -m scorer score FILE --jobs 1`` and ``--jobs 2`` wall time;
- ``datatrove``: datatrove's GopherQuality + GopherRepetition + C4Quality + FineWebQuality
  filters on the same texts, and our time as a ratio to theirs;
- ``lang``: features.lang decisions vs plain (pure-Python, seeded) langdetect on segments;
- ``stream``: RSS over a long stream (the corpus cycled through the JSONL reader and the filter).

Every measurement runs in a fresh subprocess pinned to one CPU (so peak RSS is its own).

Usage:
    python benchmarks/speed/run.py --code /tmp/bt                 # every section
    python benchmarks/speed/run.py --sections latency,profile --limit 1000
    python benchmarks/speed/run.py --report-only                  # re-render the markdown

``--code DIR`` runs the code in DIR (e.g. ``git archive HEAD | tar -x -C DIR``, so the numbers
describe committed code, not a working tree others are editing).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "work_data" / "speed"
SECTIONS = ("latency", "profile", "agreement", "jobs", "datatrove", "lang", "stream")


# ---------------------------------------------------------------------------------------------
# helpers (worker side)
# ---------------------------------------------------------------------------------------------
#: Per-document costs are CPU time of this thread (``time.thread_time``): the machine's cores are
#: shared with other developers' jobs, and wall time would count their time slices as ours.
clock = time.thread_time


def pin(first: bool = False) -> None:
    """Pin this process to one CPU (the last one, or the first), so 'per core' means one core."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0] if first else cpus[-1]})
    except (AttributeError, OSError):
        pass


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


#: Aggregator hosts the scraper copies are served from (on no rating list, as most such sites).
SCRAPER_SITES = ("dailynewsfeed.example", "newsnow24.example", "topstory.example")


def scraper_copies(limit: int, seed: int = 7) -> list[dict[str, Any]]:
    """Scraper copies of the corpus's clean texts, built as benchmarks/attribution builds them
    (lead tags, foreign credit lines, "Go to Source"-style tails: ``make_copy``), each on an
    unrated aggregator URL: pages the cheap path must not accept when the full path would not."""
    import random

    sys.path.insert(0, str(REPO / "benchmarks" / "attribution"))
    from eval_scraper_copies import make_copy

    rng = random.Random(seed)
    out = []
    for rec in records("text", 10 ** 9):
        if rec.get("variant") != "clean":
            continue
        text, _ = make_copy(rec["text"], rec.get("title") or "", rng)
        url = f"https://{rng.choice(SCRAPER_SITES)}/news/{rng.randint(1000, 99999)}"
        out.append({"id": "copy-" + rec["id"], "text": text, "url": url, "variant": "scraped"})
        if len(out) >= limit:
            break
    return out


def records(kind: str, limit: int) -> list[dict[str, Any]]:
    if kind == "scraped":
        return scraper_copies(limit)
    out = []
    with (CORPUS / f"corpus_{kind}.jsonl").open() as fh:
        for line in fh:
            out.append(json.loads(line))
            if len(out) >= limit:
                break
    return out


def check_kwargs(rec: dict[str, Any]) -> dict[str, Any]:
    kw: dict[str, Any] = {"url": rec.get("url"), "id": rec["id"]}
    if "html" in rec:
        kw["html"] = rec["html"]
    else:
        kw["text"] = rec["text"]
        if rec.get("title"):
            kw["title"] = rec["title"]
        if rec.get("published"):
            kw["published"] = rec["published"]
    return kw


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def summary_ms(times: list[float]) -> dict[str, float]:
    ms = [t * 1000 for t in times]
    return {"mean_ms": statistics.fmean(ms) if ms else 0.0, "p50_ms": pct(ms, 0.5),
            "p99_ms": pct(ms, 0.99), "max_ms": max(ms) if ms else 0.0}


#: ``--expensive a,b`` on a worker: which detectors the cheap-first path may skip (default: the
#: filter's own list). Set by worker_main.
EXPENSIVE: list[str] | None = None


#: Pages per check_many call in the batch modes (the CLI's chunk size).
BATCH = 32


def load_filter(mode: str) -> Any:
    from scorer.filter import CredibilityFilter

    return CredibilityFilter.load(cheap_first=(mode == "cheap"), expensive=EXPENSIVE)


# ---------------------------------------------------------------------------------------------
# worker sections
# ---------------------------------------------------------------------------------------------
def w_latency(args: argparse.Namespace) -> dict[str, Any]:
    from scorer.document import Document

    recs = records(args.input, args.limit)
    t0 = time.perf_counter()
    f = load_filter("cheap" if args.mode in ("cheap", "batch_cheap") else "full")
    load_s = time.perf_counter() - t0
    times: list[float] = []
    cpu: list[float] = []
    decisions: dict[str, int] = {}
    cheap = 0
    stages: dict[str, int] = {}
    groups = [{d.name for d in g} for g in getattr(f, "reject_groups", ())]
    if args.mode in ("batch_cheap", "batch_full"):
        # check_many over chunks of BATCH pages (a crawler that hands over a batch, and the
        # CLI's --cheap-first / full scoring without file I/O): per-page cost = chunk / size
        kws = [check_kwargs(r) for r in recs]
        f.check_many(kws[:20])
        start = time.perf_counter()
        for i in range(0, len(kws), BATCH):
            chunk = kws[i:i + BATCH]
            t, c = time.perf_counter(), clock()
            vs = f.check_many(chunk)
            dc, dt = (clock() - c) / len(chunk), (time.perf_counter() - t) / len(chunk)
            cpu.extend([dc] * len(chunk))
            times.extend([dt] * len(chunk))
            for v in vs:
                decisions[v.decision] = decisions.get(v.decision, 0) + 1
                cheap += v.cheap_path
                key = _stage(v, groups)
                stages[key] = stages.get(key, 0) + 1
        wall = time.perf_counter() - start
    elif args.mode == "scorer":
        scorer = f.scorer
        docs = [Document(text=r.get("text") or "", html=r.get("html"), id=r["id"],
                         url=r.get("url")) for r in recs]
        for d in docs[:20]:
            scorer.score(d)
        start = time.perf_counter()
        for d in docs:
            t, c = time.perf_counter(), clock()
            rep = scorer.score(d).to_dict()
            cpu.append(clock() - c)
            times.append(time.perf_counter() - t)
            dec = rep["credibility"]["decision"]
            decisions[dec] = decisions.get(dec, 0) + 1
        wall = time.perf_counter() - start
    else:
        kws = [check_kwargs(r) for r in recs]
        for kw in kws[:20]:
            f.check(**kw)
        start = time.perf_counter()
        for kw in kws:
            t, c = time.perf_counter(), clock()
            v = f.check(**kw)
            cpu.append(clock() - c)
            times.append(time.perf_counter() - t)
            decisions[v.decision] = decisions.get(v.decision, 0) + 1
            cheap += v.cheap_path
            key = _stage(v, groups)
            stages[key] = stages.get(key, 0) + 1
        wall = time.perf_counter() - start
    cpu_s = sum(cpu)
    return {"input": args.input, "mode": args.mode, "docs": len(times), "wall_s": wall,
            "docs_per_s": len(times) / wall if wall else 0.0, **summary_ms(times),
            "cpu_s": cpu_s, "docs_per_cpu_s": len(cpu) / cpu_s if cpu_s else 0.0,
            "cpu": summary_ms(cpu),
            "peak_rss_mb": peak_rss_mb(), "load_s": load_s, "decisions": decisions,
            "cheap_path_share": cheap / len(times) if times else 0.0,
            "model": f.scorer.model.name, "detectors": [d.name for d in f.scorer.detectors],
            "expensive": [d.name for d in f.expensive],
            "deferred": [d.name for d in getattr(f, "deferred", ())],
            "stages": stages or None}


def _stage(v: Any, groups: list[set[str]]) -> str:
    """Where the cascade decided a verdict (from its ``skipped`` list): ``reject_stage_k`` before
    the k-th reject group ran, ``second_stage`` before the expensive detectors, or not early."""
    if v.decision == "error":
        return "error"
    skipped = set((v.report or {}).get("filter", {}).get("skipped", []))
    for k, g in enumerate(groups):
        if skipped & g:
            return f"reject_stage_{k + 1}"
    return "second_stage" if skipped else "all_detectors"


def w_profile(args: argparse.Namespace) -> dict[str, Any]:
    """Per-stage cost, one document at a time, as Scorer.score does it."""
    import dataclasses

    from features import lang
    from features.vectorizer import flatten
    from scorer.document import Document
    from scorer.report import Credibility, Report

    recs = records(args.input, args.limit)
    f = load_filter("full")
    scorer = f.scorer
    stages: dict[str, list[float]] = {}

    def add(name: str, dt: float) -> None:
        stages.setdefault(name, []).append(dt)

    for r in recs[:10]:  # warm
        scorer.score(Document(text=r.get("text") or "", html=r.get("html"), url=r.get("url")))
    for r in recs:
        doc = Document(text=r.get("text") or "", html=r.get("html"), id=r["id"],
                       url=r.get("url"))
        t = clock()
        if doc.html is not None:
            from scorer.io.html import extract

            text, meta = extract(doc.html, doc.url)
            add("prepare: html extract (scorer.io.html)", clock() - t)
            doc = dataclasses.replace(doc, text=text, metadata=meta)
        t = clock()
        language = lang.detect(doc.text)
        add("prepare: language (features.lang.detect)", clock() - t)
        doc = dataclasses.replace(doc, language=language)
        results = {}
        for det in scorer.detectors:
            t = clock()
            results[det.name] = det(doc)
            add(f"detector: {det.name}", clock() - t)
        t = clock()
        (p_low, reasons), = scorer.model.predict([flatten(results)], [results])
        add("model: flatten + predict (1 doc)", clock() - t)
        t = clock()
        score = 100 * (1 - p_low)
        Report(doc, results, Credibility(p_low, score, "x", "y"), tuple(reasons), "m",
               "v").to_dict()
        add("report: to_dict", clock() - t)
    out = {name: {**summary_ms(ts), "n": len(ts)} for name, ts in stages.items()}
    total = sum(v["mean_ms"] for v in out.values())
    for v in out.values():
        v["share"] = v["mean_ms"] / total if total else 0.0
    return {"input": args.input, "docs": len(recs), "stages": out, "total_mean_ms": total,
            "model": scorer.model.name}


def w_agreement(args: argparse.Namespace) -> dict[str, Any]:
    """Full-path decision vs the cheap path's provisional score, for many margins.

    Early accepts and early rejects are disjoint, so each side's margin is tabulated on its own.
    The margins are chosen on the even-numbered documents (smallest margin whose wrong early
    decisions stay under ``--max-wrong`` of the documents) and checked on the odd-numbered ones.
    """
    from scorer.errors import CredscoreError

    recs = records(args.input, args.limit)
    f = load_filter("cheap")
    if not f.expensive:
        return {"input": args.input, "docs": len(recs), "expensive": [],
                "note": "no detector is marked expensive: the cheap path equals the full path"}
    t = f.thresholds
    rows = []
    groups = tuple(getattr(f, "reject_groups", ()))
    # per reject stage k: the provisional score before group k runs
    stage_rows: list[list[tuple[float, str, float, str]]] = [[] for _ in groups]
    plan = getattr(f, "_logits", None)
    names = [d.name for d in f.scorer.detectors]
    det_ms = dict.fromkeys(names, 0.0)
    logits: list[list[float]] = []  # per document: each detector's log-odds minus its stand-in's
    full_decisions: list[str] = []
    for r in recs:
        doc = f.document(**check_kwargs(r))
        try:
            prepared = f.scorer.prepare(doc)
        except CredscoreError:  # too large etc.: both paths give the same error verdict
            continue
        got = {}
        for det in f.scorer.detectors:
            t0 = clock()
            got[det.name] = det(prepared)
            det_ms[det.name] += clock() - t0
        cheap = {d.name: got[d.name] for d in f.cheap}
        p_prov, _ = f.provisional(cheap)
        full = f._full_verdict(prepared, got, False)
        if plan is not None:
            logits.append([plan[0](n, got[n]) - plan[2].get(n, 0.0) for n in names])
            full_decisions.append(full.decision)
        rows.append((100 * (1 - p_prov), full.decision, float(full.score or 0.0),
                     str(r.get("variant"))))
        for k in range(len(groups)):
            later = {d.name for g in groups[k:] for d in g}
            ran = {name: v for name, v in cheap.items() if name not in later}
            p_k, _ = f.provisional(ran)
            stage_rows[k].append((100 * (1 - p_k), full.decision, float(full.score or 0.0),
                                  str(r.get("variant"))))
    t_cheap = sum(det_ms[d.name] for d in f.cheap)
    t_exp = sum(det_ms[d.name] for d in f.expensive)
    margins = [0, 2, 5, 8, 10, 12, 15, 20, 25, 30, 35, 40, 50]

    def side(subset: list[tuple[float, str, float, str]], kind: str, m: float
             ) -> tuple[int, int, dict[str, int]]:
        early = wrong = 0
        by: dict[str, int] = {}
        for s, dec, _, variant in subset:
            hit = s >= t.accept + m if kind == "accept" else s < t.reject - m
            if hit:
                early += 1
                if t.decision(s) != dec:
                    wrong += 1
                    by[variant] = by.get(variant, 0) + 1
        return early, wrong, by

    n = len(rows) or 1
    tables: dict[str, list[dict[str, Any]]] = {}
    sides = {f"reject_stage_{k + 1}": stage_rows[k] for k in range(len(groups))}
    sides.update({"accept": rows, "reject": rows})
    for kind, subset_rows in sides.items():
        if not subset_rows:
            continue
        tables[kind] = []
        for m in margins:
            early, wrong, by = side(subset_rows, "accept" if kind == "accept" else "reject", m)
            tables[kind].append({"margin": m, "early_share": early / n, "wrong": wrong,
                                 "wrong_share": wrong / n, "by_variant": by})
    chosen: dict[str, float] = {}
    for kind, subset_rows in sides.items():
        if not subset_rows:
            continue
        calib = subset_rows[0::2]
        chosen[kind] = next((m for m in margins if side(
            calib, "accept" if kind == "accept" else "reject", m)[1]
            <= args.max_wrong * len(calib)), float(margins[-1]))
    if groups:  # one margin for every reject stage (as the filter has): the largest chosen
        chosen["first_reject"] = max(chosen[f"reject_stage_{k + 1}"] for k in range(len(groups)))

    def combined(idx: list[int], ma: float, mr: float, mf: float | None) -> dict[str, Any]:
        """The cascade as the filter runs it: the reject stages, then early accept/reject."""
        wrong = second = 0
        at = [0] * len(groups)
        for i in idx:
            s2, dec = rows[i][0], rows[i][1]
            stage = next((k for k in range(len(groups))
                          if mf is not None and stage_rows[k][i][0] < t.reject - mf), None)
            if stage is not None:
                at[stage] += 1
                wrong += dec != "reject"
            elif s2 >= t.accept + ma or s2 < t.reject - mr:
                second += 1
                wrong += t.decision(s2) != dec
        n_idx = len(idx) or 1
        return {"docs": len(idx), "agreement": 1 - wrong / n_idx, "wrong": wrong,
                "cheap_share": (sum(at) + second) / n_idx,
                "reject_stage_shares": [a / n_idx for a in at],
                "first_stage_share": sum(at) / n_idx, "second_stage_share": second / n_idx}

    every = list(range(len(rows)))
    odd = every[1::2]
    first_default = getattr(f, "first_reject_margin", None) if groups else None

    shift = sorted(abs(s - fs) for s, _, fs, _ in rows)
    joint = (_joint_margins(f, names, logits, full_decisions, det_ms, len(rows), args.max_wrong)
             if plan is not None and rows else None)
    return {"input": args.input, "docs": len(rows), "tables": tables, "joint": joint,
            "default_margins": {"accept": f.accept_margin, "reject": f.reject_margin,
                                "first_reject": first_default},
            "default_all": combined(every, f.accept_margin, f.reject_margin, first_default),
            "chosen_on_even": chosen, "max_wrong": args.max_wrong,
            "chosen_checked_on_odd": combined(odd, chosen["accept"], chosen["reject"],
                                              chosen.get("first_reject")),
            "expensive": [d.name for d in f.expensive],
            "deferred": [d.name for g in groups for d in g],
            "reject_groups": [[d.name for d in g] for g in groups],
            "first_detectors": [d.name for d in getattr(f, "first", ())],
            "cheap_detectors_ms": 1000 * t_cheap / n, "expensive_detectors_ms": 1000 * t_exp / n,
            "abs_score_shift_p50": pct(shift, 0.5), "abs_score_shift_p99": pct(shift, 0.99),
            "abs_score_shift_max": shift[-1] if shift else 0.0,
            "thresholds": {"accept": t.accept, "reject": t.reject}}


JOINT_GRID = (0, 5, 10, 15, 20, 25, 30, 35, 40, 45)


def _joint_margins(f: Any, names: list[str], logits: list[list[float]], decisions: list[str],
                   det_ms: dict[str, float], n_docs: int, max_wrong: float) -> dict[str, Any]:
    """The cascade simulated on per-detector log-odds for every (first-reject, accept, reject)
    margin of a grid: the margins with the least detector time per document whose decisions
    differ from the full path's on at most ``max_wrong`` of the even-numbered documents, and
    what they give on the odd-numbered ones and on all. Detector times are the ones measured
    here (document by document; in batches each costs less, in the same proportions)."""
    import itertools

    import numpy as np

    t = f.thresholds
    L = np.asarray(logits, dtype=float)
    col = {n: i for i, n in enumerate(names)}
    cost = {n: 1000 * det_ms[n] / max(n_docs, 1) for n in names}
    stages = [(f.first, "reject")] + [(g, "reject") for g in f.reject_groups] + [
        ((), "decide"), (f.expensive, None)]
    full = np.array(decisions)

    def decision(score: np.ndarray) -> np.ndarray:
        return np.where(score >= t.accept, "accept",
                        np.where(score < t.reject, "reject", "review"))

    def simulate(rows: np.ndarray, mf: float, ma: float, mr: float) -> tuple[float, float, float]:
        z = np.full(len(rows), f._logits[1])
        done = np.zeros(len(rows), dtype=bool)
        out = np.empty(len(rows), dtype=object)
        ms = np.zeros(len(rows))
        for group, check in stages:
            live = ~done
            for det in group:
                ms[live] += cost[det.name]
                z[live] += L[rows[live], col[det.name]]
            score = 100.0 * (1.0 - 1.0 / (1.0 + np.exp(-z)))
            if check == "reject":
                hit = live & (score < t.reject - mf)
                out[hit] = "reject"
            elif check == "decide":
                hit = live & ((score >= t.accept + ma) | (score < t.reject - mr))
                out[hit] = decision(score[hit])
            else:
                continue
            done |= hit
        out[~done] = decision(100.0 * (1.0 - 1.0 / (1.0 + np.exp(-z))))[~done]
        return float((out != full[rows]).mean()), float(ms.mean()), float(done.mean())

    every = np.arange(len(L))
    even, odd = every[0::2], every[1::2]
    best = None
    for m in itertools.product(JOINT_GRID, repeat=3):
        wrong, ms, _ = simulate(even, *m)
        if wrong <= max_wrong and (best is None or ms < best[1]):
            best = (m, ms)
    out: dict[str, Any] = {"max_wrong": max_wrong, "detector_ms": cost,
                           "grid": list(JOINT_GRID)}
    for label, m in (("shipped", (f.first_reject_margin, f.accept_margin, f.reject_margin)),
                     ("chosen", best[0] if best else None)):
        if m is None:
            continue
        res = {}
        for part, rows in (("even", even), ("odd", odd), ("all", every)):
            wrong, ms, early = simulate(rows, *m)
            res[part] = {"agreement": 1 - wrong, "detector_ms": ms, "decided_early": early}
        out[label] = {"margins": {"first_reject": m[0], "accept": m[1], "reject": m[2]}, **res}
    return out


def w_datatrove(args: argparse.Namespace) -> dict[str, Any]:
    try:
        from datatrove.data import Document as DTDoc
        from datatrove.pipeline.filters import (
            C4QualityFilter,
            FineWebQualityFilter,
            GopherQualityFilter,
            GopherRepetitionFilter,
        )
    except ImportError as exc:
        return {"error": f"datatrove not importable: {exc}"}
    import logging

    logging.getLogger("datatrove").setLevel(logging.ERROR)
    try:
        from loguru import logger as _loguru

        _loguru.remove()
    except ImportError:
        pass
    recs = records("text", args.limit)
    filters = [GopherQualityFilter(), GopherRepetitionFilter(), C4QualityFilter(),
               FineWebQualityFilter()]
    warm = DTDoc(text=recs[0]["text"], id="w")
    for flt in filters:
        flt.filter(warm)
    chained: list[float] = []
    every: list[float] = []
    kept = 0
    for r in recs:
        d = DTDoc(text=r["text"], id=r["id"])
        t = clock()
        ok = True
        for flt in filters:
            res = flt.filter(d)
            if not (res[0] if isinstance(res, tuple) else res):
                ok = False
                break
        chained.append(clock() - t)
        kept += ok
        d = DTDoc(text=r["text"], id=r["id"])
        t = clock()
        for flt in filters:
            flt.filter(d)
        every.append(clock() - t)
    ours: dict[str, Any] = {}
    for mode in ("cheap", "full"):
        f = load_filter(mode)
        kws = [check_kwargs(r) for r in recs]
        for kw in kws[:10]:
            f.check(**kw)
        ts = []
        for kw in kws:
            t = clock()
            f.check(**kw)
            ts.append(clock() - t)
        ours[mode] = ts
    from importlib.metadata import version

    out: dict[str, Any] = {"docs": len(recs), "datatrove_version": version("datatrove"),
                           "kept_by_datatrove": kept,
                           "datatrove_chained": {**summary_ms(chained),
                                                 "docs_per_s": len(chained) / sum(chained)},
                           "datatrove_all_four": {**summary_ms(every),
                                                  "docs_per_s": len(every) / sum(every)}}
    for mode, ts in ours.items():
        out[f"credscore_{mode}"] = {**summary_ms(ts), "docs_per_s": len(ts) / sum(ts)}
        out[f"ratio_chained_over_{mode}"] = sum(chained) / sum(ts)
        out[f"ratio_all_four_over_{mode}"] = sum(every) / sum(ts)
    return out


def segments(text: str) -> list[str]:
    return [s.strip() for s in text.split("\n") if len(s.strip()) >= 20]


def w_lang(args: argparse.Namespace) -> dict[str, Any]:
    """features.lang vs plain seeded pure-Python langdetect, on segments and whole documents."""
    import langdetect
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    from features import lang

    DetectorFactory.seed = 0

    def plain(text: str) -> str:
        try:
            return str(langdetect.detect(text))
        except LangDetectException:
            return "und"

    recs = records("text", args.limit)
    seg_total = seg_agree = backend_total = backend_agree = 0
    seg_dis: dict[str, int] = {}
    examples: list[str] = []
    t_ours = t_plain = 0.0
    for r in recs:
        for seg in segments(r["text"]):
            t = clock()
            a = lang.detect(seg)
            t_ours += clock() - t
            t = clock()
            b = plain(seg[:2000])
            t_plain += clock() - t
            seg_total += 1
            if not lang.looks_english(seg[:2000]):
                backend_total += 1
                backend_agree += a == b
            if a == b:
                seg_agree += 1
            else:
                key = f"{a}->{b}"
                seg_dis[key] = seg_dis.get(key, 0) + 1
                if len(examples) < 5:
                    examples.append(f"{key}: {len(seg)} chars, "
                                    f"{len(seg.split())} words")
    doc_agree = 0
    td_ours = td_plain = 0.0
    ndocs = min(len(recs), args.doc_limit)
    for r in recs[:ndocs]:
        t = clock()
        a = lang.detect(r["text"])
        td_ours += clock() - t
        t = clock()
        b = plain(r["text"][:2000])
        td_plain += clock() - t
        doc_agree += a == b
    backend = lang._backend()[0].__module__
    return {"docs": len(recs), "segments": seg_total,
            "segment_agreement": seg_agree / seg_total if seg_total else 1.0,
            "segment_disagreements": dict(sorted(seg_dis.items(), key=lambda kv: -kv[1])[:10]),
            "disagreement_shapes": examples, "segments_to_backend": backend_total,
            "backend_agreement": backend_agree / backend_total if backend_total else 1.0,
            "segment_ms_ours": 1000 * t_ours / max(1, seg_total),
            "segment_ms_plain": 1000 * t_plain / max(1, seg_total),
            "doc_compared": ndocs, "doc_agreement": doc_agree / max(1, ndocs),
            "doc_ms_ours": 1000 * td_ours / max(1, ndocs),
            "doc_ms_plain": 1000 * td_plain / max(1, ndocs), "backend": backend}


def w_stream(args: argparse.Namespace) -> dict[str, Any]:
    """RSS over a long stream: the corpus cycled through read_jsonl and the filter."""
    from scorer.io.readers import ReadOptions, read_jsonl

    f = load_filter("cheap")
    path = CORPUS / f"corpus_{args.input}.jsonl"

    def lines() -> Iterator[bytes]:
        while True:
            with path.open("rb") as fh:
                yield from fh

    samples: list[tuple[int, float, float]] = []
    start = time.perf_counter()
    deadline = start + args.seconds
    n = 0
    for item in read_jsonl(lines(), "stream", ReadOptions()):  # type: ignore[arg-type]
        if hasattr(item, "text"):
            f.check_document(item)
        n += 1
        if n % args.every == 0:
            samples.append((n, time.perf_counter() - start, rss_mb()))
            if n >= args.docs or time.perf_counter() > deadline:
                break
    return {"input": args.input, "docs": n, "seconds": time.perf_counter() - start,
            "samples": samples, "peak_rss_mb": peak_rss_mb(), "target_docs": args.docs}


WORKERS = {"latency": w_latency, "profile": w_profile, "agreement": w_agreement,
           "datatrove": w_datatrove, "lang": w_lang, "stream": w_stream}


# ---------------------------------------------------------------------------------------------
# orchestration
# ---------------------------------------------------------------------------------------------
_NO_EDITABLE = """\
# Written by benchmarks/speed/run.py: drop the editable install's import hook so that the code
# under measurement (on PYTHONPATH) never picks up modules from the developer's working tree.
import sys
sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in repr(f)]
"""


def code_env(code: Path) -> dict[str, str]:
    """Environment that imports scorer/features from ``code`` only."""
    env = dict(os.environ)
    paths = [str(code)]
    if code.resolve() != REPO.resolve():
        site = CORPUS / "site"
        site.mkdir(parents=True, exist_ok=True)
        (site / "sitecustomize.py").write_text(_NO_EDITABLE)
        paths.insert(0, str(site))
    env["PYTHONPATH"] = os.pathsep.join([*paths, env.get("PYTHONPATH", "")])
    return env


def run_worker(code: Path, name: str, extra: list[str]) -> dict[str, Any]:
    env = code_env(code)
    env["PYTHONHASHSEED"] = "0"
    cmd = [sys.executable, str(Path(__file__).resolve()), "_worker", name, *extra]
    print("  $", " ".join(cmd[1:]), file=sys.stderr, flush=True)
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False,
                          cwd=str(code))
    if proc.returncode != 0:
        print(proc.stderr[-4000:], file=sys.stderr)
        return {"error": proc.stderr[-2000:], "cmd": " ".join(cmd[1:])}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["elapsed_s"] = time.perf_counter() - t
    return out


def warc_corpus(limit: int = 0) -> Path:
    """The HTML corpus as one gzipped WARC file of HTTP ``response`` records (built once): what
    a crawler archives and ``credscore score crawl.warc.gz`` reads."""
    out = CORPUS / (f"corpus_html_{limit}.warc.gz" if limit else "corpus_html.warc.gz")
    if out.exists():
        return out
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    tmp = out.with_suffix(".tmp")
    with (CORPUS / "corpus_html.jsonl").open(encoding="utf-8") as fi, tmp.open("wb") as fo:
        writer = WARCWriter(fo, gzip=True)
        for i, line in enumerate(fi):
            if limit and i >= limit:
                break
            doc = json.loads(line)
            body = doc["html"].encode("utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            url = doc.get("url") or f"https://example.org/{doc['id']}"
            writer.write_record(writer.create_warc_record(url, "response",
                                                          payload=BytesIO(body),
                                                          http_headers=http))
    tmp.rename(out)
    return out


def run_jobs(code: Path, kind: str, jobs: int, limit: int, cheap_first: bool = False
             ) -> dict[str, Any]:
    src = CORPUS / f"corpus_{kind}.jsonl"
    if kind == "warc":
        src = warc_corpus(limit)
    elif limit:
        sub = CORPUS / f"jobs_{kind}_{limit}.jsonl"
        if not sub.exists():
            with src.open() as fi, sub.open("w") as fo:
                for i, line in enumerate(fi):
                    if i >= limit:
                        break
                    fo.write(line)
        src = sub
    n = (sum(1 for _ in (CORPUS / "corpus_html.jsonl").open()) if kind == "warc" and not limit
         else limit if kind == "warc" else sum(1 for _ in src.open()))
    out = CORPUS / f"jobs_out_{kind}_{jobs}{'_cheap' if cheap_first else ''}.jsonl"
    env = code_env(code)
    cmd = [sys.executable, "-m", "scorer", "score", str(src), "-o", str(out), "--force",
           "--quiet", "--jobs", str(jobs)] + (["--cheap-first"] if cheap_first else [])
    print("  $", " ".join(cmd[1:]), file=sys.stderr, flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False,
                          cwd=str(code))
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = out.read_text().splitlines() if out.exists() else []
    errors = sum(1 for line in lines if '"error"' in line[:200] and '"credibility"' not in line)
    return {"input": kind, "jobs": jobs, "cheap_first": cheap_first, "docs": n, "wall_s": wall,
            "docs_per_s": n / wall,
            "docs_per_s_per_core": n / wall / jobs, "cpu_s": cpu, "records_out": len(lines),
            "error_records": errors, "exit_code": proc.returncode,
            "peak_child_rss_mb": after.ru_maxrss / 1024.0,
            "stderr_tail": proc.stderr[-500:] if not lines or proc.returncode not in (0, 1)
            else ""}


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median docs per CPU-second, carrying every run's figure (the spread
    between runs on this shared machine is part of the result)."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    ok.sort(key=lambda r: r.get("docs_per_cpu_s", 0.0))
    mid = dict(ok[(len(ok) - 1) // 2])
    mid["runs_docs_per_cpu_s"] = [r.get("docs_per_cpu_s") for r in runs if "error" not in r]
    return mid


def machine_facts(code: Path, code_commit: str | None = None) -> dict[str, Any]:
    def version(mod: str) -> str:
        try:
            from importlib.metadata import version as v

            return v(mod)
        except Exception:  # noqa: BLE001 - a missing package is just "absent"
            return "absent"

    def first(path: str, prefix: str) -> str:
        try:
            with open(path) as fh:
                for line in fh:
                    if line.startswith(prefix):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "?"

    cpu = first("/proc/cpuinfo", "model name")
    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    mem = f"{int(mem_kb) / 2**20:.1f} GiB" if mem_kb.isdigit() else "?"
    commit = code_commit or subprocess.run(  # the measured code's commit when it is known
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False).stdout.strip()
    return {"date_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "python": platform.python_version(), "platform": platform.platform(),
            "loadavg_at_start": os.getloadavg(), "commit": commit, "code": str(code),
            "packages": {p: version(p) for p in ("scikit-learn", "trafilatura", "langdetect",
                                                 "langdetect-rs", "lxml", "ahocorasick-rs",
                                                 "datatrove", "spacy", "scrapy")}}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        return worker_main(argv[1:])
    ap = argparse.ArgumentParser(description="credscore speed benchmarks")
    ap.add_argument("--code", default=str(REPO), help="directory with the code to measure")
    ap.add_argument("--code-commit", default=None,
                    help="the commit --code was archived from (default: the repository's HEAD)")
    ap.add_argument("--sections", default=",".join(SECTIONS))
    ap.add_argument("--limit", type=int, default=6000, help="documents per latency run")
    ap.add_argument("--latency-runs", type=int, default=3,
                    help="runs per latency mode, each in a fresh process; the median is reported")
    ap.add_argument("--profile-limit", type=int, default=2000)
    ap.add_argument("--agreement-limit", type=int, default=6000)
    ap.add_argument("--jobs-limit", type=int, default=0, help="0 = the whole corpus")
    ap.add_argument("--datatrove-limit", type=int, default=1000)
    ap.add_argument("--lang-limit", type=int, default=300)
    ap.add_argument("--stream-docs", type=int, default=1_000_000)
    ap.add_argument("--stream-seconds", type=float, default=300)
    ap.add_argument("--results", default=str(CORPUS / "results.json"))
    ap.add_argument("--report", default=str(REPO / "reports" / "benchmarks.md"))
    ap.add_argument("--report-only", action="store_true")
    args = ap.parse_args(argv)
    results_path = Path(args.results)
    results: dict[str, Any] = (json.loads(results_path.read_text())
                               if results_path.exists() else {})
    code = Path(args.code).resolve()
    if not args.report_only:
        results["machine"] = machine_facts(code, args.code_commit)
        results["command"] = "python benchmarks/speed/run.py " + " ".join(argv)
        wanted = [s.strip() for s in args.sections.split(",") if s.strip()]
        for section in wanted:
            print(f"[{time.strftime('%H:%M:%S')}] {section}", file=sys.stderr, flush=True)
            if section == "latency":
                results["latency"] = [
                    median_run([run_worker(code, "latency", ["--input", kind, "--mode", mode,
                                                             "--limit", str(args.limit)])
                                for _ in range(args.latency_runs)])
                    for kind in ("text", "html")
                    for mode in ("cheap", "full", "scorer", "batch_cheap", "batch_full")]
            elif section == "profile":
                results["profile"] = [run_worker(code, "profile", [
                    "--input", kind, "--limit", str(args.profile_limit)])
                    for kind in ("text", "html")]
            elif section == "agreement":
                results["agreement"] = [run_worker(code, "agreement", [
                    "--input", kind, "--limit", str(args.agreement_limit),
                    *(["--max-wrong", "0.001"] if kind == "text" else [])])
                    for kind in ("text", "html", "scraped")]
            elif section == "jobs":
                results["jobs"] = [run_jobs(code, kind, j, args.jobs_limit, cheap)
                                   for kind in ("text", "html", "warc")
                                   for j, cheap in ((1, False), (2, False), (1, True))]
            elif section == "datatrove":
                results["datatrove"] = run_worker(code, "datatrove",
                                                  ["--limit", str(args.datatrove_limit)])
            elif section == "lang":
                results["lang"] = run_worker(code, "lang", ["--limit", str(args.lang_limit)])
            elif section == "stream":
                results["stream"] = run_worker(code, "stream", [
                    "--docs", str(args.stream_docs), "--seconds", str(args.stream_seconds)])
            results.setdefault("section_runs", {})[section] = {
                "commit": results["machine"]["commit"], "date_utc": results["machine"]["date_utc"],
                "command": results["command"]}
            results_path.write_text(json.dumps(results, indent=1))
    Path(args.report).write_text(render(results))
    print(f"wrote {args.report}", file=sys.stderr)
    return 0


def worker_main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("name", choices=sorted(WORKERS))
    ap.add_argument("--input", default="text", choices=("text", "html", "scraped"))
    ap.add_argument("--mode", default="cheap",
                    choices=("cheap", "full", "scorer", "batch_cheap", "batch_full"))
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--doc-limit", type=int, default=300)
    ap.add_argument("--docs", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=300.0)
    ap.add_argument("--every", type=int, default=2000)
    ap.add_argument("--max-wrong", type=float, default=0.004,
                    help="agreement: wrong early decisions allowed per side (share of docs)")
    ap.add_argument("--expensive", default=None,
                    help="comma-separated detectors the cheap path may skip (default: the "
                    "filter's list)")
    args = ap.parse_args(argv)
    import logging

    global EXPENSIVE
    if args.expensive is not None:
        EXPENSIVE = [x for x in args.expensive.split(",") if x]
    logging.basicConfig(level=logging.ERROR)
    pin(first=args.name == "stream")  # a long stream run may overlap the timed ones
    out = WORKERS[args.name](args)
    print(json.dumps(out))
    return 0


# ---------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------
def _f(x: Any, nd: int = 1) -> str:
    if isinstance(x, (int, float)):
        return f"{x:,.{nd}f}"
    return str(x)


def render(r: dict[str, Any]) -> str:
    from render_report import render_markdown

    return str(render_markdown(r))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
