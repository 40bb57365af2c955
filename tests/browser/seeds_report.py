"""The HTML report for the seed documents, with screenshots (acceptance check of issue 9).

    python tests/browser/seeds_report.py [--seeds ../shared/seeds] [--html /tmp/seeds.html]

Scores every ``*.txt`` seed with ``Scorer.load()`` (the committed detectors and model), writes the
HTML report to ``--html`` (outside the repository: it embeds the seed texts, which must not be
copied into the project), prints what each document's view highlights, checks in headless
Chromium which document tops the table when sorted by score, and saves screenshots into
``reports/``: the table sorted by score (``report-screenshot.png``) and the views of seeds 004 and
002 (``report-screenshot-seed004.png``, ``report-screenshot-seed002.png``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import chromium

from scorer import Document, Scorer
from scorer.io.html_report import HtmlReportWriter

REPO = Path(__file__).resolve().parent.parent.parent
SORT_JS = r"""
(async function(){
 document.querySelector('#doctable th[data-k="s"]').click();
 await new Promise(r=>setTimeout(r,50));
 const ids=[...document.querySelectorAll("#tbody tr")].map(tr=>tr.dataset.id);
 const pre=document.createElement("pre");pre.id="test-result";pre.textContent=JSON.stringify(ids);
 pre.style.display="none";document.body.appendChild(pre);})();
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    ap.add_argument("--html", type=Path, default=Path("/tmp/credscore-seeds-report.html"))
    ap.add_argument("--shots", type=Path, default=REPO / "reports")
    args = ap.parse_args()

    paths = sorted(args.seeds.glob("*.txt"))
    docs = [Document(text=p.read_text(encoding="utf-8"), id=p.stem) for p in paths]
    scorer = Scorer.load()
    records: list[dict[str, Any]] = [r.to_dict(include_text=True)
                                     for r in scorer.score_many(docs)]
    with args.html.open("w", encoding="utf-8") as fh:
        writer = HtmlReportWriter(fh, title="credscore report: seeds")
        for rec in records:
            writer.write(rec)
        writer.close()
    print(f"report: {args.html} ({args.html.stat().st_size:,} bytes); "
          f"model {records[0]['model']['name']} {records[0]['model']['version']}; "
          f"{len(records[0]['detectors'])} detectors")

    for rec in records:
        cred = rec["credibility"]
        print(f"\n{rec['id']}: score {cred['score']} {cred['label']} {cred['decision']}; reasons "
              + ", ".join(r["code"] for r in rec["reasons"][:5]))
        for sig, block in rec["signals"].items():
            if block["spans"] or block["findings"]:
                spans = [f"{s['code']}:{s['text'][:50]!r}" for s in block["spans"]]
                finds = [f["code"] for f in block["findings"]]
                print(f"  {sig} {block['score']}: {len(spans)} spans {spans[:12]}"
                      + (f" findings {finds}" if finds else ""))

    page = chromium.with_script(args.html, SORT_JS, args.html.with_suffix(".sorted.html"))
    order = chromium.read_result(chromium.dump_dom(page))
    print("\nsorted by score (descending):", json.dumps(order))
    chromium.screenshot(page, args.shots / "report-screenshot.png", size=(1400, 1000))
    for i, rec in enumerate(records):
        tag = rec["id"][:3]
        if tag in ("004", "002"):
            chromium.screenshot(args.html, args.shots / f"report-screenshot-seed{tag}.png",
                                fragment=f"#doc={i}", size=(1400, 2000))
    page.unlink()
    print("screenshots in", args.shots)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
