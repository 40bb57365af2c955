"""Are two versions of credscore's outputs the same? For speed-only changes.

Each version runs in its own process (``PYTHONPATH`` = its directory) over the same speed-corpus
documents, through the paths users call: ``CredibilityFilter.check_many`` in batches of 32
(cheap-first and every detector), ``CredibilityFilter.check`` one page at a time,
``Scorer.records`` (what ``credscore score`` writes) and ``CredibilityFilter.records`` (what
``credscore score --cheap-first`` writes), on text and on HTML input. Every output is
serialised as canonical JSON; the script prints, per path and input, how many documents differ
(and the first difference).

Usage:
    git archive <old-commit> | tar -x -C /tmp/old
    python benchmarks/speed/equivalence.py /tmp/old . --limit 3000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
CORPUS = HERE.parents[2] / "work_data" / "speed"


def _items(kind: str, limit: int) -> list[dict]:
    out = []
    with open(CORPUS / f"corpus_{kind}.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= limit:
                break
            r = json.loads(line)
            item = {"url": r.get("url"), "id": r.get("id")}
            item[kind] = r[kind]
            out.append(item)
    return out


def worker(kind: str, limit: int, out_path: str) -> None:
    from scorer import CredibilityFilter

    items = _items(kind, limit)
    cheap = CredibilityFilter.load()
    full = CredibilityFilter.load(cheap_first=False)
    dumps = {"sort_keys": True, "ensure_ascii": False}
    with open(out_path, "w", encoding="utf-8") as out:
        def emit(path: str, i: int, value: object) -> None:
            out.write(f"{path}\t{i}\t{json.dumps(value, **dumps)}\n")

        for path, filt in (("batch_cheap", cheap), ("batch_full", full)):
            for start in range(0, len(items), 32):
                chunk = [{k: v for k, v in it.items() if k != "id"}
                         for it in items[start:start + 32]]
                for j, v in enumerate(filt.check_many(chunk)):
                    emit(path, start + j, v.to_dict())
        for i, it in enumerate(items):
            v = cheap.check(**{k: v for k, v in it.items() if k != "id"})
            emit("check", i, v.to_dict())
        docs = [cheap.document(**it) for it in items]
        for path, records in (("records", cheap.scorer.records), ("filter_records", cheap.records)):
            for start in range(0, len(docs), 32):
                for j, rec in enumerate(records(docs[start:start + 32])):
                    emit(path, start + j, rec)


def run_side(code: str, kind: str, limit: int, out_path: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(code).resolve()))
    subprocess.run([sys.executable, str(HERE), "_worker", kind, str(limit), out_path],
                   env=env, check=True, cwd=str(Path(code).resolve()))


def compare(a: str, b: str) -> dict[str, dict[str, object]]:
    res: dict[str, dict[str, object]] = {}
    with open(a, encoding="utf-8") as fa, open(b, encoding="utf-8") as fb:
        for la, lb in zip(fa, fb, strict=True):
            path, i, va = la.rstrip("\n").split("\t", 2)
            _, _, vb = lb.rstrip("\n").split("\t", 2)
            r = res.setdefault(path, {"docs": 0, "differ": 0, "first": None})
            r["docs"] += 1  # type: ignore[operator]
            if va != vb:
                r["differ"] += 1  # type: ignore[operator]
                if r["first"] is None:
                    r["first"] = {"doc": int(i), "old": va[:400], "new": vb[:400]}
    return res


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        worker(argv[1], int(argv[2]), argv[3])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--inputs", default="text,html")
    ap.add_argument("--tmp", default="/tmp/credscore-equivalence")
    args = ap.parse_args(argv)
    Path(args.tmp).mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"old": args.old, "new": args.new, "limit": args.limit}
    same = True
    for kind in args.inputs.split(","):
        outs = []
        for side in ("old", "new"):
            out = f"{args.tmp}/{side}_{kind}.tsv"
            run_side(getattr(args, side), kind, args.limit, out)
            outs.append(out)
        res = compare(*outs)
        digest = hashlib.sha256(Path(outs[1]).read_bytes()).hexdigest()[:16]
        report[kind] = {"paths": res, "new_sha256": digest}
        same &= all(r["differ"] == 0 for r in res.values())
    report["identical"] = same
    print(json.dumps(report, indent=1))
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
