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


# --- Trie scans in place of the Aho-Corasick automata (typed round, 2026-11-23) -------------
# ``partisan`` runs two ``ahocorasick_rs`` automata over the ASCII-mapped bytes with
# leftmost-longest, non-overlapping matching: the 4,301 lexicon terms and the 12 first-person
# triggers. Leftmost-longest is defined as: the match with the leftmost start, among those the
# longest; the next match is searched from its end. :func:`trie_scan` computes exactly that by
# walking a trie of the terms from every start position (a dense transition table over the
# terms' byte classes, built by ``partisan._trie``): most walks stop after one or two bytes, and
# the table's top levels stay in the cache. ``bounds`` drops (only from the output, never from the
# scan: a dropped match still hides the matches overlapping it) matches whose previous byte
# (``bounds`` >= 1) or next byte (``bounds`` == 2) is an ASCII letter or digit: in
# ``ascii_low`` such a byte stands for an ``isalnum`` character (an ASCII one or the KELVIN SIGN),
# so ``partisan``'s own word-boundary check would drop them too.
_ALNUM = bytes(1 if (97 <= c <= 122 or 48 <= c <= 57) else 0 for c in range(256))


def _as_list(a):
    return a.tolist() if hasattr(a, "tolist") else a


def trie_scan(lb, cls, trans, term, ncls, bounds):  # types: partisan_loops.pxd
    """``[(term index, start, end), ...]``: the leftmost-longest non-overlapping matches of the
    trie's terms in ``lb`` (``cls``: byte -> class, 0 for bytes in no term; ``trans[node * ncls
    + class]``: the child node, 0 for none; ``term[node]``: the term ending there or -1)."""
    out = []
    alnum = _ALNUM
    if not COMPILED:  # Python ints (numpy uint16 arithmetic would wrap)
        trans = _as_list(trans)
        term = _as_list(term)
    n = len(lb)
    s = 0
    while s < n:
        node = 0
        best = -1
        idx = -1
        j = s
        while j < n:
            c = cls[lb[j]]
            if c == 0:
                break
            node = trans[node * ncls + c]
            if node == 0:
                break
            j += 1
            if term[node] >= 0:
                best = j
                idx = term[node]
        if best < 0:
            s += 1
            continue
        if bounds == 0 or not ((s > 0 and alnum[lb[s - 1]]) or (
                bounds == 2 and best < n and alnum[lb[best]])):
            out.append((idx, s, best))
        s = best
    return out


#: ``partisan._ASCII_WS`` as a table, and the ASCII line breaks of ``str.splitlines``.
_WS = bytes(1 if c in b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f " else 0 for c in range(256))
_BREAK = bytes(1 if c in b"\n\r\x0b\x0c\x1c\x1d\x1e" else 0 for c in range(256))


def text_stats(bo, lb):  # types: partisan_loops.pxd
    """``low_counts(lb)`` plus, from ``bo = ascii_bytes(text)[0]``, what ``partisan._word_stats``
    and ``partisan._odd_chars`` need, in the same pass: ``(words, ends, digits, first, length,
    caps, unsure, lines, marks)``.

    ``caps``: the whitespace-separated words of 4+ bytes with an ASCII capital, no ASCII lower-case
    letter and no "?" (``str.isupper`` is True for them: their other bytes are uncased ASCII);
    ``unsure``: ``[start, end, ...]`` of the 4+ byte words without ASCII lower case that hold a
    "?" (a non-ASCII character or "?": the caller asks ``str.isupper``). ``lines``: the segments
    between ASCII line breaks holding a non-space byte (``partisan._word_stats``' non-empty lines
    when the text has no non-ASCII whitespace). ``marks``: the offsets of the "?" bytes (every
    non-ASCII character and every "?"), or None when there are more than 256.

    One table look-up per byte gives its class, a second one (indexed by the previous and this
    class) the events at this byte (a word or a run of [a-z0-9] starts or ends, ". " pair, line
    break): most bytes have none, so the loop body is a few instructions without branches."""
    cls = _STAT_CLASS
    events = _STAT_EVENTS
    flags = _STAT_FLAGS
    n = len(lb)
    first = _ibuf(n // 2 + 1)
    length = _ibuf(n // 2 + 1)
    runs = 0
    words = 0
    ends = 0
    digits = 0
    prev = 3  # the padding tab before the text
    start = 0
    caps = 0
    lines = 0
    line_full = 0
    unsure = []
    marks = []
    n_marks = 0
    wstart = 0
    fl = 0
    for i in range(n + 1):
        if i < n:
            c = cls[lb[i]]
            b = bo[i]
        else:  # a tab after the text ends the last word and run
            c = 3
            b = 9
        ev = events[prev * 8 + c]
        if ev:
            # a word ends: a capitalised word of 4+ bytes, or one to ask about
            if ev & 2:  # noqa: SIM102
                if i - wstart >= 4 and not (fl & 2):
                    if fl & 4:
                        unsure.append(wstart)
                        unsure.append(i)
                    elif fl & 1:
                        caps += 1
            if ev & 1:  # a word starts (on a line that had none so far: a non-empty line)
                words += 1
                wstart = i
                fl = 0
                if not line_full:
                    lines += 1
                    line_full = 1
            if ev & 4:
                ends += 1
            if ev & 8:
                start = i
            if ev & 16:
                first[runs] = start
                length[runs] = i - start
                runs += 1
            if ev & 32:
                line_full = 0
        fl |= flags[b]
        digits += c == 6
        if b == 63:
            n_marks += 1
            if n_marks <= 256:
                marks.append(i)
        prev = c
    return (words, ends, digits, np.asarray(first[:runs]), np.asarray(length[:runs]), caps,
            unsure, lines, marks if n_marks <= 256 else None)


#: ``text_stats``' byte classes: 0 " ", 1 "\n", 2 the other ASCII line breaks of
#: ``str.splitlines``, 3 the other ASCII spaces, 4 "." "!", 5 anything else, 6 digit, 7 a-z
#: (``_LOW_CLASS`` refined: its 0 is 0-1, 1 is 2-3, 2 is 4, 3 is 5, 4 is 6, 5 is 7).
_STAT_CLASS = bytes(0 if c == 32 else 1 if c == 10 else 2 if c in b"\r\x0b\x0c\x1c\x1d\x1e"
                    else 3 if c in b"\t\x1f" else 4 if c in b".!" else 6 if 48 <= c <= 57
                    else 7 if 97 <= c <= 122 else 5 for c in range(256))
#: Events at a byte of class ``c`` after one of class ``p`` (``_STAT_EVENTS[p * 8 + c]``): 1 a
#: word starts, 2 a word ends, 4 a ". " pair, 8 an [a-z0-9] run starts, 16 one ends, 32 a line
#: break.
_STAT_EVENTS = bytes(
    (1 if p < 4 <= c else 0) | (2 if c < 4 <= p else 0) | (4 if p == 4 and c <= 1 else 0)
    | (8 if p < 6 <= c else 0) | (16 if c < 6 <= p else 0) | (32 if c in (1, 2) else 0)
    for p in range(8) for c in range(8))
#: Flags of a byte of ``bo``: 1 an ASCII capital, 2 an ASCII lower-case letter, 4 "?".
_STAT_FLAGS = bytes(1 if 65 <= c <= 90 else 2 if 97 <= c <= 122 else 4 if c == 63 else 0
                    for c in range(256))


_LETTER = bytes(1 if 97 <= c <= 122 else 0 for c in range(256))


def run_scan(lb, cls, trans, term, ncls, rtrans, rterm, bounds):  # types: partisan_loops.pxd
    """``trie_scan(lb, cls, trans, term, ncls, bounds)`` for ``bounds`` 1 or 2 (matches after
    a letter are dropped), walking from fewer positions.

    A match found at a position inside a run of ASCII letters a-z (not its first letter) follows
    a letter, so ``bounds`` drops it; it still matters to the scan if it reaches past the run's
    end (then it hides what starts there). It can only do so if its term has a non-letter byte
    and the run's rest from that position is the term's leading letters (``rtrans``/``rterm``:
    the trie of those leading letters, reversed, walked back from the run's end); the trie walk
    from each such position says whether a term really matches past the run's end. A run where
    none does is left at its end after the walk from its first letter (if the scan is not past
    it): every other match in it ends inside it and is dropped; a run where one does is scanned
    position by position as ``trie_scan`` does. Bytes outside
    runs are walked from one by one. The matches are those of ``trie_scan`` (tested)."""
    out = []
    alnum = _ALNUM
    letter = _LETTER
    if not COMPILED:
        trans = _as_list(trans)
        term = _as_list(term)
        rtrans = _as_list(rtrans)
        rterm = _as_list(rterm)
    n = len(lb)
    s = 0  # the scan position: matches start at or after it
    i = 0
    while i < n:
        if not letter[lb[i]]:
            if i >= s and cls[lb[i]] != 0:
                m = 0
                node = 0
                j = i
                while j < n:
                    c = cls[lb[j]]
                    if c == 0:
                        break
                    node = trans[node * ncls + c]
                    if node == 0:
                        break
                    j += 1
                    if term[node] >= 0:
                        m = j - i
                        idx = term[node]
                if m:
                    e = i + m
                    if not ((i > 0 and alnum[lb[i - 1]]) or (
                            bounds == 2 and e < n and alnum[lb[e]])):
                        out.append((idx, i, e))
                    s = e
            i += 1
            continue
        a = i
        b = i + 1
        while b < n and letter[lb[b]]:
            b += 1
        i = b
        if s >= b:
            continue
        lo = s if s > a + 1 else a + 1  # noqa: FURB136 (C comparisons when compiled)
        cand = 0
        node = 0
        k = b - 1
        while k >= lo:
            node = rtrans[node * ncls + cls[lb[k]]]
            if node == 0:
                break
            k -= 1
            if rterm[node]:  # the rest lb[k + 1:b] leads a term: does one match past b?
                m = 0
                node2 = 0
                j = k + 1
                while j < n:
                    c = cls[lb[j]]
                    if c == 0:
                        break
                    node2 = trans[node2 * ncls + c]
                    if node2 == 0:
                        break
                    j += 1
                    if term[node2] >= 0:
                        m = j
                if m > b:
                    cand = 1
                    break
        if cand:  # position by position, as ``trie_scan``
            p = s if s > a else a  # noqa: FURB136 (C comparisons when compiled)
            while p < b:
                m = 0
                node = 0
                j = p
                while j < n:
                    c = cls[lb[j]]
                    if c == 0:
                        break
                    node = trans[node * ncls + c]
                    if node == 0:
                        break
                    j += 1
                    if term[node] >= 0:
                        m = j - p
                        idx = term[node]
                if m:
                    e = p + m
                    if not ((p > 0 and alnum[lb[p - 1]]) or (
                            bounds == 2 and e < n and alnum[lb[e]])):
                        out.append((idx, p, e))
                    p = e
                else:
                    p += 1
            s = p
        else:  # only the first letter can start a match that reaches past the run
            p = b
            if s <= a:
                m = 0
                node = 0
                j = a
                while j < n:
                    c = cls[lb[j]]
                    if c == 0:
                        break
                    node = trans[node * ncls + c]
                    if node == 0:
                        break
                    j += 1
                    if term[node] >= 0:
                        m = j - a
                        idx = term[node]
                if m:
                    e = a + m
                    if not ((a > 0 and alnum[lb[a - 1]]) or (
                            bounds == 2 and e < n and alnum[lb[e]])):
                        out.append((idx, a, e))
                    if e > b:
                        p = e
            s = p
    return out


def nonzero_counts(counts, size, group_cols, group_starts):  # types: partisan_loops.pxd
    """``(cols, cnt, sums)`` for ``partisan._tfidf_dot_counts``: ``cols = np.flatnonzero(
    counts[:size])``, ``cnt = counts[cols]`` (intp arrays, ascending columns) and ``sums =
    np.add.reduceat(counts[group_cols], group_starts).tolist()`` (the groups are not empty), in
    one pass over the columns (integers: equal by construction)."""
    cbuf = np.empty(size, dtype=np.intp)
    vbuf = np.empty(size, dtype=np.intp)
    cview = cbuf
    vview = vbuf
    nz = 0
    for k in range(size):
        v = counts[k]
        if v:
            cview[nz] = k
            vview[nz] = v
            nz += 1
    sums = []
    ng = len(group_starts)
    for g in range(ng):
        lo = group_starts[g]
        hi = group_starts[g + 1] if g + 1 < ng else len(group_cols)
        t = 0
        for q in range(lo, hi):
            t += counts[group_cols[q]]
        sums.append(t)
    return cbuf[:nz], vbuf[:nz], sums
