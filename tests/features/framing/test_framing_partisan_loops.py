"""The compiled build's C loops for the model word counts (``partisan_loops``) give the numpy
versions' integers. Runs as whatever this process imported: compiled in a built tree, plain
Python in the source checkout (then the loops run as Python, slowly, but the same code)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from features.framing import partisan as P
from features.framing import partisan_loops as L

ALPHABET = ("abcdefghijklmnopqrstuvwxyz" * 4 + "0123456789" + " \n\t\r\x0b\x0c\x1c\x1f"
            + ".!?,;:'\"-_()" + "ABCXYZ\x00\x7f\xff?")
WORDS = ["the", "said", "i", "we", "you", "according", "statement", "trump", "x" * 17,
         "a" * 8, "b" * 9, "c" * 16, "reported", "2024", "covid19", "hyperpartisan", "."]


def _texts() -> list[bytes]:
    rng = random.Random(5)
    out = [b"", b" ", b"a", b"9", b".", b"a. b! c.\nd", b"x" * 40, b"\t" * 3]
    for _ in range(150):
        out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 200))).encode(
            "latin-1"))
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 300))).encode())
    return out


@pytest.mark.parametrize("lb", _texts())
def test_loop_low_counts_equal_numpy_low_counts(lb: bytes) -> None:
    got = L.low_counts(lb)
    want = P._numpy_low_counts(lb)
    assert got[:3] == want[:3]
    assert np.asarray(got[3]).tolist() == want[3].tolist()
    assert np.asarray(got[4]).tolist() == want[4].tolist()


@pytest.mark.parametrize("lb", _texts())
def test_loop_word_counts_equal_numpy_word_counts(lb: bytes) -> None:
    vocab = P._vocab_arrays(str(P.DATA_DIR / "hyperpartisan_model.json"))
    tab = vocab.table
    assert tab is not None
    first, length = P._numpy_low_counts(lb)[3:]
    if not len(first):
        return
    got = L.word_counts(lb, first, length, tab.keys, tab.x2, tab.t1, tab.t2, vocab.size)
    # the numpy path of partisan._word_counts, whatever this process runs
    loops, P._LOOPS = P._LOOPS, type("Plain", (), {"COMPILED": False})
    try:
        want, n = P._word_counts(lb, vocab, (first, length))
    finally:
        P._LOOPS = loops
    assert n == len(first)
    assert got.dtype == want.dtype and got.tolist() == want.tolist()
