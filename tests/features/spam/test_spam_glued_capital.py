"""Tests of this round's glued-run additions to spam.injected.v1: capitalised keyword runs
glued before a sentence (decided by the glued-run model), the word before a sentence mark read
across line breaks, party-state abbreviations, span trimming and the ``glued_model_max``
feature. Fixtures written for these tests (invented brands and places)."""

from __future__ import annotations

import math

import pytest
from glued_prose import glued_doc as _doc

from features.spam import InjectedSpamDetector
from features.spam.injected import _prev_token, _Seg
from scorer.document import Document

DET = InjectedSpamDetector()


def _spans(text: str, det: InjectedSpamDetector = DET) -> dict[str, set[str]]:
    res = det(Document(text=text, language="en"))
    out: dict[str, set[str]] = {}
    for ev in res.evidence:
        if ev.span is not None:
            snippet = text[ev.span.start:ev.span.end]
            assert snippet == snippet.strip()
            out.setdefault(ev.code, set()).add(snippet)
    return out


@pytest.mark.parametrize("run", [
    "Zentrix watches outlet Vorlano handbags Kessaro sneakers wholesale",
    "Marvelo Tresk jerseys | Quandor bags outlet | Pellix shoes",
])
def test_glued_capital_run_is_span(run: str) -> None:
    spans = _spans(_doc(run))
    assert spans.get("glued_segment") == {run}


def test_glued_capital_run_needs_capital_candidates() -> None:
    run = "Zentrix watches outlet Vorlano handbags Kessaro sneakers wholesale"
    off = InjectedSpamDetector(glued_capital_starts=False)
    assert "glued_segment" not in _spans(_doc(run), off)


@pytest.mark.parametrize("sentence", [
    "Harbour Master Tom Hargreave of Ferryport said the plan was sound.",
    "Regional Transport Minister Alice Brandt welcomed the decision on Tuesday.",
    "Ferry operator Nordline, whose boats serve both routes, declined to comment.",
    "Several crew members interviewed on Tuesday backed the new rota.",
])
def test_glued_capital_news_sentence_not_flagged(sentence: str) -> None:
    assert _spans(_doc(sentence)) == {}


@pytest.mark.parametrize("before, after, expected", [
    ("said Rep. Ann Lowe, R-Minn.", " told", "."),   # party-state: an abbreviation
    ("the national debt.\u201d\n\nMrs.", " viraleas", "mrs"),  # across a paragraph break
    ("on Monday.", " cheap", "monday"),
    ("x" * 40 + ".", " cheap", ""),                 # a 40-letter token: not a word
])
def test_prev_token_cases(before: str, after: str, expected: str) -> None:
    text = before + after
    assert _prev_token(text, len(before) - 1) == expected


@pytest.mark.parametrize("text, expected", [
    ("The county passed a new law on ferry fares for the older boats last year. tramadol "
     "xanax valium ambien soma norco The authority said the fares would rise again in the "
     "spring.", "tramadol xanax valium ambien soma norco"),
    ("gacor maxwin pulau777 zolpex deposit. Ferry fares rose by a third in the last two "
     "years, the authority said.", "gacor maxwin pulau777 zolpex deposit."),
    ("gacor maxwin pulau777 zolpex deposit bonus", "gacor maxwin pulau777 zolpex deposit bonus"),
])
def test_trim_keeps_only_the_payload(text: str, expected: str) -> None:
    seg = _Seg(0, len(text), 0, True)
    a, b = DET._trim(seg, text, text.lower(), 0, len(text))
    assert text[a:b] == expected


def test_glued_model_max_feature_finite() -> None:
    res = DET(Document(text=_doc("Zentrix watches outlet Vorlano handbags Kessaro sneakers "
                                 "wholesale"), language="en"))
    value = res.features["glued_model_max"]
    assert math.isfinite(value) and 0.5 <= value <= 1.0
    clean = DET(Document(text=_doc("The boats will also carry bicycles."), language="en"))
    assert clean.features["glued_model_max"] < value
