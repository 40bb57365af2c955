# cython: boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled build's lexicon scan for :func:`features.translation.artifacts.find_all`.

``artifacts.find_lexicon_hits_fast`` finds the calques, MT disclaimers and foreign words of the
lexicons with an Aho-Corasick DFA over the ASCII-lowered UTF-8 bytes of the whole text. The DFA
(~1,000 patterns) is a few megabytes: warm it scans a 5 KB text in ~20 µs, but when pages are
checked one at a time the other detectors push it out of the CPU caches and the same scan costs
~90 µs. When this module is compiled (Cython, with the types in ``artifacts_loops.pxd``; the
directive line above turns off index checks, and every index is bounded by construction), the
scan is :func:`lexicon_matches` instead: one pass over the bytes that keeps the lowered last five
bytes in an integer, tests its hash in an 8 KB bit table of the patterns' first five bytes (every
pattern has at least five), and only on a hit compares the patterns that start with those five
bytes, longest first. Its matches are the automaton's, exactly: ``MatchKind.LeftmostLongest``
without overlaps reports, from the current position on, the leftmost position where a pattern
matches and there the longest pattern, then goes on after its end; the loop tries the positions
in order and takes the longest pattern at the first one that has a match (tested against the
automaton on random and corpus texts, tests/features/translation/test_translation_lexscan.py).

As plain Python (``COMPILED`` False) ``find_lexicon_hits_fast`` keeps the automaton; the loop runs
here too, slowly, for the tests.
"""

from __future__ import annotations

try:
    import cython

    #: True in the compiled build (Cython), False when this file runs as plain Python.
    COMPILED = bool(cython.compiled)
except ImportError:  # Cython is only a build requirement
    COMPILED = False

import numpy as np

_HMUL = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
#: The first ``_KEY_BYTES`` bytes of a pattern are its key (the shortest pattern has five).
_KEY_BYTES = 5
_KEY_MASK = 0xFFFFFFFFFF  # 8 * _KEY_BYTES bits (a literal: the compiled constants are C ints)
#: Bits of the key hash: the bit table has ``2**16`` bits (8 KB).
_HASH_BITS = 16
#: Buckets of the pattern list: the hash's top ``_BUCKET_BITS`` bits.
_BUCKET_BITS = 10
#: ASCII lowering of a byte (``bytes.lower``).
_LOWER = bytes(c + 32 if 65 <= c <= 90 else c for c in range(256))


def _key(data: bytes) -> int:
    """The first ``_KEY_BYTES`` bytes as a big-endian integer (the loop's rolling window)."""
    key = 0
    for k in range(_KEY_BYTES):
        key = (key << 8) | data[k]
    return key


def _hash(key: int) -> int:
    return ((key * _HMUL) & _MASK64) >> (64 - _HASH_BITS)


def build_tables(patterns: list[bytes]) -> tuple | None:
    """Tables of :func:`lexicon_matches` for byte patterns (pattern ``i`` is reported as ``i``),
    or None when a pattern is shorter than ``_KEY_BYTES`` (the automaton then stays)."""
    if not patterns or any(len(p) < _KEY_BYTES for p in patterns):
        return None
    bits = [0] * (1 << (_HASH_BITS - 3))
    buckets: list[list[int]] = [[] for _ in range(1 << _BUCKET_BITS)]
    for i, p in enumerate(patterns):
        h = _hash(_key(p))
        bits[h >> 3] |= 1 << (h & 7)
        buckets[h >> (_HASH_BITS - _BUCKET_BITS)].append(i)
    starts = [0]
    order: list[int] = []
    for b in buckets:
        # longest first: the first pattern that matches at a position is the longest there
        # (two patterns of one length that both match are the same bytes: patterns are distinct)
        order += sorted(b, key=lambda i: (-len(patterns[i]), i))
        starts.append(len(order))
    flat = b"".join(patterns[i] for i in order)
    offsets = []
    at = 0
    for i in order:
        offsets.append(at)
        at += len(patterns[i])
    keys = [_key(patterns[i]) for i in order]
    lengths = [len(patterns[i]) for i in order]
    if not COMPILED:
        return (bytes(bits), starts, keys, offsets, lengths, order, flat)
    i32 = np.int32
    return (
        bytes(bits), np.array(starts, dtype=i32), np.array(keys, dtype=np.uint64),
        np.array(offsets, dtype=i32), np.array(lengths, dtype=i32), np.array(order, dtype=i32),
        flat,
    )


def lexicon_matches(raw, tables):  # types: artifacts_loops.pxd
    """``BytesAhoCorasick(patterns, matchkind=LeftmostLongest).find_matches_as_indexes(
    raw.lower())``: a list of ``(pattern index, start, end)``."""
    rb = raw
    bits = tables[0]
    starts = tables[1]
    keys = tables[2]
    offsets = tables[3]
    lengths = tables[4]
    order = tables[5]
    flat = tables[6]
    low = _LOWER
    nb = len(raw)
    out = []
    mask = _KEY_MASK
    hmul = _HMUL
    shift = 64 - _HASH_BITS
    bshift = _HASH_BITS - _BUCKET_BITS
    i = 0
    while i + _KEY_BYTES <= nb:
        # (re)start at i: the window holds the lowered bytes [i - 5, i) once filled
        key = 0
        for k in range(_KEY_BYTES - 1):
            key = (key << 8) | low[rb[i + k]]
        i += _KEY_BYTES - 1
        restart = False
        while i < nb:
            key = ((key << 8) | low[rb[i]]) & mask
            i += 1
            h = ((key * hmul) & _MASK64) >> shift
            if not (bits[h >> 3] >> (h & 7)) & 1:
                continue
            p = i - _KEY_BYTES
            b = h >> bshift
            for e in range(starts[b], starts[b + 1]):
                if keys[e] != key:
                    continue
                length = lengths[e]
                if p + length > nb:
                    continue
                off = offsets[e]
                k = _KEY_BYTES
                while k < length and low[rb[p + k]] == flat[off + k]:
                    k += 1
                if k == length:
                    out.append((order[e], p, p + length))
                    i = p + length  # go on after the match
                    restart = True
                    break
            if restart:
                break
    return out
