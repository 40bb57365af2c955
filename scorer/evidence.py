"""Evidence and detector results: the data every detector returns.

Spans are half-open ``[start, end)`` character offsets into ``Document.text``; the report's span
``text`` is always ``document.text[start:end]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Evidence:
    """One concrete finding: a code, a human message and where it sits in the text.

    ``span`` is ``None`` for document-level evidence (e.g. "no byline found").
    """

    code: str
    message: str
    span: Span | None = None
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class DetectorResult:
    """What one detector says about one document.

    ``features`` are the named numeric measurements fed to the classifier (finite floats, one per
    name in the detector's ``feature_names``). ``score`` is the detector's own 0..1 strength of
    evidence for its signal, or ``None`` when it did not measure (e.g. no URL for a source
    detector). ``extras`` carries structured facts for the report (byline, credits, ratings...).
    """

    detector: str
    features: Mapping[str, float]
    evidence: tuple[Evidence, ...] = ()
    score: float | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not all(map(math.isfinite, self.features.values())):  # one C-level pass
            for name, value in self.features.items():
                if not math.isfinite(value):
                    raise ValueError(f"{self.detector}: feature {name} is not finite: {value!r}")
        if self.score is not None and not (0.0 <= self.score <= 1.0):
            raise ValueError(f"{self.detector}: score {self.score!r} outside [0, 1]")
