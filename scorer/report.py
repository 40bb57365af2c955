"""The report contract: one JSON object per input record (README "Report", schema in
``scorer/schema/report.schema.json``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

from features.registry import SIGNALS, signal_of
from scorer.config import SCHEMA_VERSION
from scorer.document import Document
from scorer.evidence import DetectorResult

#: Report fields each signal carries besides ``score`` and ``spans``, with their empty values.
SIGNAL_EXTRAS: dict[str, dict[str, Any]] = {
    "attribution": {"byline": None, "dateline": None, "credits": [], "photo_credits": []},
    "source": {"domain": None, "ratings": {}},
}


@dataclass(frozen=True, slots=True)
class Reason:
    """A named contribution to the overall score; positive ``weight`` lowers credibility."""

    code: str
    signal: str
    message: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "signal": self.signal, "message": self.message,
                "weight": round(float(self.weight), 4)}


@dataclass(frozen=True, slots=True)
class Credibility:
    """The overall verdict."""

    p_low: float
    score: float
    label: str
    decision: str


@dataclass(frozen=True)
class Report:
    """Everything credscore says about one document."""

    doc: Document
    results: Mapping[str, DetectorResult]
    credibility: Credibility
    reasons: tuple[Reason, ...]
    model_name: str
    model_version: str
    extra: Mapping[str, Any] = field(default_factory=dict)

    def signal_scores(self) -> dict[str, float | None]:
        """Each signal's score: the strongest of its detectors' scores, ``None`` if none measured."""
        out: dict[str, float | None] = {s: None for s in SIGNALS}
        for name, result in self.results.items():
            if result.score is None:
                continue
            sig = _signal(name)
            prev = out[sig]
            out[sig] = result.score if prev is None else max(prev, result.score)
        return out

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The JSON-ready report (the contract's field order)."""
        text = self.doc.text
        scores = self.signal_scores()
        signals: dict[str, dict[str, Any]] = {}
        for sig in SIGNALS:
            block: dict[str, Any] = {"score": _round(scores[sig])}
            for key, empty in SIGNAL_EXTRAS.get(sig, {}).items():
                block[key] = empty.copy() if isinstance(empty, (list, dict)) else empty
            block["spans"] = []
            block["findings"] = []
            signals[sig] = block
        for name, result in self.results.items():
            sig = _signal(name)
            block = signals[sig]
            wanted = SIGNAL_EXTRAS.get(sig)
            if wanted:
                for key, value in result.extras.items():
                    if key in wanted and value not in (None, [], {}):
                        if isinstance(value, list) and isinstance(block.get(key), list):
                            block[key].extend(v for v in value if v not in block[key])
                        elif block.get(key) in (None, [], {}):
                            block[key] = value
            if not result.evidence:
                continue
            spans, findings = block["spans"], block["findings"]
            for ev in result.evidence:
                span = ev.span
                if span is None:
                    findings.append({"code": ev.code, "message": ev.message, "detector": name})
                else:
                    start, end = span.start, span.end
                    spans.append({"start": start, "end": end, "code": ev.code,
                                  "text": text[start:end], "message": ev.message,
                                  "detector": name})
        for block in signals.values():
            if len(block["spans"]) > 1:
                block["spans"].sort(key=_span_key)
        c = self.credibility
        out: dict[str, Any] = {
            "id": self.doc.id,
            "url": self.doc.url,
            "domain": signals["source"]["domain"] or _domain(self.doc.url),
            "language": self.doc.language or "und",
            "credibility": {"score": round(c.score, 2), "label": c.label,
                            "decision": c.decision, "p_low": round(c.p_low, 4)},
            "signals": signals,
            "reasons": [r.to_dict() for r in self.reasons],
            "model": {"name": self.model_name, "version": self.model_version},
            "detectors": list(self.results),
            "schema_version": SCHEMA_VERSION,
        }
        if self.doc.title is not None:
            out["title"] = self.doc.title
        if self.doc.metadata:
            out["metadata"] = dict(self.doc.metadata)
        out.update(self.extra)
        if include_text:
            out["text"] = text
        for key, value in self.doc.extra.items():
            out.setdefault(key, value)
        return out


def _span_key(span: Mapping[str, Any]) -> tuple[int, int, str]:
    return span["start"], span["end"], span["code"]


@lru_cache(maxsize=256)
def _signal(detector_name: str) -> str:
    return signal_of(detector_name)


def error_record(record_id: str, code: str, message: str,
                 extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The record written in place of a report when a record cannot be scored."""
    out: dict[str, Any] = {"id": record_id, "error": {"code": code, "message": message},
                           "schema_version": SCHEMA_VERSION}
    for key, value in (extra or {}).items():
        out.setdefault(key, value)
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _domain(url: str | None) -> str | None:
    from features.urls import registered_domain

    return registered_domain(url)
