"""Fifth chooser round (features/attribution/chooser.py): a one-word pick that the page also
writes in full as one person is output in full."""

from __future__ import annotations

import math

import pytest

from features.attribution import chooser, markup
from features.attribution.credits import CreditsDetector
from scorer.document import Document


@pytest.mark.parametrize("values,j,expected", [
    # a first name and the full name, whatever the case of either
    (["Mira", "Hafenblatt", "Mira Olsen"], 0, 2),
    (["Mira", "MIRA OLSEN"], 0, 1),
    (["MIRA", "Mira Olsen"], 0, 1),
    # initials spelling the full name
    (["MO", "Mira Olsen"], 0, 1),
    (["mo", "Mira Olsen"], 0, 1),
    (["MJO", "Mira J. Olsen"], 0, 1),
    # two different full forms: the page does not say which one is meant
    (["Mira", "Mira Olsen", "Mira Lund"], 0, 0),
    # the same full form from two sources counts once
    (["Mira", "Mira Olsen", "Mira Olsen"], 0, 1),
    # not the same person: another first word, other initials, a list, a longer phrase
    (["Mira", "Ole Brandt"], 0, 0),
    (["MB", "Mira Olsen"], 0, 0),
    (["Mira", "Mira Olsen, Ole Brandt"], 0, 0),
    (["Mira", "Mira Olsen and the Harbour Team Today"], 0, 0),
    # not person-shaped: a site or a phrase that starts with the word
    (["Mira", "Mira reports"], 0, 0),
    # a single letter is not a short form
    (["M", "Mira Olsen"], 0, 0),
    # a full name chosen stays as it is; a "; " list still gets the page's own list form
    (["Mira Olsen", "Mira"], 0, 0),
    (["Mara Lind; Ole Brandt", "Mara Lind and Ole Brandt"], 0, 1),
])
def test_pick_form_writes_a_short_pick_in_full(values, j, expected):
    assert chooser.pick_form(values, j) == expected


def test_choose_rows_outputs_the_full_form_with_the_short_forms_probability():
    cands = [chooser.Candidate("Mira"), chooser.Candidate("Mira Olsen")]
    rows = [{"src_rel": 1.0, "n_sources": 1.0}, {"src_by_phrase": 1.0}]
    def model(weights: list[float]) -> dict:
        return {"features": ["src_rel", "src_by_phrase"], "weights": weights,
                "mean": [0.0, 0.0], "scale": [1.0, 1.0], "none_features": [],
                "none_weights": [], "none_bias": 0.0, "threshold": 0.5}

    value, prob = chooser.choose_rows(cands, rows, model([4.0, 0.5]))
    assert value == "Mira Olsen"
    # the decision is the short form's (4 against nobody's 0), not the full form's (0.5)
    assert prob == pytest.approx(1.0 / (1.0 + math.exp(-4.0)), rel=1e-9)
    # the short form loses against nobody: no author, whatever the full form
    value, prob = chooser.choose_rows(cands, rows, model([-1.0, -2.0]))
    assert value is None
    assert prob == pytest.approx(1.0 / (1.0 + math.exp(1.0)), rel=1e-9)


def test_credits_byline_in_full_when_the_author_box_gives_a_first_name():
    # the author markup names a first name only; a by-line in the page gives the full name
    html = ("<html><head><title>Hafenblatt</title></head><body>"
            '<div class="author vcard"><a rel="author" class="fn url" href="/author/mira">'
            "Mira</a></div><article><p>Der Hafen wurde am Montag wieder geöffnet. Die Fähren "
            "fahren wieder nach Plan.</p><p>Ein Bericht von Mira Olsen</p></article>"
            "</body></html>")
    doc = Document(text="Der Hafen wurde am Montag wieder geöffnet. Die Fähren fahren wieder "
                   "nach Plan.", html=html, url="https://hafenblatt.example/a", language="und")
    values = {c.value for c in chooser.candidates(doc, markup._parse(html))}
    assert {"Mira", "Mira Olsen"} <= values
    assert CreditsDetector()(doc).extras["byline"] == "Mira Olsen"
