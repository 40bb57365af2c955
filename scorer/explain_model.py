"""Reasons: the model's per-feature pushes on one document, in words a reader understands.

The shipped model is linear in the (scaled) detector features after calibration, so each
feature's push on the log-odds of "low credibility" is exact: positive weight lowers credibility,
negative weight raises it. Columns have hand-written messages where one exists; any other column
gets a generic message built from its detector signal and feature name, saying whether the
document has more or less of it than the average training document.

Without a URL the source prior does not measure anything; its columns' pushes (the model's
expectation for an unknown publisher) are merged into one ``source.no_url`` reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from features.registry import signal_of
from scorer.evidence import DetectorResult
from scorer.report import Reason

#: feature name (after ``__``) of the source prior -> message template; ``{domain}`` is filled.
_SOURCE_MESSAGES: dict[str, tuple[str, str]] = {
    # (message when the feature pushes towards low credibility, message when towards credible)
    "reliability": ("the publisher {domain} is rated low by media-rating lists",
                    "the publisher {domain} is rated highly by media-rating lists"),
    "rated_low": ("the publisher {domain} is below 0.4 on media-rating lists",
                  "the publisher {domain} is not rated low by media-rating lists"),
    "listed_fake": ("the publisher {domain} is listed as fake news, conspiracy or disinformation",
                    "the publisher {domain} is not on fake-news lists"),
    "listed_satire": ("the publisher {domain} is listed as satire",
                      "the publisher {domain} is not a listed satire site"),
    "listed_partisan": ("the publisher {domain} is listed as partisan",
                        "the publisher {domain} is not listed as partisan"),
    "known": ("the publisher {domain} appears on rating lists",
              "the publisher {domain} appears on rating lists"),
    "rated": ("the publisher {domain} has a rating",
              "the publisher {domain} has a rating"),
    "unknown": ("the publisher {domain} is on no rating list",
                "the publisher {domain} is on no rating list"),
    "gambling": ("the site {domain} is listed as a gambling site",
                 "the site {domain} is not a gambling site"),
    "press": ("the site {domain} is not in the UT1 press list",
              "the site {domain} is in the UT1 press list"),
    "shortener": ("the link {domain} is a URL shortener that hides the publisher",
                  "the link is not a URL shortener"),
    "suffix_risk": ("the domain suffix of {domain} is common among listed spam and fake sites",
                    "the domain suffix of {domain} is rare among listed spam and fake sites"),
    "is_ip": ("the page is served from a bare IP address", "the page has a named host"),
    "subdomain_fallback": ("{domain} was matched through a parent domain",
                           "{domain} was matched directly"),
    "has_url": ("the document has a URL", "the document has a URL"),
}


#: Hand-written messages for other detectors' columns, ``{value}`` is filled.
_MESSAGES: dict[str, tuple[str, str]] = {}


def humanise(feature: str) -> str:
    """``digit_ratio_per_kchar`` -> ``digit ratio per kchar``."""
    return feature.replace("__", " ").replace("_", " ").strip()


def _domain(results: Mapping[str, DetectorResult]) -> str:
    for name, r in results.items():
        if signal_of(name) == "source" and r.extras.get("domain"):
            return str(r.extras["domain"])
    return "the publisher"


def _has_url(names: Sequence[str], x: np.ndarray) -> bool:
    for i, n in enumerate(names):
        if signal_of(n) == "source" and n.endswith("__has_url"):
            return bool(x[i] > 0)
    return True


def message_for(column: str, value: float, z: float, weight: float,
                results: Mapping[str, DetectorResult]) -> str:
    """One reader-facing sentence for a column's push."""
    detector, _, feature = column.partition("__")
    signal = signal_of(detector)
    if signal == "source" and feature in _SOURCE_MESSAGES:
        up, down = _SOURCE_MESSAGES[feature]
        if feature == "known" and value == 0:
            up, down = _SOURCE_MESSAGES["unknown"]
        text = (up if weight > 0 else down).format(domain=_domain(results))
        if feature == "reliability":
            text += f" ({value + 0.5:.2f} of 1)"
        return text
    if feature in _MESSAGES:
        up, down = _MESSAGES[feature]
        return (up if weight > 0 else down).format(value=value)
    effect = "lowers credibility" if weight > 0 else "raises credibility"
    words = humanise(feature)
    if value in (0.0, 1.0) and _looks_flag(feature):
        found = words if value == 1.0 else f"no {words}"
        return f"{signal}: {found} ({effect})"
    level = "high" if z > 0 else "low"
    return f"{signal}: {words} is {level} ({value:.3g}; {effect})"


def _looks_flag(feature: str) -> bool:
    return not any(feature.endswith(s) for s in ("_ratio", "_share", "_rate", "_density",
                                                   "_fraction", "_per_1k", "_count", "_score"))


def reasons_for(names: Sequence[str], x: np.ndarray, z: np.ndarray, contrib: np.ndarray,
                results: Mapping[str, DetectorResult], min_weight: float = 0.05
                ) -> list[Reason]:
    """Signed reasons sorted by absolute push (largest first), pushes below ``min_weight`` dropped."""
    reasons: list[Reason] = []
    has_url = _has_url(names, x)
    no_url_weight = 0.0
    for i, column in enumerate(names):
        w = float(contrib[i])
        detector = column.partition("__")[0]
        signal = signal_of(detector)
        if signal == "source" and not has_url:
            no_url_weight += w
            continue
        if abs(w) < min_weight:
            continue
        reasons.append(Reason(column, signal,
                              message_for(column, float(x[i]), float(z[i]), w, results), w))
    if not has_url and abs(no_url_weight) >= min_weight:
        msg = ("no URL was given, so the publisher could not be checked against rating lists"
               + ("; an unknown publisher lowers credibility" if no_url_weight > 0 else ""))
        reasons.append(Reason("source.no_url", "source", msg, no_url_weight))
    reasons.sort(key=lambda r: (-abs(r.weight), r.code))
    return reasons
