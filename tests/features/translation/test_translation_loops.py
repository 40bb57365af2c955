"""The compiled build's loop path (``profile_loops.loop_logits``) equals the numpy path bit for bit.

These tests run the loops as whatever this process imported: compiled (a built tree) or plain
Python (the source checkout), so both forms are checked where each is available.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from features.translation import profile as P
from features.translation import profile_loops as L
from features.translation.detector import load_model

FIXTURES = [
    "The mayor said on Monday that the bridge will reopen in May. The Hill reported it first.",
    (
        "Officials of The Ministry say that In the coming weeks the plan. of the government will "
        "change. Of course, nobody knows. It's what they've said, and we'll see; don't worry."
    ),
    "the the of of and and quan quan ciudad 3.5 percent 12,000 people (AP) -- “Quoted” ‘x’ $5",
    "COVID- 19 cases rose. in the region, officials said .The report , which was late : ok",
    "A",
    "",
    "   \n\t ",
    "THE END. The End. the end. THE The the. Of OF of",
    "word " * 900 + "The " * 10 + ". The. Of. And",
    "He’s here’s ’twas ’em ’sT rock’n’roll O’Neill’s don’t we’ve ‘quoted’ — dash – en … and • dot",
    "snake_case_words __init__ x_1 _A A_ 'ab 'abc 'a1 'A 'a_ 'a’ '’ ’’ 'd 'll 're",
    "internationalization counterrevolutionaries Uncharacteristically ANTIDISESTABLISHMENT",
    "café naïve São Paulo Zürich Δελτίο новости 東京 ٣٫٥ ١٢ ०९ x\u00a0y a\u2009b \x1c \x00 \ud800",
    "3.5.6,7 1,000,000. 4th 5G 1980s $3.2bn 50% (3) [4] {5} <6> a+b=c a/b a\\b a|b a~b a^b a`b",
    "e\u2019s and \u2018a\u2019 and \u201cab\u201d and \u2014 and \u2026 x\u2022y \u2010 \u2011",
]

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz" * 3 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "0123456789" + "   \n\t"
    + ".,;:!?()\"'-_/%$&*+=<>[]{}#@~^`|\\" + "’‘“”—–…•éüñ\u00a0\u2009\x1c\x0b\x7f"
)


def _texts() -> list[str]:
    rng = random.Random(8)
    words = ["the", "The", "THE", "said", "Said", "of", "quan", "reported", "Mr", "don't",
             "it’s", "“Yes,”", "—", "3.5", "U.S.", "well-known", "a_b", "Internationalization"]
    out = list(FIXTURES)
    for _ in range(60):
        out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 300))))
        out.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 120))))
    out.append(" ".join(rng.choice(words) for _ in range(1500)))  # longer than the sample
    return out


def _hex(result: tuple) -> tuple:
    rt, nn, n, dense = result
    return rt.hex(), nn.hex(), n, [float(x).hex() for x in dense]


@pytest.fixture(scope="module")
def model_tables() -> tuple:
    model = load_model()
    lt = L.loop_tables_for(model.tables)
    assert lt is not None
    return model, lt


@pytest.mark.parametrize("text", _texts())
def test_loop_logits_equal_numpy_logits_bit_for_bit(model_tables, text: str) -> None:
    model, lt = model_tables
    expected = P.numpy_logits(text, model.tables, model.dense_weights, model.biases)
    got = L.loop_logits(text, lt, model.dense_weights, tuple(model.biases))
    assert _hex(got) == _hex(expected)


def test_fast_logits_takes_the_loop_path_only_when_compiled(model_tables, monkeypatch) -> None:
    model, _ = model_tables
    called = []
    monkeypatch.setattr(L, "loop_logits", lambda *a: called.append(a) or (0.0, 0.0, 0, []))
    P.fast_logits("The plan was approved.", model.tables, model.dense_weights, model.biases)
    assert bool(called) == L.COMPILED


@pytest.mark.parametrize("seed", range(5))
def test_loop_ids_equal_the_chunk_memo_on_random_chunks(model_tables, seed: int) -> None:
    _, lt = model_tables
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40)))
        raw = text.encode("utf-8", "surrogatepass")
        out = np.zeros(len(text) + 1, dtype=np.int32) if L.COMPILED else [0] * (len(text) + 1)
        n = L._loop_ids(raw, raw, out, lt)
        joined = b"".join(P._chunk_pack(c) for c in raw.split())
        assert list(out[:n]) == np.frombuffer(joined, dtype=np.int16).tolist(), text


@pytest.mark.parametrize("m", [1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 66, 127, 128, 129, 200, 1000,
                               2047, 3001])
def test_pairwise_sum_is_numpys_complex_add_reduce(m: int) -> None:
    rng = np.random.default_rng(m)
    packed = rng.normal(size=50) * 10.0 ** rng.uniform(-4, 4, size=50) + 1j * rng.normal(size=50)
    packed[0] = 0
    rows = rng.integers(0, 50, size=m).astype(np.int32)
    rows[rng.random(m) < 0.4] = 0  # unweighted n-grams add zeros, as in the detector
    pk = packed.view(np.float64)
    if not L.COMPILED:
        pk, rows = pk.tolist(), rows.tolist()
    rr, ri = L._pairwise(pk, rows, 0, m)
    acc = np.add.reduce(packed.take(rows))
    assert ((0.0 + rr).hex(), (0.0 + ri).hex()) == (float(acc.real).hex(), float(acc.imag).hex())


def test_loop_punctuation_bytes_are_one_character_non_word_tokens() -> None:
    for x in L._E2_PUNCT:
        ch = bytes([0xE2, 0x80, x]).decode()
        assert re.fullmatch(r"[^\w\s]", ch)
        assert P._TOKEN_RE.findall(ch) == [ch]


def test_loop_word_keys_are_distinct_for_distinct_words() -> None:
    words = [w for w in P._vocab_bytes() if len(w) <= L._PACK_LETTERS]
    assert len({L._pack5(w) for w in words}) == len(words)
    assert L._pack5(b"Said") == L._pack5(b"said") != L._pack5(b"saidx")


def test_ascii_lexicon_automaton_finds_what_the_full_one_finds() -> None:
    from features.translation import artifacts as A

    lx = A.lexicons()
    assert lx.non_ascii_leads and all(len(b) == 1 and b[0] >= 0xC0 for b in lx.non_ascii_leads)
    foreign = [w for w in lx.foreign if not w.isascii()][:5] + [w for w in lx.foreign][:5]
    texts = [f"the report said that {w} the plan was late" for w in foreign]
    texts += [t.upper() for t in texts] + [t + " café “x” — y" for t in texts]
    texts += ["the Korea of the North and the states members said", "plain ascii text only"]
    for text in texts:
        raw = text.encode("utf-8", "surrogatepass")
        full = lx.combined_bytes.find_matches_as_indexes(raw.lower())
        expected = [(lx.combined_bytes_meta[i], s, e) for i, s, e in full]
        assert A.find_lexicon_hits_fast(text, raw) == A.find_lexicon_hits(text, A.ascii_lower(text))
        if not any(b in raw.lower() for b in lx.non_ascii_leads):
            small = lx.ascii_bytes.find_matches_as_indexes(raw.lower())
            assert [(lx.ascii_bytes_meta[i], s, e) for i, s, e in small] == expected
