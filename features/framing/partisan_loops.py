# cython: boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled build's loops for the model word counts of ``framing.partisan`` (speed round 5).

``partisan._low_counts`` and ``partisan._word_counts`` find the [a-z0-9] runs of the
ASCII-mapped text, pack each into two 64-bit words and look them up in the cuckoo table of the
model vocabulary, in about twenty numpy calls per document. When this module is compiled (Cython,
with the types in ``partisan_loops.pxd``; every index below is bounded by the byte string's
length or by the table sizes, so the directive line above turns index checks off), the same
counts come from two C loops over the bytes: :func:`low_counts` and :func:`word_counts`. Their
results are integers, equal to the numpy versions by construction (the same classes, the same
little-endian packing, the same 64-bit hashes with wrap-around and arithmetic shifts, the same
negative-slot wrap); the tests compare them on random and corpus texts. As plain Python
(``COMPILED`` False) ``partisan`` keeps the numpy versions.
"""

from __future__ import annotations

import numpy as np

try:
    import cython

    #: True in the compiled build (Cython), False when this file runs as plain Python.
    COMPILED = bool(cython.compiled)
except ImportError:  # Cython is only a build requirement
    COMPILED = False

#: ``partisan._LOW_CLASS``: 0 " " or "\n", 1 other ASCII space, 2 "." or "!", 3 other, 4 digit,
#: 5 a-z (repeated here so this module does not import partisan at import time).
_LOW_CLASS = bytes(
    0 if c in b" \n" else 1 if c in b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f " else 2 if c in b".!"
    else 4 if 48 <= c <= 57 else 5 if 97 <= c <= 122 else 3 for c in range(256)
)
_KEY_MUL = 0x9E3779B97F4A7C15
_H1_MUL = 0xC2B2AE3D27D4EB4F
_H2_MUL = 0x165667B19E3779F9
_MASK64 = (1 << 64) - 1


def _ibuf(n):  # types: partisan_loops.pxd
    return np.empty(n, dtype=np.intp) if COMPILED else [0] * n


def _counts_view(counts):  # types: partisan_loops.pxd
    """Where :func:`word_counts` counts: the array itself compiled, a list in plain Python."""
    return counts if COMPILED else [0] * len(counts)


def low_counts(lb):  # types: partisan_loops.pxd
    """``partisan._low_counts(lb)``: ``(words, ends, digits, first, length)``."""
    cls = _LOW_CLASS
    n = len(lb)
    first = _ibuf(n // 2 + 1)
    length = _ibuf(n // 2 + 1)
    runs = 0
    words = 0
    ends = 0
    digits = 0
    prev = 1  # the padding tab before the text
    start = 0
    for i in range(n):
        c = cls[lb[i]]
        if prev < 2 and c >= 2:
            words += 1
        if prev == 2 and c == 0:
            ends += 1
        if c == 4:
            digits += 1
        if c >= 4:
            if prev < 4:
                start = i
        elif prev >= 4:
            first[runs] = start
            length[runs] = i - start
            runs += 1
        prev = c
    if prev >= 4:
        first[runs] = start
        length[runs] = n - start
        runs += 1
    return words, ends, digits, np.asarray(first[:runs]), np.asarray(length[:runs])


def _word(lb, p, k):  # types: partisan_loops.pxd
    """Little-endian integer of the ``k`` (<= 8) bytes ``lb[p:p + k]``."""
    x = 0
    for j in range(k):
        b = lb[p + j]
        x |= b << (8 * j)
    return x


def _slot(key, mul):  # types: partisan_loops.pxd
    """``(key * mul).view(int64) >> 52`` as numpy computes it, wrapped to an index 0..4095."""
    h = (key * mul) & _MASK64
    s = (h >> 52) - (4096 if h >> 63 else 0)  # arithmetic shift of the int64 reading
    return s + 4096 if s < 0 else s


def word_counts(lb, first, length, keys, x2s, t1, t2, size):  # types: partisan_loops.pxd
    """``partisan._word_counts(lb, vocab, (first, length))[0]``: the column counts."""
    counts = np.zeros(size + 1, dtype=np.intp)
    out = _counts_view(counts)
    for r in range(len(first)):
        p = first[r]
        n = length[r]
        if n <= 16:
            x1 = _word(lb, p, min(8, n))
            x2 = _word(lb, p + 8, n - 8) if n > 8 else 0
        else:  # longer than any vocabulary word: both words 0, as the numpy masks make them
            x1 = 0
            x2 = 0
        key = ((x1 * _KEY_MUL) & _MASK64) ^ x2
        c1 = t1[_slot(key, _H1_MUL)]
        c2 = t2[_slot(key, _H2_MUL)]
        col = c1 if keys[c1] == key else c2
        if keys[col] == key and x2s[col] == x2:
            out[col] += 1
        else:
            out[size] += 1
    if not COMPILED:
        counts[:] = out
    return counts
