"""``spam.*`` detectors: text injected into an article by spammers.

- :class:`~features.spam.injected.InjectedSpamDetector` (``spam.injected.v1``): keyword lines,
  link lists, foreign-language segments, stuffing and glued phrases in ``doc.text``.
- :class:`~features.spam.hidden_html.HiddenHtmlDetector` (``spam.hidden_html.v1``): hidden
  elements in ``doc.html`` that carry links or spam text.
"""

from __future__ import annotations

from features.spam.hidden_html import HiddenHtmlDetector
from features.spam.injected import InjectedSpamDetector

__all__ = ["HiddenHtmlDetector", "InjectedSpamDetector", "detectors"]


def detectors() -> list:
    """The spam detectors with default settings."""
    return [InjectedSpamDetector(), HiddenHtmlDetector()]
