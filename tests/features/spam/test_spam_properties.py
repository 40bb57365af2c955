"""Property tests of the spam detectors and the folding map (hypothesis), plus lexicon files."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from features.spam import detectors
from features.spam.normalize import fold
from scorer.document import Document

DETS = detectors()
# Text mixing ASCII words, spam-ish pieces, obfuscation characters and other scripts.
PIECES = st.sampled_from([
    "casino", "c a s i n o", "саsino", "cas\u200bino", "&#99;", "%63", "𝐒𝐋𝐎𝐓", "ＳＬＯＴ",
    "slot gacor", "https://x-casino.xyz/", "www.", ".com", " ", "\n", "\n\n", ". ", "The ",
    "council voted", "é", "ß", "İ", "\u0332", "🔥", "казино", "카지노", "คาสิโน", "赌场", "|",
    "viagra", "\x00", "\ufeff", "a", "1", "0", "&amp;", "<div hidden>", "\u202e",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, language=st.sampled_from(["en", "und", "tr", "zh"]))
def test_spam_detectors_total_and_spans_in_bounds(text: str, language: str) -> None:
    doc = Document(text=text, language=language, html=text if "<" in text else None)
    for det in DETS:
        res = det(doc)
        assert set(res.features) == set(det.feature_names)
        assert all(math.isfinite(v) for v in res.features.values())
        assert res.score is None or 0.0 <= res.score <= 1.0
        for ev in res.evidence:
            if ev.span is not None:
                assert 0 <= ev.span.start < ev.span.end <= len(text)
        assert det(doc) == res  # deterministic


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_fold_offsets_monotonic_and_in_bounds(text: str) -> None:
    f = fold(text)
    assert len(f.base) == len(f.leet)
    if f.offsets is not None:
        assert len(f.offsets) == len(f.base) + 1
        assert f.offsets[-1] == len(text)
        assert all(a <= b for a, b in zip(f.offsets, f.offsets[1:]))
        assert all(0 <= o <= len(text) for o in f.offsets)
    for i in range(0, len(f.base), 7):
        s, e = f.orig_span(i, i + 1)
        assert 0 <= s < e <= len(text)


def test_lexicon_files_have_provenance_headers() -> None:
    data = Path(__file__).resolve().parents[3] / "features" / "data" / "spam"
    files = sorted(data.glob("*.t*"))
    assert {p.name for p in files} >= {"keywords.tsv", "gambling_domains.txt", "en_vocab.txt"}
    for path in files:
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert head[0].startswith("#") and any("Source" in h or "Sources" in h or "Built" in h
                                               for h in head), path.name
