"""A small fixture batch for the HTML report and ``explain`` tests.

The texts are written for these tests. Toy detectors (fixed phrase lists) stand in for the real
ones so the tests do not depend on how the shipped detectors evolve: the records are real
``Report.to_dict(include_text=True)`` output of :class:`scorer.Scorer` with these detectors and the
heuristic fallback model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scorer import Document, Scorer
from scorer.evidence import DetectorResult, Evidence, Span
from scorer.report import error_record


@dataclass(frozen=True)
class PhraseDetector:
    """Flags every occurrence of fixed phrases (case-sensitive)."""

    name: str
    phrases: tuple[tuple[str, str], ...]  # (phrase, code)
    per_hit: float = 0.35
    feature_names: tuple[str, ...] = ("hits",)

    def __call__(self, doc: Document) -> DetectorResult:
        ev = []
        for phrase, code in self.phrases:
            start = doc.text.find(phrase)
            while start >= 0:
                ev.append(Evidence(code, f"{code.lower().replace('_', ' ')}: “{phrase}”",
                                   Span(start, start + len(phrase))))
                start = doc.text.find(phrase, start + 1)
        score = min(1.0, self.per_hit * len(ev)) if doc.text else None
        return DetectorResult(self.name, {"hits": float(len(ev))}, tuple(ev), score)


@dataclass(frozen=True)
class BylineDetector:
    """Document-level finding when no "By NAME" line is present; byline extra otherwise."""

    name: str = "attribution.fixture.v1"
    feature_names: tuple[str, ...] = ("has_byline",)

    def __call__(self, doc: Document) -> DetectorResult:
        idx = doc.text.find("By ")
        if idx < 0:
            return DetectorResult(self.name, {"has_byline": 0.0},
                                  (Evidence("NO_BYLINE", "no byline found"),), 0.3)
        end = doc.text.find("\n", idx)
        end = len(doc.text) if end < 0 else end
        return DetectorResult(self.name, {"has_byline": 1.0},
                              (Evidence("BYLINE", "byline present", Span(idx, end), -0.2),), 0.0,
                              {"byline": doc.text[idx + 3:end]})


@dataclass(frozen=True)
class RatingDetector:
    """A source rating from a fixed table (the report's ``source.ratings``)."""

    name: str = "source.fixture.v1"
    feature_names: tuple[str, ...] = ("rated_low",)

    def __call__(self, doc: Document) -> DetectorResult:
        if doc.url and "lowcred.example" in doc.url:
            return DetectorResult(self.name, {"rated_low": 1.0},
                                  (Evidence("SOURCE_RATED_LOW", "listed as unreliable"),), 0.8,
                                  {"domain": "lowcred.example",
                                   "ratings": {"fixture-list": "unreliable"}})
        return DetectorResult(self.name, {"rated_low": 0.0}, (), None)


def detectors() -> list[Any]:
    return [
        PhraseDetector("spam.fixture.v1", (("win big at the lucky slots casino", "SPAM_GAMBLING"),
                                           ("free spins bonus", "SPAM_GAMBLING"))),
        PhraseDetector("translation.fixture.v1", (("Republic of the Korea", "MT_CALQUE"),
                                                  ("COVID- 19", "MT_BROKEN_TOKEN"))),
        BylineDetector(),
        PhraseDetector("framing.fixture.v1", (("puppet regime", "LOADED_TERM"),
                                              ("slots casino", "LOADED_TERM"),
                                              ("so-called experts", "LOADED_TERM"))),
        RatingDetector(),
    ]


#: (id, url, text). Written for these tests; deliberately varied: overlapping spans, an emoji
#: before a span (UTF-16 offsets), right-to-left text, markup that must stay text.
TEXTS: list[tuple[str, str | None, str]] = [
    ("clean-wire", "https://wire.example/story",
     ("By ANNA PETROVA\nHARBOUR CITY (Wire) — The port authority said on Monday that cargo "
      "volumes rose for a third month, citing figures from its annual survey.")),
    ("spammed-blog", "https://lowcred.example/post",
     ("win big at the lucky slots casino free spins bonus\nThe puppet regime and its so-called "
      "experts denied everything, the blog claimed.\nwin big at the lucky slots casino")),
    ("translated", "https://mirror.example/a",
     ("The Republic of the Korea said that COVID- 19 cases fell. 🎉🎉 Officials of the "
      "Republic of the Korea met again.")),
    ("markup", None,
     ("A page quoting code: </script><script>alert('x')</script> and <b>bold</b> & "
      "so-called experts.")),
    ("rtl", "https://news.example/rtl",
     "By SARA\nمرحبا بالعالم — free spins bonus at the end."),
]


def records() -> list[dict[str, Any]]:
    """The fixture batch: one record per text plus one error record, in that order."""
    scorer = Scorer(detectors=detectors())
    docs = [Document(text=t, id=i, url=u) for i, u, t in TEXTS]
    out = [r.to_dict(include_text=True) for r in scorer.score_many(docs)]
    out.append(error_record("broken-record", "bad_input", "line 7 is not valid JSON"))
    return out
