"""``attribution.*`` detectors (not yet implemented: this package registers none)."""

from __future__ import annotations


def detectors() -> list:
    """The attribution detectors with default settings."""
    return []
