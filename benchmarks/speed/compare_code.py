"""Two versions of credscore timed turn about, through run.py's latency worker.

This machine's cores are shared with other virtual machines: the same code runs up to 1.5x
slower at one hour than at another, so figures measured at different times do not compare.
Running an older and a newer version in alternation (fresh processes, the same pinned core, the
same documents) makes their ratio meaningful whatever the machine is doing.

Usage:
    git archive <old-commit> | tar -x -C /tmp/old;  git archive HEAD | tar -x -C /tmp/new
    python benchmarks/speed/compare_code.py /tmp/old /tmp/new --modes text:batch_cheap \
        --limit 3000 --rounds 3

Prints one JSON object: per mode and version, docs per CPU-second of every round and their
median, and the median ratio new/old.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().with_name("run.py")


def latency(code: str, kind: str, mode: str, limit: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(Path(code).resolve()))
    out = subprocess.run([sys.executable, str(RUN), "_worker", "latency", "--input", kind,
                          "--mode", mode, "--limit", str(limit)],
                         env=env, capture_output=True, text=True, check=True)
    return float(json.loads(out.stdout)["docs_per_cpu_s"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--modes", default="text:batch_cheap",
                    help="comma-separated input:mode pairs of run.py's latency worker")
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    result: dict[str, object] = {"old": args.old, "new": args.new, "limit": args.limit,
                                 "rounds": args.rounds, "modes": {}}
    for pair in args.modes.split(","):
        kind, mode = pair.split(":")
        runs: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.rounds):
            for side in ("old", "new"):
                runs[side].append(latency(getattr(args, side), kind, mode, args.limit))
        ratios = [n / o for n, o in zip(runs["new"], runs["old"])]
        result["modes"][pair] = {  # type: ignore[index]
            "old": runs["old"], "new": runs["new"],
            "old_median": statistics.median(runs["old"]),
            "new_median": statistics.median(runs["new"]),
            "ratio_median": statistics.median(ratios)}
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
