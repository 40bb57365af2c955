"""The HTML report for the seed documents, with screenshots (acceptance check of issue 9).

    python tests/browser/seeds_report.py [--seeds ../shared/seeds] [--html /tmp/seeds.html]
                                         [--update-md reports/html_report.md]

To use only committed code while others edit the checkout, run it from an export of HEAD:

    rm -rf /tmp/credscore-head && mkdir /tmp/credscore-head
    git archive HEAD | tar -x -C /tmp/credscore-head
    cd /tmp/credscore-head && PYTHONPATH=$PWD python tests/browser/seeds_report.py \
        --seeds /work/shared/seeds --shots /work/main/reports \
        --update-md /work/main/reports/html_report.md --commit $(git -C /work/main rev-parse --short HEAD)

Scores every ``*.txt`` seed with ``Scorer.load()`` (the committed detectors and model) and writes
the HTML report to ``--html`` (outside the repository: it embeds the seed texts, which must not be
copied into the project). Headless Chromium then opens the report like a reader: sorts the table
by score and opens every document; the DOM tells which character ranges are highlighted. Each
phrase the seeds' README quotes for a document (read at run time, not copied here) is checked
against those highlights. Screenshots go to ``reports/``: the table sorted by score
(``report-screenshot.png``) and the views of seeds 004 and 002
(``report-screenshot-seed004.png``, ``report-screenshot-seed002.png``). With ``--update-md`` the
results replace the section between ``<!-- seeds:begin -->`` and ``<!-- seeds:end -->``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import chromium

from scorer import Document, Scorer
from scorer.io.html_report import HtmlReportWriter, utf16_offsets

REPO = Path(__file__).resolve().parent.parent.parent
BEGIN, END = "<!-- seeds:begin -->", "<!-- seeds:end -->"

# Sorts by score, then opens every document and records each <mark>'s range in the text
# (UTF-16 units, counted over the text view's child nodes) and signals.
CHECK_JS = r"""
(async function(){
 const sleep=ms=>new Promise(r=>setTimeout(r,ms));
 const out={marks:{}};
 document.querySelector('#doctable th[data-k="s"]').click();await sleep(50);
 out.order=[...document.querySelectorAll("#tbody tr[data-id]")].map(tr=>tr.dataset.id);
 for(const r of window.credscore.rows){
  location.hash="doc="+r.i;
  for(let t=0;t<100&&document.getElementById("docview").dataset.doc!==String(r.i);t++)await sleep(20);
  const box=document.getElementById("doctext");const ranges=[];let pos=0;
  if(box)for(const n of box.childNodes){const len=n.textContent.length;
   if(n.nodeName==="MARK")ranges.push([pos,pos+len,n.dataset.signals]);pos+=len;}
  out.marks[r.id]=ranges;}
 location.hash="";await sleep(30);
 const pre=document.createElement("pre");pre.id="test-result";pre.textContent=JSON.stringify(out);
 pre.style.display="none";document.body.appendChild(pre);})();
"""

SORT_JS = r"""
(async function(){
 document.querySelector('#doctable th[data-k="s"]').click();
 await new Promise(r=>setTimeout(r,50));})();
"""


def readme_phrases(readme: Path) -> dict[str, list[str]]:
    """Quoted phrases per seed id prefix ("000", ...) from the seeds README's table."""
    out: dict[str, list[str]] = {}
    if not readme.exists():
        return out
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(\d{3})_\w+\.txt\s*\|", line)
        if m:
            quoted = re.findall(r"\"([^\"]+)\"", line.rsplit("|", 2)[-2])
            # "A / B" in the README names two separate phrases
            out[m.group(1)] = [p.strip() for q in quoted for p in q.split(" / ") if p.strip()]
    return out


def coverage(text: str, phrase: str, marks: list[list[Any]]) -> tuple[int, int, set[str]]:
    """(occurrences, occurrences overlapped by a highlight, signals of those highlights)."""
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())  # any whitespace, e.g. NBSP
    occ = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    found, sigs = 0, set()
    for a, b in occ:
        ja, jb = utf16_offsets(text, [a, b])
        hit = [m for m in marks if m[0] < jb and m[1] > ja]
        if hit:
            found += 1
            sigs.update(s for m in hit for s in m[2].split())
    return len(occ), found, sigs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    ap.add_argument("--html", type=Path, default=Path("/tmp/credscore-seeds-report.html"))
    ap.add_argument("--shots", type=Path, default=REPO / "reports")
    ap.add_argument("--update-md", type=Path, default=None)
    ap.add_argument("--commit", default=None,
                    help="the commit the code was taken from (default: git HEAD of this tree)")
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

    page = chromium.with_script(args.html, CHECK_JS, args.html.with_suffix(".check.html"))
    seen = chromium.read_result(chromium.dump_dom(page, budget_ms=20_000))
    page.unlink()
    phrases = readme_phrases(args.seeds / "README.md")
    commit = args.commit or subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                           capture_output=True, text=True,
                                           check=False).stdout.strip()
    model = records[0]["model"]
    lines = [f"Generated {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at commit {commit} with "
             f"`python tests/browser/seeds_report.py --update-md reports/html_report.md` (run from "
             f"`git archive` of that commit, so only committed detectors count); "
             f"model {model['name']} {model['version']}; detectors: "
             + ", ".join(f"`{d}`" for d in records[0]["detectors"]) + ".", "",
             "Table sorted by score in Chromium (descending): "
             + ", ".join(f"{k + 1}. `{i[:3]}`" for k, i in enumerate(seen["order"])) + ".", "",
             "| seed | score | decision | spans per signal | findings |", "|---|---:|---|---|---|"]
    for rec in records:
        per = ", ".join(f"{s} {len(b['spans'])}" for s, b in rec["signals"].items() if b["spans"])
        fnd = ", ".join(f"{s}: " + "/".join(sorted({f['code'] for f in b['findings']}))
                        for s, b in rec["signals"].items() if b["findings"])
        lines.append(f"| {rec['id'][:3]} | {rec['credibility']['score']:.1f} | "
                     f"{rec['credibility']['decision']} | {per or 'none'} | {fnd or 'none'} |")
    lines += ["", ("Phrases the seeds' README names, and whether the rendered page highlights "
                   "them (checked on the DOM: a `<mark>` overlapping the phrase; case-insensitive, any "
                   "whitespace):"), "",
              "| seed | phrase | occurrences | highlighted | by signal |", "|---|---|---:|---:|---|"]
    for rec in records:
        for phrase in phrases.get(rec["id"][:3], []):
            n, hit, sigs = coverage(rec["text"], phrase, seen["marks"][rec["id"]])
            short = phrase if len(phrase) <= 45 else phrase[:42] + "..."
            lines.append(f"| {rec['id'][:3]} | {short} | {n} | {hit} | "
                         f"{', '.join(sorted(sigs)) or '–'} |")
    section = "\n".join(lines)
    print(section)

    shot_page = chromium.with_script(args.html, SORT_JS, args.html.with_suffix(".sorted.html"))
    chromium.screenshot(shot_page, args.shots / "report-screenshot.png", size=(1400, 1000))
    shot_page.unlink()
    for i, rec in enumerate(records):
        tag = rec["id"][:3]
        if tag in ("004", "002"):
            chromium.screenshot(args.html, args.shots / f"report-screenshot-seed{tag}.png",
                                fragment=f"#doc={i}", size=(1400, 3000))
    print("\nreport:", args.html, "screenshots in", args.shots)

    if args.update_md:
        md = args.update_md.read_text(encoding="utf-8")
        if BEGIN in md and END in md:
            md = md[:md.index(BEGIN) + len(BEGIN)] + "\n" + section + "\n" + md[md.index(END):]
        else:
            md = md.rstrip("\n") + f"\n\n{BEGIN}\n{section}\n{END}\n"
        args.update_md.write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
