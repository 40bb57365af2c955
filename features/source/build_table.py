"""Build ``features/data/source/domain_ratings.tsv`` and ``suffix_risk.tsv`` from the shared data.

Run from the repository root (reads ``../shared/datasets`` unless ``--data-dir`` says otherwise)::

    python -m features.source.build_table

Inputs (each a public list; see the provenance header written into the output):

* domain-quality-ratings ``data/domain_pc1.csv`` (Lin et al. 2023, PNAS Nexus): ``pc1`` in [0, 1].
* misinformation-domains-lasser ``data/clean/domain_list_clean.csv`` (accuracy 1..5 -> (a-1)/4,
  reliable/unreliable) and ``disinformation_domains_clean.csv`` (a disinformation flag).
* mbfc-baly ``data/acl2020/corpus.tsv`` then ``data/emnlp18/corpus.tsv``: MBFC factuality
  high/mixed/low -> 1 / 0.5 / 0.
* opensources ``sources/sources.csv``: the site types (fake, conspiracy, satire, bias, ...).
* ut1-blacklists ``gambling``, ``press``, ``fakenews``, ``shortener`` domain lists.

Each domain gets an aggregate reliability: the mean of the ratings it has (pc1, Lasser accuracy,
MBFC factuality, OpenSources type mapped by :data:`OPENSOURCES_RATING`, UT1 fakenews = 0,
Lasser disinformation = 0). Domains only in UT1 gambling/press/shortener lists carry categories
but no rating. Suffix risk: per public suffix, the smoothed share of low-rated, fake-news or
gambling domains among all listed domains with that suffix (Laplace prior towards the overall
share, 20 pseudo-domains), kept for suffixes with at least 5 listed domains.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "features" / "data" / "source"

#: OpenSources type -> reliability in [0, 1]. Why: OpenSources' own definitions: "reliable" is
#: credible news, "political"/"bias" are partisan but not fabricated, "clickbait"/"rumor"/
#: "unreliable"/"state" are often misleading, "satire" is not news, the rest fabricate.
OPENSOURCES_RATING = {
    "reliable": 1.0, "political": 0.6, "bias": 0.4, "clickbait": 0.3, "state": 0.3,
    "rumor": 0.2, "unreliable": 0.2, "satire": 0.2, "conspiracy": 0.1, "junksci": 0.1,
    "hate": 0.1, "fake": 0.0, "fake news": 0.0,
}
MBFC_RATING = {"high": 1.0, "mixed": 0.5, "low": 0.0}
UT1_CATEGORIES = ("gambling", "press", "fakenews", "shortener")
COLUMNS = ("domain", "aggregate", "pc1", "lasser_accuracy", "lasser_type", "mbfc_fact",
           "opensources", "ut1")


def normalise(raw: str) -> str:
    """A list entry as a bare lower-case host: no scheme, path, port, ``www.`` or trailing dot."""
    s = raw.strip().lower()
    if "://" in s:
        s = s.split("://", 1)[1]
    s = s.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    s = s.split(":", 1)[0].strip(".")
    for prefix in ("www.", "www2.", "m.", "amp.", "mobile."):
        if s.startswith(prefix) and s.count(".") >= 2:
            s = s[len(prefix):]
    return s


def _valid(host: str) -> bool:
    return bool(host) and "." in host and " " not in host and len(host) < 254


def build(data_dir: Path) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    rows: dict[str, dict[str, str]] = defaultdict(dict)
    ratings: dict[str, list[float]] = defaultdict(list)

    with open(data_dir / "domain-quality-ratings/data/domain_pc1.csv", newline="") as f:
        for rec in csv.DictReader(f):
            d = normalise(rec["domain"])
            if _valid(d) and rec["pc1"] not in ("", "NA"):
                v = float(rec["pc1"])
                rows[d]["pc1"] = f"{v:.3f}"
                ratings[d].append(v)

    with open(data_dir / "misinformation-domains-lasser/data/clean/domain_list_clean.csv",
              newline="") as f:
        for rec in csv.DictReader(f):
            d = normalise(rec["url"])
            if not _valid(d):
                continue
            acc = (float(rec["accuracy"]) - 1.0) / 4.0
            rows[d]["lasser_accuracy"] = f"{acc:.2f}"
            rows[d]["lasser_type"] = rec["type"].strip()
            ratings[d].append(acc)
    with open(data_dir / "misinformation-domains-lasser/data/clean/"
              "disinformation_domains_clean.csv", newline="") as f:
        for rec in csv.DictReader(f):
            d = normalise(rec["url"])
            if _valid(d):
                if rows[d].get("lasser_type") != "disinformation":
                    ratings[d].append(0.0)
                rows[d]["lasser_type"] = "disinformation"

    for corpus in ("acl2020", "emnlp18"):  # the newer labels win
        with open(data_dir / f"mbfc-baly/data/{corpus}/corpus.tsv", newline="") as f:
            for rec in csv.DictReader(f, delimiter="\t"):
                d = normalise(rec["source_url_normalized"] or rec["source_url"])
                fact = rec["fact"].strip().lower()
                if _valid(d) and fact in MBFC_RATING and "mbfc_fact" not in rows[d]:
                    rows[d]["mbfc_fact"] = fact
                    ratings[d].append(MBFC_RATING[fact])

    with open(data_dir / "opensources/sources/sources.csv", newline="") as f:
        plain = csv.reader(f)
        next(plain)
        for fields in plain:
            d = normalise(fields[0])
            types = [t.strip().lower() for t in fields[1:4] if t.strip()]
            types = [t for t in dict.fromkeys(types) if t in OPENSOURCES_RATING]
            if _valid(d) and types:
                rows[d]["opensources"] = "|".join(types)
                ratings[d].append(min(OPENSOURCES_RATING[t] for t in types))

    for cat in UT1_CATEGORIES:
        path = data_dir / f"ut1-blacklists/blacklists/{cat}/domains"
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            d = normalise(line)
            if not _valid(d) or d[0].isdigit() and d.replace(".", "").isdigit():
                continue
            cats = rows[d].get("ut1", "")
            if cat not in cats.split("|"):
                rows[d]["ut1"] = f"{cats}|{cat}" if cats else cat
                if cat == "fakenews":
                    ratings[d].append(0.0)

    for d, vals in ratings.items():
        rows[d]["aggregate"] = f"{sum(vals) / len(vals):.3f}"
    return dict(rows), suffix_risk(rows)


def suffix_risk(rows: dict[str, dict[str, str]], prior_n: float = 20.0,
                min_count: int = 5) -> dict[str, float]:
    """Smoothed share of bad (rated < 0.4, fake-news or gambling) listed domains per suffix."""
    from features.urls import split_domain

    bad: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for d, rec in rows.items():
        suffix = split_domain(d).suffix
        if not suffix:
            continue
        cats = rec.get("ut1", "").split("|")
        is_bad = ("gambling" in cats or "fakenews" in cats
                  or ("aggregate" in rec and float(rec["aggregate"]) < 0.4))
        is_known = is_bad or "aggregate" in rec or "press" in cats
        if not is_known:
            continue
        total[suffix] += 1
        bad[suffix] += int(is_bad)
    all_bad, all_total = sum(bad.values()), sum(total.values())
    base = all_bad / all_total if all_total else 0.5
    return {s: (bad[s] + prior_n * base) / (n + prior_n)
            for s, n in total.items() if n >= min_count}


def write(rows: dict[str, dict[str, str]], risk: dict[str, float], out_dir: Path,
          data_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    today = _dt.date.today().isoformat()
    header = [
        ("# credscore domain ratings, compiled by features/source/build_table.py "
        f"({today}) from {data_dir.name}/:"),
        ("#   domain-quality-ratings data/domain_pc1.csv (Lin et al. 2023, PNAS Nexus; "
        "'reuse freely') -> pc1"),
        ("#   misinformation-domains-lasser data/clean/*.csv (Lasser et al.; CC BY-SA 4.0 for the "
        "compilation, source lists unlicensed) -> lasser_accuracy=(accuracy-1)/4, lasser_type"),
        ("#   mbfc-baly data/acl2020 + emnlp18 corpus.tsv (Baly et al.; MBFC labels; licence not "
        "stated) -> mbfc_fact"),
        "#   opensources sources/sources.csv (OpenSources 2017; LGPL-3.0) -> opensources types",
        ("#   ut1-blacklists gambling/press/fakenews/shortener domains (Univ. Toulouse Capitole; "
        "CC BY-SA 4.0) -> ut1 categories"),
        ("# aggregate = mean of the available ratings in [0,1] (pc1, lasser_accuracy, mbfc_fact "
        "high/mixed/low=1/.5/0, opensources type mapped per build_table.OPENSOURCES_RATING, "
        "ut1 fakenews=0, lasser disinformation=0); empty = no rating."),
        "# This file is a derived work of CC BY-SA 4.0 lists and is shared under CC BY-SA 4.0.",
        "\t".join(COLUMNS),
    ]
    lines = header + ["\t".join([d] + [rows[d].get(c, "") for c in COLUMNS[1:]])
                      for d in sorted(rows)]
    (out_dir / "domain_ratings.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    risk_lines = [
        ("# credscore suffix risk, compiled by features/source/build_table.py "
        f"({today}) from domain_ratings.tsv:"),
        "# share of listed domains under each public suffix that are low-rated (aggregate < 0.4),",
        ("# UT1 fakenews or UT1 gambling, smoothed towards the overall share with 20 "
        "pseudo-domains; suffixes with >= 5 listed domains. Same licence as domain_ratings.tsv."),
        "suffix\trisk",
    ] + [f"{s}\t{v:.3f}" for s, v in sorted(risk.items())]
    (out_dir / "suffix_risk.tsv").write_text("\n".join(risk_lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    rows, risk = build(args.data_dir)
    write(rows, risk, args.out, args.data_dir)
    rated = sum(1 for r in rows.values() if "aggregate" in r)
    print(f"{len(rows)} domains ({rated} rated), {len(risk)} suffixes -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
