"""attribution.sourcing.v1: quotes, named/anonymous sources, outlet citations, first person.

All fixture texts are written for these tests.
"""

from __future__ import annotations

import pytest

from features.attribution.sourcing import SourcingDetector, find_quotes
from scorer.document import Document

DET = SourcingDetector()


def _texts(text, result, code):
    return [text[e.span.start:e.span.end] for e in result.evidence
            if e.code == code and e.span is not None]


@pytest.mark.parametrize(
    "text, code, expected",
    [
        ("The plan was rushed, sources said on Friday.", "anonymous_source", ["sources said"]),
        ("Two officials, speaking on condition of anonymity, confirmed the move.",
         "anonymous_source", ["on condition of anonymity"]),
        ("The deal is close, according to people familiar with the matter.",
         "anonymous_source", ["people familiar with the matter"]),
        ("Prices climbed again, according to Fox News.", "outlet_citation",
         ["according to Fox News"]),
        ("Turnout was the highest in decades, the Lakeside Herald reported.",
         "outlet_citation", ["Lakeside Herald reported"]),
        ("The company lost money, as per Washington Post.", "outlet_citation",
         ["as per Washington Post"]),
        (("The minister resigned.\n“This decision will change the whole region for years,” "
         "the statement continued without any name."), "unattributed_quote", []),
        (("The minister resigned.\n\n“This decision will change the whole region for years.”\n\n"
         "Markets were calm."), "unattributed_quote",
         ["“This decision will change the whole region for years.”"]),
    ],
)
def test_sourcing_detector_finds_expected_spans(text, code, expected):
    result = DET(Document(text=text, language="en"))
    assert _texts(text, result, code) == expected


def test_sourcing_detector_counts_named_sources_with_roles():
    text = ("Exports fell sharply, said Ines Marlow, a senior economist at the Northgate "
            "Institute. “The slump has only started and it will get worse,” Marlow said. Deputy Finance Minister "
            "Teodor Vance said the budget would hold.")
    result = DET(Document(text=text, language="en"))
    assert result.features["named_quote_ratio"] == 1.0
    assert result.features["unattributed_quote_ratio"] == 0.0
    assert result.features["named_with_role_per_1k"] > 0.0
    assert result.features["named_attributions_per_1k"] > 0.0
    assert result.score is None
    assert result.extras["strength"] == 0.0


def test_sourcing_detector_flags_text_with_no_sources():
    text = ("The city is changing fast and everybody can see it. New towers rise every month "
            "and the old markets close one after another. ") * 8
    result = DET(Document(text=text, language="en"))
    assert result.features["no_sources"] == 1.0
    assert result.extras["strength"] > 0.3
    assert any(e.code == "no_sources" and e.span is None for e in result.evidence)


def test_sourcing_detector_first_person_outside_quotes_only():
    quoted = DET(Document(text="“I think we should wait for our turn,” Ann Lee said."))
    voiced = DET(Document(text="I think we should wait for our turn, and my view is clear."))
    assert quoted.features["first_person_per_1k"] == 0.0
    assert voiced.features["first_person_per_1k"] > 0.0


def test_sourcing_detector_us_country_is_not_first_person():
    result = DET(Document(text="The US and the EU signed the pact. US officials said so."))
    assert result.features["first_person_per_1k"] == 0.0


def test_sourcing_detector_short_scare_quotes_are_not_statements():
    result = DET(Document(text="Critics called the plan a “free lunch” for landlords."))
    assert result.features["quotes_per_1k"] == 0.0
    assert _texts("", result, "unattributed_quote") == []


def test_find_quotes_pairs_curly_and_straight_quotes():
    text = 'He said “one two three” and then "four five" again.'
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["“one two three”", '"four five"']
