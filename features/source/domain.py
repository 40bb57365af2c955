"""Source prior: what public rating lists say about the publisher's domain (``source.domain.v1``).

Signal: ``source``. A document's publisher is a strong prior on its credibility: outlets that
fact-checkers and media raters list as fabricating, conspiratorial or low in factual accuracy
publish low-credibility articles far more often, and gambling or link-shortener hosts are not
publishers at all. The detector reads ``doc.url`` (or ``metadata["canonical_url"]``) offline with
tldextract, strips ``www``/``m``/``amp``/``mobile`` hosts, decodes AMP-cache hosts, and looks the
host up in a compiled table (``features/data/source/domain_ratings.tsv``, built by
``features/source/build_table.py`` from Lin et al. pc1, Lasser et al., MBFC/Baly, OpenSources and
UT1 lists), falling back from a subdomain to its parent domains down to the registered domain.

Without a URL the detector does not measure: ``score`` is ``None`` and every feature is 0 with
``has_url = 0``, so the classifier falls back to content alone.

Known false positives: ratings are per outlet, not per article (a reliable outlet's opinion
column, a low-rated outlet's accurate wire copy); lists age (domains change hands); satire is
listed as low credibility although it does not try to deceive; a subdomain of a rated platform
inherits the platform's rating only when the subdomain itself is unlisted.

Reason codes (document-level evidence):
``source_rated_low`` (aggregate rating < 0.4), ``source_listed_fake`` (listed as fake news,
conspiracy, junk science, hate or disinformation), ``source_satire``, ``source_gambling_domain``,
``source_shortener`` (a URL shortener hides the publisher), ``source_ip_host`` (a bare IP address),
``source_risky_suffix`` (an unrated domain under a suffix dominated by listed bad domains).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from features.urls import host_of, split_host
from scorer.document import Document
from scorer.evidence import DetectorResult, Evidence

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "source"

_HOST_PREFIXES = ("www", "www1", "www2", "www3", "m", "mobile", "amp", "amp-", "mob")
_FAKE_TYPES = frozenset({"fake", "fake news", "conspiracy", "junksci", "hate"})
_PARTISAN_TYPES = frozenset({"bias", "political"})

FEATURE_NAMES: tuple[str, ...] = (
    "has_url", "is_ip", "known", "rated", "reliability", "rated_low", "listed_fake",
    "listed_satire", "listed_partisan", "gambling", "press", "shortener", "suffix_risk",
    "subdomain_fallback",
)


@dataclass(frozen=True, slots=True)
class DomainRecord:
    """One row of the compiled ratings table."""

    domain: str
    aggregate: float | None
    ratings: tuple[tuple[str, Any], ...]
    opensources: tuple[str, ...]
    lasser_type: str
    ut1: tuple[str, ...]


def _record(header: list[str], parts: list[str]) -> DomainRecord:
    """One parsed row of ``domain_ratings.tsv``."""
    rec = dict(zip(header, parts))
    ratings: list[tuple[str, Any]] = []
    if rec.get("pc1"):
        ratings.append(("pc1", float(rec["pc1"])))
    if rec.get("lasser_accuracy"):
        ratings.append(("lasser_accuracy", float(rec["lasser_accuracy"])))
    if rec.get("lasser_type"):
        ratings.append(("lasser", rec["lasser_type"]))
    if rec.get("mbfc_fact"):
        ratings.append(("mbfc_factuality", rec["mbfc_fact"]))
    os_types = tuple(t for t in rec.get("opensources", "").split("|") if t)
    if os_types:
        ratings.append(("opensources", "|".join(os_types)))
    ut1 = tuple(t for t in rec.get("ut1", "").split("|") if t)
    if ut1:
        ratings.append(("ut1", "|".join(ut1)))
    agg = float(rec["aggregate"]) if rec.get("aggregate") else None
    return DomainRecord(parts[0], agg, tuple(ratings), os_types, rec.get("lasser_type", ""), ut1)


class RatingsTable(Mapping[str, DomainRecord]):
    """The compiled domain table: every row's line is kept, and a row is parsed into its
    :class:`DomainRecord` the first time it is looked up (a process only ever looks up the
    domains it sees: loading is a tenth of parsing all 50,000 rows)."""

    def __init__(self, header: list[str], lines: dict[str, str]) -> None:
        self._header = header
        self._lines = lines
        self._parsed: dict[str, DomainRecord] = {}

    def __getitem__(self, domain: str) -> DomainRecord:
        found = self._parsed.get(domain)
        if found is None:
            line = self._lines[domain]  # KeyError for an unlisted domain, as a dict
            found = self._parsed[domain] = _record(self._header, line.split("\t"))
        return found

    def get(self, domain: str, default: Any = None) -> Any:  # type: ignore[override]
        found = self._parsed.get(domain)
        if found is not None:
            return found
        return self[domain] if domain in self._lines else default

    def __contains__(self, domain: object) -> bool:
        return domain in self._lines

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


@lru_cache(maxsize=1)
def ratings_table() -> RatingsTable:
    """The compiled domain table, read once on first use (rows parsed on lookup)."""
    header: list[str] | None = None
    lines: dict[str, str] = {}
    with open(DATA_DIR / "domain_ratings.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            line = line.rstrip("\n")
            if header is None:
                header = line.split("\t")
                continue
            lines[line.partition("\t")[0]] = line
    return RatingsTable(header or [], lines)


@lru_cache(maxsize=1)
def suffix_risks() -> dict[str, float]:
    """Per-suffix risk (share of listed bad domains), parsed once on first use."""
    out: dict[str, float] = {}
    with open(DATA_DIR / "suffix_risk.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith(("#", "suffix\t")) or not line.strip():
                continue
            suffix, value = line.rstrip("\n").split("\t")
            out[suffix] = float(value)
    return out


def _strip_prefixes(host: str) -> str:
    """Drop ``www``/``m``/``amp``... labels that name a variant of the same site."""
    while True:
        first, _, rest = host.partition(".")
        if rest and rest.count(".") >= 1 and first in _HOST_PREFIXES:
            host = rest
            continue
        return host


def origin_url(url: str) -> str:
    """The publisher URL behind AMP caches (``*.cdn.ampproject.org``, ``google.com/amp/s/``)."""
    url = url.strip()
    host = host_of(url)
    if host.endswith(".cdn.ampproject.org"):
        label = host[: -len(".cdn.ampproject.org")].split(".")[-1]
        return label.replace("--", "\x00").replace("-", ".").replace("\x00", "-")
    if host.endswith("google.com") or ".google." in host:
        try:
            path = urlsplit(url if "//" in url else "//" + url).path
        except ValueError:
            return url
        for marker in ("/amp/s/", "/amp/"):
            if path.startswith(marker) and len(path) > len(marker):
                return path[len(marker):]
    return url


def candidates(host: str, registered: str) -> list[str]:
    """``host`` and its parent domains down to (and including) the registered domain."""
    out = [host]
    while host != registered and "." in host:
        host = host.split(".", 1)[1]
        out.append(host)
        if host == registered:
            break
    if registered and out[-1] != registered:
        out.append(registered)
    return out


@dataclass(frozen=True)
class DomainPrior:
    """Ratings of the publisher's domain from public lists (see the module docstring).

    Parameters
    ----------
    low_rating:
        Aggregate reliability below which a domain is reported as rated low (0.4: below the
        midpoint of MBFC "mixed" and about where pc1 separates "unreliable" lists).
    risky_suffix:
        Suffix risk from which an unrated domain is reported for its suffix (0.9: suffixes such
        as .top/.xyz/.buzz where listed domains are almost all gambling or fake-news hosts).
    """

    name: str = "source.domain.v1"
    feature_names: tuple[str, ...] = FEATURE_NAMES
    low_rating: float = 0.4
    risky_suffix: float = 0.9

    def __call__(self, doc: Document) -> DetectorResult:
        url = doc.url or (doc.metadata.get("canonical_url") if doc.metadata else None)
        if not isinstance(url, str) or not url.strip():
            feats = dict.fromkeys(self.feature_names, 0.0)
            return DetectorResult(self.name, feats, (), None, {"domain": None, "ratings": {}})
        # Everything below depends on the publisher's host alone: judged once per host (a crawl
        # sees the same hosts again and again), copied per call (results are not shared).
        made = _judged(self, host_of(origin_url(url)))
        return DetectorResult(made.detector, dict(made.features), made.evidence, made.score,
                              {"domain": made.extras["domain"],
                               "ratings": dict(made.extras["ratings"])})

    def judge_host(self, host: str) -> DetectorResult:
        """The result for a page served from ``host`` (lower-cased, as :func:`host_of` gives)."""
        feats = dict.fromkeys(self.feature_names, 0.0)
        parts = split_host(host)
        if not parts.host or not (parts.is_ip or parts.domain):  # no usable host: not measured
            return DetectorResult(self.name, feats, (), None, {"domain": None, "ratings": {}})
        feats["has_url"] = 1.0
        evidence: list[Evidence] = []
        if parts.is_ip:
            feats["is_ip"] = 1.0
            evidence.append(Evidence("source_ip_host",
                                     f"the page is served from a bare IP address ({parts.host}),"
                                     " not a named publisher", None, 0.5))
            return DetectorResult(self.name, feats, tuple(evidence), 0.5,
                                  {"domain": None, "ratings": {}})
        registered = parts.domain
        table = ratings_table()
        host = _strip_prefixes(parts.host)
        record: DomainRecord | None = None
        for i, cand in enumerate(candidates(host, registered)):
            record = table.get(cand)
            if record is not None:
                feats["subdomain_fallback"] = 1.0 if i > 0 else 0.0
                break
        risk = suffix_risks().get(parts.suffix, 0.0)
        domain = registered or None
        if record is None:
            # Only for unlisted domains: a listed domain's own ratings say more than its suffix.
            feats["suffix_risk"] = risk
            score = min(0.5, 0.5 * risk)
            if risk >= self.risky_suffix:
                evidence.append(Evidence(
                    "source_risky_suffix",
                    f"{domain} is in no rating list and its suffix .{parts.suffix} is dominated "
                    f"by listed gambling or fake-news hosts (risk {risk:.2f})", None, 0.3))
            return DetectorResult(self.name, feats, tuple(evidence), score,
                                  {"domain": domain, "ratings": {}})

        feats["known"] = 1.0
        scores: list[float] = []
        name = record.domain
        if record.aggregate is not None:
            feats["rated"] = 1.0
            feats["reliability"] = record.aggregate - 0.5
            scores.append(1.0 - record.aggregate)
            if record.aggregate < self.low_rating:
                feats["rated_low"] = 1.0
                evidence.append(Evidence(
                    "source_rated_low",
                    f"{name} is rated low by media-rating lists (aggregate reliability "
                    f"{record.aggregate:.2f} of 1)", None, round(1.0 - record.aggregate, 3)))
        fake = sorted(set(record.opensources) & _FAKE_TYPES)
        if record.lasser_type == "disinformation":
            fake.append("disinformation")
        if "fakenews" in record.ut1:
            fake.append("UT1 fakenews")
        if fake:
            feats["listed_fake"] = 1.0
            scores.append(0.9)
            evidence.append(Evidence("source_listed_fake",
                                     f"{name} is listed as {', '.join(fake)}", None, 0.9))
        if "satire" in record.opensources or record.lasser_type == "satire":
            feats["listed_satire"] = 1.0
            evidence.append(Evidence("source_satire", f"{name} is listed as a satire site",
                                     None, 0.6))
        if set(record.opensources) & _PARTISAN_TYPES:
            feats["listed_partisan"] = 1.0
        if "gambling" in record.ut1:
            feats["gambling"] = 1.0
            scores.append(1.0)
            evidence.append(Evidence("source_gambling_domain",
                                     f"{name} is listed as a gambling site", None, 1.0))
        if "press" in record.ut1:
            feats["press"] = 1.0
        if "shortener" in record.ut1:
            feats["shortener"] = 1.0
            scores.append(0.3)
            evidence.append(Evidence("source_shortener",
                                     f"{name} is a URL shortener: the publisher is hidden",
                                     None, 0.3))
        score = max(scores) if scores else 0.0
        ratings = {k: v for k, v in record.ratings}
        return DetectorResult(self.name, feats, tuple(evidence), round(min(1.0, score), 4),
                              {"domain": domain, "ratings": ratings})


@lru_cache(maxsize=16384)
def _judged(detector: DomainPrior, host: str) -> DetectorResult:
    """:meth:`DomainPrior.judge_host`, remembered per detector and host (callers copy its
    mutable parts: see :meth:`DomainPrior.__call__`)."""
    return detector.judge_host(host)
