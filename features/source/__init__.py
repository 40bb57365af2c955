"""``source.*`` detectors: the publisher prior from public domain-rating lists.

See :mod:`features.source.domain` for the signal, its false positives and reason codes.
"""

from __future__ import annotations

from features.source.domain import DomainPrior


def detectors() -> list:
    """The source detectors with default settings."""
    return [DomainPrior()]
