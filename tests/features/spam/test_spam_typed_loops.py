"""The character-loop versions that the compiled build uses (features/spam/*.pxd) give exactly
the results of the plain-Python versions (run here as plain Python, on texts written for the
edge cases and on random texts over a small alphabet that hits every branch)."""

from __future__ import annotations

import random

import pytest

from features.spam import injected, normalize

_EDGE_TEXTS = [
    "",
    " ",
    "The council met. Cheap Rolex outlet sale Milano escort bags here The vote was close.",
    "It rained. The end.  Mr. Smith said so. Mrs. Jones agreed! Dr. Who? Ms. Lee nodded.",
    "Prices rose 5%. BEST deals online cheap cheap shop\nnow. On Monday it fell.",
    "Sales fell.  HERMES bags | Milano escort | Gucci belts. Officials said the vote.",
    "a the the the a a a of of to to and and in in",
    " the the  a a a  of of  to  and and  in in ",
    "c a s i n o online and s.l.o.t.s and b-e-t-s-x or p_o_k_e_r or *b*e*t*",
    "Ends with a mark.",
    "ends! X",
    "9. 1 2 3 4 5 6 7 8 9 10 11 12",
    "Done. \u00c9cole Polytechnique grads said. Also\u00a0here. However\tthat is it.",
    "Word. Meanwhile\nthe rest. Word. According to them. Word. Accordingly this is new.",
    "Jr. Drops by. U.S. Rep. Smith spoke. 100%. Top picks today: Nike Adidas Puma Reebok.",
    "x. Y" + " z" * 80,
    "In the end it was over. " * 5,
]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = ["a", "t", "h", "e", "o", "f", "n", "d", "i", " ", " ", " ", ".", "!", "?", "\n",
                "T", "M", "r", "s", "x", "_", "-", "*", "%", "1", "\u00e9", "\u00a0", "\t",
                " the ", " a ", " of ", " to ", " and ", " in ", ". The ", ". Mr. ", "! He ",
                ". However ", ". Cheap ", ". 5 ", "? \u00c9 "]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(n)]


_TEXTS = _EDGE_TEXTS + _random_texts(3000, 7)


def test_prose_words_loop_equals_count_version() -> None:
    for text in _TEXTS:
        low = text.lower()
        n = len(low)
        for a, b in ((0, n), (min(3, n), n), (0, max(0, n - 4)), (min(5, n), max(min(5, n), n - 2))):
            if a < b:
                assert injected._prose_words_loop(low, a, b) == injected._prose_words(low, a, b), \
                    (text, a, b)


@pytest.mark.parametrize("min_words,max_func", [(4, 1), (1, 0), (2, 3)])
def test_cap_heads_loop_equals_regex_version(min_words: int, max_func: int) -> None:
    func = injected._FUNC_PROSE
    for text in _TEXTS:
        low = text.lower()
        if len(low) != len(text):
            low = text
        heads, lower = injected._cap_heads_loop(text, low, min_words, max_func, func)
        assert heads == injected._cap_heads(text, low, min_words, max_func, func), text
        assert lower == list(injected._lower_starts(text)), text


def test_cap_heads_finds_a_glued_brand_run() -> None:
    text = "The council met on Friday. Hermes bags Milano escort outlet. The vote was close."
    heads = injected._cap_heads(text, text.lower(), 4, 1, injected._FUNC_PROSE)
    assert [(text[c:c + 6], head) for _, c, head in heads] == [
        ("Hermes", ["hermes", "bags", "milano", "escort", "outlet."])]


def test_spaced_trigger_loop_equals_regexes() -> None:
    for text in _TEXTS:
        want = any(r.search(text) for r in normalize._SPACED_TRIGGERS)
        assert normalize._spaced_trigger_loop(text) is want, text


@pytest.mark.parametrize("text,expected", [
    ("visit c a s i n o now", True),
    ("s.l.o.t.", True),
    ("b-e-t-x-", True),
    ("p_o_k_e_", True),
    ("*b*e*", True),
    ("a b c", False),
    ("plain news text with words.", False),
    ("x \u00e9 \u00e9 \u00e9", True),
])
def test_spaced_trigger_loop_cases(text: str, expected: bool) -> None:
    assert normalize._spaced_trigger_loop(text) is expected


def test_leet_byte_table_equals_sequential_replaces() -> None:
    produced = {b for _, b in normalize.LEET}
    assert not produced & {a for a, _ in normalize.LEET}
    sample = "".join(chr(i) for i in range(0x250)) + "\u201cX0-1_3+\u201d \ud800 e\u0301"
    for text in (sample, sample.upper(), "plain ascii 0123456789 @$-_+ text"):
        raw = text.encode("utf-8", "surrogatepass")
        assert raw.translate(normalize._LEET_BYTES).decode("utf-8", "surrogatepass") == \
            normalize._leet(text)


@pytest.mark.parametrize("text", [
    "Plain ASCII text, 2024: 5-4 win_now +3 @home $9.",
    "Curly \u201cquotes\u201d and 7 dashes \u2014 3-2.",
    "C4S1N0 \u0441\u0430sino onl1ne",
    "Stra\u00dfe \u0130stanbul 0-1",
    "\U0001d40a\U0001d414\U0001d412 slot 88",
    "cas&#105;no 50% off c a s i n o",
    "",
])
def test_fold_leet_is_leet_of_base(text: str) -> None:
    f = normalize.fold(text)
    assert f.leet == normalize._leet(f.base)


def test_cap_skip_words_are_the_regex_lookahead_words() -> None:
    pattern = injected._CAP_START_RE.pattern
    alternatives = pattern.split("(?!(?:", 1)[1].split(")\\s)", 1)[0].replace("\n", "")
    words: set[str] = set()
    for alt in alternatives.split("|"):
        words |= {"Mr.", "Mrs."} if alt == "Mrs?\\." else {alt.replace("\\.", ".")}
    assert words == injected._CAP_SKIP
    assert injected._CAP_SKIP_MAX == max(map(len, words))


_LINE_TEXTS = _TEXTS + ["\n", "\n\n a \n", " x\r\ny \u2028 z\n\u00a0\n", "a\n\nb", "  \t", "\x85a\x85",
                        "last line ", "\nfirst\n", "\u3000\u3000word\u3000\n\u3000"]


def test_line_spans_loop_equals_line_regex() -> None:
    for text in _LINE_TEXTS + [t.replace(".", "\n") for t in _TEXTS]:
        assert injected._line_spans_loop(text) == [m.span() for m in
                                                   injected._LINE_RE.finditer(text)], text


def test_non_ascii_loop_equals_utf8_byte_deletion() -> None:
    for text in _TEXTS + ["\u201cq\u201d \u2019\u2019 \ud800 \U0001d40a \u00e9\u00e9\u00c9"]:
        raw = text.encode("utf-8", "surrogatepass")
        ref = set(raw.translate(None, normalize._ASCII_BYTES).decode("utf-8", "surrogatepass"))
        assert normalize._non_ascii_loop(text) == ref, text


def test_fold_leet_utf8_is_the_utf8_of_leet() -> None:
    for text in _TEXTS + ["Casino \u201cb0nus\u201d \ud800 sl0t", "ASCII only 4ll"]:
        f = normalize.fold(text)
        if f.leet_utf8 is not None:
            assert f.leet_utf8 == f.leet.encode("utf-8", "surrogatepass")


def test_char_offsets_equal_decoded_prefix_lengths() -> None:
    from features.spam import lexicon

    kw = lexicon.keywords()
    texts = ["\u201ccasino\u201d online \u2014 slot gacor \U0001f600 poker \ud800 viagra",
             "caf\u00e9 casino \u00e9\u00e9 bonus", "\u4e2d casino"] + _TEXTS
    for text in texts:
        utf8 = text.encode("utf-8", "surrogatepass")
        found = kw.ascii_automaton.find_matches_as_indexes(utf8)
        got = lexicon._char_offsets(utf8, found, kw.ascii_index)
        ref = [(kw.ascii_index[i], len(utf8[:a].decode("utf-8", "surrogatepass")),
                len(utf8[:b].decode("utf-8", "surrogatepass"))) for i, a, b in found]
        assert got == ref, text
        if kw.term_chars.isdisjoint(set(text)):
            raw = text.encode("ascii", "replace")
            assert got == [(kw.ascii_index[i], a, b)
                           for i, a, b in kw.ascii_automaton.find_matches_as_indexes(raw)]


def test_line_feature_loops_equal_the_map_counts() -> None:
    from features.spam import lexicon, structure

    vocab = lexicon.en_vocab()
    furniture = injected._FURNITURE
    lines = _TEXTS + ["Buy CHEAP deals! \u201cSale\u201d | Share \u2014 \u00c9cole (home) \u2013 www",
                      "| , ; -- .. \u2022 \u00b7 \u00e9t\u00e9 UPPER Lower lower 3d 42 x1"]
    for seg in lines:
        toks = seg.split()
        alpha = [t for t in toks if t[0].isalpha()]
        assert structure._token_stats_loop(toks) == (
            len(alpha), sum(map(str.isupper, map(structure._FIRST, alpha))),
            sum(map(str.islower, alpha)), sum(map(len, toks))), seg
        words = seg.lower().split()
        stripped = [w.strip(structure._STRIP) for w in words]
        letters = list(filter(str.isalpha, stripped))
        assert structure._word_stats_loop(words, vocab, furniture) == (
            stripped, len(letters), sum(map(vocab.__contains__, letters)),
            sum(map(structure.COMMERCE.__contains__, stripped)),
            sum(map(furniture.__contains__, stripped))), seg
