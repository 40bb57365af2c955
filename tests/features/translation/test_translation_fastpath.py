"""The vectorised profile path (``profile.fast_logits``) equals the plain reference path."""

from __future__ import annotations

import pytest

from features.translation import profile as P
from features.translation.detector import load_model

FIXTURES = [
    "The mayor said on Monday that the bridge will reopen in May. The Hill reported it first.",
    (
        "Officials of The Ministry say that In the coming weeks the plan of the government will "
        "change. Of course, nobody knows. It's what they've said, and we'll see; don't worry."
    ),
    "the the of of and and quan quan ciudad 3.5 percent 12,000 people (AP) -- “Quoted” ‘x’ $5",
    "COVID- 19 cases rose. in the region, officials said .The report , which was late : ok",
    "A",
    "THE END. The End. the end. THE The the. Of OF of",
    "word " * 900 + "The " * 10 + ". The. Of. And",
]


def _reference(text: str) -> tuple[float, float, int, list[float]]:
    model = load_model()
    weights = {int(k): (float(w[0]), float(w[1])) for k, w in zip(model.keys, model.weights)}
    counts, n, dense = P.profile(text)
    rt, nn = P.linear_logits(
        counts,
        n,
        dense,
        weights,
        (list(model.dense_weights[0]), list(model.dense_weights[1])),
        model.biases,
    )
    return rt, nn, n, dense


@pytest.mark.parametrize("text", FIXTURES)
def test_fast_logits_equals_reference_path(text: str) -> None:
    model = load_model()
    rt, nn, n, dense = P.fast_logits(text, model.tables, model.dense_weights, model.biases)
    ref_rt, ref_nn, ref_n, ref_dense = _reference(text)
    assert n == ref_n
    assert rt == pytest.approx(ref_rt, abs=1e-9)
    assert nn == pytest.approx(ref_nn, abs=1e-9)
    assert dense == pytest.approx(ref_dense, abs=1e-12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("abc. def. ghi", 2), ("ab. cd", 0), ("abc. Def", 0), ("ABC. def", 0), ("xyz.  a", 0)],
)
def test_lower_after_period_counts_three_lowercase_letters_before(text: str, expected: int) -> None:
    assert P._lower_after_period(text) == expected


# --- artifacts: the byte-level fast path equals the plain str scans ------------------------------
import re

from features.translation import artifacts as A

ARTIFACT_FIXTURES = [
    "COVID- 19 rose. in the town. The mayor' s office said 3. 5 percent of Seoul -based firms",
    "He didn’ t go. . She went. . . then. .. and. . x the Institute. for Studies said",
    "Prices fell. ٣ percent. ١٢ dollars. “Quoted.” said. ‘x’ he’ s here. 4. 5 million",
    "Korea of the North and the states members met; TAMBIÉN según the plan, también nobody",
    "the plan también the people and Según the MÁS word más here",
    "Kelvin \u212a: korea of the north and the \u212aorea of the north, también again",
    "İstanbul: korea of the north, the plan también the people",
    "emoji 😀 korea of the north 😀. then. the 😀 - word",
    "lone \udc80 surrogate. then the korea of the north plan",
    "no-break\u00a0space. then\u2009thin space, korea\u00a0of the north",
    "this article was machine translated. this article was machine translated",
    "a. b. c. d. e. f. g. h. lowercase style. again. and. so. on. the end. more. words",
    "Mr. smith. et al. found. vs. the U.S. officials. pic.twitter.com/x today. www.site.com",
    "pre- and post-war, mid- to late-1990s, ex- officials, well- known",
    "",
    "x",
    "- a",
    ". .",
]


@pytest.mark.parametrize("text", ARTIFACT_FIXTURES)
def test_find_all_equals_reference_path(text: str) -> None:
    assert A.find_all(text) == A.find_all_reference(text)
    for _code, s, e, _msg, _w in A.find_all(text):
        assert 0 <= s < e <= len(text)


@pytest.mark.parametrize("text", ARTIFACT_FIXTURES)
def test_candidates_equal_str_pattern_scans(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    hyph, lower, digit, space_hyph, quotes = A.candidates(text, raw)
    assert hyph == A._cands(A._HYPHEN_CAND_RE, text)
    assert lower == A._cands(A._LOWER_PERIOD_CAND_RE, text)
    assert digit == A._cands(A._DIGIT_PERIOD_CAND_RE, text)
    assert space_hyph == A._cands(A._SPACE_HYPHEN_CAND_RE, text)
    assert quotes == sorted(p for rx in A._QUOTE_SPACE_CAND_RES for p in A._cands(rx, text))


@pytest.mark.parametrize("text", ARTIFACT_FIXTURES)
def test_lexicon_hits_fast_equal_str_scan(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    assert A.find_lexicon_hits_fast(text, raw) == A.find_lexicon_hits(text, A.ascii_lower(text))


def test_lexicon_fast_path_finds_untranslated_word_next_to_uppercase_variant() -> None:
    text = "the plan también the people and TAMBIÉN the rest"
    hits = A.find_lexicon_hits_fast(text, text.encode())
    assert [text[s:e] for _c, s, e, _m, _w in hits] == ["también"]


def _lowercase_style_reference(text: str, sample: int = 20000) -> bool:
    lower = upper = 0
    for m in A._PERIOD_LETTER_RE.finditer(text[:sample]):
        if m.group(0)[-1].islower():
            lower += 1
        else:
            upper += 1
    return lower >= 5 and lower > 0.3 * (lower + upper)


@pytest.mark.parametrize(
    "text",
    [
        "a. b. c. d. e. f. g.",
        "ab. cd. ef. gh. ij. kl. mn.  op.   qr.    st. uv",
        "x. Y. z. a. b. c. d. e",
        "i.e. e.g. a.m. p.m. u.s. x.y. etc. it. is. ok",
        "One. two. three. four. five. six. Seven. Eight.",
        "",
    ],
)
def test_lowercase_style_equals_finditer_reference(text: str) -> None:
    assert A.lowercase_style(text) == _lowercase_style_reference(text)
    assert A.lowercase_style(text * 50, sample=301) == _lowercase_style_reference(
        text * 50, sample=301
    )


def test_nd_lead_bytes_cover_every_unicode_digit() -> None:
    digit = re.compile(r"\d")
    leads = {
        chr(cp).encode("utf-8", "surrogatepass")[0]
        for cp in range(0x80, 0x110000)
        if digit.match(chr(cp))
    }
    assert leads <= set(A._ND_LEAD_BYTES)


def test_astral_characters_never_lowercase_into_the_bmp() -> None:
    # artifacts._case_preimages scans the BMP only; this is what makes that enough.
    for cp in range(0x10000, 0x110000):
        ch = chr(cp)
        low = ch.lower()
        assert len(low) == 1
        assert low == ch or ord(low) >= 0x10000


# --- profile: bytes chunks equal the reference tokenisation --------------------------------------
PROFILE_FIXTURES = [
    "no-break\u00a0space\u00a0The\u2009thin The\u3000ideographic of\x1cfile sep The end.",
    "lone \udc80 surrogate The of, and 😀 The emoji; café_x İstanbul \u212a of THE",
    "Il a dit «\u00a0non\u00a0». The minister’s office said it’s “fine”… The end",
]


@pytest.mark.parametrize("text", PROFILE_FIXTURES)
def test_fast_logits_equals_reference_path_on_unicode_whitespace(text: str) -> None:
    model = load_model()
    got = P.fast_logits(text * 20, model.tables, model.dense_weights, model.biases)
    ref = _reference(text * 20)
    assert got[2] == ref[2]
    assert got[0] == pytest.approx(ref[0], abs=1e-9)
    assert got[1] == pytest.approx(ref[1], abs=1e-9)
    assert got[3] == pytest.approx(ref[3], abs=1e-12)


@pytest.mark.parametrize("text", ["abc. def. ghi", "ab. cd", "é abc. def", "xyz.  a"])
def test_lower_after_period_same_on_utf8_bytes(text: str) -> None:
    assert P._lower_after_period(text.encode("utf-8")) == P._lower_after_period(text)


def test_chunk_ids_are_native_int16_like_the_reader() -> None:
    # _chunk_ids packs with array("h"); fast_logits reads np.int16: both native 2-byte ints.
    import numpy as np

    packed = P._chunk_ids("Officials,")
    assert np.frombuffer(packed, dtype=np.int16).tolist() == [
        P._classify(t) for t in P._TOKEN_RE.findall("Officials,")
    ]


# --- cold path: new chunks, memchr candidate scans (random strings from a hand-written alphabet) -
import random

_PIECES = [
    *"aZbQ.,;:!?()\"'-_’“”‘–—…0123456789éÉ²٣€Ⓚ\u2000\u00a0x",
    "the",
    "The",
    "THE",
    "said",
    "em",
    "s",
    "t",
    "U.S.",
    "3.5",
    "Mayor",
    "qzxv",
    "\udc80",
    "😀",
    "\x1c",
    " ",
    " ",
    "- ",
    " -",
    "' ",
    "’ ",
]


def _random_strings(seed: int, n: int, max_pieces: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, max_pieces))) for _ in range(n)
    ]


def test_chunk_memo_packs_new_chunks_like_chunk_ids() -> None:
    # __missing__ takes shortcuts (a word alone, a known word with punctuation around it).
    memo = P._ChunkMemo()
    memo.limit = 10_000
    for s in _random_strings(11, 3000, 6):
        for chunk in s.encode("utf-8", "surrogatepass").split():
            want = P._chunk_ids(chunk.decode("utf-8", "surrogatepass"))
            assert memo[chunk] == want, chunk
            assert memo[chunk] == want, chunk  # and as kept


def test_chunk_memo_stops_growing_at_its_limit() -> None:
    memo = P._ChunkMemo()
    memo.limit = 3
    for word in (b"alpha", b"beta", b"gamma,", b"delta", b"epsilon"):
        assert memo[word] == P._chunk_ids(word.decode())
    assert len(memo) <= 3


@pytest.mark.parametrize("budget", [200, 0, 1, 3])
def test_memchr_candidate_scans_equal_regex_scans(budget: int, monkeypatch) -> None:
    monkeypatch.setattr(A, "_VISIT_BUDGET", budget)
    for s in _random_strings(5, 3000, 12):
        raw = s.encode("utf-8", "surrogatepass")
        assert A._hyphen_cands(raw) == (
            [m.start() for m in A._B_HYPHEN_RE.finditer(raw)],
            [m.start() - 1 for m in A._B_SPACE_HYPHEN_RE.finditer(raw)],
        ), s
        assert A._quote_cands(raw) == [m.start() for m in A._B_APOS_RE.finditer(raw)], s
        assert A._curly_cands(raw) == [m.start() for m in A._B_CURLY_RE.finditer(raw)], s


def test_fast_logits_equals_reference_path_on_random_texts() -> None:
    model = load_model()
    for s in _random_strings(7, 150, 80):
        text = s + " The mayor said. The plan of the city, the end"
        got = P.fast_logits(text, model.tables, model.dense_weights, model.biases)
        ref = _reference(text)
        assert got[2] == ref[2]
        assert got[0] == pytest.approx(ref[0], abs=1e-9)
        assert got[1] == pytest.approx(ref[1], abs=1e-9)
        assert got[3] == pytest.approx(ref[3], abs=1e-12)


def test_find_all_equals_reference_path_on_random_texts() -> None:
    for s in _random_strings(9, 400, 40):
        text = s + " the Institute. for the korea of the north plan"
        assert A.find_all(text) == A.find_all_reference(text), text


def test_word_pack_equals_classify() -> None:
    words = [w for w in P.english_vocab() if w.isascii() and w.isalpha()]
    assert len(words) > 50_000
    words += [w for w in P.FUNCTION_WORDS if w.isalpha()] + ["qzxv", "a", "i", "zz", "Q"]
    for w in words:
        for form in (w, w.capitalize(), w.upper(), w.swapcase(), w[:1] + w[1:].upper()):
            got = P._word_pack(form.encode("ascii"))
            assert got == P._PACKED_ID[P._classify(form)], form
