"""Advertising-domain link lists and link runs glued inside prose (issue 3, fourth round)."""

from __future__ import annotations

import pytest

from features.spam import lexicon
from features.spam.injected import InjectedSpamDetector
from scorer.document import Document

_PARA = ("The regional council met on Tuesday to discuss the budget for the coming year, and "
         "the members of the board said that they would vote on it next week after a hearing.")


def _run(middle: str) -> tuple[str, list[tuple[str, str]]]:
    text = f"{_PARA}\n\n{middle}\n\n{_PARA}"
    res = InjectedSpamDetector()(Document(text=text, language="en"))
    spans = []
    for e in res.evidence:
        if e.span is not None:
            assert 0 <= e.span.start < e.span.end <= len(text)
            spans.append((e.code, text[e.span.start:e.span.end]))
    return text, spans


@pytest.mark.parametrize("host, expected", [
    ("ads.example.com", True),          # advertising token label
    ("my-adserver.net", True),          # token after a hyphen
    ("tracking7.example.org", True),    # digits split off
    ("roads.com", False),               # "ads" only as a substring
    ("news.example.com", False),
    ("nytimes.com", False),
])
def test_ad_host_recognises_advertising_labels(host: str, expected: bool) -> None:
    assert lexicon.ad_host(host) is expected


@pytest.mark.parametrize("middle, expected", [
    ("Officials spoke on Monday about the plan for the harbour. https://qwv-promo.com/ "
     "https://zrt-offers.net/ https://vlk-deals.org/ The council said it would vote soon.",
     "https://qwv-promo.com/ https://zrt-offers.net/ https://vlk-deals.org"),
    ("Officials spoke on Monday about the plan for the harbour and the new ferry terminal. "
     "ads.qwv.com | banner.zrt.net | click.vlk.org",
     "ads.qwv.com | banner.zrt.net | click.vlk.org"),
])
def test_link_run_inside_prose_is_a_link_list_span(middle: str, expected: str) -> None:
    _, spans = _run(middle)
    assert ("link_list", expected) in spans


@pytest.mark.parametrize("middle", [
    # A byline naming the author's sites: the list is part of the sentence's grammar.
    "Jane Roe is a writer and an editor at RiverPost.com, HillNews.com, ValleyTimes.com and "
    "PlainsDaily.com.",
    "Readers can compare the coverage on sites such as bbc.co.uk, lemonde.fr, elpais.es and "
    "spiegel.de, which all reported it on Monday.",
])
def test_source_lists_written_into_a_sentence_are_not_spans(middle: str) -> None:
    _, spans = _run(middle)
    assert spans == []
