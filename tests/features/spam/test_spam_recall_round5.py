"""Tests of issue 3's fifth-round recall rules of spam.injected.v1: disguised keywords glued in
prose, weak-keyword lines that do not end like a sentence, a repeated edge line holding one
page-furniture word, and glued runs that are not cut inside a capitalised name or inside
letter-spaced characters. Fixtures written for these tests (invented text)."""

from __future__ import annotations

import pytest
from glued_prose import P1, P2_HEAD, P2_TAIL, P3
from glued_prose import glued_doc as _doc
from glued_prose import spans_by_code as _spans

from features.spam.injected import _name_start


def _toks(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for w in text.split():
        a = text.index(w, pos)
        out.append((a, a + len(w)))
        pos = a + len(w)
    return out


@pytest.mark.parametrize(("text", "k", "expected"), [
    # "Clinton" continues the name "Maria Clinton": prose resumes before "Maria" (index 3).
    ("gucci outlet sale Maria Clinton said that", 4, 3),
    # A word ending with punctuation closes a name; an opener starts prose after a name.
    ("cheap lodge Gucci, Maria said that", 3, 3),
    ("cheap lodge Gucci The council said", 3, 3),
    # The name starts the run: index 0 (the callers then do not cut there).
    ("Tommy Hilfiger outlet", 1, 0),
])
def test_name_start_moves_cut_before_the_name(text: str, k: int, expected: int) -> None:
    assert _name_start(text, _toks(text), k) == expected


@pytest.mark.parametrize("run", [
    # A letter-spaced term (weight 0.6) with made-up words after it: a disguised term is never
    # an article's topic word, so the run around it is a keyword span inside prose.
    "B A H I S kadang lebih jujur",
    "09:15 B A H I S kadang lebih jujur dari realita",
    # Full-width letters next to a weak term.
    "ＷＩＮ １３ Pasti Jepe",
])
def test_disguised_weak_keyword_glued_in_prose_is_exact_span(run: str) -> None:
    spans = _spans(_doc(run))
    assert spans.get("gambling_keywords") == {run}


@pytest.mark.parametrize("sentence", [
    # The same term written plainly inside a sentence stays topic prose; a disguised term
    # among English words is not a run of its own (no out-of-vocabulary words around it).
    "Fans in Istanbul say bahis when they talk about the weekend match.",
    "Some call the B A H I S boats a relic of the old harbour.",
])
def test_weak_keyword_in_prose_without_glued_run_is_not_span(sentence: str) -> None:
    assert _spans(_doc(sentence)) == {}


@pytest.mark.parametrize("line", [
    "Vintage watches | escort in Lisbon | escort of Porto | ferry boats",
])
def test_weak_keyword_line_not_ending_like_sentence_is_span(line: str) -> None:
    # Passes the function-word test ("in", "of") but is a list line, not running prose.
    text = f"{P1}\n\n{P2_HEAD} {P2_TAIL}\n\n{P3}\n{line}\n"
    assert _spans(text).get("adult_keywords") == {line}


def test_weak_keyword_sentence_in_prose_is_not_span() -> None:
    # A line that ends like a sentence and mentions the topic word is prose about it.
    text = f"{P1}\n\nThe police said an escort in Lisbon was questioned by the court.\n\n{P3}\n"
    assert "adult_keywords" not in _spans(text)


@pytest.mark.parametrize("line", [
    "Velvet sofa and marble tables of Vienna, cheap flights search",
    "Lamps and marble tables of Vienna, velvet sofas for less search",
])
def test_repeated_edge_line_with_one_furniture_word_is_span(line: str) -> None:
    # Six or more words, one furniture word ("search"), no word shared with the article.
    text = f"{line}\n{P1}\n\n{P2_HEAD} {P2_TAIL}\n\n{P3}\n{line}\n"
    assert _spans(text).get("repeated_edge_segment") == {line}


@pytest.mark.parametrize("line", [
    # Mostly furniture (a template's share bar), or a tagline sharing the article's words.
    "Share this article on email and print",
    "Photo credit",
    "Harbour news ferry timetable boats of the north coast and job search",
])
def test_repeated_furniture_edge_line_is_not_span(line: str) -> None:
    text = f"{line}\n{P1}\n\n{P2_HEAD} {P2_TAIL}\n\n{P3}\n{line}\n"
    assert "repeated_edge_segment" not in _spans(text)


def test_glued_run_is_not_cut_inside_a_capitalised_name() -> None:
    # The run ends before "Maria Lopez", where prose resumes, not before "Lopez".
    run = "Prada shoes Rolex Review cheap lodge Gucci outlet"
    text = f"{P1}\n\n{P2_HEAD} {run} Maria Lopez said that the boats would be late. " \
        f"{P2_TAIL}\n\n{P3}\n"
    flagged = set().union(*_spans(text).values())
    assert all(not s.endswith("Maria") for s in flagged), flagged
