"""Candidate generation (MinHash LSH banding) and verification of near-duplicate pairs.

Banding follows datasketch's ``MinHashLSH``: the number of bands ``b`` and rows ``r`` come from
``MinHashLSH(threshold, num_perm)``; the band tables themselves are built with numpy sorting
(one uint64 key per document and band, 100,000 x 51 bands = 41 MB) instead of one Python dict
entry per document and band, and candidate pairs come out as arrays ready for vectorised
verification.

A candidate pair becomes an edge when the estimated containment of the smaller document in the
larger one passes a threshold on either representation (see :mod:`.signatures`):
word shingles (verbatim, partial, shuffled copies) or content pairs (translations).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from scorer.provenance.signatures import Signature

#: Bucket size above which a band bucket is linked as a star (first member to each other) rather
#: than all pairs: huge buckets are exact duplicates or shared boilerplate, and all-pairs would be
#: quadratic.
MAX_BUCKET = 64


@lru_cache(maxsize=16)
def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` that datasketch's MinHashLSH picks for this Jaccard threshold."""
    from datasketch import MinHashLSH  # type: ignore[import-untyped]

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


@lru_cache(maxsize=MAX_BUCKET + 1)
def _triu(n: int) -> tuple[np.ndarray, np.ndarray]:
    ii, jj = np.triu_indices(n, k=1)
    return ii, jj


def _band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (document, band)."""
    n = sigs.shape[0]
    keys = np.zeros((n, bands), dtype=np.uint64)
    mult = np.uint64(0x9E3779B97F4A7C15)
    for bi in range(bands):
        h = np.full(n, bi + 1, dtype=np.uint64)
        for j in range(bi * rows, (bi + 1) * rows):
            h = (h * mult) ^ sigs[:, j].astype(np.uint64)
        keys[:, bi] = h
    return keys


def lsh_candidates(sigs: np.ndarray, valid: np.ndarray, threshold: float) -> np.ndarray:
    """Candidate pairs ``(i, j)``, ``i < j``, sharing at least one band bucket."""
    n, num_perm = sigs.shape
    bands, rows = band_params(threshold, num_perm)
    idx_valid = np.flatnonzero(valid)
    if len(idx_valid) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    keys = _band_keys(sigs[idx_valid], bands, rows)
    out: list[np.ndarray] = []
    for bi in range(bands):
        col = keys[:, bi]
        order = np.argsort(col, kind="stable")
        sc = col[order]
        brk = np.flatnonzero(sc[1:] != sc[:-1]) + 1
        starts = np.concatenate(([0], brk))
        ends = np.concatenate((brk, [len(sc)]))
        sizes = ends - starts
        two = sizes == 2
        if two.any():  # the common case, vectorised
            s2 = starts[two]
            out.append(np.stack([idx_valid[order[s2]], idx_valid[order[s2 + 1]]], axis=1))
        multi = sizes > 2
        for s, e in zip(starts[multi], ends[multi]):
            members = idx_valid[order[s:e]]
            if len(members) > MAX_BUCKET:
                first = members[0]
                out.append(np.stack([np.full(len(members) - 1, first), members[1:]], axis=1))
                out.append(np.stack([members[:-1], members[1:]], axis=1))
            else:
                ii, jj = _triu(len(members))
                out.append(np.stack([members[ii], members[jj]], axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out).astype(np.int64)
    pairs.sort(axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    code = pairs[:, 0] * n + pairs[:, 1]
    code = np.unique(code)
    return np.stack([code // n, code % n], axis=1)


def jaccard_est(sigs: np.ndarray, pairs: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """MinHash Jaccard estimates for pairs."""
    res = np.empty(len(pairs), dtype=np.float64)
    for s in range(0, len(pairs), chunk):
        p = pairs[s:s + chunk]
        res[s:s + chunk] = (sigs[p[:, 0]] == sigs[p[:, 1]]).mean(axis=1)
    return res


def containments(j: np.ndarray, na: np.ndarray, nb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Estimated containments ``|A∩B|/|A|`` and ``|A∩B|/|B|`` from a Jaccard estimate and the
    exact set sizes (``|A∩B| = J (|A|+|B|) / (1+J)``), clipped to [0, 1]."""
    inter = j * (na + nb) / (1.0 + j)
    ca = np.clip(inter / np.maximum(na, 1), 0.0, 1.0)
    cb = np.clip(inter / np.maximum(nb, 1), 0.0, 1.0)
    return ca, cb


@dataclass(frozen=True, slots=True)
class Edges:
    """Verified pairs with their directional containment estimates.

    ``cw_ab`` is the share of ``a``'s word shingles found in ``b``; ``cc_ab`` the same for
    content pairs.
    """

    a: np.ndarray
    b: np.ndarray
    cw_ab: np.ndarray
    cw_ba: np.ndarray
    cc_ab: np.ndarray
    cc_ba: np.ndarray

    def similarity(self) -> np.ndarray:
        """Edge strength: containment of the smaller side, best of the two representations."""
        return np.maximum(np.maximum(self.cw_ab, self.cw_ba), np.maximum(self.cc_ab, self.cc_ba))


def find_edges(sigs: list[Signature], word_threshold: float, content_threshold: float,
               min_shingles: int, lsh_word: float, lsh_content: float) -> Edges:
    """All verified near-duplicate or derivative pairs among the signatures."""
    n = len(sigs)
    if n < 2:
        e = np.zeros(0)
        return Edges(e.astype(np.int64), e.astype(np.int64), e, e, e, e)
    w = np.stack([s.words for s in sigs])
    c = np.stack([s.content for s in sigs])
    nw = np.array([s.n_words for s in sigs], dtype=np.float64)
    nc = np.array([s.n_content for s in sigs], dtype=np.float64)
    valid_w = nw >= min_shingles
    valid_c = nc >= min_shingles
    cand = np.concatenate([lsh_candidates(w, valid_w, lsh_word),
                           lsh_candidates(c, valid_c, lsh_content)])
    if len(cand):
        code = np.unique(cand[:, 0] * n + cand[:, 1])
        cand = np.stack([code // n, code % n], axis=1)
    ia, ib = cand[:, 0], cand[:, 1]
    jw = jaccard_est(w, cand)
    jc = jaccard_est(c, cand)
    cw_ab, cw_ba = containments(jw, nw[ia], nw[ib])
    cc_ab, cc_ba = containments(jc, nc[ia], nc[ib])
    ok_w = valid_w[ia] & valid_w[ib]
    ok_c = valid_c[ia] & valid_c[ib]
    cw_ab, cw_ba = np.where(ok_w, cw_ab, 0.0), np.where(ok_w, cw_ba, 0.0)
    cc_ab, cc_ba = np.where(ok_c, cc_ab, 0.0), np.where(ok_c, cc_ba, 0.0)
    keep = (np.maximum(cw_ab, cw_ba) >= word_threshold) | \
        (np.maximum(cc_ab, cc_ba) >= content_threshold)
    return Edges(ia[keep], ib[keep], cw_ab[keep], cw_ba[keep], cc_ab[keep], cc_ba[keep])


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label per node (union-find)."""
    parent = np.arange(n)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for x, y in zip(a.tolist(), b.tolist()):
        rx, ry = find(x), find(y)
        if rx != ry:
            if rx < ry:
                parent[ry] = rx
            else:
                parent[rx] = ry
    return np.array([find(i) for i in range(n)])
