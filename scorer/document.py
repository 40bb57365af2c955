"""The unit credscore scores: one document with optional HTML, URL and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Document:
    """One input record.

    ``text`` is the analysed text: every span in a report is an offset into it. For HTML input it
    is the extracted main text and ``html`` keeps the raw page for detectors that read markup.
    ``metadata`` holds what the reader or the HTML extractor learned (author, date, site name,
    canonical URL). ``extra`` holds input fields that are carried into the output untouched.
    ``language`` is filled by the scorer (ISO 639-1 code or ``"und"``) before detectors run.
    """

    text: str
    id: str = ""
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    language: str | None = None
