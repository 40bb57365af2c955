"""Glued shapes of issue 3's fourth round: word-pair coverage, sentence-bounded candidate heads,
cuts only where prose resumes, abbreviations only before a full stop."""

from __future__ import annotations

import pytest

from features.spam import structure
from features.spam.injected import InjectedSpamDetector, _to_sentence_end
from scorer.document import Document

_PARA = ("The regional council met on Tuesday to discuss the budget for the coming year, and "
         "the members of the board said that they would vote on it next week after a hearing.")


def _candidates(paragraph: str) -> list[str]:
    text = f"{_PARA}\n\n{paragraph}\n\n{_PARA}"
    res = InjectedSpamDetector(debug_lines=True)(Document(text=text, language="en"))
    return [text[a:b] for a, b, _ in res.extras["glued_vectors"]]


@pytest.mark.parametrize("run, low, high", [
    ("the council said on monday that it would vote on the budget", 0.9, 1.0),
    ("supreme court appears split along ideological lines over the case", 0.8, 1.0),
    ("justhost coupon hostpapa review host papaweb hosting krakow bluehost hosting", 0.0, 0.2),
    ("frankness franken boyer minimizing", 0.0, 0.4),
])
def test_pair_coverage_separates_prose_from_keyword_runs(run: str, low: float, high: float
                                                         ) -> None:
    coverage, share = structure.pair_coverage(run)
    assert low <= coverage <= high
    assert share == pytest.approx(1.0)


def test_pair_coverage_without_pairs_is_neutral() -> None:
    assert structure.pair_coverage("alpha, beta, gamma") == (0.5, 0.0)
    assert structure.pair_coverage("") == (0.5, 0.0)


@pytest.mark.parametrize("words, expected", [
    (["ponders,", "canister,", "apollo.", "but", "it", "has"],
     ["ponders,", "canister,", "apollo."]),
    (["no", "sentence", "end", "here"], ["no", "sentence", "end", "here"]),
    ([], []),
])
def test_to_sentence_end_stops_at_the_first_sentence_mark(words: list[str],
                                                         expected: list[str]) -> None:
    assert _to_sentence_end(words) == expected


def test_short_keyword_sentence_followed_by_prose_is_a_glued_candidate() -> None:
    # The first eight words reach into the next sentence ("But it has ..."): before this round
    # their function words hid the keyword sentence.
    cands = _candidates(
        "The agency reported that the storm had moved north during the night. Quorvex, "
        "zanthel, plimbury, dravecot, wexmoor. But it has left much of the coast without "
        "power, and crews are still working.")
    assert any(c.startswith("Quorvex, zanthel") for c in cands)


def test_glued_run_is_not_cut_before_an_opener_inside_a_list() -> None:
    # "In" opens a news sentence, but no function words follow it here: the list goes on.
    cands = _candidates(
        "The agency reported that the storm had moved north during the night. quorvex "
        "deals | In zanthelcoupon | plimbury | dravecot hosting")
    assert any(c.endswith("dravecot hosting") for c in cands)


def test_no_before_a_question_mark_is_not_an_abbreviation() -> None:
    cands = _candidates(
        "Is it about time that the council acted on this, or is it not? quorvex zanthel "
        "plimbury dravecot wexmoor hosting")
    assert any(c.startswith("quorvex zanthel") for c in cands)
