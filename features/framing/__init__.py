"""``framing.*`` detectors: partisan framing (loaded language, name calling, derogatory labels,
scare quotes, hyperbole, first-person opinion voice) and an article-level hyperpartisan model.
See :mod:`features.framing.partisan`."""

from __future__ import annotations

from features.framing.partisan import PartisanFraming


def detectors() -> list:
    """The framing detectors with default settings."""
    return [PartisanFraming()]
