"""Compare the fast lxml extractor with trafilatura on the trafilatura evaluation set.

For each page with gold snippets: recall = share of "with" snippets found in the text,
leak = share of "without" snippets (boilerplate) found in it; author found = gold author
substring of the extracted author. Writes reports/html_extraction.md.

    python benchmarks/html/eval_extraction.py [--data ../shared/datasets/trafilatura-evalset]
"""

from __future__ import annotations

import argparse
import json
import re
import tarfile
import time
from pathlib import Path

from scorer.io.html import decode_html, extract, extract_fast, extract_trafilatura

ROOT = Path(__file__).resolve().parents[2]
#: Everything from this line on in the report is kept when the table is rewritten.
KEEP_MARKER = "<!-- sections below are kept by eval_extraction.py -->"


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/datasets/trafilatura-evalset"))
    ap.add_argument("--out", default=str(ROOT / "reports/html_extraction.md"))
    args = ap.parse_args()
    data = Path(args.data)
    gold = json.loads((data / "evaldata.json").read_text())
    pages: dict[str, str] = {}
    with tarfile.open(data / "eval_html.tar.xz") as tar:
        for m in tar.getmembers():
            if m.isfile():
                pages[Path(m.name).name] = decode_html(tar.extractfile(m).read())
    methods = {"fast (lxml only)": lambda h: extract_fast(h),
               "fast + trafilatura fallback (default)": lambda h: extract(h),
               "trafilatura": lambda h: extract_trafilatura(h)}
    rows = []
    for name, fn in methods.items():
        rec = leak = n_with = n_without = 0
        secs = 0.0
        n = 0
        for item in gold.values():
            html = pages.get(item["file"])
            if html is None:
                continue
            t = time.perf_counter()
            text, _ = fn(html)
            secs += time.perf_counter() - t
            n += 1
            body = norm(text)
            for s in item.get("with", []):
                n_with += 1
                rec += norm(s) in body
            for s in item.get("without", []):
                n_without += 1
                leak += norm(s) in body
        rows.append((name, n, rec / max(n_with, 1), leak / max(n_without, 1), secs / n * 1000))
    lines = ["# HTML main-text extraction", "",
             (f"Command: `python benchmarks/html/eval_extraction.py`; data: trafilatura-evalset "
              f"({len(pages)} real pages, mostly German, gold snippets that must / must not be "
              "in the main text). One process, shared 2-core machine; ms/page is wall-clock "
              "time."), "",
             "| extractor | pages | must-have snippets found | boilerplate snippets leaked | ms/page |",
             "|---|---:|---:|---:|---:|"]
    for name, n, r, lk, ms in rows:
        lines.append(f"| {name} | {n} | {r:.3f} | {lk:.3f} | {ms:.2f} |")
    lines += ["", ("Higher found and lower leaked are better. The default path runs the fast "
                   "extractor and hands the page to trafilatura when it finds under 400 "
                   "characters.")]
    out = Path(args.out)
    # Sections written by hand after the marker (e.g. the speed section) are kept.
    kept = ""
    if out.exists():
        old = out.read_text()
        at = old.find(KEEP_MARKER)
        if at >= 0:
            kept = "\n" + old[at:]
    out.write_text("\n".join(lines) + "\n" + kept)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
