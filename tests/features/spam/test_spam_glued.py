"""Tests of the glued-run cue of spam.injected.v1 (``glued_segment``): keyword runs without any
lexicon term glued inside a paragraph of running prose. Fixtures written for these tests."""

from __future__ import annotations

import pytest
from glued_prose import P1, P2_HEAD, P2_TAIL, P3, spans_by_code
from glued_prose import glued_doc as _doc

from features.spam import InjectedSpamDetector
from scorer.document import Document

DET = InjectedSpamDetector()


def _spans(text: str) -> dict[str, set[str]]:
    out = spans_by_code(text)
    for snippets in out.values():
        assert all(snippet == snippet.strip() for snippet in snippets)
    return out


@pytest.mark.parametrize("run", [
    "best marble sofa and garden gnome deals, velvet curtain sale",
    "velvet curtains | garden gnomes | marble sofas | cheap lamps",
    "sunny hotel booking cheap tickets gnome garden store discount",
])
def test_glued_run_without_lexicon_term_is_exact_span(run: str) -> None:
    text = _doc(run)
    spans = _spans(text)
    assert spans.get("glued_segment") == {run}


@pytest.mark.parametrize("sentence", [
    # Lower-case starts that are ordinary prose: abbreviations and names written in lower case.
    "Service starts at 6 a.m. on weekdays and at 8 a.m. on Sundays.",
    "The new timetable compares well with other ports, e.g. the ones on the east coast.",
    "Ticket sales rose 4% in May. iPhone users can buy tickets in the app from next week.",
    "The plan was backed by Sen. warren and two other members of the transport committee.",
])
def test_glued_prose_with_lower_case_start_not_flagged(sentence: str) -> None:
    text = _doc(sentence)
    assert "glued_segment" not in _spans(text)


def test_glued_runs_can_be_switched_off() -> None:
    text = _doc("best marble sofa and garden gnome deals, velvet curtain sale")
    res = InjectedSpamDetector(glued_runs=False)(Document(text=text, language="en"))
    assert not any(ev.code == "glued_segment" for ev in res.evidence)


def test_glued_many_candidates_stay_bounded() -> None:
    text = ("It rained. " + "shop now | cheap lamps | more deals. ") * 3000
    res = DET(Document(text=text, language="en"))
    assert res.score is not None and 0.0 <= res.score <= 1.0


def test_repeated_edge_line_without_lexicon_term_is_two_spans() -> None:
    line = "garden gnome outlet velvet curtains marble sofa store"
    text = f"{line}\n{P1}\n\n{P2_HEAD} {P2_TAIL}\n\n{P3}\n{line}\n"
    res = DET(Document(text=text, language="en"))
    got = [(ev.span.start, ev.span.end) for ev in res.evidence
           if ev.code == "repeated_edge_segment" and ev.span is not None]
    assert len(got) == 2
    assert all(text[a:b] == line for a, b in got)
    assert res.features["edge_repeat"] == 1.0


@pytest.mark.parametrize("line", [
    "Image copyright Harbour Photo Agency",  # furniture vocabulary
    "The ferry timetable changes on Monday.",  # ends like a sentence
    "Harbour news",  # fewer than three words
])
def test_repeated_edge_furniture_or_sentence_not_flagged(line: str) -> None:
    text = f"{line}\n{P1}\n\n{P2_HEAD} {P2_TAIL}\n\n{P3}\n{line}\n"
    res = DET(Document(text=text, language="en"))
    assert not any(ev.code == "repeated_edge_segment" for ev in res.evidence)


def test_glued_run_after_title_abbreviation_is_span() -> None:
    run = "best marble sofa and garden gnome deals, velvet curtain sale"
    text = (f"{P1}\n\nThe new timetable was drafted by Dr. {run} The authority said the plan "
            f"would be reviewed after the first winter of service on the northern route.\n\n"
            f"{P3}\n")
    assert _spans(text).get("glued_segment") == {run}


def test_glued_lower_case_after_vs_abbreviation_not_flagged() -> None:
    text = (f"{P1}\n\nThe new ferries compare well with the old ones in speed vs. the rival "
            f"service on the coast, the authority said in its report on Monday.\n\n{P3}\n")
    assert "glued_segment" not in _spans(text)


def test_glued_run_with_capital_start_and_weak_keyword_is_span() -> None:
    # A weak lexicon term splits the paragraph into sentences; the sentence that opens with the
    # run is a candidate whatever the case of its first letter.
    run = "Napoli escort garden gnome outlet velvet curtains marble sofa store"
    text = _doc(run)
    assert _spans(text).get("glued_segment") == {run}


def test_foreign_keyword_list_line_in_middle_is_structural_span() -> None:
    line = "kode kupon murah | toko sepatu diskon | jual tas branded | harga grosir termurah"
    text = f"{P1}\n\n{P2_HEAD} {P2_TAIL}\n\n{line}\n\n{P3}\n"
    spans = _spans(text)
    assert line in spans.get("structural_spam_line", set())


def test_short_foreign_chant_line_not_a_line_model_candidate() -> None:
    text = f"{P1}\n\n{P2_HEAD} {P2_TAIL}\n\nVamos a seguir luchando\n\n{P3}\n"
    assert "structural_spam_line" not in _spans(text)
