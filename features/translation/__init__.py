"""``translation.*`` detectors: machine-translated English (laundered copies, raw MT).

One detector, :class:`~features.translation.detector.MachineTranslationDetector`
(``translation.mt.v1``), combines a learned function-word profile model with surface artifacts
that carry spans (codes: ``broken_hyphenation``, ``split_token``, ``stray_period``, ``calque``,
``untranslated_word``, ``mt_disclaimer``; document-level ``mt_profile``). See the module docstrings
of ``detector``, ``artifacts`` and ``profile`` for the signal, its false positives and the data.
"""

from __future__ import annotations

from .detector import MachineTranslationDetector


def detectors() -> list[MachineTranslationDetector]:
    """The translation detectors with default settings."""
    return [MachineTranslationDetector()]


__all__ = ["MachineTranslationDetector", "detectors"]
