"""Tests for framing.partisan.v1. Fixture texts are written for these tests."""

from __future__ import annotations

import math

import pytest

from features.framing import detectors
from features.framing.partisan import PartisanFraming, normalise
from scorer.document import Document

DET = PartisanFraming()

NEUTRAL = (
    "The city council voted 7-2 on Tuesday to approve the new budget, officials said. "
    "The plan raises spending on road repairs by 4 percent and keeps property taxes flat. "
    "Council member Ana Ruiz, who voted against the measure, said she wanted more money for "
    "libraries. The mayor is expected to sign the budget next week, according to a spokesman. "
) * 3

PARTISAN = (
    "The Kiev junta keeps shelling civilians while the so-called experts in Brussels look away. "
    "These banderites are nothing but puppets, and the lamestream media covers for them! "
    "I firmly believe the whole story is utter nonsense. The author agrees with every word. "
    "Meanwhile the libtards and the rethuglicans in Washington trade insults. "
)


def run(text: str):
    return DET(Document(text=text, language="en"))


@pytest.mark.parametrize(
    ("text", "code", "span"),
    [
        ("Residents fled the Kyiv regime shelling, the report claimed.", "derogatory_term",
         "Kyiv regime"),
        ("They blamed the retreating Ukronazis for the damage.", "derogatory_term", "Ukronazis"),
        ("Once again the libtards want your guns.", "derogatory_term", "libtards"),
        ("Once again the Rethuglicans want your vote.", "derogatory_term", "Rethuglicans"),
        ("Only covidiots still believe the plandemic story.", "derogatory_term", "covidiots"),
        ("The report is utter nonsense from start to finish.", "hyperbole", "utter nonsense"),
        ("Our new neighbours, the \u201cjournalists\u201d from the capital, arrived late.",
         "scare_quotes", "\u201cjournalists\u201d"),
        ("The so-called experts were wrong again.", "scare_quotes", "so-called experts"),
        ("I strongly believe this decision will backfire.", "first_person_opinion",
         "I strongly believe"),
        ("The author agrees with this assessment.", "first_person_opinion", "The author agrees"),
        ("In my opinion the plan is doomed.", "first_person_opinion", "In my opinion"),
    ],
)
def test_partisan_flags_expected_span(text: str, code: str, span: str) -> None:
    res = run(text)
    found = [(e.code, text[e.span.start:e.span.end]) for e in res.evidence if e.span]
    assert (code, span) in found
    for e in res.evidence:
        if e.span:
            assert 0 <= e.span.start < e.span.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        NEUTRAL,
        # attributed partial quote in wire style is not irony
        "The ministry said the West's \u201chegemonic policy\u201d was to blame, officials said.",
        # first person inside a quotation is a source speaking, not the author
        "\u201cI believe we will win,\u201d the coach said after the match.",
        # a quoted title is not a scare quote
        "She starred in \u201cThe Long Night Returns\u201d last year.",
        # substring of a longer word is not a match
        "The pastries were unlibtardsed and nobody noticed.",
    ],
)
def test_partisan_neutral_text_has_no_strong_spans(text: str) -> None:
    res = run(text)
    codes = {e.code for e in res.evidence}
    assert not codes & {"derogatory_term", "scare_quotes", "first_person_opinion"}


def test_partisan_score_orders_partisan_above_neutral() -> None:
    neutral, partisan = run(NEUTRAL), run(PARTISAN)
    assert neutral.score is not None and partisan.score is not None
    assert neutral.score < 0.5 < partisan.score
    assert partisan.features["derogatory_rate"] > 0
    assert neutral.features["derogatory_rate"] == 0
    assert any(e.code == "hyperpartisan_style" and e.span is None for e in partisan.evidence)


def test_partisan_quoted_slur_gets_half_weight() -> None:
    text = 'A protester shouted "down with the Kyiv regime" at the rally.'
    hit = [e for e in run(text).evidence if e.code == "derogatory_term"]
    assert len(hit) == 1 and hit[0].weight == pytest.approx(DET.quote_weight)
    assert "inside a quotation" in hit[0].message


def test_partisan_reports_every_occurrence() -> None:
    text = "The libtards said one thing. The libtards did another. The libtards lost."
    hits = [e for e in run(text).evidence if e.code == "derogatory_term"]
    assert [text[e.span.start:e.span.end] for e in hits] == ["libtards"] * 3


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "\U0001F600" * 500, "\u0627\u0644\u062d\u0631\u0628 " * 300,
     "\x00\x01\xff\ufffd" * 1000, "İstanbul KIEV REGIME İİİ " * 50, "a" * 100_000,
     '"' * 5000, "\u201c" * 3000 + "x", "so-called " * 2000],
)
def test_partisan_edge_texts_never_raise(text: str) -> None:
    res = run(text)
    assert set(res.features) == set(DET.feature_names)
    assert all(math.isfinite(v) for v in res.features.values())
    assert res.score is None or 0.0 <= res.score <= 1.0
    for e in res.evidence:
        if e.span:
            assert text[e.span.start:e.span.end]


def test_partisan_unicode_lowercase_keeps_offsets() -> None:
    text = "İİİ the KIEV REGIME again"
    assert len(normalise(text)) == len(text)
    hits = [e for e in run(text).evidence if e.code == "derogatory_term"]
    assert [text[e.span.start:e.span.end] for e in hits] == ["KIEV REGIME"]


def test_partisan_huge_text_is_truncated_not_slow() -> None:
    res = run(PARTISAN * 30_000)  # ~10 MB
    assert res.extras["truncated"] is True


def test_partisan_deterministic_and_registered() -> None:
    assert run(PARTISAN) == run(PARTISAN)
    names = [d.name for d in detectors()]
    assert names == ["framing.partisan.v1"]
    assert DET.name.startswith("framing.")


def test_partisan_empty_text_scores_none() -> None:
    res = run("")
    assert res.score is None and res.evidence == ()


def test_partisan_title_feeds_model_but_not_spans() -> None:
    body = NEUTRAL
    plain = DET(Document(text=body, language="en"))
    titled = DET(Document(text=body, language="en",
                          title="Libtards melt down AGAIN!!! You won't believe this insanity"))
    assert titled.features["hyperpartisan_prob"] != plain.features["hyperpartisan_prob"]
    for e in titled.evidence:
        if e.span:
            assert e.span.end <= len(body)


@pytest.mark.parametrize(
    ("text", "caps_words"),
    [
        # a short quoted phrase (a scare-quote candidate) after the shouting: caps must still
        # count the document's words, not the quoted phrase's
        ('The SENATE VOTED again. Critics mocked the "experts" loudly today.', 2),
        ('NOBODY TRUSTS THEM. The "EXPERTS" agree.', 4),
        ("Plain sentence with NATO and the UN here.", 1),
        ('No capitals at all, just "quoted words" here.', 0),
    ],
)
def test_partisan_caps_rate_counts_document_words(text: str, caps_words: int) -> None:
    rate = run(text).features["caps_rate"]
    assert math.isclose(rate, caps_words * 100.0 / len(text.split()))


def test_partisan_style_features_measure_voice_and_attribution() -> None:
    opinion = run("You know what I think? We deserve better, and your leaders failed you. " * 5)
    report = run("The minister said 12 roads closed in 2024, according to a statement. " * 5)
    f_op, f_rep = opinion.features, report.features
    assert f_op["pronoun_you_rate"] > 0 and f_op["pronoun_i_rate"] > 0 and f_op["pronoun_we_rate"] > 0
    assert f_rep["pronoun_you_rate"] == 0 and f_rep["pronoun_i_rate"] == 0
    assert f_rep["attribution_word_rate"] > f_op["attribution_word_rate"] == 0
    assert f_rep["digit_rate"] > 0 == f_op["digit_rate"]
    # 5 repeats of 12 words, each ending ". " -> 60 words / (5 sentence ends + 1)
    assert math.isclose(f_rep["words_per_sentence"], 60 / 6)
    assert math.isclose(f_rep["log_words"], math.log1p(60))


def test_partisan_quote_mark_rate_counts_quotation_marks() -> None:
    quoted = run('Officials called it “a plan” and "a start" in the statement.')
    plain = run("Officials called it a plan and a start in the statement.")
    assert quoted.features["quote_mark_rate"] > 0 == plain.features["quote_mark_rate"]


def test_partisan_paragraph_rate_ignores_blank_lines() -> None:
    single = run("One short paragraph here.\nAnother short paragraph here.")
    blank = run("One short paragraph here.\n\n  \nAnother short paragraph here.")
    assert math.isclose(single.features["paragraph_rate"], 2 * 100 / 8)
    assert math.isclose(blank.features["paragraph_rate"], 2 * 100 / 8)
