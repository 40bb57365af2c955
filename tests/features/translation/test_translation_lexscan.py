"""The compiled lexicon scan (artifacts_loops.lexicon_matches) equals the Aho-Corasick automaton.

These tests run the loop as plain Python too (it is the same source), so they check the method;
the compiled build runs them against its compiled module.
"""

from __future__ import annotations

import random

import ahocorasick_rs
import pytest

from features.translation import artifacts as A
from features.translation import artifacts_loops as L


def _automaton(patterns: list[bytes]) -> ahocorasick_rs.BytesAhoCorasick:
    return ahocorasick_rs.BytesAhoCorasick(
        patterns,
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA,
    )


@pytest.mark.parametrize(
    ("patterns", "text"),
    [
        ([b"abcde", b"abcdefg", b"cdefgh"], b"xabcdefgh"),  # leftmost, then longest
        ([b"abcde", b"cdefgh"], b"abcdefgh"),  # the first match hides the overlapping one
        ([b"bcdef", b"abcdefgh"], b"abcdefgh abcdefg"),  # longer later start loses
        ([b" de la ", b" la vez "], b"uno de la vez la vez "),
        ([b"hello", b"world"], b"HeLLo WORLD helloworld"),  # ASCII-lowered
        ([b"caf\xc3\xa9s", b"caf\xc3\x89s"], b"CAF\xc3\x89S caf\xc3\xa9s"),  # bytes.lower: ASCII only
        ([b"aaaaa", b"aaaaaa"], b"aaaaaaaaaaaaaaaaaaaa"),
        ([b"abcde"], b"abcd"),
        ([b"abcde"], b""),
    ],
)
def test_lexicon_matches_equals_automaton_on_fixtures(patterns: list[bytes], text: bytes) -> None:
    tables = L.build_tables(patterns)
    assert tables is not None
    assert L.lexicon_matches(text, tables) == _automaton(patterns).find_matches_as_indexes(
        text.lower()
    )


def test_build_tables_refuses_short_patterns() -> None:
    assert L.build_tables([b"abcd", b"abcdef"]) is None
    assert L.build_tables([]) is None


def test_lexicon_matches_equals_automaton_on_lexicon_texts() -> None:
    lx = A.lexicons()
    patterns = list(lx.combined_bytes_patterns)
    assert len(patterns) == len(lx.combined_bytes_meta)
    tables = L.build_tables(patterns)
    assert tables is not None
    rng = random.Random(8)
    filler = [b"the", b"of", b"de", b"la", b"Korea", b"said", b"-", b"  ", b"\xe2\x80\x99", b"\xc3\xa9"]
    pieces = patterns + filler
    for _ in range(300):
        parts = [rng.choice(pieces) for _ in range(rng.randint(0, 30))]
        parts = [p.upper() if rng.random() < 0.2 else p for p in parts]
        sep = rng.choice([b" ", b"", b"  "])
        raw = sep.join(parts)
        got = L.lexicon_matches(raw, tables)
        assert got == lx.combined_bytes.find_matches_as_indexes(raw.lower()), raw


@pytest.mark.parametrize(
    "text",
    [
        "The Korea of the North said it was translated automatically by machine translation.",
        "Officials met the states members of the union and said que the plan was ready.",
        "CAFÉ owners said the café de la ville was the one una vez more, también.",
        "",
        "İstanbul mayor said the plan was translated by Google Translate.",
    ],
)
def test_find_lexicon_hits_fast_equals_reference(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    assert A.find_lexicon_hits_fast(text, raw) == A.find_lexicon_hits(text, A.ascii_lower(text))


def test_find_all_with_loop_scan_equals_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    lx = A.lexicons()
    with_loop = dataclasses.replace(
        lx, loop_tables=L.build_tables(list(lx.combined_bytes_patterns)), loop_scan=L.lexicon_matches
    )
    monkeypatch.setattr(A, "lexicons", lambda: with_loop)
    rng = random.Random(3)
    words = (  # noqa: SIM905 (a word list reads better as text)
        "the Korea of the North said que una vez the states members COVID- 19 don' t "
        "dispute. in café CAFÉ “quoted” — officials translated automatically by machine "
        "translation İ K la de y e o"
    ).split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 60))) for _ in range(200)]
    for text in texts:
        assert A.find_all(text) == A.find_all_reference(text), text

