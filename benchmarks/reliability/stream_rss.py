"""Peak memory while streaming a large JSONL file through ``credscore score``.

Builds (once) a JSONL file of the requested size from generated news-like records, streams it
through the CLI to /dev/null, samples the resident memory of the whole process tree every half
second, and writes reports/memory.md with the samples over time:

    python benchmarks/reliability/stream_rss.py --gb 2 [--jobs 2] [--doc-kb 100]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SENTENCES = [
    "The city council approved the budget on {day} after a long debate.",
    "\"We have to repair the bridges first,\" said {name}, the council's finance chief.",
    "Opposition members said the plan ignored the housing shortage in the northern districts.",
    "The transport authority expects ridership to grow by {n} percent next year.",
    "A spokesperson for the regional government declined to comment on the figures.",
    "Residents queued for hours at the new clinic, according to local reporters.",
    "slot gacor hari ini deposit pulsa maxwin",
]
NAMES = ["Ana Ruiz", "Tom Becker", "Li Wei", "Sara Haddad", "Jon Eriksen"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def build(path: Path, total_bytes: int, doc_kb: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    n = 0
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < total_bytes:
            parts = []
            size = 0
            while size < doc_kb * 1024:
                s = rng.choice(SENTENCES[:-1] if rng.random() > 0.02 else SENTENCES).format(
                    day=rng.choice(DAYS), name=rng.choice(NAMES), n=rng.randrange(2, 30))
                parts.append(s)
                size += len(s) + 1
                if rng.random() < 0.15:
                    parts.append("\n\n")
            line = json.dumps({"id": f"doc{n}", "text": " ".join(parts),
                               "url": f"https://news{n % 50}.example.com/a/{n}"}) + "\n"
            fh.write(line)
            written += len(line)
            n += 1
    return n


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError):
            continue
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gb", type=float, default=2.0)
    ap.add_argument("--doc-kb", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--data", default=str(ROOT / "work_data" / "stream.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "reports" / "memory.md"))
    args = ap.parse_args()
    path = Path(args.data)
    path.parent.mkdir(parents=True, exist_ok=True)
    want = int(args.gb * 1024**3)
    if not path.exists() or path.stat().st_size < want:
        n_docs = build(path, want, args.doc_kb)
    else:
        n_docs = sum(1 for _ in open(path, "rb"))
    size = path.stat().st_size
    cmd = [sys.executable, "-m", "scorer", "score", "--quiet", "--force", str(path), "-o",
           os.devnull, "--jobs", str(args.jobs)]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int]] = []
    while proc.poll() is None:
        samples.append((time.monotonic() - started, tree_rss_kb(proc.pid)))
        time.sleep(0.5)
    err = proc.stderr.read() if proc.stderr else ""
    elapsed = time.monotonic() - started
    peak = max(r for _, r in samples) if samples else 0
    # RSS at each tenth of the run: flat means memory does not grow with the stream.
    marks = []
    for k in range(1, 11):
        t = elapsed * k / 10
        near = min(samples, key=lambda s: abs(s[0] - t)) if samples else (0, 0)
        marks.append(near[1])
    lines = [
        "# Memory while streaming",
        "",
        f"Command: `python benchmarks/reliability/stream_rss.py --gb {args.gb} --doc-kb "
        f"{args.doc_kb} --jobs {args.jobs}` (run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        ", 2-core machine, other jobs running).",
        "",
        f"Input: {size / 1024**3:.2f} GiB JSONL, {n_docs:,} records of about {args.doc_kb} KB. "
        f"`credscore score --jobs {args.jobs}` to /dev/null: {elapsed:,.0f} s "
        f"({n_docs / elapsed:,.0f} records/s). Exit code {proc.returncode}; stderr: "
        f"`{err.strip().splitlines()[-1] if err.strip() else ''}`.",
        "",
        f"Peak resident memory of the whole process tree (parent and workers): "
        f"**{peak / 1024:,.0f} MiB**.",
        "",
        "| share of the run | 10% | 20% | 30% | 40% | 50% | 60% | 70% | 80% | 90% | 100% |",
        "|---|" + "---:|" * 10,
        "| RSS (MiB) | " + " | ".join(f"{m / 1024:,.0f}" for m in marks) + " |",
    ]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
