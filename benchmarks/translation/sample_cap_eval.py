"""Would a shorter profile sample be an acceptable approximation? Accuracy per sample cap.

    nice python benchmarks/translation/sample_cap_eval.py --caps 2000 1500 1000 600 --write

Runs ``evaluate.py`` (same data, same stored model and threshold, no threshold rewrite) once per cap
on ``profile.SAMPLE_CHARS`` (the profile's central window; 2,000 is the shipped value) and collects
the ROC-AUC and false-positive figures. The acceptance rule for an approximate speed-up (issue #8
brief): every ROC-AUC within 0.005 of the shipped one and still 0% false positives on the held-out
human news. ``--write`` puts the table in the ``sample-cap`` block of reports/translation.md.
Per-cap reports go to /tmp/translation_cap_<cap>.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import evaluate
from report_blocks import write_block

from features.translation import profile as P

ROWS = (
    ("round trip ROC-AUC", r"\| round trip .*? \| ([\d.]+) \|"),
    ("unseen pivot ROC-AUC", r"\| unseen pivot .*? \| ([\d.]+) \|"),
    ("WMT21 ROC-AUC", r"\| WMT21 .*? \| ([\d.]+) \|"),
    ("FP held-out news", r"\| FP at threshold, held-out .*? \| ([\d.]+%) \|"),
    ("FP learner rewrites", r"\| FP at threshold, same test .*? \| ([\d.]+%) \|"),
    ("non-native fixtures flagged", r"\| hand-written non-native .*? \| (\d+ of \d+) \|"),
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--caps", type=int, nargs="+", default=[2000, 1500, 1000, 600])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    shipped = P.SAMPLE_CHARS
    results: dict[int, list[str]] = {}
    for cap in sorted(set(args.caps) | {shipped}, reverse=True):  # the shipped cap is the base
        P.sample.__defaults__ = (cap,)
        out = Path(f"/tmp/translation_cap_{cap}.md")
        evaluate.main(["--report", str(out), "--speed-docs", "20"])
        text = out.read_text(encoding="utf-8")
        results[cap] = [(m.group(1) if (m := re.search(rx, text)) else "?") for _name, rx in ROWS]
    P.sample.__defaults__ = (shipped,)
    head = "| sample cap (characters) | " + " | ".join(name for name, _ in ROWS) + " |"
    lines = [head, "|---:|" + "---:|" * len(ROWS)]
    for cap, vals in results.items():
        mark = " (shipped)" if cap == shipped else ""
        lines.append(f"| {cap:,}{mark} | " + " | ".join(vals) + " |")
    table = "\n".join(lines)
    print(table)
    ok = []
    base = results.get(shipped)
    for cap, vals in results.items():
        if cap >= shipped or base is None:
            continue
        rocs_ok = all(
            abs(float(v) - float(b)) <= 0.005 for v, b in zip(vals[:3], base[:3], strict=True)
        )
        if rocs_ok and vals[3] == "0.00%":
            ok.append(cap)
    verdict = (
        f"Caps meeting the rule: {', '.join(f'{c:,}' for c in ok)}."
        if ok
        else "No cap below the shipped "
        f"{shipped:,} characters meets the rule (the WMT21 and unseen-pivot ROC-AUC drop by "
        "more than 0.005), so the sample stays at its shipped length: no approximation shipped."
    )
    print(verdict)
    if args.write:
        cmd = "nice python benchmarks/translation/sample_cap_eval.py " + " ".join(
            argv if argv is not None else sys.argv[1:]
        )
        write_block(
            "sample-cap",
            "### Approximate speed-up considered: a shorter profile sample\n\n"
            f"Command: `{cmd}` (evaluate.py's data, the stored model and threshold). The profile "
            "costs roughly in proportion to its sample, so a 1,000-character sample would save "
            "about half of it; the rule for accepting an approximation is every ROC-AUC within "
            "0.005 of the shipped figure and 0% false positives on held-out human news.\n\n"
            + table
            + "\n\n"
            + verdict,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
