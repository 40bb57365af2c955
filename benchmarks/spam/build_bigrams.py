"""Build the English word-pair table of spam.injected (features/data/spam/en_bigrams.npz).

    nice python benchmarks/spam/build_bigrams.py [--min-count 2] [--bits 23]

Source: allsides-baly2020 (Apache-2.0) media-split TRAIN articles (the same articles as
en_vocab.txt; the benchmark and blind sets take their hosts from the media-split test articles).
Every pair of consecutive lower-case words (letters and apostrophes) inside a stretch of text
without punctuation is counted; pairs seen at least ``--min-count`` times are set in a bit table
of 2**bits bits, indexed by ``zlib.crc32("w1 w2") & (2**bits - 1)`` (a one-hash Bloom filter:
no text, no word list, only bits). :func:`features.spam.structure.pair_coverage` reads it: the
share of a run's word pairs that English news prose uses. Keyword lists, brand runs and word
salads join words that never stand together in prose; a prose sentence mostly does not.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import zlib
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA_OUT, train_texts

_CHUNK = re.compile(r"[a-z]+(?:'[a-z]+)?(?: +[a-z]+(?:'[a-z]+)?)+")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--bits", type=int, default=23)
    args = ap.parse_args(argv)
    counts: collections.Counter[str] = collections.Counter()
    texts = train_texts()
    for text in texts:
        for m in _CHUNK.finditer(text.lower().replace("\u2019", "'")):
            w = m.group().split()
            counts.update(f"{a} {b}" for a, b in zip(w, w[1:]))
    keep = [p for p, c in counts.items() if c >= args.min_count]
    size = 1 << args.bits
    bits = np.zeros(size // 8, dtype=np.uint8)
    for p in keep:
        h = zlib.crc32(p.encode()) & (size - 1)
        bits[h >> 3] |= 1 << (h & 7)
    fill = float(np.unpackbits(bits).mean())
    np.savez_compressed(
        DATA_OUT / "en_bigrams.npz", bits=bits,
        provenance=np.array(
            f"English word pairs (count >= {args.min_count}) of allsides-baly2020 media-split "
            f"train articles (Apache-2.0), {len(keep)} pairs in a 2**{args.bits}-bit table "
            f"(crc32 & mask), fill {fill:.3f}; built by benchmarks/spam/build_bigrams.py"))
    print(f"articles {len(texts)}, pairs {len(counts)}, kept {len(keep)}, fill {fill:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
