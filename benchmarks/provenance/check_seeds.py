"""Acceptance check on ../shared/seeds (issue 11, "Done when").

000, 001 and 002 must form one family with 000 as its original, 001 labelled misattributed or
scraped, 002 machine_translated_copy; 004 must not be in that family. Prints every record and
exits 1 when a condition fails.

    python benchmarks/provenance/check_seeds.py [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scorer.document import Document
from scorer.provenance import cluster


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=str(Path(__file__).resolve().parents[3] / "shared/seeds"))
    args = ap.parse_args()
    files = sorted(Path(args.seeds).glob("0*.txt"))
    docs = [Document(text=f.read_text(encoding="utf-8"), id=f.name[:3]) for f in files]
    recs = {d.id: r for d, r in zip(docs, cluster(docs))}
    for k, r in recs.items():
        print(k, json.dumps(r))
    fam = recs["000"]["cluster_id"]
    checks = {
        "000 is an original": recs["000"]["role"] == "original" and fam is not None,
        "001 in 000's family": recs["001"]["cluster_id"] == fam and recs["001"]["original_id"] == "000",
        "001 misattributed or scraped": recs["001"]["relation"] in ("misattributed", "scraped"),
        "002 in 000's family": recs["002"]["cluster_id"] == fam and recs["002"]["original_id"] == "000",
        "002 machine_translated_copy": recs["002"]["relation"] == "machine_translated_copy",
        "004 not in the family": recs["004"]["cluster_id"] != fam,
    }
    for name, ok in checks.items():
        print(("PASS " if ok else "FAIL ") + name)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
