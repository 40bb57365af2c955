"""``attribution.*`` detectors: bylines, datelines, agency credits, scraper markers and sourcing.

- :class:`~features.attribution.credits.CreditsDetector` (``attribution.credits.v1``): byline,
  dateline, wire credits, credit conflicts, scraper/syndication markers; fills the report's
  ``byline``, ``dateline`` and ``credits`` fields.
- :class:`~features.attribution.sourcing.SourcingDetector` (``attribution.sourcing.v1``): quotes
  with and without speakers, named/anonymous/vague sources, outlet citations, first person.
"""

from __future__ import annotations

from features.attribution.credits import CreditsDetector
from features.attribution.sourcing import SourcingDetector


def detectors() -> list:
    """The attribution detectors with default settings (one sourcing instance: the credits
    detector finds the sourcing result it shares by identity, not by comparing fields)."""
    sourcing = SourcingDetector()
    return [CreditsDetector(sourcing=sourcing), sourcing]
