"""The registry of detectors.

A detector is a small pure callable: a frozen dataclass with a ``name`` such as
``"spam.injected.v1"``, a tuple of ``feature_names`` and ``__call__(doc) -> DetectorResult``.
The first dotted part of the name is the report signal it feeds (``spam``, ``translation``,
``attribution``, ``framing``, ``source``). Each detector package exposes ``detectors()``, a list of
instances with default settings; :func:`default_detectors` collects them in a fixed order.

Feature columns are ``"{detector}__{feature}"`` so a detector whose version changes cannot
silently feed a model trained on its predecessor.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Iterable, Protocol, Sequence, runtime_checkable

from scorer.document import Document
from scorer.evidence import DetectorResult

#: Report signals, in report order.
SIGNALS: tuple[str, ...] = ("spam", "translation", "attribution", "framing", "source")

#: Detector packages, one per signal, imported only when detectors are asked for.
_PACKAGES: tuple[str, ...] = tuple(f"features.{s}" for s in SIGNALS)


@runtime_checkable
class Detector(Protocol):
    """What every detector provides."""

    name: str
    feature_names: tuple[str, ...]

    def __call__(self, doc: Document) -> DetectorResult: ...


@lru_cache(maxsize=4096)
def signal_of(detector_name: str) -> str:
    """The report signal a detector feeds: the first dotted part of its name."""
    return detector_name.split(".", 1)[0]


def by_signal(detectors: Sequence[Detector]) -> list[tuple[Detector, ...]]:
    """``detectors`` in runs of the same signal, in order. A batch runs one run over every
    document before the next (a detector's tables stay in the CPU cache), and the detectors of
    one signal stay back to back on each document (they may share work, as attribution's do).
    """
    out: list[list[Detector]] = []
    for det in detectors:
        if out and signal_of(out[-1][-1].name) == signal_of(det.name):
            out[-1].append(det)
        else:
            out.append([det])
    return [tuple(g) for g in out]


def version_of(detector_name: str) -> str:
    """The ``vN`` suffix of a detector name (``"v1"`` for ``"spam.injected.v1"``)."""
    last = detector_name.rsplit(".", 1)[-1]
    return last if last.startswith("v") and last[1:].isdigit() else ""


@lru_cache(maxsize=16384)
def column(detector_name: str, feature: str) -> str:
    """The classifier column name of one detector feature."""
    return f"{detector_name}__{feature}"


def default_detectors() -> list[Detector]:
    """Every registered detector with default settings, in signal order."""
    found: list[Detector] = []
    for package in _PACKAGES:
        module = importlib.import_module(package)
        factory = getattr(module, "detectors", None)
        if factory is None:
            continue
        found.extend(factory())
    check_unique(found)
    return found


def check_unique(detectors: Iterable[Detector]) -> None:
    """Refuse two detectors with the same name or an unknown signal."""
    seen: set[str] = set()
    for det in detectors:
        if det.name in seen:
            raise ValueError(f"detector {det.name} registered twice")
        if signal_of(det.name) not in SIGNALS:
            raise ValueError(f"detector {det.name} feeds unknown signal {signal_of(det.name)!r}")
        seen.add(det.name)


def feature_columns(detectors: Sequence[Detector]) -> list[str]:
    """All classifier columns the detectors produce, in a stable order."""
    return [column(d.name, f) for d in detectors for f in d.feature_names]
