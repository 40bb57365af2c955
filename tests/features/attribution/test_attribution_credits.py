"""attribution.credits.v1: bylines, datelines, agency credits, conflicts and scraper markers.

All fixture texts are written for these tests.
"""

from __future__ import annotations

import math

import pytest

from features.attribution import detectors
from features.attribution.credits import CreditsDetector
from scorer.document import Document

DET = CreditsDetector()

WIRE = (
    "Harbour strike enters second week\n"
    "By MARTA KOWALSKA-REED\n"
    "March 3, 2024\n\n"
    "GDANSK, Poland (AP) — Dock workers extended their walkout on Tuesday, leaving dozens of "
    "container ships waiting offshore.\n"
    "“We will stay out until the contract is signed,” said Piotr Nowel, a union organiser at "
    "the Baltic Port Workers Federation.\n"
    "Copyright 2024 The Associated Press. All rights reserved."
)

SCRAPED = (
    "(UPDATE 2) GDANSK: Dock workers extended their walkout on Tuesday, leaving dozens of "
    "container ships waiting offshore.\n"
    "“We will stay out until the contract is signed,” said Piotr Nowel, a union organiser.\n"
    "Go to Source\n"
    "Author: Agence France-Presse\n"
)


def _spans(result, code):
    return [(e.span.start, e.span.end) for e in result.evidence if e.code == code and e.span]


def _texts(text, result, code):
    return [text[s:e] for s, e in _spans(result, code)]


@pytest.mark.parametrize(
    "text, code, expected",
    [
        (WIRE, "byline", ["By MARTA KOWALSKA-REED"]),
        (WIRE, "dateline", ["GDANSK, Poland (AP) —"]),
        (("Tram fares rise\nBy Lena Ortiz and Sam Whitfield | Updated 4 May\nCity officials "
         "said on Monday that fares would rise."), "byline",
         ["By Lena Ortiz and Sam Whitfield"]),
        ("LONDON, Nov 3 (Reuters) - Shares in the grocer fell 4% after it cut its forecast.",
         "dateline", ["LONDON, Nov 3 (Reuters) -"]),
        ("Spring arrives early\nLISBON — Almond trees flowered two weeks ahead of schedule.",
         "dateline", ["LISBON —"]),
        (SCRAPED, "scraper_marker",
         ["(UPDATE 2)", "Go to Source", "Author: Agence France-Presse"]),
        (("The harbour reopened on Monday after the storm.\nFull article: "
         "https://copies.example/harbour"), "scraper_marker",
         ["Full article: https://copies.example/harbour"]),
        (("The mayor opened the new bridge on Friday.\nThe post Bridge opens appeared first on "
         "Daily Town Digest."), "scraper_marker", ["appeared first on Daily Town Digest."]),
        ("Farmers protested near the ministry.\nRead more at www.example-news.net/farmers",
         "scraper_marker", ["Read more at www.example-news.net/farmers"]),
        ("PARIS (AFP) - Museums reopened on Monday.\nSource: Reuters", "credit_conflict",
         ["Reuters"]),
    ],
)
def test_credits_detector_finds_expected_spans(text, code, expected):
    result = DET(Document(text=text, language="en"))
    assert _texts(text, result, code) == expected
    for ev in result.evidence:
        if ev.span is not None:
            assert 0 <= ev.span.start <= ev.span.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "By contrast, the second plan costs less.\nBy Tuesday the roads had reopened.",
        "The bridge was designed by Ana Castell and built in 1931.",
        "By then, most residents had left the valley.",
        "MAYOR OUSTED, REPLACED BY TOMAS WREN\nThe council voted on Monday.",
        "Student Turned Away By Three Schools To Which She Applied speaks out",
        "Crowds Energized By Mayor's Plan, Say Organisers\nThe rally began at noon.",
        "A crowd gathers at the pier. Photo By Ana Castell/Harbor Images\nThe pier opened.",
    ],
)
def test_credits_detector_ignores_sentences_starting_with_by(text):
    result = DET(Document(text=text, language="en"))
    assert _spans(result, "byline") == []
    assert result.extras["byline"] is None


def test_credits_detector_reports_extras_for_wire_copy():
    result = DET(Document(text=WIRE, language="en"))
    assert result.extras["byline"] == "MARTA KOWALSKA-REED"
    assert result.extras["dateline"] == "GDANSK, Poland (AP) —"
    assert result.extras["credits"] == ["AP"]
    assert result.features["credit_conflict"] == 0.0
    assert result.score == 0.0


def test_credits_detector_agency_author_line_is_a_credit_not_a_byline():
    result = DET(Document(text=SCRAPED, language="en"))
    assert result.extras["byline"] is None
    assert "AFP" in result.extras["credits"]
    assert result.features["lead_tag"] == 1.0


def test_credits_detector_scraped_copy_scores_higher_than_original():
    original = DET(Document(text=WIRE, language="en")).score
    scraped = DET(Document(text=SCRAPED, language="en")).score
    assert scraped > original + 0.3


def test_credits_detector_photo_credit_is_not_a_text_credit():
    text = ("Flood waters rose overnight. (AFP Photo/Jean Dupont)\n"
            "BERLIN (Reuters) - The river crested at 7 metres.")
    result = DET(Document(text=text, language="en"))
    assert result.extras["credits"] == ["Reuters"]
    assert result.extras["photo_credits"] == ["AFP"]
    assert result.features["credit_conflict"] == 0.0


def test_credits_detector_contributed_credit_is_not_a_conflict():
    text = ("WASHINGTON (AP) — Lawmakers passed the bill.\n"
            "Reuters contributed to this report.")
    result = DET(Document(text=text, language="en"))
    assert result.features["credit_conflict"] == 0.0
    assert result.extras["credits"] == ["AP", "Reuters"]


def test_credits_detector_missing_byline_is_weak():
    text = ("The council approved the budget on Monday after a short debate, council member "
            "Lina Park said. ") * 20
    result = DET(Document(text=text, language="en"))
    assert result.extras["byline"] is None
    assert 0.0 < result.score < 0.3


def test_credits_detector_uses_metadata_author():
    doc = Document(text="Short text about the harbour.", metadata={"author": "Jane Q. Writer"})
    result = DET(doc)
    assert result.extras["byline"] == "Jane Q. Writer"
    assert result.features["byline_in_markup"] == 1.0


def test_credits_detector_reads_jsonld_author_from_html():
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"author": {"@type": "Person", "name": "Ola Brandt"}}</script></head>'
            '<body><p>Text.</p></body></html>')
    rules = CreditsDetector(learned_chooser=False)
    assert rules(Document(text="Text.", html=html)).extras["byline"] == "Ola Brandt"
    # the learned chooser keeps it when the page shows the name to its readers
    shown = html.replace("<p>Text.</p>", "<p>Von Ola Brandt</p><p>Text.</p>")
    assert DET(Document(text="Text.", html=shown)).extras["byline"] == "Ola Brandt"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "😀" * 500, "مرحبا بالعالم " * 200, "\x00\x01\x02binary\xff" * 100,
     "By " * 1000, "(" * 5000, "A" * 100_000, "“" * 3000 + "”" * 3000],
)
def test_attribution_detectors_total_on_edge_texts(text):
    for det in detectors():
        result = det(Document(text=text))
        assert set(result.features) == set(det.feature_names)
        assert all(math.isfinite(v) for v in result.features.values())
        assert result.score is None or 0.0 <= result.score <= 1.0
        for ev in result.evidence:
            if ev.span is not None:
                assert 0 <= ev.span.start <= ev.span.end <= len(text)


def test_attribution_detectors_deterministic():
    for det in detectors():
        a = det(Document(text=WIRE))
        b = det(Document(text=WIRE))
        assert a == b


def test_attribution_detectors_large_text_fast_enough():
    import time

    text = (WIRE + "\n") * 800  # ~0.4 MB
    t0 = time.process_time()
    for det in detectors():
        det(Document(text=text))
    assert time.process_time() - t0 < 5.0


def test_credits_detector_score_includes_sourcing_strength():
    unsourced = ("The city is changing fast and everybody can see it. New towers rise every "
                 "month and the old markets close one after another. ") * 8
    scraped = unsourced + "\nGo to Source\n"
    a = DET(Document(text=unsourced)).score
    b = DET(Document(text=scraped)).score
    assert a > 0.3
    assert b > a


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Posted by Alex Roe, Project Marketing\nThe launch went well.", "Alex Roe"),
        ("By Jane Doe, John Roe and Ann Poe\nThe vote passed.", "Jane Doe, John Roe and Ann Poe"),
        ("By Jane Doe and John Roe, Harbour Desk Editors\nThe vote passed.",
         "Jane Doe and John Roe"),
    ],
)
def test_credits_detector_comma_after_byline_starts_affiliation(text, expected):
    assert DET(Document(text=text)).extras["byline"] == expected


@pytest.mark.parametrize("body,expected", [
    # hCard byline
    (('<div class="entry-meta"><span class="post-author vcard">Posted by '
      '<span class="fn">Lena Vogt</span></span></div>'), "Lena Vogt"),
    # German/Spanish class names with a person-shaped link
    ('<div class="content-left-autor"><a href="/p/1">Mira Kessler</a></div>', "Mira Kessler"),
    ('<div class="verfasser">Tomas Brandl</div>', "Tomas Brandl"),
    # labels and dates inside an author container are not names
    ('<div class="author-meta"><a href="/x">Datum</a></div>', None),
    # comment authors are not the article's author
    ('<div class="comment-author vcard"><span class="fn">Ola Berg</span></div>', None),
    # desks, organisations and photo credits are rejected
    ('<span class="byline">TVT-Redaktion</span>', None),
    ('<span class="author">Musterverein e.V.</span>', None),
    ('<span class="author">Foto: Ada Pohl</span>', None),
])
def test_markup_author_generic_byline_markup(body, expected):
    from features.attribution.markup import author_candidates

    html = f"<html><body><h1>Title</h1>{body}<p>Body text here.</p></body></html>"
    assert author_candidates(html)["markup"] == expected


def test_markup_author_reads_pages_with_xml_declaration():
    from features.attribution.markup import author_candidates

    html = ('<?xml version="1.0" encoding="utf-8"?>\n<html><body>'
            '<a rel="author" href="/a/jd">Jona Dietz</a><p>Text.</p></body></html>')
    assert author_candidates(html)["markup"] == "Jona Dietz"
