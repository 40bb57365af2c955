"""Settings with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass

#: Version of the report contract (README "Report"; scorer/schema/report.schema.json).
SCHEMA_VERSION = "1.0"

#: Default document size limit: 20 MB of text (characters), per the report contract.
DEFAULT_MAX_CHARS = 20_000_000


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Cut points on the 0..100 credibility score.

    ``label``: high >= ``high``; low < ``low``; mixed between. ``decision``: accept >= ``accept``;
    reject < ``reject``; review between. The shipped model's card stores its own values.
    """

    high: float = 70.0
    low: float = 40.0
    accept: float = 70.0
    reject: float = 40.0

    def label(self, score: float) -> str:
        if score >= self.high:
            return "high"
        if score < self.low:
            return "low"
        return "mixed"

    def decision(self, score: float) -> str:
        if score >= self.accept:
            return "accept"
        if score < self.reject:
            return "reject"
        return "review"


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits."""

    max_chars: int = DEFAULT_MAX_CHARS
    #: Seconds one document may take (extraction + detectors) before it becomes an error record
    #: with code ``time_budget``. Enforced with a timer signal in a process's main thread (the
    #: CLI and its workers); elsewhere it is checked between detectors. ``0`` disables it.
    time_budget_s: float = 10.0
