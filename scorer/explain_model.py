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
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from features.registry import signal_of
from scorer.evidence import DetectorResult
from scorer.report import Reason

#: (signal, feature) -> (text when the value is high/present, text when low/absent). The text
#: describes the document; the reason's weight says which way it moved the score. ``{value}``
#: and ``{domain}`` are filled in.
_MESSAGES: dict[tuple[str, str], tuple[str, str]] = {
    # source prior (only for publishers found in the lists; see reasons_for)
    ("source", "reliability"): ("the publisher {domain} is rated highly by media-rating lists",
                                "the publisher {domain} is rated low by media-rating lists"),
    ("source", "rated_low"): ("the publisher {domain} is below 0.4 on media-rating lists",
                              "the publisher {domain} is not rated low"),
    ("source", "listed_fake"): (("the publisher {domain} is listed as fake news, conspiracy or "
                                "disinformation"), "the publisher {domain} is not on fake-news lists"),
    ("source", "listed_satire"): ("the publisher {domain} is listed as satire",
                                  "the publisher {domain} is not a satire site"),
    ("source", "listed_partisan"): ("the publisher {domain} is listed as partisan",
                                    "the publisher {domain} is not listed as partisan"),
    ("source", "gambling"): ("the site {domain} is listed as a gambling site",
                             "the site {domain} is not a gambling site"),
    ("source", "press"): ("the site {domain} is in the UT1 press list",
                          "the site {domain} is not in the UT1 press list"),
    ("source", "shortener"): ("the link {domain} is a URL shortener that hides the publisher",
                              "the link is not a URL shortener"),
    ("source", "suffix_risk"): ("the domain suffix of {domain} is common among spam and fake sites",
                                "the domain suffix of {domain} is rare among spam and fake sites"),
    ("source", "is_ip"): ("the page is served from a bare IP address", "the page has a named host"),
    ("source", "known"): ("the publisher {domain} is on rating lists",
                          "the publisher {domain} is on no rating list"),
    ("source", "rated"): ("the publisher {domain} has a rating", "the publisher {domain} has no rating"),
    ("source", "subdomain_fallback"): ("{domain} was matched through its parent domain",
                                       "{domain} was matched directly"),
    # spam
    ("spam", "contaminated_fraction"): ("part of the text is injected spam",
                                        "no injected spam in the text"),
    ("spam", "n_spans"): ("injected spam passages were found", "no injected spam passages"),
    ("spam", "max_segment_score"): ("a passage looks strongly like injected spam",
                                    "no passage looks like spam"),
    ("spam", "gambling_density"): ("gambling spam words in the text", "no gambling spam words"),
    ("spam", "pharma_density"): ("pharmacy spam words in the text", "no pharmacy spam words"),
    ("spam", "other_spam_density"): ("other spam keywords in the text", "no other spam keywords"),
    ("spam", "foreign_fraction"): ("foreign-language passages inside the text",
                                   "no foreign-language passages"),
    ("spam", "obfuscation_density"): ("obfuscated look-alike characters typical of spam",
                                      "no obfuscated characters"),
    ("spam", "spam_link_share"): ("links to spam domains", "no links to spam domains"),
    ("spam", "stuffing_max"): ("keyword stuffing", "no keyword stuffing"),
    ("spam", "top_fraction"): ("spam at the top of the text", "no spam at the top"),
    ("spam", "bottom_fraction"): ("spam at the bottom of the text", "no spam at the bottom"),
    ("spam", "middle_fraction"): ("spam inside the body", "no spam inside the body"),
    ("spam", "hidden_spam_links"): ("hidden spam links in the HTML", "no hidden spam links"),
    ("spam", "hidden_links"): ("hidden links in the HTML", "no hidden links"),
    ("spam", "hidden_elements"): ("hidden elements in the HTML", "no hidden HTML elements"),
    # translation
    ("translation", "probability"): ("the text reads like machine translation",
                                     "the text does not read like machine translation"),
    ("translation", "artifact_logit"): ("machine-translation artifacts in the wording",
                                        "few machine-translation artifacts"),
    ("translation", "profile_logit"): ("the word profile looks machine-translated",
                                       "the word profile looks like original English"),
    ("translation", "calque_per_1k_words"): ("literal translated phrases (calques)",
                                             "no literal translated phrases"),
    ("translation", "mt_disclaimer_per_1k_words"): ("the page says it is machine translated",
                                                    "no machine-translation notice"),
    ("translation", "broken_hyphenation_per_1k_words"): ("broken hyphenation (\"COVID- 19\")",
                                                         "no broken hyphenation"),
    ("translation", "stray_period_per_1k_words"): ("stray periods inside sentences",
                                                   "no stray periods"),
    # attribution
    ("attribution", "has_byline"): ("a named byline", "no byline"),
    ("attribution", "has_dateline"): ("a dateline", "no dateline"),
    ("attribution", "dateline_agency"): ("a wire-agency dateline", "no wire-agency dateline"),
    ("attribution", "no_byline_no_dateline"): ("neither byline nor dateline",
                                               "a byline or a dateline"),
    ("attribution", "strong_scraper_marker"): ("a scraper credit line (\"Go to Source\")",
                                               "no scraper credit line"),
    ("attribution", "has_scraper_marker"): ("scraper or aggregator markers",
                                            "no scraper markers"),
    ("attribution", "marker_in_tail"): ("a copy credit at the end of the text",
                                        "no copy credit at the end"),
    ("attribution", "credit_conflict"): ("credits to a different agency than the dateline",
                                         "no conflicting credits"),
    ("attribution", "byline_agency_only"): ("only an agency as author", "a person as author"),
    ("attribution", "author_is_organisation"): ("an organisation or desk as the declared author",
                                                "no organisation as the declared author"),
    ("attribution", "lead_tag"): ("an \"(UPDATE)\"-style lead tag", "no lead tag"),
    ("attribution", "photo_credit_only"): ("only a photo credit", "more than a photo credit"),
    ("attribution", "n_credited_agencies"): ("several credited agencies", "few credited agencies"),
    ("attribution", "named_attributions_per_1k"): ("many named sources", "few named sources"),
    ("attribution", "named_with_role_per_1k"): ("many sources named with their role",
                                                "few sources named with their role"),
    ("attribution", "quotes_per_1k"): ("many quotations", "few quotations"),
    ("attribution", "unattributed_quote_ratio"): ("many unattributed quotations",
                                                  "few unattributed quotations"),
    ("attribution", "anonymous_per_1k"): ("many anonymous sources", "few anonymous sources"),
    ("attribution", "vague_per_1k"): ("vague sourcing (\"some say\")", "little vague sourcing"),
    ("attribution", "outlet_citations_per_1k"): ("many citations of other outlets",
                                                 "few citations of other outlets"),
    ("attribution", "first_person_per_1k"): ("first-person writing", "little first-person writing"),
    ("attribution", "no_sources"): ("no sources named at all", "named sources"),
    ("attribution", "log_words"): ("a long text", "a short text"),
}

_FLAG_ENDINGS = ("_ratio", "_share", "_rate", "_density", "_fraction", "_per_1k", "_per_kchar",
                 "_count", "_score", "_logit", "_words")


def humanise(feature: str) -> str:
    """``digit_ratio_per_kchar`` -> ``digit ratio per kchar``."""
    return feature.replace("__", " ").replace("_", " ").strip()


def _domain(results: Mapping[str, DetectorResult]) -> str:
    for name, r in results.items():
        if signal_of(name) == "source" and r.extras.get("domain"):
            return str(r.extras["domain"])
    return "the publisher"


def _source_value(names: Sequence[str], x: np.ndarray, feature: str) -> float | None:
    for i, n in enumerate(names):
        if signal_of(n) == "source" and n.endswith("__" + feature):
            return float(x[i])
    return None


def _generic(feature: str, value: float, high: bool) -> str:
    words = humanise(feature)
    if value in (0.0, 1.0) and not feature.endswith(_FLAG_ENDINGS):
        for prefix, neg in (("has_", "no "), ("is_", "not "), ("no_", "has ")):
            if feature.startswith(prefix):
                rest = humanise(feature[len(prefix):])
                return (f"{prefix[:-1]} {rest}" if prefix != "no_" else f"no {rest}") \
                    if value == 1.0 else f"{neg}{rest}"
        return words if value == 1.0 else f"no {words}"
    return f"{'high' if high else 'low'} {words} ({value:.3g})"


@lru_cache(maxsize=4096)
def _column_plan(column: str) -> tuple[str, str, tuple[str, str] | None, bool, bool]:
    """``(signal, feature, hand-written texts or None, reads as a 0/1 flag, is the source
    reliability column)`` of a column: what :func:`message_for` needs besides the values."""
    detector, _, feature = column.partition("__")
    signal = signal_of(detector)
    return (signal, feature, _MESSAGES.get((signal, feature)),
            not feature.endswith(_FLAG_ENDINGS), (signal, feature) == ("source", "reliability"))


#: Messages that depend only on (column, high, effect, flag value): built once per process.
_STATIC_MESSAGES: dict[tuple[str, bool, bool, float | None], str] = {}


def message_for(column: str, value: float, z: float, weight: float,
                results: Mapping[str, DetectorResult]) -> str:
    """One reader-facing sentence for a column's push: what the document shows, and the effect."""
    signal, feature, texts, flag, reliability = _column_plan(column)
    high = z > 0
    if reliability:
        high = value > 0  # centred at 0.5: above is "rated highly" whatever the training mean
    elif flag and value in (0.0, 1.0):
        high = value == 1.0
    # the text reads neither the value nor the domain: the same sentence every time
    if texts is not None:
        key = None if reliability or "{" in (texts[0] if high else texts[1]) else (
            column, high, weight > 0, None)
    else:
        # a 0/1 flag reads as words ("no lead tag"); other values print the number
        key = (column, high, weight > 0, value) if flag and value in (0.0, 1.0) else None
    if key is not None:
        cached = _STATIC_MESSAGES.get(key)
        if cached is None:
            cached = _STATIC_MESSAGES[key] = _message(signal, feature, texts, reliability, value,
                                                      high, weight, results)
        return cached
    return _message(signal, feature, texts, reliability, value, high, weight, results)


def _message(signal: str, feature: str, texts: tuple[str, str] | None, reliability: bool,
             value: float, high: bool, weight: float,
             results: Mapping[str, DetectorResult]) -> str:
    if texts is not None:
        text = texts[0] if high else texts[1]
        if "{" in text:
            text = text.format(domain=_domain(results) if "{domain" in text else "",
                               value=value)
        if reliability:
            text += f" ({value + 0.5:.2f} of 1)"
    else:
        text = _generic(feature, value, high)
    effect = "lowers credibility" if weight > 0 else "raises credibility"
    return f"{signal}: {text} ({effect})"


@dataclass(frozen=True)
class ColumnIndex:
    """Per-model facts about the columns, computed once (reasons run per document)."""

    names: tuple[str, ...]
    signals: tuple[str, ...]
    source: np.ndarray  # bool: a source.* column
    source_merge: np.ndarray  # bool: merged into "unrated" when the publisher is unknown
    has_url: int | None
    known: int | None
    explainable: np.ndarray  # bool: the push's sign agrees with the feature's own direction
    name_rank: np.ndarray | None = None  # int: position of each name in sorted order (ties)


def column_index(names: Sequence[str], explainable: Sequence[bool] | None = None
                 ) -> ColumnIndex:
    signals = tuple(signal_of(n.partition("__")[0]) for n in names)
    source = np.array([s == "source" for s in signals], dtype=bool)
    merge = source & ~np.array([n.endswith(("__is_ip", "__suffix_risk")) for n in names],
                               dtype=bool)

    def find(feature: str) -> int | None:
        for i, n in enumerate(names):
            if source[i] and n.endswith("__" + feature):
                return i
        return None

    expl = (np.ones(len(names), dtype=bool) if explainable is None
            else np.asarray(explainable, dtype=bool))
    rank = np.empty(len(names), dtype=np.int64)
    rank[sorted(range(len(names)), key=lambda i: names[i])] = np.arange(len(names))
    return ColumnIndex(tuple(names), signals, source, merge, find("has_url"), find("known"), expl,
                       rank)


def _has_url(index: ColumnIndex, x: np.ndarray,
             results: Mapping[str, DetectorResult]) -> bool:
    if index.has_url is not None:
        return bool(x[index.has_url] > 0)
    # the shipped model leaves has_url out (scorer.train.model_columns): ask the detector
    flags = [r.features.get("has_url", 0.0) > 0 for n, r in results.items()
             if signal_of(n) == "source" and "has_url" in r.features]
    return any(flags) if flags else (index.known is None or bool(x[index.known] > 0))


def _finish(index: ColumnIndex, x: np.ndarray, z: np.ndarray, contrib: np.ndarray,
            results: Mapping[str, DetectorResult], order: Sequence[int], merged: float,
            has_url: bool, min_weight: float, max_reasons: int) -> list[Reason]:
    """The reasons of one row from its columns in push order and its merged source push."""
    reasons: list[Reason] = []
    names, signals = index.names, index.signals
    for i in order[:max_reasons]:
        w = float(contrib[i])
        reasons.append(Reason(names[i], signals[i],
                              message_for(names[i], float(x[i]), float(z[i]), w, results), w))
    if abs(merged) >= min_weight:
        effect = "lowers credibility" if merged > 0 else "raises credibility"
        if not has_url:
            reasons.append(Reason("source.no_url", "source", "source: no URL, so the publisher "
                                  f"could not be checked against rating lists ({effect})", merged))
        else:
            name = _domain(results)
            who = "the publisher" if name == "the publisher" else f"the publisher {name}"
            reasons.append(Reason("source.unrated", "source",
                                  f"source: {who} is on no rating list ({effect})", merged))
        reasons.sort(key=lambda r: (-abs(r.weight), r.code))
        return reasons[:max_reasons]
    return reasons  # already in (-|push|, code) order: columns sort by (-|push|, name)


def reasons_many(index: ColumnIndex, X: np.ndarray, Z: np.ndarray, contrib: np.ndarray,
                 results: Sequence[Mapping[str, DetectorResult]], min_weight: float = 0.05,
                 max_reasons: int = 8) -> list[list[Reason]]:
    """:func:`reasons_for` of every row of a batch: the same reasons, with the masks and the
    ordering computed once over the batch's matrices instead of once per row."""
    n = len(results)
    if n == 0:
        return []
    if n == 1 and index.name_rank is not None:  # one page per call: plain floats are cheaper
        return [_reasons_one(index, X[0], Z[0], contrib[0], results[0], min_weight,
                             max_reasons)]
    if index.name_rank is None:
        return [reasons_for(index, X[i], Z[i], contrib[i], results[i], min_weight, max_reasons)
                for i in range(n)]
    has_url = [_has_url(index, X[i], results[i]) for i in range(n)]
    known = (np.ones(n, dtype=bool) if index.known is None else X[:, index.known] > 0)
    no_merge = np.zeros(len(index.names), dtype=bool)
    masks = [index.source if not has_url[i] else
             index.source_merge if not known[i] else no_merge for i in range(n)]
    merge = np.array(masks, dtype=bool)
    absc = np.abs(contrib)
    keep = ~merge & index.explainable & (absc >= min_weight)
    rows, cols = np.nonzero(keep)
    # by row, then largest push first, ties by name: each row's order as in reasons_for
    order = np.lexsort((index.name_rank[cols], -absc[rows, cols], rows))
    rows, cols = rows[order].tolist(), cols[order].tolist()
    starts = np.searchsorted(rows, np.arange(n + 1)).tolist() if rows else [0] * (n + 1)
    out = []
    for i in range(n):
        mask = masks[i]
        merged = float(contrib[i][mask].sum()) if mask is not no_merge else 0.0
        out.append(_finish(index, X[i], Z[i], contrib[i], results[i],
                           cols[starts[i]:starts[i + 1]], merged, has_url[i], min_weight,
                           max_reasons))
    return out


def _reasons_one(index: ColumnIndex, x: np.ndarray, z: np.ndarray, contrib: np.ndarray,
                 results: Mapping[str, DetectorResult], min_weight: float,
                 max_reasons: int) -> list[Reason]:
    """:func:`reasons_many` of a single row, the same reasons from the same numbers with fewer
    array operations (one page per call: a dozen small array operations cost more than the
    row itself). The merged source push is the same array sum."""
    has_url = _has_url(index, x, results)
    known = index.known is None or bool(x[index.known] > 0)
    case = 0 if not has_url else 1 if not known else 2
    allowed = getattr(index, "_allowed", None)
    if allowed is None:  # columns a reason may name, per merge case, and the names' ranks
        allowed = tuple(index.explainable & ~m for m in (
            index.source, index.source_merge, np.zeros(len(index.names), dtype=bool)))
        object.__setattr__(index, "_allowed", allowed)
        object.__setattr__(index, "_rank", index.name_rank.tolist())  # type: ignore[union-attr]
    mask = (index.source, index.source_merge, None)[case]
    merged = float(contrib[mask].sum()) if mask is not None else 0.0
    absc = np.abs(contrib)
    kept = np.flatnonzero(allowed[case] & (absc >= min_weight)).tolist()
    pushes = absc.tolist()
    rank = index._rank  # type: ignore[attr-defined]
    kept.sort(key=lambda i: (-pushes[i], rank[i]))  # as reasons_many's lexsort
    return _finish(index, x, z, contrib, results, kept, merged, has_url, min_weight,
                   max_reasons)


def reasons_for(index: ColumnIndex, x: np.ndarray, z: np.ndarray, contrib: np.ndarray,
                results: Mapping[str, DetectorResult], min_weight: float = 0.05,
                max_reasons: int = 8) -> list[Reason]:
    """Signed reasons sorted by absolute push (largest first).

    Pushes below ``min_weight`` are dropped, and so are columns whose learned push runs against
    the feature's own relation to the label (``index.explainable``: collinear corrections, e.g.
    "looks like original English lowers credibility", that would confuse a reader; they still
    count in the score). Source columns are merged into one reason when there is no URL or the
    publisher is on no list.
    """
    has_url = _has_url(index, x, results)
    known = index.known is None or bool(x[index.known] > 0)
    if not has_url:
        merge_mask = index.source
    elif not known:
        merge_mask = index.source_merge
    else:
        merge_mask = np.zeros(len(index.names), dtype=bool)
    merged = float(contrib[merge_mask].sum())
    keep = (~merge_mask) & index.explainable & (np.abs(contrib) >= min_weight)
    kept = np.flatnonzero(keep)
    if index.name_rank is not None:
        # largest push first, ties by name: the same order as sorting on (-|push|, name)
        order = [int(i) for i in kept[np.lexsort((index.name_rank[kept], -np.abs(contrib[kept])))]]
    else:
        order = [int(i) for i in kept]
        order.sort(key=lambda i: (-abs(float(contrib[i])), index.names[i]))
    return _finish(index, x, z, contrib, results, order, merged, has_url, min_weight,
                   max_reasons)
