"""The structural line model of spam.injected: keyword lines without any lexicon term are spans,
page furniture, bylines, captions, references and tag lines are not."""

from __future__ import annotations

import math

import pytest

from features.spam import structure
from features.spam.injected import InjectedSpamDetector
from scorer.document import Document

DET = InjectedSpamDetector()
ARTICLE = (
    "City council approves new budget for road repairs\n\n"
    "The city council voted on Tuesday to approve a budget that sets aside money for road "
    "repairs across the northern districts. Officials said the work would begin in the spring "
    "and last about two years.\n\n"
    "Residents had complained for months about potholes on the main avenues, and several "
    "business owners told the council that deliveries were being delayed.\n\n"
    "The mayor said the plan was the largest investment in local roads in a decade. Critics "
    "argued that the council should have spent more on public transport instead.\n\n"
    "The budget will be reviewed again next year."
)
# Invented keyword lines with no term of the spam lexicon (the cue must come from their shape).
SPAM_LINES = [
    "velvet sofa covers | garden gnome outlet | titanium watch straps | yacht charter zenovia",
    ("marble kitchen tiles, hoverboard parts, vintage denim jackets, llama wool socks, fjord "
     "cruises"),
    "best quartz countertops and bamboo flooring deals, leather recliner sale",
]
LEGIT_LINES = [
    "By Maria Lopez, Staff Writer",
    "Photo: Residents walk past a closed road in the northern district.",
    "Related: Council debates transport plan",
    "Smith, J. (2019). Road funding in cities. Urban Review 12(3), 44-51.",
    "Roads, budget, city council, potholes, public transport",
    "Copyright 2024 The Daily Ledger. All rights reserved.",
    "Follow us on Facebook and Twitter",
    "Maria Lopez | Elena Park | James Okafor | Devon Hart",
    "Tuesday, March 5, 2024",
]


def _place(line: str, where: str) -> str:
    if where == "top":
        return line + "\n\n" + ARTICLE
    if where == "bottom":
        return ARTICLE + "\n\n" + line
    parts = ARTICLE.split("\n\n")
    parts.insert(2, line)
    return "\n\n".join(parts)


@pytest.mark.parametrize("where", ["top", "middle", "bottom"])
@pytest.mark.parametrize("line", SPAM_LINES)
def test_structure_flags_unseen_keyword_line(line: str, where: str) -> None:
    text = _place(line, where)
    res = DET(Document(text=text, language="en"))
    codes = {e.code for e in res.evidence}
    assert "structural_spam_line" in codes
    assert {text[e.span.start:e.span.end] for e in res.evidence if e.span} == {line}
    assert res.score is not None and res.score >= 0.5


@pytest.mark.parametrize("where", ["top", "middle", "bottom"])
@pytest.mark.parametrize("line", LEGIT_LINES)
def test_structure_ignores_page_furniture_and_references(line: str, where: str) -> None:
    res = DET(Document(text=_place(line, where), language="en"))
    assert res.evidence == ()
    assert res.score == 0.0


def test_structure_model_file_matches_features() -> None:
    mean, scale, coef, _, thr = structure.model()  # type: ignore[misc]
    assert len(mean) == len(scale) == len(coef) == len(structure.FEATURES)
    assert 0.5 <= thr < 1.0
    # The detector skips the topic overlap when overlap 0 cannot reach the threshold: only
    # exact when the overlap weight is not positive.
    assert coef[structure.OVERLAP_INDEX] <= 0


def test_structure_features_finite_on_odd_lines() -> None:
    for line in ["|||", "🔥🔥🔥 🔥", "a", "١٢٣ ٤٥٦", "$$$ 100% off", "x" * 5000]:
        low = line.lower()
        x = structure.line_features(line, low, low.split(), 0, frozenset(), 0.0, True, 0,
                                    frozenset(), frozenset())
        assert len(x) == len(structure.FEATURES) and all(math.isfinite(v) for v in x)
        assert 0.0 <= structure.probability(x) <= 1.0
