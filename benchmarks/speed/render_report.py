"""Render reports/benchmarks.md from work_data/speed/results.json (written by run.py)."""

from __future__ import annotations

from typing import Any


def _n(x: Any, nd: int = 1) -> str:
    if isinstance(x, bool) or x is None:
        return str(x)
    if isinstance(x, (int, float)):
        return f"{x:,.{nd}f}"
    return str(x)


def _ok(flag: bool | None) -> str:
    return "n/a" if flag is None else ("yes" if flag else "**no**")


def _lat(r: dict[str, Any], kind: str, mode: str) -> dict[str, Any]:
    for row in r.get("latency", []):
        if row.get("input") == kind and row.get("mode") == mode:
            return row
    return {}


def _spread(row: dict[str, Any]) -> str:
    """", median of N runs: a, b, c" when the latency mode ran several times."""
    runs = row.get("runs_docs_per_cpu_s") or []
    if len(runs) < 2:
        return ""
    return (f", median of {len(runs)} runs: " + ", ".join(_n(x, 0) for x in sorted(runs)))


def _stream_slope(stream: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    samples = stream.get("samples") or []
    if len(samples) < 4:
        return None, None, None
    # ignore the first quarter (caches filling), fit RSS = a + b * docs on the rest
    rest = samples[len(samples) // 4:]
    xs = [s[0] for s in rest]
    ys = [s[2] for s in rest]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0
    return slope * 100_000, rest[0][2], rest[-1][2]


def render_markdown(r: dict[str, Any]) -> str:
    m = r.get("machine", {})
    out: list[str] = []
    w = out.append
    w("# Speed benchmarks\n")
    w(f"Measured {m.get('date_utc', '?')} on commit `{m.get('commit', '?')}` "
      f"(code measured: a `git archive` of that commit, not a working tree).\n")
    runs = r.get("section_runs", {})
    if len({(v["commit"], v["command"]) for v in runs.values()}) > 1:
        w("Sections were measured in more than one run:\n")
        for name, v in runs.items():
            w(f"- {name}: commit `{v['commit']}`, {v['date_utc']}: `{v['command']}`")
        w("")
    w("Command:\n")
    w("```\npython benchmarks/speed/build_corpus.py            # corpus -> work_data/speed/\n"
      f"{r.get('command', 'python benchmarks/speed/run.py')}\n```\n")
    w(f"Machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, {m.get('memory', '?')} RAM, "
      f"Python {m.get('python', '?')}, {m.get('platform', '?')}. Load average at start: "
      f"{', '.join(_n(x, 2) for x in m.get('loadavg_at_start', []))} — the 2 cores are shared "
      "with other developers' jobs, so absolute figures are noisy (treat differences under "
      "~1.5x as noise). Each measurement runs in its own process pinned to one core.\n")
    pk = m.get("packages", {})
    if pk:
        w("Packages: " + ", ".join(f"{k} {v}" for k, v in pk.items()) + ".\n")
    w("Corpus (`benchmarks/speed/build_corpus.py`, seed 13): 6,000 documents cut to ~5 KB "
      "(median 5.3 K characters) from allsides-baly2020 articles: 4,800 clean, 428 with injected "
      "spam lines (Indonesian gambling comments, English pharma/gambling pitches with UT1 "
      "gambling domains, keyword stuffing), 172 whose spam is only a hidden `display:none` link "
      "block in the HTML page, and 600 Apertium round-trip machine translations (mt-roundtrip). "
      "Each has an HTML page (10-15 KB, three layouts: semantic `<article>`, div soup with "
      "sidebar and comments, legacy table with `<br>` paragraphs; nav, related links, cookie "
      "banner, scripts, footer). Kept in work_data/speed/ (git-ignored).\n")

    lat = r.get("latency", [])
    text_cheap, text_full = _lat(r, "text", "cheap"), _lat(r, "text", "full")
    html_cheap = _lat(r, "html", "cheap")
    dt = r.get("datatrove", {})
    slope, rss0, rss1 = _stream_slope(r.get("stream", {}))
    w("## Against the targets\n")
    w("| target | measured | met |")
    w("|---|---|---|")
    def cpu(row: dict[str, Any], key: str) -> float:
        return float(row.get("cpu", {}).get(key, float("nan")))

    for row, label in ((_lat(r, "text", "batch_cheap"),
                        "text, cheap-first over batches of 32: check_many, score --cheap-first"),
                       (text_cheap, "text, filter cheap-first, one page per call"),
                       (_lat(r, "text", "batch_full"), "text, every detector, batches of 32"),
                       (text_full, "text, filter with every detector, one page per call")):
        if row:
            w(f"| >= 1,000 docs/s per core ({label}) | {_n(row.get('docs_per_cpu_s'), 0)} "
              f"docs per CPU-second{_spread(row)} (wall: {_n(row.get('docs_per_s'), 0)} "
              f"docs/s) | {_ok(row.get('docs_per_cpu_s', 0) >= 1000)} |")
    for row, label in ((text_cheap, "cheap-first"), (text_full, "every detector")):
        if row:
            w(f"| text p99 <= 10 ms per 5 KB document ({label}) | {_n(cpu(row, 'p99_ms'), 2)} ms "
              f"CPU (wall p99 {_n(row.get('p99_ms'), 2)} ms) | {_ok(cpu(row, 'p99_ms') <= 10)} |")
    for row, label in ((_lat(r, "html", "batch_cheap"), "cheap-first, batches of 32"),
                       (html_cheap, "cheap-first, one page per call"),
                       (_lat(r, "html", "batch_full"), "every detector, batches of 32"),
                       (_lat(r, "html", "full"), "every detector, one page per call")):
        if row:
            w(f"| HTML >= 300 docs/s per core ({label}) | {_n(row.get('docs_per_cpu_s'), 0)} "
              f"docs per CPU-second{_spread(row)} (wall: {_n(row.get('docs_per_s'), 0)} "
              f"docs/s) | {_ok(row.get('docs_per_cpu_s', 0) >= 300)} |")
    if dt and "error" not in dt:
        w(f"| >= 10x faster than datatrove's four filters (chained, as a pipeline runs them) | "
          f"{_n(dt.get('ratio_chained_over_cheap'), 1)}x (cheap-first), "
          f"{_n(dt.get('ratio_chained_over_full'), 1)}x (full) | "
          f"{_ok(dt.get('ratio_chained_over_full', 0) >= 10)} |")
    if slope is not None:
        st = r["stream"]
        w(f"| memory flat over a long stream | {_n(st.get('docs'), 0)} docs: RSS "
          f"{_n(rss0)} -> {_n(rss1)} MB after warm-up, slope {_n(slope, 2)} MB per 100k docs | "
          f"{_ok(abs(slope) < 5)} |")
    agr = (r.get("agreement") or [{}])[0]
    if agr.get("default_all"):
        d = agr["default_all"]
        dm = agr["default_margins"]
        w(f"| cheap-first decisions = full path on >= 99% | {_n(100 * d['agreement'], 2)}% of "
          f"{d['docs']:,} (margins accept {_n(dm['accept'], 0)} / reject "
          f"{_n(dm['reject'], 0)}; {_n(100 * d['cheap_share'], 1)}% decided cheaply) | "
          f"{_ok(d['agreement'] >= 0.99)} |")
        for other in (r.get("agreement") or [])[1:]:
            o = other.get("default_all")
            if o:
                what = {"html": "HTML pages", "scraped": "scraper copies"}.get(
                    other.get("input"), other.get("input"))
                w(f"| the same, on {what} | {_n(100 * o['agreement'], 2)}% of {o['docs']:,} "
                  f"({_n(100 * o['cheap_share'], 1)}% decided cheaply) | "
                  f"{_ok(o['agreement'] >= 0.99)} |")
    w("")

    if lat:
        w("## Throughput and latency, one process pinned to one core\n")
        w("`filter/cheap` = `CredibilityFilter.check` with the cheap-first path; `filter/full` = "
          "every detector; `scorer` = `Scorer.score(doc).to_dict()` (one document per call); "
          "`batch_cheap` / `batch_full` = `CredibilityFilter.check_many` on 32 pages at a time, "
          "cheap-first / every detector: the detectors run signal by signal over the batch, as "
          "`credscore score` does on its 32-record chunks (with and without `--cheap-first`); "
          "their latency columns are the chunk's time divided by 32. Latency is per call, "
          "model included.\n")
        w("CPU columns are this process's CPU time per call (`time.thread_time`): the per-core "
          "cost, without the time spent waiting for a core (jobs on other virtual machines sharing the host "
          "still slow it: see the notes). Wall columns include time the process "
          "waited for a core while others' jobs ran.\n")
        w("| input | path | docs | docs per CPU-s (median; range of runs) | CPU p50 ms | CPU p99 ms | wall docs/s | "
          "wall p50 ms | wall p99 ms | wall max ms | peak RSS MB | cheap-path share | decisions |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for row in lat:
            if "error" in row:
                w(f"| ? | error | | | | | | | | | `{row['error'][-200:]}` |")
                continue
            dec = ", ".join(f"{k} {v}" for k, v in sorted(row.get("decisions", {}).items()))
            c = row.get("cpu", {})
            runs = sorted(row.get("runs_docs_per_cpu_s") or [])
            spread = f" ({_n(runs[0], 0)}-{_n(runs[-1], 0)})" if len(runs) > 1 else ""
            w(f"| {row['input']} | {row['mode']} | {row['docs']:,} | "
              f"{_n(row.get('docs_per_cpu_s'), 0)}{spread} | {_n(c.get('p50_ms'), 2)} | "
              f"{_n(c.get('p99_ms'), 2)} | {_n(row['docs_per_s'], 0)} | "
              f"{_n(row['p50_ms'], 2)} | {_n(row['p99_ms'], 2)} | "
              f"{_n(row['max_ms'], 1)} | {_n(row['peak_rss_mb'], 0)} | "
              f"{_n(100 * row.get('cheap_path_share', 0), 1)}% | {dec} |")
        first = lat[0]
        w(f"\nModel: `{first.get('model')}`. Detectors ({len(first.get('detectors', []))}): "
          + ", ".join(f"`{d}`" for d in first.get("detectors", []))
          + ". Marked expensive (skipped by the cheap path when the cheap ones decide): "
          + (", ".join(f"`{d}`" for d in first.get("expensive", [])) or "none") + ".\n")

    jobs = r.get("jobs", [])
    if jobs:
        w("## `credscore score` end to end (read JSONL or WARC, score, write JSONL)\n")
        w("Whole command: interpreter start, model load, reading, scoring, writing. `CPU s` is "
          "user+system time of the command and its worker processes. `warc` is the HTML corpus "
          "as one gzipped WARC file of HTTP response records (`credscore score "
          "corpus_html.warc.gz`).\n")
        w("| input | options | docs | wall s | docs/s | docs/s per core (wall) | CPU s | "
          "docs per CPU-s | exit | error records | peak RSS of one process MB |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for j in jobs:
            per_cpu = j["docs"] / j["cpu_s"] if j.get("cpu_s") else 0.0
            opts = f"--jobs {j['jobs']}" + (" --cheap-first" if j.get("cheap_first") else "")
            w(f"| {j['input']} | {opts} | {j['docs']:,} | {_n(j['wall_s'])} | "
              f"{_n(j['docs_per_s'], 0)} | {_n(j['docs_per_s_per_core'], 0)} | "
              f"{_n(j['cpu_s'])} | {_n(per_cpu, 0)} | {j['exit_code']} | {j['error_records']} | "
              f"{_n(j['peak_child_rss_mb'], 0)} |")
        w("")

    prof = r.get("profile", [])
    if prof:
        w("## Where the time goes (per-detector cost)\n")
        for p in prof:
            if "error" in p:
                continue
            w(f"### {p['input']} input ({p['docs']:,} documents, model `{p.get('model')}`)\n")
            w(f"CPU time per stage; sum of mean stage costs {_n(p['total_mean_ms'], 3)} ms per "
              "document.\n")
            w("| stage | mean ms | p50 ms | p99 ms | max ms | share |")
            w("|---|---:|---:|---:|---:|---:|")
            for name, s in sorted(p["stages"].items(), key=lambda kv: -kv[1]["mean_ms"]):
                w(f"| {name} | {_n(s['mean_ms'], 3)} | {_n(s['p50_ms'], 3)} | "
                  f"{_n(s['p99_ms'], 2)} | {_n(s['max_ms'], 1)} | {_n(100 * s['share'], 1)}% |")
            w("")

    if agr:
        w("## Cheap-first path vs the full path\n")
        if agr.get("note"):
            w(agr["note"] + ".\n")
        if agr.get("tables"):
            th = agr.get("thresholds", {})
            w(f"{agr['docs']:,} text documents. Expensive detectors: "
              + ", ".join(f"`{d}`" for d in agr.get("expensive", []))
              + f" ({_n(agr['expensive_detectors_ms'], 2)} ms per document against "
              f"{_n(agr['cheap_detectors_ms'], 2)} ms for all the cheap ones). Thresholds: "
              f"accept {th.get('accept')}, reject {th.get('reject')}. The cheap path decides "
              "early when its provisional score (cheap detectors + the expensive ones' stand-in "
              "values) is at least `margin` points above the accept threshold or below the "
              "reject threshold. |full - provisional| score: p50 "
              f"{_n(agr['abs_score_shift_p50'], 2)}, p99 {_n(agr['abs_score_shift_p99'], 2)}, "
              f"max {_n(agr['abs_score_shift_max'], 2)} points.\n")
            d, dm = agr["default_all"], agr["default_margins"]
            if agr.get("reject_groups"):
                names = [", ".join(f"`{x}`" for x in agr.get("first_detectors", []))]
                names += [", ".join(f"`{x}`" for x in g) for g in agr["reject_groups"]]
                w("Reject stages: the detectors run in groups (" + " -> ".join(names)
                  + "); before each group after the first, the document is rejected when its "
                  "provisional score (the detectors not yet run stood in for) is `first_reject` "
                  "points below the reject threshold (table `reject_stage_k`: before group "
                  "k + 1). After the last group the early accept/reject check skips the "
                  "expensive detectors.\n")
            first = (f", first-stage reject margin {_n(dm['first_reject'], 0)}"
                     if dm.get("first_reject") is not None else "")
            stages = (" (" + ", ".join(
                f"{_n(100 * x, 1)}% rejected at stage {k + 1}"
                for k, x in enumerate(d["reject_stage_shares"]))
                + f", {_n(100 * d['second_stage_share'], 1)}% before the expensive detectors)"
                if d.get("reject_stage_shares") and dm.get("first_reject") is not None else "")
            w(f"Shipped defaults (accept margin {_n(dm['accept'], 0)}, reject margin "
              f"{_n(dm['reject'], 0)}{first}): decisions equal the full path on "
              f"**{_n(100 * d['agreement'], 2)}%** of {d['docs']:,} documents, "
              f"{_n(100 * d['cheap_share'], 1)}% decided without the expensive detectors"
              f"{stages}.")
            c, ch = agr["chosen_checked_on_odd"], agr["chosen_on_even"]
            chf = (f", first-stage reject {_n(ch['first_reject'], 0)}"
                   if ch.get("first_reject") is not None else "")
            w(f"Honest split: margins chosen on the even-numbered documents (smallest margin with "
              f"<= {_n(100 * agr['max_wrong'], 1)}% wrong early decisions per side: accept "
              f"{_n(ch['accept'], 0)}, reject {_n(ch['reject'], 0)}{chf}) give "
              f"{_n(100 * c['agreement'], 2)}% agreement on the {c['docs']:,} odd-numbered ones "
              f"({_n(100 * c['cheap_share'], 1)}% decided cheaply).\n")
            jm = agr.get("joint") or {}
            if jm.get("shipped") and jm.get("chosen"):
                w("How the shipped margins were chosen: the cascade is simulated on every "
                  "document's per-detector log-odds for every (first-reject, accept, reject) "
                  f"margin in {jm['grid']}; the margins with the least detector time per "
                  "document whose decisions differ from the full path's on at most "
                  f"{_n(100 * jm['max_wrong'], 2)}% of the even-numbered documents are:\n")
                w("| margins (first-reject / accept / reject) | even: agreement | odd: agreement "
                  "| all: agreement | all: decided early | all: detector ms per doc |")
                w("|---|---:|---:|---:|---:|---:|")
                for label in ("chosen", "shipped"):
                    x = jm[label]
                    m = x["margins"]
                    w(f"| {label}: {_n(m['first_reject'], 0)} / {_n(m['accept'], 0)} / "
                      f"{_n(m['reject'], 0)} | {_n(100 * x['even']['agreement'], 2)}% | "
                      f"{_n(100 * x['odd']['agreement'], 2)}% | "
                      f"{_n(100 * x['all']['agreement'], 2)}% | "
                      f"{_n(100 * x['all']['decided_early'], 1)}% | "
                      f"{_n(x['all']['detector_ms'], 3)} |")
                w("")
                w("Detector times here are one document at a time with the other detectors "
                  "between calls (higher than in batches). The shipped margins on each input "
                  "(HTML pages and scraper copies were not seen by the choice; the text row "
                  "includes the even half it saw):\n")
                w("| input | documents | agreement with the full path | decided early |")
                w("|---|---:|---:|---:|")
                for other in (r.get("agreement") or []):
                    o = other.get("default_all")
                    if o:
                        w(f"| {other.get('input')} | {o['docs']:,} | "
                          f"{_n(100 * o['agreement'], 2)}% | {_n(100 * o['cheap_share'], 1)}% |")
                w("\n`scraped`: scraper copies of the clean benchmark texts (lead tags, foreign "
                  "credit lines, \"Go to Source\"-style tails, built by benchmarks/attribution's "
                  "`make_copy`), each on an unrated aggregator URL.\n")
            for kind in [k for k in agr["tables"] if k.startswith("reject_stage_")] + [
                    k for k in ("accept", "reject") if k in agr["tables"]]:
                title = (f"rejects at stage {kind.rsplit('_', 1)[1]} (before group "
                         f"{int(kind.rsplit('_', 1)[1]) + 1})"
                         if kind.startswith("reject_stage_") else f"{kind}s")
                w(f"Early **{title}** by margin:\n")
                w("| margin | decided early | wrong early decisions | wrong, by variant |")
                w("|---:|---:|---:|---|")
                for x in agr["tables"][kind]:
                    bv = ", ".join(f"{k} {v}" for k, v in sorted(x["by_variant"].items())) or "-"
                    mark = " (default)" if x["margin"] == dm.get(
                        "first_reject" if kind.startswith("reject_stage_") else kind) else ""
                    w(f"| {x['margin']}{mark} | {_n(100 * x['early_share'], 1)}% | "
                      f"{x['wrong']} ({_n(100 * x['wrong_share'], 2)}%) | {bv} |")
                w("")

    if dt:
        w("## datatrove's quality filters on the same texts\n")
        if "error" in dt:
            w(f"Not measured: {dt['error']}\n")
        else:
            w(f"{dt['docs']:,} text documents, datatrove {dt.get('datatrove_version')} "
              "(`pip install datatrove spacy`; the English word tokenizer needs spaCy): "
              "GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter, "
              "FineWebQualityFilter with default settings. `chained` stops at the first filter "
              "that drops a document (as a datatrove pipeline does); `all four` runs every "
              f"filter on every document. datatrove kept {dt.get('kept_by_datatrove')} of "
              f"{dt['docs']}. Our figures are `CredibilityFilter.check` on the same documents in "
              "the same process. All times are CPU time of the process.\n")
            w("| what | docs/s | mean ms | p50 ms | p99 ms |")
            w("|---|---:|---:|---:|---:|")
            for key, label in (("datatrove_chained", "datatrove, chained"),
                               ("datatrove_all_four", "datatrove, all four"),
                               ("credscore_cheap", "credscore filter, cheap-first"),
                               ("credscore_full", "credscore filter, every detector")):
                s = dt.get(key, {})
                w(f"| {label} | {_n(s.get('docs_per_s'), 0)} | {_n(s.get('mean_ms'), 2)} | "
                  f"{_n(s.get('p50_ms'), 2)} | {_n(s.get('p99_ms'), 2)} |")
            w(f"\nRatio (their time / ours): chained {_n(dt['ratio_chained_over_cheap'], 1)}x "
              f"(cheap-first) and {_n(dt['ratio_chained_over_full'], 1)}x (full); all four "
              f"{_n(dt['ratio_all_four_over_cheap'], 1)}x and "
              f"{_n(dt['ratio_all_four_over_full'], 1)}x.\n")

    lg = r.get("lang", {})
    if lg and "error" not in lg:
        w("## Language decisions: features.lang vs plain langdetect\n")
        w(f"Segments are the non-blank lines (>= 20 characters) of {lg['docs']:,} corpus "
          f"documents: {lg['segments']:,} segments. Plain = pure-Python `langdetect.detect` "
          f"(1.0.9, `DetectorFactory.seed = 0`) on the segment; ours = `features.lang.detect` "
          f"(English function-word pre-check, then langdetect through `{lg.get('backend')}`).\n")
        w("| unit | compared | agreement | ms ours | ms plain langdetect |")
        w("|---|---:|---:|---:|---:|")
        w(f"| segment | {lg['segments']:,} | {_n(100 * lg['segment_agreement'], 2)}% | "
          f"{_n(lg['segment_ms_ours'], 3)} | {_n(lg['segment_ms_plain'], 2)} |")
        w(f"| whole document (first 2,000 chars) | {lg['doc_compared']:,} | "
          f"{_n(100 * lg['doc_agreement'], 2)}% | {_n(lg['doc_ms_ours'], 3)} | "
          f"{_n(lg['doc_ms_plain'], 2)} |")
        if "segments_to_backend" in lg:
            w(f"\n{lg['segments_to_backend']:,} segments failed the English pre-check and went to "
              f"the langdetect backend; on those, ours = plain on "
              f"{_n(100 * lg['backend_agreement'], 2)}% (the rest were called English by the "
              "pre-check).")
        if lg.get("disagreement_shapes"):
            w("Disagreeing segments (shape only): " + "; ".join(lg["disagreement_shapes"]) + ".")
        if lg.get("segment_disagreements"):
            w("\nDisagreements (ours->plain): " + ", ".join(
                f"{k} {v}" for k, v in lg["segment_disagreements"].items()) + ".")
        w("")

    st = r.get("stream", {})
    if st and "error" not in st:
        w("## Memory over a long stream\n")
        w(f"The text corpus cycled through `scorer.io.readers.read_jsonl` and "
          f"`CredibilityFilter.check_document`, RSS sampled every 2,000 documents: "
          f"{_n(st['docs'], 0)} documents in {_n(st['seconds'], 0)} s (target "
          f"{_n(st.get('target_docs'), 0)}; the run is time-boxed, see the command). Peak RSS "
          f"{_n(st['peak_rss_mb'], 0)} MB.\n")
        samples = st.get("samples", [])
        if samples:
            picks = sorted({0, len(samples) // 4, len(samples) // 2, 3 * len(samples) // 4,
                            len(samples) - 1})
            w("| documents | seconds | RSS MB |")
            w("|---:|---:|---:|")
            for i in picks:
                n, sec, rss = samples[i]
                w(f"| {n:,} | {_n(sec, 0)} | {_n(rss, 1)} |")
            if slope is not None:
                w(f"\nLeast-squares slope after the first quarter: {_n(slope, 2)} MB per 100,000 "
                  "documents.")
        w("")
    if r.get("notes"):
        w("## Notes\n")
        for note in r["notes"]:
            w(f"- {note}")
        w("")
    return "\n".join(out) + "\n"
