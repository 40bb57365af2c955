"""Tests for ``translation.mt.v1`` and its artifact finders. Every fixture text is written here."""

from __future__ import annotations

import math

import pytest
from translation_nonnative_texts import NON_NATIVE_TEXTS

from features.translation import MachineTranslationDetector, detectors
from features.translation import artifacts as A
from features.translation import profile as P
from features.translation.detector import load_model
from scorer.document import Document

DET = MachineTranslationDetector()


def run(text: str, language: str | None = "en"):
    return DET(Document(text=text, language=language))


# (fixture text, expected code, expected span text)
ARTIFACTS = [
    (
        "Officials said the outbreak of COVID- 19 closed the border for two years.",
        "broken_hyphenation",
        "COVID- 19",
    ),
    (
        "The talks will continue next month, a- he declared to reporters on Friday.",
        "broken_hyphenation",
        "a- he",
    ),
    (
        "The mayor said she won' t run again because the budget fight exhausted her.",
        "split_token",
        "won' t",
    ),
    (
        "Prices climbed 4. 2 percent in the quarter, the statistics office reported.",
        "split_token",
        "4. 2 percent",
    ),
    (
        "The governor met the envoy of Korea of the North at the summit in Geneva.",
        "calque",
        "Korea of the North",
    ),
    (
        "The treaty obliges the states members to report their emissions every year.",
        "calque",
        "states members",
    ),
    (
        "A spokesman for the Centre. for Coastal Studies said the dunes are shrinking fast.",
        "stray_period",
        "Centre. for",
    ),
    (
        "Both sides blamed each other for the conflict. in the region, diplomats said.",
        "stray_period",
        "conflict. in",
    ),
    (
        "The ministry promised new schools in rural areas. . Critics doubted the plan.",
        "stray_period",
        ". .",
    ),
    (
        "The farmers said the harvest was poor pero the cooperative paid them anyway.",
        "untranslated_word",
        "pero",
    ),
    (
        "This article was automatically translated and may contain mistakes in wording.",
        "mt_disclaimer",
        "automatically translated",
    ),
    (
        "Our editors publish foreign news through programmatic technology for readers.",
        "mt_disclaimer",
        "through programmatic technology",
    ),
]


@pytest.mark.parametrize(("text", "code", "snippet"), ARTIFACTS)
def test_artifacts_flag_expected_span(text: str, code: str, snippet: str) -> None:
    result = run(text)
    hits = [e for e in result.evidence if e.code == code]
    assert hits, f"no {code} in {[e.code for e in result.evidence]}"
    assert any(text[e.span.start : e.span.end] == snippet for e in hits if e.span is not None)
    for e in result.evidence:
        if e.span is not None:
            assert 0 <= e.span.start < e.span.end <= len(text)
            assert text[e.span.start : e.span.end] in e.message


# Human English that must not produce artifact evidence.
CLEAN = [
    "The pre- and post-war budgets differed, and mid- to late-1990s data are missing.",
    "Dr. Okafor and Mr. Lindqvist met U.S. officials at 9 a.m. on Tuesday in St. Louis.",
    "The study by Chen et al. found that vs. last year the rate fell sharply.",
    "Charles de Gaulle airport reopened, and the Del Rio crossing stayed closed.",
    "She quoted the old toast, hasta la vista, before leaving the stage.",
    "The North Korea envoy met member states of the United Nations in New York.",
    "Visit example.com for details. The office opens at 8. Staff will help you.",
    "Reporters asked about machine translation apps, which the ministry now tests.",
    "Thanks to everyone who came out today. pic.twitter.com/abc123 and see you soon.",
    "He paused and said he would think about it. ... Then he left the room.",
    "The bill was backed by Senator Dana Ruiz, Democrat of Oregon, and two colleagues.",
    "The coach once declared he would never leave the club, and he kept his word.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_artifacts_ignore_human_constructions(text: str) -> None:
    result = run(text)
    assert [e.code for e in result.evidence if e.span is not None] == []


NATIVE_NEWS = (
    "City officials on Tuesday approved a plan to rebuild the aging riverside library, ending "
    "a two-year dispute over whether the branch should be closed. The council voted 7-2 after "
    "a hearing that stretched past midnight, with dozens of residents urging members to save "
    'the building. "This is the only place many of our kids can do homework," said Maria '
    "Alvarez, who has lived in the neighborhood for three decades. The project is expected to "
    "cost about $14 million, most of it from a state grant announced last spring. Construction "
    "could begin next year, according to a memo from the parks department, and the branch "
    "would stay open in a temporary space nearby. Two council members who voted against the "
    "plan said they worried about rising costs and asked the city to publish monthly updates."
)

LAUNDERED = (
    "The ambassador of Korea of the North met on Monday with the envoys of the region, in a "
    "meeting that, according to the ministry, served to strengthen the cooperation. in the "
    "field of the energy. The officials said that the pandemic of COVID- 19 had delayed the "
    'projects, forcing states members to postpone the works. "We will continue," a- he '
    "declared after the talks at the Institute. for Regional Studies. Our site publishes this "
    "news through programmatic technology and may contain errors in translation."
)


@pytest.mark.parametrize("text", NON_NATIVE_TEXTS)
def test_detector_non_native_english_is_below_threshold(text: str) -> None:
    result = run(text)
    assert result.score is not None
    assert result.score < result.extras["threshold"]
    assert not result.extras["machine_translated"]
    assert [e.code for e in result.evidence] == []


def test_detector_native_news_is_below_threshold() -> None:
    result = run(NATIVE_NEWS)
    assert result.score is not None and result.score < result.extras["threshold"]
    assert result.evidence == ()


def test_detector_laundered_copy_is_above_threshold_with_spans() -> None:
    result = run(LAUNDERED)
    assert result.score is not None and result.score >= result.extras["threshold"]
    codes = {e.code for e in result.evidence}
    assert {"calque", "broken_hyphenation", "stray_period", "mt_disclaimer"} <= codes
    assert result.score > run(NATIVE_NEWS).score
    assert all(result.score > run(t).score for t in NON_NATIVE_TEXTS)


def test_detector_one_typo_does_not_decide() -> None:
    text = NATIVE_NEWS.replace("the building.", "the building. and")
    result = run(text)
    assert any(e.code == "stray_period" for e in result.evidence)
    assert result.score is not None and result.score < result.extras["threshold"]


def test_detector_lowercase_style_suppresses_stray_periods() -> None:
    text = (
        "we went out. it was cold. then we ate soup. my sister laughed. we walked home. "
        "the dog slept. nobody called. we read books. the end came. i slept well."
    )
    result = run(text)
    assert not any(e.code == "stray_period" for e in result.evidence)


def test_detector_profile_separates_round_trip_style() -> None:
    # Rule-based round-trip English: scrambled function words and doubled articles.
    garbled = (
        "When inequality of the income in the United States is the tallest that never has been, "
        "is little marvel that the confidence of the average American in the economy is down. "
        "The one of the persons that has said it he has said that the the market no is capable "
        "to go. It is time spent to maintain leaning in solutions , tired and recognise that he "
        "lies with attacking of the inequality in his source. There it has a lot of the persons "
        "that they same no can being paid, and the one of them has said that no even the "
        "government goes to be capable to help in the measure of the possible. " * 2
    )
    garbled_result = run(garbled)
    assert garbled_result.features["rule_mt_logit"] > run(NATIVE_NEWS).features["rule_mt_logit"]
    assert garbled_result.score >= garbled_result.extras["threshold"]


EDGE = [
    "",
    "   \n\t ",
    "🙂" * 500,
    "שלום עולם " * 200,
    "\x00\x01\xff" * 300,
    "a- " * 2000,
    ". " * 5000,
    "COVID- 19 " * 3000,
]


@pytest.mark.parametrize("text", EDGE, ids=[f"edge{i}" for i in range(len(EDGE))])
def test_detector_edge_texts_never_raise(text: str) -> None:
    result = run(text)
    assert set(result.features) == set(DET.feature_names)
    assert all(math.isfinite(v) for v in result.features.values())
    for e in result.evidence:
        if e.span is not None:
            assert 0 <= e.span.start <= e.span.end <= len(text)


def test_detector_huge_text_is_bounded() -> None:
    text = NATIVE_NEWS * 6000  # ~5 MB
    result = run(text)
    assert result.score is not None and 0.0 <= result.score <= 1.0


def test_detector_same_output_twice() -> None:
    assert run(LAUNDERED) == run(LAUNDERED)


def test_detector_skips_non_english() -> None:
    result = run("El gobierno anunció nuevas medidas para la economía del país.", language="es")
    assert result.score is None and result.evidence == ()


def test_detectors_registers_one_named_detector() -> None:
    names = [d.name for d in detectors()]
    assert names == ["translation.mt.v1"]
    assert len(set(DET.feature_names)) == len(DET.feature_names)


def test_model_loads_with_threshold_and_vocabulary() -> None:
    model = load_model()
    assert 0.05 <= model.threshold <= 0.95
    assert len(model.weights) > 100
    assert all(len(w) == len(P.DENSE_NAMES) for w in model.dense_weights)


def test_ascii_lower_keeps_offsets() -> None:
    text = "İstanbul Korea of the North"
    low = A.ascii_lower(text)
    assert len(low) == len(text)
    found = A.find_calques(text, low)
    assert [text[s:e] for _c, s, e, _m, _w in found] == ["Korea of the North"]


def test_profile_symbols_are_topic_blind() -> None:
    a = P.symbol_ids("the minister said that the bridge would open")
    b = P.symbol_ids("the coach said that the stadium would close")
    assert a == b


def test_lexicon_scan_matches_separate_finders() -> None:
    text = LAUNDERED + " The workers said the pay was low pero the food was good."
    low = A.ascii_lower(text)
    separate = A.find_calques(text, low) + A.find_untranslated(text)
    separate += A.find_disclaimers(text, low)
    assert sorted(A.find_lexicon_hits(text, low)) == sorted(separate)
    assert {f[0] for f in separate} == {"calque", "untranslated_word", "mt_disclaimer"}
