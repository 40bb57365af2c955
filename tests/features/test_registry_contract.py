"""Contract tests over every registered detector: whatever a detector does, it keeps these."""

from __future__ import annotations

import math

import pytest

from features.registry import SIGNALS, default_detectors, signal_of, version_of
from scorer.document import Document
from scorer.evidence import DetectorResult

DETECTORS = default_detectors()
IDS = [d.name for d in DETECTORS]

EDGE_TEXTS = {
    "empty": "",
    "whitespace": " \n\t\r\n  \u3000 ",
    "one_char": "x",
    "emoji": "Breaking 🔥🔥🔥 news 🎰🎲 " * 40,
    "rtl": "قالت الحكومة إن الميزانية الجديدة ستدعم المدارس. " * 30 + "\u202eevil\u202c",
    "hebrew_mixed": "The minister said שלום עולם in a speech. " * 20,
    "binaryish": "\x00\x01\x02\ufffd\ufffe" * 200,
    "control": "".join(chr(i) for i in range(32)) * 50,
    "zero_width": "ca\u200bsi\u200dno " * 100,
    "only_punct": "!!!???...,,,;;;---''\"\"" * 100,
    "long_line": ("word " * 50_000),
    "many_lines": "\n".join(f"Line {i}: the report said it was fine." for i in range(5_000)),
    "surrogate_like": "text \ud800 end" if False else "text \U0001F600 end",
    "combining": "e\u0301" * 2000,
    "html_as_text": "<div style='display:none'><a href='http://x.example'>x</a></div>" * 50,
    "cjk": "政府は新しい予算案を発表した。" * 100,
}


@pytest.mark.parametrize("detector", DETECTORS, ids=IDS)
def test_detector_identity_is_well_formed(detector) -> None:
    assert signal_of(detector.name) in SIGNALS
    assert version_of(detector.name), f"{detector.name} has no vN suffix"
    assert detector.feature_names and len(set(detector.feature_names)) == len(
        detector.feature_names)
    assert all(isinstance(f, str) and "__" not in f for f in detector.feature_names)
    with pytest.raises(Exception):
        detector.name = "changed"  # frozen dataclass


@pytest.mark.parametrize("detector", DETECTORS, ids=IDS)
@pytest.mark.parametrize("kind", sorted(EDGE_TEXTS))
def test_detector_edge_texts_never_raise(detector, kind: str) -> None:
    text = EDGE_TEXTS[kind]
    for doc in (Document(text=text, id=kind, language="und"),
                Document(text=text, id=kind, language="en", url="https://news.example.com/a",
                         html=f"<html><body><p>{text[:2000]}</p></body></html>")):
        result = detector(doc)
        _check_result(detector, doc, result)


def _check_result(detector, doc: Document, result: DetectorResult) -> None:
    assert result.detector == detector.name
    assert set(result.features) == set(detector.feature_names)
    assert all(math.isfinite(v) for v in result.features.values())
    assert result.score is None or 0.0 <= result.score <= 1.0
    for ev in result.evidence:
        assert ev.code and ev.message
        if ev.span is not None:
            assert 0 <= ev.span.start <= ev.span.end <= len(doc.text)


@pytest.mark.parametrize("detector", DETECTORS, ids=IDS)
def test_detector_same_output_twice(detector) -> None:
    text = ("Officials said on Monday the plan would go ahead. \"It is a good day,\" said Ann Lee, "
            "a spokeswoman. casino bonus free spins slot gacor\n") * 20
    doc = Document(text=text, id="x", language="en", url="https://www.example.com/story")
    assert detector(doc) == detector(doc)


def test_registry_names_are_unique_and_in_signal_order() -> None:
    assert len(set(IDS)) == len(IDS)
    order = [SIGNALS.index(signal_of(n)) for n in IDS]
    assert order == sorted(order)
