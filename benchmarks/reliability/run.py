"""Reliability run: hostile inputs, evasion forms, kills during a batch, determinism.

Writes reports/reliability.md. Every figure is counted here, by this script:

    python benchmarks/reliability/run.py [--cases 300] [--kills 10]

- input classes: generated hostile records through the readers and the scorer; a *crash* is an
  exception escaping the per-record boundary; *lost* is fewer output records than input
  records; *duplicates* is more;
- evasion: spam lines written in obfuscated forms inside a clean article: found (a spam span
  overlaps the payload) and exact (the span text is the original characters of the payload);
- kills: ``credscore score`` killed with SIGKILL at random moments, then ``--resume``d until it
  finishes; the final file is compared with an uninterrupted run;
- determinism: ``--jobs 1`` and ``--jobs 2`` outputs compared byte for byte.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scorer.document import Document  # noqa: E402
from scorer.io.readers import ReadOptions, iter_documents  # noqa: E402
from scorer.scoring import Scorer  # noqa: E402

ARTICLE = (
    "The regional water board approved a plan on Thursday to replace ageing pipes in three "
    "districts, a project officials said would take four years.\n\n"
    "\"Most of these mains were laid before 1960,\" said Hannah Voss, the board's chief "
    "engineer, adding that leaks cost the utility about a fifth of its supply.\n\n"
    "Residents will see roadworks from the spring, and the board said it would publish a "
    "schedule for each street a month in advance.\n\n"
    "Consumer groups welcomed the decision but asked the board to cap any rise in bills.")


def rand_text(rng: random.Random, n: int) -> str:
    pools = [
        lambda: chr(rng.randrange(32, 127)),
        lambda: chr(rng.randrange(0, 32)),
        lambda: chr(rng.randrange(0x80, 0x2FFF)),
        lambda: chr(rng.choice([0x200B, 0x200D, 0x202E, 0xFEFF, 0x0301, 0xFFFD])),
        lambda: chr(rng.randrange(0x1F300, 0x1FAFF)),
        lambda: chr(rng.randrange(0x4E00, 0x9FFF)),
        lambda: chr(rng.randrange(0x0600, 0x06FF)),
    ]
    return "".join(rng.choice(pools)() for _ in range(n))


def input_classes(rng: random.Random, cases: int, tmp: Path) -> list[dict[str, Any]]:
    """Generated hostile inputs, each as a file read by the readers and scored."""
    scorer = Scorer.load(use_model=True) if (ROOT / "models").exists() else Scorer.load(
        use_model=False)
    makers: dict[str, Callable[[int], tuple[bytes, str, int]]] = {}

    def unicode_text(i: int) -> tuple[bytes, str, int]:
        return rand_text(rng, rng.randrange(0, 6000)).encode("utf-8", "surrogatepass"), \
            "txt", 1

    def control_chars(i: int) -> tuple[bytes, str, int]:
        return ("".join(chr(rng.randrange(0, 32)) for _ in range(2000)) + ARTICLE).encode(), \
            "txt", 1

    def invalid_utf8(i: int) -> tuple[bytes, str, int]:
        return ARTICLE.encode() + bytes(rng.randrange(128, 256) for _ in range(50)), "txt", 1

    def jsonl_mixed(i: int) -> tuple[bytes, str, int]:
        lines, n = [], 0
        for _ in range(rng.randrange(1, 20)):
            kind = rng.random()
            if kind < 0.5:
                lines.append(json.dumps({"id": f"r{n}", "text": rand_text(rng, 300)}))
            elif kind < 0.7:
                lines.append(json.dumps({"text": ARTICLE}))
            elif kind < 0.85:
                lines.append(rand_text(rng, 80).replace("\n", " ").replace("\r", " ")
                             .replace("\x0b", " ").replace("\x0c", " ")
                             .replace("\x1c", " ").replace("\x1d", " ").replace("\x1e", " ")
                             .replace("\x85", " ").replace("\u2028", " ").replace("\u2029",
                                                                                   " "))
            else:
                lines.append('{"id": 1, "text": ')
            n += 1
        eol = rng.choice(["\n", "\r\n"])
        body = eol.join(lines) + eol + eol
        bom = b"\xef\xbb\xbf" if rng.random() < 0.3 else b""
        return bom + body.encode("utf-8", "surrogatepass"), "jsonl", n

    def csv_quoted(i: int) -> tuple[bytes, str, int]:
        import csv

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["id", "text"])
        n = rng.randrange(1, 10)
        for k in range(n):
            w.writerow([f"c{k}", ARTICLE.replace("\n\n", "\n\"quoted\", line\n")])
        return buf.getvalue().encode(), "csv", n

    def nested_html(i: int) -> tuple[bytes, str, int]:
        depth = rng.randrange(100, 20000)
        return ("<html><body>" + "<div>" * depth + ARTICLE + "</div>" * (depth // 2)).encode(), \
            "html", 1

    def broken_html(i: int) -> tuple[bytes, str, int]:
        junk = "".join(rng.choice(["<p>", "<b>", "</i>", "<table><tr><td>", "<!--", "<script>",
                                   "&#x", "<a href='", ">", ARTICLE[:200]]) for _ in range(400))
        return junk.encode(), "html", 1

    def truncated_gzip_jsonl(i: int) -> tuple[bytes, str, int]:
        body = "".join(json.dumps({"id": f"g{k}", "text": ARTICLE}) + "\n" for k in range(30))
        data = gzip.compress(body.encode())
        return data[: rng.randrange(20, len(data) - 1)], "jsonl.gz", -1

    def truncated_warc(i: int) -> tuple[bytes, str, int]:
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=rng.random() < 0.5)
        for k in range(5):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.org/{k}", "response",
                payload=io.BytesIO(f"<html><body><p>{ARTICLE}</p></body></html>".encode()),
                http_headers=headers))
        data = buf.getvalue()
        return data[: rng.randrange(50, len(data) - 1)], "warc", -1

    def ten_mb_line(i: int) -> tuple[bytes, str, int]:
        return json.dumps({"id": "big", "text": "lorem ipsum dolor " * 600_000}).encode() + \
            b"\n", "jsonl", 1

    makers.update(unicode_text=unicode_text, control_chars=control_chars,
                  invalid_utf8=invalid_utf8, jsonl_bom_crlf_blank_broken=jsonl_mixed,
                  csv_quoted_newlines=csv_quoted, deeply_nested_html=nested_html,
                  broken_html=broken_html, truncated_gzip_jsonl=truncated_gzip_jsonl,
                  truncated_warc=truncated_warc, ten_mb_single_line=ten_mb_line)
    rows = []
    for name, make in makers.items():
        n_cases = 3 if name == "ten_mb_single_line" else cases
        crashes = lost = dups = records = errors = 0
        for i in range(n_cases):
            data, ext, expected = make(i)
            path = tmp / f"{name}-{i}.{ext}"
            path.write_bytes(data)
            try:
                items = list(iter_documents([str(path)], ReadOptions()))
                out = scorer.records(items)
            except Exception:  # counted: an exception escaping the boundary is a crash
                crashes += 1
                continue
            if len(out) < len(items):
                lost += len(items) - len(out)
            if len(out) > len(items):
                dups += len(out) - len(items)
            if expected >= 0 and len(items) != expected:
                lost += max(0, expected - len(items))
                dups += max(0, len(items) - expected)
            records += len(out)
            errors += sum("error" in r for r in out)
            path.unlink()
        rows.append({"class": name, "cases": n_cases, "records": records, "error_records": errors,
                     "crashes": crashes, "lost": lost, "duplicates": dups})
        print(rows[-1], flush=True)
    return rows


EVASIONS: dict[str, Callable[[str], str]] = {
    "plain": lambda s: s,
    "zero_width_joiners": lambda s: "\u200d".join(s),
    "cyrillic_homoglyphs": lambda s: s.replace("a", "а").replace("o", "о").replace("c", "с")
    .replace("e", "е").replace("p", "р"),
    "l33t": lambda s: s.replace("a", "4").replace("i", "1").replace("o", "0").replace("e", "3"),
    "letter_spacing": lambda s: " ".join(s),
    "html_entities": lambda s: "".join(f"&#{ord(c)};" if c in "aeiou" else c for c in s),
    "percent_encoded_link": lambda s: "https://win.example-bet.xyz/" + "".join(
        f"%{ord(c):02X}" for c in s),
}
PAYLOADS = ("online casino bonus", "buy viagra online", "slot gacor maxwin", "judi bola online",
            "free spins no deposit")


def evasion(rng: random.Random) -> list[dict[str, Any]]:
    scorer = Scorer.load(use_model=False)
    rows = []
    for form, fn in EVASIONS.items():
        found = exact = n = 0
        for payload in PAYLOADS:
            for where in ("top", "bottom"):
                line = fn(payload)
                text = f"{line}\n{ARTICLE}" if where == "top" else f"{ARTICLE}\n{line}"
                start = text.index(line)
                end = start + len(line)
                rec = scorer.records([Document(text=text, id="e")])[0]
                spans = rec["signals"]["spam"]["spans"]
                n += 1
                hit = [s for s in spans if s["start"] < end and s["end"] > start]
                found += bool(hit)
                exact += any(s["text"] == text[s["start"]:s["end"]] and
                             s["start"] <= start and s["end"] >= end - 1 for s in hit)
        rows.append({"form": form, "cases": n, "found": found, "span_covers_original": exact})
        print(rows[-1], flush=True)
    return rows


def kills(rng: random.Random, n_kills: int, tmp: Path) -> dict[str, Any]:
    src = tmp / "batch.jsonl"
    with open(src, "w") as fh:
        for i in range(600):
            fh.write(json.dumps({"id": f"k{i}", "text": ARTICLE + f" Item {i}."}) + "\n")
            if i % 97 == 0:
                fh.write("{broken line\n")
    cmd = [sys.executable, "-m", "scorer", "score", "--quiet", str(src)]
    ref = tmp / "ref.jsonl"
    subprocess.run(cmd + ["-o", str(ref)], check=False, cwd=ROOT)
    out = tmp / "killed.jsonl"
    done_kills = 0
    first = True
    while True:
        args = cmd + ["-o", str(out)] + ([] if first else ["--resume"])
        if first and out.exists():
            out.unlink()
        proc = subprocess.Popen(args, cwd=ROOT, stderr=subprocess.DEVNULL)
        first = False
        if done_kills < n_kills:
            time.sleep(rng.uniform(1.0, 4.0))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                done_kills += 1
                continue
        proc.wait()
        if proc.returncode in (0, 1):
            break
    ref_lines = ref.read_text().splitlines()
    got_lines = out.read_text().splitlines()
    ids_ref = [json.loads(x)["id"] for x in ref_lines]
    ids_got = [json.loads(x)["id"] for x in got_lines]
    return {"records": len(ref_lines), "kills": done_kills,
            "lost": len(set(ids_ref) - set(ids_got)),
            "duplicates": len(ids_got) - len(set(ids_got)),
            "identical_to_uninterrupted": ref.read_bytes() == out.read_bytes()}


def determinism(tmp: Path) -> dict[str, Any]:
    src = tmp / "det.jsonl"
    with open(src, "w") as fh:
        for i in range(300):
            fh.write(json.dumps({"id": f"d{i}", "text": ARTICLE * (1 + i % 3)}) + "\n")
    outs = []
    for jobs in (1, 2, 1):
        out = tmp / f"det-{jobs}-{len(outs)}.jsonl"
        subprocess.run([sys.executable, "-m", "scorer", "score", "--quiet", str(src), "-o",
                        str(out), "--jobs", str(jobs)], cwd=ROOT, check=True)
        outs.append(out.read_bytes())
    return {"records": 300, "jobs1_vs_jobs2_identical": outs[0] == outs[1],
            "rerun_identical": outs[0] == outs[2]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(ROOT / "reports/reliability.md"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        classes = input_classes(rng, args.cases, tmp)
        ev = evasion(rng)
        k = kills(rng, args.kills, tmp)
        print(k, flush=True)
        det = determinism(tmp)
        print(det, flush=True)
    lines = ["# Reliability", "",
             f"Command: `python benchmarks/reliability/run.py --cases {args.cases} --kills "
             f"{args.kills} --seed {args.seed}` (run {time.strftime('%Y-%m-%d')}, 2-core "
             "machine). Regex backtracking: `python -m pytest tests/reliability` (every regular "
             "expression in features/ and scorer/ on 42 hostile 20,000-character inputs).", "",
             "## Hostile input classes", "",
             "| input class | cases | output records | of which error records | crashes | lost | "
             "duplicates |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in classes:
        lines.append(f"| {r['class']} | {r['cases']} | {r['records']} | {r['error_records']} | "
                     f"{r['crashes']} | {r['lost']} | {r['duplicates']} |")
    lines += ["", "## Evasion forms (spam line at the top or bottom of a clean article)", "",
              "| form | cases | found | span covers the original characters |",
              "|---|---:|---:|---:|"]
    for r in ev:
        lines.append(f"| {r['form']} | {r['cases']} | {r['found']} | "
                     f"{r['span_covers_original']} |")
    lines += ["", "## Kills during a batch", "",
              f"{k['records']} records (with malformed lines) scored to a file; the process was "
              f"killed with SIGKILL {k['kills']} times at random moments (mid-line included) and "
              f"restarted with `--resume` each time: lost {k['lost']}, duplicated "
              f"{k['duplicates']}, final file byte-identical to an uninterrupted run: "
              f"{k['identical_to_uninterrupted']}.", "",
              "## Determinism", "",
              f"{det['records']} records: `--jobs 1` vs `--jobs 2` byte-identical: "
              f"{det['jobs1_vs_jobs2_identical']}; a second `--jobs 1` run byte-identical: "
              f"{det['rerun_identical']}."]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
