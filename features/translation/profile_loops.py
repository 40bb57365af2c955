# cython: boundscheck=False, wraparound=False, initializedcheck=False
"""The compiled build's loops for :func:`features.translation.profile.fast_logits`.

``profile.numpy_logits`` spends most of its time in Python-level work per document: a dict lookup
per whitespace chunk in a memo that grows to 200,000 chunks (its entries and bytes objects are
scattered over megabytes, so lookups miss the CPU cache when other detectors run in between) and
about fifteen numpy calls. When this module is compiled (Cython, with the types in
``profile_loops.pxd``; the directive line above turns off index checks here, and every index is
bounded by construction, see the comments), ``fast_logits`` runs :func:`loop_logits` instead: one
pass over the sample's UTF-8 bytes that tokenises and classifies in C loops, and n-gram look-ups
in small open-addressing tables (~230 KB in all, against ~1.1 MB of dense numpy tables). The
result is the same, bit for bit:

- tokens: a whitespace chunk of printable ASCII plus the common punctuation ‘ ’ “ ” – — … • is
  tokenised by the loop exactly as ``profile._TOKEN_RE`` does (tested against
  ``profile._chunk_pack`` on random chunks); any other chunk (other non-ASCII characters, control
  bytes) goes through ``profile._CHUNK_CACHE`` as before;
- words: ``profile._word_pack``'s function-word and vocabulary look-ups, for words of up to 12
  letters from tables of 5-bit packed letters (exact keys, no fingerprints); longer lowercase
  words ask ``profile._VOCAB_BYTES``;
- the n-gram weights are summed in numpy's own order for ``np.add.reduce`` of complex128 (0 plus
  the pairwise sum of the gathered rows: four running sums up to 64 elements, halved above), over
  the same rows in the same order, so the floats are identical;
- the dense features are the same counts; their dot product with the dense weights stays a numpy
  call (its BLAS kernel decides the rounding).

As plain Python (``COMPILED`` False) ``fast_logits`` keeps the numpy path; the loops run here too,
slowly, and the tests check that both agree (tests/features/translation/
test_translation_loops.py).
"""

from __future__ import annotations

import sys

import numpy as np

from . import profile as _P
from .profile import (
    _CHUNK_CACHE,
    _FLAGS,
    _SENT_END,
    _SYMBOL_ID,
    _V,
    FUNCTION_WORDS,
    ProfileTables,
    _vocab_bytes,
    sample,
)

try:
    import cython

    #: True in the compiled build (Cython), False when this file runs as plain Python.
    COMPILED = bool(cython.compiled)
except ImportError:  # Cython is only a build requirement
    COMPILED = False

_C = _P._C
_L = _P._L
_U = _P._U
_N = _P._N
_X = _P._X
_O = _P._O

#: Byte classes of the loop tokeniser: 0 anything else (the chunk takes the memo path), 1 a-z,
#: 2 A-Z, 3 digit, 4 "_" (a word character that starts no token), 5 other printable ASCII
#: (a one-character token), 6 ASCII whitespace (``bytes.split``'s), 7 0xE2 (maybe one of
#: ``_E2_PUNCT``).
_BCLASS = bytes(
    1 if 97 <= c <= 122 else 2 if 65 <= c <= 90 else 3 if 48 <= c <= 57 else 4 if c == 95
    else 5 if 33 <= c <= 126 else 6 if c in b" \t\n\r\x0b\x0c" else 7 if c == 0xE2 else 0
    for c in range(256)
)
#: Third bytes of the UTF-8 punctuation e2 80 xx the loop knows: ‘ ’ “ ” – — … • (none is a
#: word or space character; each is a one-character token, ’ may start a contraction).
_E2_PUNCT = b"\x98\x99\x9c\x9d\x93\x94\xa6\xa2"
#: Words of at most this many letters are packed into one integer key (5 bits a letter).
_PACK_LETTERS = 12
_HMUL = 0x9E3779B97F4A7C15
_MASK64 = (1 << 64) - 1
_VOCAB_BITS = 17
_FUNC_BITS = 9
_NGRAM_BITS = 13


def _pack5(word: bytes) -> int:
    """Key of an ASCII word of 1-12 letters, either case: 5 bits a letter (a/A = 1), first
    letter lowest. Injective (no letter is 0)."""
    key = 0
    for k, c in enumerate(word):
        key |= ((c | 32) - 96) << (5 * k)
    return key


def _slot(key: int, bits: int) -> int:
    return ((key * _HMUL) & _MASK64) >> (64 - bits)


def _insert(table: list, key: int, bits: int, entry: int, empty: int) -> int:
    """Put ``entry`` at ``key``'s first free slot (linear probing); returns the slot."""
    mask = (1 << bits) - 1
    h = _slot(key, bits)
    while table[h] != empty:
        h = (h + 1) & mask
    table[h] = entry
    return h


def _loop_tables(tables: ProfileTables) -> tuple | None:
    """The compact tables of :func:`loop_logits` for ``dense_tables`` output (None if a model does
    not fit them: it then keeps the numpy path)."""
    index, prefix_offsets, tri_rows, packed = tables
    v = _V
    index_l = index.tolist()
    offsets = prefix_offsets.tolist()
    if len(packed) >= 1 << 15 or len(tri_rows) // v >= 1 << 16:
        return None
    uni = [int(index_l[a]) for a in range(v)]
    bi_tab = [-1] * (1 << _NGRAM_BITS)
    n_bi = 0
    for d in range(v, len(index_l)):
        row, slot = int(index_l[d]), int(offsets[d]) // v
        if row or slot:
            n_bi += 1
            if n_bi > (1 << _NGRAM_BITS) // 2:
                return None
            _insert(bi_tab, d, _NGRAM_BITS, (d << 32) | (row << 16) | slot, -1)
    tri_tab = [-1] * (1 << _NGRAM_BITS)
    live = np.flatnonzero(tri_rows).tolist()
    if len(live) > (1 << _NGRAM_BITS) // 2:
        return None
    for k in live:
        _insert(tri_tab, k, _NGRAM_BITS, (k << 32) | int(tri_rows[k]), -1)
    words = [w for w in dict.fromkeys(FUNCTION_WORDS) if w.isascii() and w.isalpha()]
    if any(len(w) > _PACK_LETTERS for w in words):
        return None
    func_keys = [0] * (1 << _FUNC_BITS)
    func_ids = [-1] * (1 << _FUNC_BITS)
    for w in words:
        key = _pack5(w.encode())
        func_ids[_insert(func_keys, key, _FUNC_BITS, key, 0)] = _SYMBOL_ID[w]
    vocab_keys = [0] * (1 << _VOCAB_BITS)
    vocab = [w for w in _vocab_bytes() if len(w) <= _PACK_LETTERS]
    if len(vocab) > (1 << _VOCAB_BITS) // 2:
        return None
    for w in vocab:
        key = _pack5(w)
        _insert(vocab_keys, key, _VOCAB_BITS, key, 0)
    punct = [_SYMBOL_ID.get(chr(c), _X) if _BCLASS[c] == 5 else _X for c in range(256)]
    e2 = [-1] * 256
    for x in _E2_PUNCT:
        ch = bytes([0xE2, 0x80, x]).decode()
        # ``_classify`` reads a token starting with "’" as "'" plus the rest: a lone ’ is "'"
        e2[x] = _SYMBOL_ID.get("'" if ch == "’" else ch, _X)
    # "'" or "’" then one or two lowercase letters: index 27 * first + second (0: none)
    apos = [_X] * (27 * 27)
    for a in range(1, 27):
        for b in range(27):
            tail = chr(96 + a) + (chr(96 + b) if b else "")
            apos[27 * a + b] = _SYMBOL_ID.get("'" + tail, _X)
    flags = [int(f) for f in _FLAGS.tolist()]
    sent_end = [1 if i in _SENT_END else 0 for i in range(v)]
    pk = np.ascontiguousarray(packed).view(np.float64)
    if not COMPILED:  # the plain-Python run of the loop (tests): Python ints, exact
        return (uni, bi_tab, tri_tab, pk.tolist(), func_keys, func_ids, vocab_keys, punct, e2,
                apos, flags, sent_end)
    i32 = np.int32
    return (
        np.array(uni, dtype=i32), np.array(bi_tab, dtype=np.int64),
        np.array(tri_tab, dtype=np.int64), pk.copy(), np.array(func_keys, dtype=np.uint64),
        np.array(func_ids, dtype=i32), np.array(vocab_keys, dtype=np.uint64),
        np.array(punct, dtype=i32), np.array(e2, dtype=i32), np.array(apos, dtype=i32),
        np.array(flags, dtype=i32), np.array(sent_end, dtype=i32),
    )


#: ``id(tables) -> (tables, loop tables or None)`` (the tables are kept so the id stays theirs).
_LOOP_TABLES: dict[int, tuple] = {}


def loop_tables_for(tables: ProfileTables) -> tuple | None:
    """``_loop_tables(tables)``, built once per tables object."""
    hit = _LOOP_TABLES.get(id(tables))
    if hit is not None and hit[0] is tables:
        return hit[1]
    lt = _loop_tables(tables)
    if len(_LOOP_TABLES) >= 8:
        _LOOP_TABLES.clear()
    _LOOP_TABLES[id(tables)] = (tables, lt)
    return lt


def _find(table, key, bits):  # types: profile_loops.pxd
    """The entry of ``key`` in a ``(key << 32) | value`` table, or -1."""
    mask = (1 << bits) - 1
    h = ((key * _HMUL) & _MASK64) >> (64 - bits)
    e = table[h]
    while e != -1:
        if (e >> 32) == key:
            return e
        h = (h + 1) & mask
        e = table[h]
    return -1


def _in_keys(table, key, bits):
    """The slot of ``key`` in a table of keys (0: empty), or -1."""
    mask = (1 << bits) - 1
    h = ((key * _HMUL) & _MASK64) >> (64 - bits)
    e = table[h]
    while e != 0:
        if e == key:
            return h
        h = (h + 1) & mask
        e = table[h]
    return -1


def _pairwise(pk, rows, lo, m):
    """numpy's pairwise sum (``CDOUBLE_pairwise_sum``) of the complex rows ``rows[lo:lo + m]``
    of ``pk`` (real and imaginary parts interleaved)."""
    if m < 4:
        rr = -0.0
        ri = -0.0
        for i in range(lo, lo + m):
            r = rows[i] * 2
            rr += pk[r]
            ri += pk[r + 1]
        return rr, ri
    if m <= 64:
        r = rows[lo] * 2
        r0 = pk[r]
        r1 = pk[r + 1]
        r = rows[lo + 1] * 2
        r2 = pk[r]
        r3 = pk[r + 1]
        r = rows[lo + 2] * 2
        r4 = pk[r]
        r5 = pk[r + 1]
        r = rows[lo + 3] * 2
        r6 = pk[r]
        r7 = pk[r + 1]
        i = lo + 4
        stop = lo + m - (m % 4)
        while i < stop:
            r = rows[i] * 2
            r0 += pk[r]
            r1 += pk[r + 1]
            r = rows[i + 1] * 2
            r2 += pk[r]
            r3 += pk[r + 1]
            r = rows[i + 2] * 2
            r4 += pk[r]
            r5 += pk[r + 1]
            r = rows[i + 3] * 2
            r6 += pk[r]
            r7 += pk[r + 1]
            i += 4
        rr = (r0 + r2) + (r4 + r6)
        ri = (r1 + r3) + (r5 + r7)
        while i < lo + m:
            r = rows[i] * 2
            rr += pk[r]
            ri += pk[r + 1]
            i += 1
        return rr, ri
    half = (m - m % 8) // 2
    a_r, a_i = _pairwise(pk, rows, lo, half)
    b_r, b_i = _pairwise(pk, rows, lo + half, m - half)
    return a_r + b_r, a_i + b_i


def _letters_id(raw, rb, p, q, n_lower, func_keys, func_ids, vocab_keys):
    """``_word_pack(raw[p:q])`` as an id (capitalised function words as ``-(id + 1)``)."""
    length = q - p
    key = 0
    if length <= 12:
        for k in range(length):
            code = (rb[p + k] | 32) - 96  # a 64-bit integer in the compiled build (.pxd)
            key |= code << (5 * k)
        h = _in_keys(func_keys, key, 9)
        if h >= 0:
            return func_ids[h] if n_lower == length else -(func_ids[h] + 1)
    if n_lower == length:
        if length <= 12:
            return _L if _in_keys(vocab_keys, key, 17) >= 0 else _O
        return _L if raw[p:q] in (_P._VOCAB_BYTES or _vocab_bytes()) else _O
    return _U if (length > 1 and n_lower == 0) else _C


def _apos_len(rb, p, end):
    """Letters of a contraction ``'[a-z]{1,2}\\b`` whose letters start at ``p`` (chunk ends at
    ``end``): 1 or 2, or 0 when there is none."""
    k = 0
    while k < 3 and p + k < end and 97 <= rb[p + k] <= 122:
        k += 1
    if k == 0 or k == 3:
        return 0
    if p + k < end:
        c = _BCLASS[rb[p + k]]
        if 1 <= c <= 4:  # a word character after the letters: no boundary
            return 0
    return k


def _loop_ids(raw, rb, out, lt):  # types: profile_loops.pxd
    """Writes the sample's symbol ids to ``out`` (capitalised function words as ``-(id + 1)``,
    resolved later), as ``_CHUNK_CACHE`` packs them; returns how many."""
    func_keys = lt[4]
    func_ids = lt[5]
    vocab_keys = lt[6]
    punct = lt[7]
    e2 = lt[8]
    apos = lt[9]
    bclass = _BCLASS
    nb = len(raw)
    n = 0
    i = 0
    little = _LITTLE
    while i < nb:
        c = bclass[rb[i]]
        if c == 6:
            i += 1
            continue
        # the chunk [i, j) and whether the loop knows all its bytes
        j = i
        simple = True
        while j < nb:
            c = bclass[rb[j]]
            if c == 6:
                break
            if c == 0:
                simple = False
            elif c == 7:
                if j + 2 < nb and rb[j + 1] == 0x80 and e2[rb[j + 2]] >= 0:
                    j += 2
                else:
                    simple = False
            j += 1
        if not simple:
            packed = _CHUNK_CACHE[raw[i:j]]
            for k in range(0, len(packed), 2):
                if little:
                    x = packed[k] | (packed[k + 1] << 8)
                else:
                    x = (packed[k] << 8) | packed[k + 1]
                out[n] = x - 65536 if x >= 32768 else x
                n += 1
            i = j
            continue
        p = i
        while p < j:
            c = bclass[rb[p]]
            if c == 1 or c == 2:
                q = p
                n_lower = 0
                while q < j:
                    c = bclass[rb[q]]
                    if c == 1:
                        n_lower += 1
                    elif c != 2:
                        break
                    q += 1
                out[n] = _letters_id(raw, rb, p, q, n_lower, func_keys, func_ids, vocab_keys)
                n += 1
                p = q
            elif c == 3:
                q = p + 1
                while q < j and (bclass[rb[q]] == 3 or rb[q] == 46 or rb[q] == 44):
                    q += 1
                out[n] = _N
                n += 1
                p = q
            elif c == 4:
                p += 1
            elif c == 5:
                k = _apos_len(rb, p + 1, j) if rb[p] == 39 else 0
                if k:
                    out[n] = apos[27 * (rb[p + 1] - 96) + (rb[p + 2] - 96 if k == 2 else 0)]
                    p += 1 + k
                else:
                    out[n] = punct[rb[p]]
                    p += 1
                n += 1
            else:  # e2 80 xx, one of _E2_PUNCT
                k = _apos_len(rb, p + 3, j) if rb[p + 2] == 0x99 else 0
                if k:
                    out[n] = apos[27 * (rb[p + 3] - 96) + (rb[p + 4] - 96 if k == 2 else 0)]
                    p += 3 + k
                else:
                    out[n] = e2[rb[p + 2]]
                    p += 3
                n += 1
        i = j
    return n


_LITTLE = sys.byteorder == "little"


def _ibuf(n: int) -> object:
    """A buffer of ``n`` ints: int32 numpy for the compiled loop, a list in plain Python."""
    return np.empty(n, dtype=np.int32) if COMPILED else [0] * n


def loop_logits(text, lt, dense_weights, biases):  # types: profile_loops.pxd
    """``fast_logits`` by loops (the compiled build's path; see above)."""
    s = sample(text)
    raw = s.encode("utf-8", "surrogatepass")
    rb = raw
    nb = len(raw)
    v = _V
    ids = _ibuf(len(s) + 1)
    n = _loop_ids(raw, rb, ids, lt)
    # dense counts on the bytes (ASCII patterns: the same on UTF-8 bytes as on the str)
    space_punct = 0
    lower_after = 0
    for i in range(nb - 1):
        x = rb[i]
        if x == 32:
            y = rb[i + 1]
            if y == 44 or y == 59 or y == 58 or y == 46:
                space_punct += 1
        elif x == 46 and 3 <= i < nb - 2 and rb[i + 1] == 32 and 97 <= rb[i + 2] <= 122 and (
                97 <= rb[i - 1] <= 122 and 97 <= rb[i - 2] <= 122 and 97 <= rb[i - 3] <= 122):
            lower_after += 1
    per = 100.0 / max(n, 1)
    double_space = raw.count(b"  ") * per
    if n == 0:
        dense = [double_space, space_punct * per, lower_after * per, 0.0, 0.0, 0.0]
        return biases[0], biases[1], 0, dense
    uni = lt[0]
    bi_tab = lt[1]
    tri_tab = lt[2]
    pk = lt[3]
    flags = lt[10]
    sent_end = lt[11]
    # resolve capitalised function words (the text start counts as a sentence end)
    prev = _SYMBOL_ID["."]
    for k in range(n):
        x = ids[k]
        if x < 0:
            ids[k] = -x - 1 if (prev >= 0 and sent_end[prev]) else _C
        prev = x
    # rows in the order fast_logits gathers them: unigrams, bigrams, weighted trigrams
    rows = _ibuf(3 * n)
    n_rows = n + n - 1
    c1 = 0
    c3 = 0
    c4 = 0
    repeats = 0
    a = ids[0]
    rows[0] = uni[a]
    f = flags[a]
    if f == 1:
        c1 += 1
    elif f == 3:
        c3 += 1
    elif f == 4:
        c4 += 1
    for k in range(1, n):
        b = ids[k]
        rows[k] = uni[b]
        f = flags[b]
        if f == 1:
            c1 += 1
        elif f == 3:
            c3 += 1
        elif f == 4:
            c4 += 1
            if b == a:
                repeats += 1
        d = a * v + b + v
        e = _find(bi_tab, d, 13)
        if e == -1:
            rows[n + k - 1] = 0
        else:
            rows[n + k - 1] = (e >> 16) & 0xFFFF
            slot = e & 0xFFFF
            if slot and k + 1 < n:
                e = _find(tri_tab, slot * v + ids[k + 1], 13)
                if e != -1:
                    rows[n_rows] = e & 0xFFFF  # rows < 2**15 (checked by _loop_tables)
                    n_rows += 1
        a = b
    rr, ri = _pairwise(pk, rows, 0, n_rows)
    rr = 0.0 + rr
    ri = 0.0 + ri
    sentences = c3
    words = n - (c1 + sentences)
    dense = [
        double_space,
        space_punct * per,
        lower_after * per,
        repeats * per,
        min(words / max(sentences, 1), 80.0) / 10.0,
        c4 / max(words, 1),
    ]
    dd = (dense_weights @ np.array(dense)).tolist()
    return biases[0] + rr / n + dd[0], biases[1] + ri / n + dd[1], n, dense
